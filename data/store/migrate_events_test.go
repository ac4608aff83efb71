package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
	"casebook/data/present"
)

// openFixture opens a copy of testdata/schema2.db (bbolt writes on open).
func openFixture(t *testing.T) (*Store, string) {
	t.Helper()
	raw, err := os.ReadFile("testdata/schema2.db")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "schema2.db")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return s, path
}

func TestMigrateSchema2Events(t *testing.T) {
	s, _ := openFixture(t)
	defer s.Close()
	ctx := context.Background()
	s.db.View(func(tx *bolt.Tx) error {
		if v := binary.BigEndian.Uint64(tx.Bucket(bucketMeta).Get([]byte("schema"))); v != SchemaVersion {
			t.Errorf("schema %d after open, want %d", v, SchemaVersion)
		}
		return nil
	})
	st := s.Settings()
	cases := map[string]data.Case{}
	total := 0
	for _, n := range []string{"A-2026-0001", "A-2026-0002", "A-2026-0003"} {
		c, err := s.Case(ctx, n)
		if err != nil {
			t.Fatal(err)
		}
		cases[n] = c
		total += len(c.Timeline)
		for i, e := range c.Timeline {
			if e.Type == data.EventLegacy {
				t.Errorf("%s #%d: a known sentence was not converted: %+v", n, i, e)
			}
		}
	}
	if total != 35 {
		t.Errorf("%d events after migration, the fixture has 35", total)
	}
	// The same meaning as the schema-2 sentences, in every language.
	want := []struct {
		number         string
		i              int
		en, hans, hant string
	}{
		{"A-2026-0001", 0, "Case recorded: Complaint via Walk-in", "登记案件：投诉，来源：到店", "登記案件：投訴，來源：臨櫃"},
		{"A-2026-0001", 1, "Status: New → Acknowledged — 已电话联系客户", "状态：新登记 → 已受理（已电话联系客户）", "狀態：新登記 → 已受理（已电话联系客户）"},
		{"A-2026-0001", 2, "Letter issued: Acknowledgement letter (Simplified Chinese)", "出具函件：受理确认函（简体中文）", "出具函件：受理確認函（簡體中文）"},
		{"A-2026-0001", 3, "Handler: 王芳 → 李强", "经办人：王芳 → 李强", "經辦人：王芳 → 李强"},
		{"A-2026-0001", 4, "Severity: Normal → Urgent; deadlines recalculated", "严重程度：一般 → 紧急，期限已重新计算", "嚴重程度：一般 → 緊急，期限已重新計算"},
		{"A-2026-0001", 5, "Category: Accommodation → Booking error", "类别：住宿 → 预订错误", "類別：住宿 → 預訂錯誤"},
		{"A-2026-0001", 6, "Waiting: Not waiting → Waiting on customer — 等客户提供照片", "等待：无需等待 → 等待客户（等客户提供照片）", "等待：無需等待 → 等待客戶（等客户提供照片）"},
		{"A-2026-0001", 8, "Escalation: Staff → Supervisor — 客户情绪激动", "升级：员工 → 主管（客户情绪激动）", "升級：員工 → 主管（客户情绪激动）"},
		{"A-2026-0001", 9, "Note: 已联系酒店核实", "备注：已联系酒店核实", "備註：已联系酒店核实"},
		{"A-2026-0001", 11,
			"Findings changed: Investigation, Facts found, Responsibility, Root cause, Decision, Remedies, Payment; responsibility Not yet determined → Supplier; remedies total CNY 2,378.00",
			"调查与处理已更新：调查经过、查明的事实、责任认定、原因分析、处理决定、补偿方案、支付；责任认定 尚未认定 → 供应商责任；补救合计 人民币 2,378.00 元",
			"調查與處理已更新：調查經過、查明的事實、責任認定、原因分析、處理決定、補償方案、支付；責任認定 尚未認定 → 供應商責任；補救合計 人民幣 2,378.00 元"},
		{"A-2026-0001", 12,
			"Findings changed: Facts found, Responsibility, Preventive action, Evidence needed; responsibility Supplier → Shared",
			"调查与处理已更新：查明的事实、责任认定、预防措施、尚需补充的材料；责任认定 供应商责任 → 多方共同责任",
			"調查與處理已更新：查明的事實、責任認定、預防措施、尚需補充的資料；責任認定 供應商責任 → 多方共同責任"},
		{"A-2026-0001", 17, "Waiting on supplier ended: the case is Resolved", "等待供应商结束：案件已解决", "等待供應商結束：案件已解決"},
		{"A-2026-0001", 19, "Letter issued: Closure letter (English)", "出具函件：结案通知书（英文）", "出具函件：結案通知書（英文）"},
		{"A-2026-0001", 20, "Severity: Urgent → Low", "严重程度：紧急 → 低", "嚴重程度：緊急 → 低"},
		{"A-2026-0002", 2, "Status: New → Declined — 不属于本社业务范围", "状态：新登记 → 不予受理（不属于本社业务范围）", "狀態：新登記 → 不予受理（不属于本社业务范围）"},
		{"A-2026-0002", 3, "Waiting on customer ended: the case is Declined", "等待客户结束：案件不予受理", "等待客戶結束：案件不予受理"},
		{"A-2026-0002", 4, "Letter issued: Decline notice (Traditional Chinese)", "出具函件：不予受理通知书（繁体中文）", "出具函件：不予受理通知書（繁體中文）"},
		{"A-2026-0003", 1, "E-mail received: 申請退團退款", "收到邮件：申請退團退款", "收到郵件：申請退團退款"},
		{"A-2026-0003", 2, "E-mail queued: [案件 A-2026-0003] 已收到 → chen@example.test, cc@example.test",
			"邮件待发：[案件 A-2026-0003] 已收到 → chen@example.test, cc@example.test", "郵件待發：[案件 A-2026-0003] 已收到 → chen@example.test, cc@example.test"},
		{"A-2026-0003", 3, "E-mail sent: [案件 A-2026-0003] 已收到", "邮件已发出：[案件 A-2026-0003] 已收到", "郵件已發出：[案件 A-2026-0003] 已收到"},
		{"A-2026-0003", 5, "E-mail bounced: [案件 A-2026-0003] 已收到 (550 5.1.1 user unknown)",
			"邮件被退回：[案件 A-2026-0003] 已收到（550 5.1.1 user unknown）", "郵件被退回：[案件 A-2026-0003] 已收到（550 5.1.1 user unknown）"},
		{"A-2026-0003", 7, "E-mail not delivered: 补充材料 (550 no such user)", "邮件发送失败：补充材料（550 no such user）", "郵件發送失敗：补充材料（550 no such user）"},
	}
	for _, w := range want {
		e := cases[w.number].Timeline[w.i]
		for lang, text := range map[string]string{"en": w.en, "zh-Hans": w.hans, "zh-Hant": w.hant} {
			if got := present.For(lang).Event(e, st); got != text {
				t.Errorf("%s #%d in %s:\n got %q\nwant %q", w.number, w.i, lang, got, text)
			}
		}
	}
	// What a person typed stays a note; the sentences became arguments.
	if e := cases["A-2026-0001"].Timeline[1]; e.Note != "已电话联系客户" || len(e.Args) != 0 {
		t.Errorf("status note: %+v", e)
	}
	if e := cases["A-2026-0001"].Timeline[11]; e.Note != "" || e.Arg(data.ArgTotal) != "2378.00" || e.Arg(data.ArgCurrency) != "CNY" {
		t.Errorf("findings: %+v", e)
	}
	if c := cases["A-2026-0002"]; c.StatusNote(data.StatusDeclined) != "不属于本社业务范围" {
		t.Errorf("decline reason %q", c.StatusNote(data.StatusDeclined))
	}

	// Running the migration again changes nothing.
	if err := s.db.Update(migrateEvents); err != nil {
		t.Fatal(err)
	}
	for n, c := range cases {
		again, _ := s.Case(ctx, n)
		if !reflect.DeepEqual(again.Timeline, c.Timeline) {
			t.Errorf("%s changed on a second migration", n)
		}
	}
}

func TestMigratedFixtureStillRefusedByOlderSchemaCheck(t *testing.T) {
	s, path := openFixture(t)
	s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put([]byte("schema"), u64(SchemaVersion+1)) })
	s.Close()
	if _, err := Open(context.Background(), path); err == nil {
		t.Fatal("a database from a newer Casebook opened")
	}
}

func TestUpgradeEventKeepsWhatItCannotRead(t *testing.T) {
	none := func() []data.Message { return nil }
	for _, tc := range []struct {
		in       data.Event
		wantType data.EventType
		wantNote string
		render   string // in zh-Hans
	}{
		{data.Event{Type: data.EventFindings, Note: "budget, mood"}, data.EventLegacy, "budget, mood", "budget, mood"},
		{data.Event{Type: "mystery", Note: "something odd happened"}, data.EventLegacy, "something odd happened", "something odd happened"},
		{data.Event{Type: data.EventCreated, Note: "imported from the old system", New: "new"}, data.EventLegacy,
			"imported from the old system", "imported from the old system（— → new）"},
		{data.Event{Type: data.EventSeverity, Note: "checked by phone", Old: "low", New: "urgent"}, data.EventLegacy,
			"checked by phone", "checked by phone（low → urgent）"},
		{data.Event{Type: data.EventMailFailed, Note: "no colon here"}, data.EventLegacy, "no colon here", "no colon here"},
		{data.Event{Type: data.EventWaiting, Note: "客户出差", New: "customer"}, data.EventWaiting, "客户出差", "等待：无需等待 → 等待客户（客户出差）"},
	} {
		got := upgradeEvent(tc.in, none)
		if got.Type != tc.wantType || got.Note != tc.wantNote {
			t.Errorf("%+v → %+v", tc.in, got)
		}
		if r := present.For("zh-Hans").Event(got, data.DefaultSettings()); r != tc.render {
			t.Errorf("%+v renders %q, want %q", got, r, tc.render)
		}
		if again := upgradeEvent(got, none); !reflect.DeepEqual(again, got) {
			t.Errorf("not idempotent: %+v → %+v", got, again)
		}
	}
	// A subject with ": " in it is split where our own message's subject ends.
	msgs := func() []data.Message { return []data.Message{{Subject: "Re: 行程: 第二天"}} }
	e := upgradeEvent(data.Event{Type: data.EventMailFailed, Note: "Re: 行程: 第二天: 550 5.1.1 <x@y>: unknown"}, msgs)
	if e.Arg(data.ArgSubject) != "Re: 行程: 第二天" || e.Arg(data.ArgError) != "550 5.1.1 <x@y>: unknown" {
		t.Errorf("split %+v", e.Args)
	}
}

func TestACopyIsKeptBeforeMigrating(t *testing.T) {
	orig, err := os.ReadFile("testdata/schema2.db")
	if err != nil {
		t.Fatal(err)
	}
	s, path := openFixture(t)
	s.Close()
	copies, _ := filepath.Glob(path + fmt.Sprintf(".before-migration-2to%d-*", SchemaVersion))
	if len(copies) != 1 {
		t.Fatalf("copies kept: %v", copies)
	}
	info, err := InspectBackup(context.Background(), copies[0])
	if err != nil || info.Schema != 2 || info.Cases != 3 {
		t.Fatalf("the copy: %+v %v", info, err)
	}
	if st, _ := os.Stat(copies[0]); st.Size() > int64(len(orig))+4096*4 {
		t.Errorf("copy of %d bytes for a file of %d", st.Size(), len(orig))
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".casebook-*")); len(left) != 0 {
		t.Errorf("left %v", left)
	}
	// Opening the migrated file again copies nothing more; nor does a new database.
	s2, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s2.Close()
	fresh := filepath.Join(t.TempDir(), "new.db")
	s3, err := Open(context.Background(), fresh)
	if err != nil {
		t.Fatal(err)
	}
	s3.Close()
	again, _ := filepath.Glob(path + ".before-migration-*")
	none, _ := filepath.Glob(fresh + ".before-migration-*")
	if len(again) != 1 || len(none) != 0 {
		t.Errorf("copies: %v %v", again, none)
	}
}

func TestNoMigrationWithoutACopy(t *testing.T) {
	raw, err := os.ReadFile("testdata/schema2.db")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "schema2.db")
	os.WriteFile(path, raw, 0o600)
	// The copy's name is taken (by a folder): the migration is refused, the file stays schema 2.
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	os.Mkdir(path+fmt.Sprintf(".before-migration-2to%d-20261202-090000", SchemaVersion), 0o700)
	if _, err := Open(context.Background(), path, WithClock(func() time.Time { return now })); err == nil || !strings.Contains(err.Error(), "nothing was migrated") {
		t.Fatalf("open: %v", err)
	}
	s, err := Open(context.Background(), path, WithReadOnly())
	if !errors.As(err, new(*data.NeedsUpgradeError)) {
		t.Fatalf("the file after a refused migration: %v", err)
	}
	_ = s
}
