package service

import (
	"bytes"
	"compress/flate"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
)

// privacyPerson is a customer of the privacy tests, with what must vanish.
type privacyPerson struct {
	cust  data.Customer
	cases []data.Case
	att   []byte // an attachment only they sent
}

func sha(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }

// privacyFixture: 张晓明 (two cases with notes, findings, remedies,
// evidence, a letter, mail in with an attachment and mail out), 李娜 (one
// case, nothing shared) and 张晓敏 (a similar name, her own case).
func privacyFixture(t *testing.T, svc *Service) (zhang, li, min privacyPerson) {
	t.Helper()
	ctx := context.Background()
	setMailAccount(t, svc)
	if _, err := svc.Settings.SetAgency(ctx, boss, func(ag *data.Agency) { ag.Name = "快乐旅行社" }); err != nil {
		t.Fatal(err)
	}
	mk := func(c data.Customer, subject, desc string, amount data.Money) data.Case {
		t.Helper()
		cs, err := svc.Cases.Create(ctx, wang, data.NewCase{Kind: data.KindComplaint, Category: "forced_shopping",
			Severity: data.SeverityNormal, Channel: data.ChannelPhone, Subject: subject, Description: desc,
			Demand: "退款并道歉", Amount: amount, Customer: c, Booking: data.Booking{Ref: "ORD-778899", Product: "云南六日游"}})
		if err != nil {
			t.Fatal(err)
		}
		return cs
	}
	add := func(p *privacyPerson, c data.Case, tag string) {
		t.Helper()
		if _, err := svc.Cases.AddNote(ctx, wang, c.Number, p.cust.Name+"来电，电话 "+p.cust.Phone); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Cases.SetFindings(ctx, wang, c.Number, data.Findings{Facts: p.cust.Name + "被带去购物店",
			Responsibility: data.ResponsibilityAgency, Decision: "向" + p.cust.Name + "道歉并退款",
			Remedies: []data.Remedy{{Kind: "refund", Amount: 300_00, Note: "退给" + p.cust.Name}}}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Cases.Attach(ctx, wang, c.Number, p.cust.Name+"-收据.png", bytes.NewReader(testPNG(t, 16+len(tag), 16)), p.cust.Name+"的收据"); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Documents.IssueLetter(ctx, wang, c.Number, data.LetterAck, "zh-Hans"); err != nil {
			t.Fatal(err)
		}
		att := []byte("attachment of " + p.cust.Name + " " + tag)
		m := data.Message{MessageID: tag + "@163.com", From: p.cust.Name + " <" + p.cust.Email + ">", FromAddress: p.cust.Email,
			To: []string{"kefu@agency.example"}, Subject: p.cust.Name + "的补充材料", Text: "我是" + p.cust.Name + "，电话 " + p.cust.Phone + "（" + tag + "）",
			Attachments: []data.Attachment{{Name: p.cust.Name + "-照片.bin", ContentType: "application/octet-stream", Size: int64(len(att)), SHA256: sha(att)}},
			Direction:   data.DirectionIn, Status: data.MessageReceived}
		if _, err := svc.core.store.ImportMail(ctx, "", data.FolderState{}, []data.IncomingMail{{Message: m,
			Raw: []byte("From: " + p.cust.Email + "\n\n" + m.Text), Attachments: map[string][]byte{sha(att): att}}},
			func(data.MailLookup, *data.IncomingMail) (data.Decision, error) {
				return data.Decision{Outcome: data.OutcomeThreaded, CaseID: c.ID}, nil
			}, nil); err != nil {
			t.Fatal(err)
		}
		out, err := svc.Mail.Reply(ctx, wang, c.Number, data.Reply{Text: p.cust.Name + "您好，已收到"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.core.store.MarkSending(ctx, out.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.core.store.RecordSend(ctx, out.ID, nil, false, []byte("To: "+p.cust.Email+"\n\n"+p.cust.Name+"您好")); err != nil {
			t.Fatal(err)
		}
		p.att = att
		got, err := svc.Cases.Get(ctx, c.Number)
		if err != nil {
			t.Fatal(err)
		}
		p.cases = append(p.cases, got)
	}
	zhang.cust = data.Customer{Name: "张晓明", Phone: "13912345678", Email: "xm.zhang@163.com", WeChat: "zxm_wechat"}
	c1 := mk(zhang.cust, "导游强制购物", "张晓明说导游强迫购物", 500_00)
	zhang.cust.ID = c1.CustomerID
	if _, err := svc.core.store.Update(ctx, c1.Number, func(c *data.Case, _ data.Settings, _ time.Time) error {
		c.Satisfaction = data.Satisfaction{Rating: 2, Reason: "张晓明觉得赔偿太少"}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	add(&zhang, c1, "z1")
	c2 := mk(data.Customer{Name: "张晓明", Phone: "139 1234 5678", Email: "XM.Zhang@163.com"}, "酒店不符", "张晓明的房间没有窗", 800_00)
	if c2.CustomerID != zhang.cust.ID {
		t.Fatalf("the same phone made another customer: %d %d", c2.CustomerID, zhang.cust.ID)
	}
	add(&zhang, c2, "z2")
	li.cust = data.Customer{Name: "李娜", Phone: "13700001111", Email: "li.na@qq.com"}
	c3 := mk(li.cust, "行李丢失", "李娜的行李丢了", 200_00)
	li.cust.ID = c3.CustomerID
	add(&li, c3, "l1")
	min.cust = data.Customer{Name: "张晓敏", Phone: "13655556666", Email: "xiaomin@126.com"}
	c4 := mk(min.cust, "导游强制购物", "张晓敏也被带去购物", 500_00)
	min.cust.ID = c4.CustomerID
	add(&min, c4, "m1")
	return zhang, li, min
}

func closeCase(t *testing.T, svc *Service, number string) {
	t.Helper()
	for _, to := range []data.Status{data.StatusAcknowledged, data.StatusInvestigating, data.StatusProposed,
		data.StatusAgreed, data.StatusResolved, data.StatusClosed} {
		c, err := svc.Cases.Get(context.Background(), number)
		if err != nil {
			t.Fatal(err)
		}
		if slices.Index(data.Statuses, c.Status) >= slices.Index(data.Statuses, to) {
			continue
		}
		if to == data.StatusClosed {
			followedUp(t, svc, number) // closing needs a follow-up
		}
		if _, err := svc.Cases.Move(context.Background(), boss, number, to, ""); err != nil {
			t.Fatalf("%s → %s: %v", number, to, err)
		}
	}
}

func TestCustomerExportHoldsTheirDataAndNobodyElses(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	zhang, li, min := privacyFixture(t, svc)
	dir := filepath.Join(t.TempDir(), "export")
	before, _, _ := svc.Audit.Head(ctx)
	res, err := svc.Privacy.Export(ctx, wang, zhang.cases[0].Number, dir, "en") // a case number names its customer
	if err != nil {
		t.Fatal(err)
	}
	if res.Customer.ID != zhang.cust.ID || res.Cases != 2 || res.Messages != 4 || res.Dir != dir {
		t.Fatalf("%+v", res)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "customer.json"))
	if err != nil {
		t.Fatal(err)
	}
	var got CustomerExportJSON
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	if got.Customer.Name != "张晓明" || got.Customer.Phone != zhang.cust.Phone || got.Customer.Email != zhang.cust.Email ||
		got.Customer.WeChat != "zxm_wechat" || got.Customer.Reference != data.CustomerRef(zhang.cust.ID) {
		t.Errorf("customer %+v", got.Customer)
	}
	var numbers []string
	for _, c := range got.Cases {
		numbers = append(numbers, c.Number)
		if len(c.Messages) != 2 || len(c.Timeline) == 0 || len(c.Findings.Remedies) != 1 || len(c.Letters) != 1 || len(c.Evidence) != 1 {
			t.Errorf("case %s: %d messages, %d events, %d remedies, %d letters, %d evidence", c.Number, len(c.Messages),
				len(c.Timeline), len(c.Findings.Remedies), len(c.Letters), len(c.Evidence))
		}
		for _, m := range c.Messages {
			for _, a := range m.Attachments {
				b, err := os.ReadFile(filepath.Join(dir, a.File))
				if err != nil || sha(b) != a.SHA256 || a.SHA256 == "" {
					t.Errorf("attachment %+v: %v", a, err)
				}
			}
		}
		if len(c.Files) != 2 {
			t.Errorf("case %s files %v", c.Number, c.Files)
		}
	}
	if s := got.Cases[0].Satisfaction; s.Rating != 2 || s.Reason != "张晓明觉得赔偿太少" {
		t.Errorf("the follow-up: %+v", s)
	}
	slices.Sort(numbers)
	if want := []string{zhang.cases[0].Number, zhang.cases[1].Number}; !slices.Equal(numbers, want) {
		t.Errorf("cases %v, want %v", numbers, want)
	}
	for _, f := range got.Files {
		b, err := os.ReadFile(filepath.Join(dir, f.Path))
		if err != nil || sha(b) != f.SHA256 || int64(len(b)) != f.Size {
			t.Errorf("file %+v: %v", f, err)
		}
	}
	if len(got.Files) != 6 { // per case: a letter, an evidence file, an attachment
		t.Errorf("%d files: %+v", len(got.Files), got.Files)
	}
	// Nothing of anyone else's: not their names, contacts, cases or files.
	var all bytes.Buffer
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if strings.HasSuffix(p, ".pdf") && filepath.Base(p) != "customer.pdf" {
				return nil // issued letters are compressed PDFs: checked by their SHA-256 above
			}
			b, _ := os.ReadFile(p)
			all.Write(b)
			all.WriteString(p)
		}
		return nil
	})
	for _, other := range []privacyPerson{li, min} {
		for _, s := range []string{other.cust.Phone, other.cust.Email, other.cases[0].Number, string(other.att), sha(other.att), `"` + other.cust.Name} {
			if strings.Contains(all.String(), s) {
				t.Errorf("the export holds %q of another customer", s)
			}
		}
	}
	pdfBytes, err := os.ReadFile(filepath.Join(dir, "customer.pdf"))
	if err != nil || !bytes.HasPrefix(pdfBytes, []byte("%PDF-")) {
		t.Fatalf("customer.pdf: %v", err)
	}
	// Recorded: by reference, never by name.
	after, head, _ := svc.Audit.Head(ctx)
	if after != before+1 || got.AuditHead != head {
		t.Errorf("the export's entry: %d → %d, head %s vs %s", before, after, got.AuditHead, head)
	}
	if _, err := svc.Audit.Verify(ctx); err != nil {
		t.Fatal(err)
	}
	lastEntry(t, svc, data.AuditExport, data.CustomerRef(zhang.cust.ID))

	// Hostile: an unknown customer, a folder with files in it, no role.
	if _, err := svc.Privacy.Export(ctx, wang, "#999", filepath.Join(t.TempDir(), "x"), ""); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("unknown customer: %v", err)
	}
	if _, err := svc.Privacy.Export(ctx, wang, "Z-2026-0001", filepath.Join(t.TempDir(), "x"), ""); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("unknown case: %v", err)
	}
	if _, err := svc.Privacy.Export(ctx, wang, data.CustomerRef(zhang.cust.ID), dir, ""); !errors.Is(err, ErrExportExists) {
		t.Errorf("into the export just written: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "customer.json")); err != nil {
		t.Errorf("a refused export touched the folder: %v", err)
	}
	empty := filepath.Join(t.TempDir(), "empty")
	os.Mkdir(empty, 0o700)
	if _, err := svc.Privacy.Export(ctx, wang, fmt.Sprint(li.cust.ID), empty, "zh-Hant"); err != nil {
		t.Errorf("into an empty folder: %v", err)
	}
	if _, err := svc.Privacy.Export(ctx, data.Actor{Name: "路人"}, fmt.Sprint(li.cust.ID), filepath.Join(t.TempDir(), "y"), ""); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("no role: %v", err)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".casebook-export-*"))
	if len(leftovers) != 0 {
		t.Errorf("temporary folders left: %v", leftovers)
	}
}

func lastEntry(t *testing.T, svc *Service, kind data.AuditKind, what string) {
	t.Helper()
	es, err := svc.core.store.AuditTail(context.Background(), 1)
	if err != nil || len(es) != 1 {
		t.Fatalf("%v %v", es, err)
	}
	last := es[0]
	if last.Kind != kind || last.What != what {
		t.Errorf("last entry %+v, want %s %q", last, kind, what)
	}
}

// figures are what reports count: cases by month, category, status and
// channel, deadlines met and missed, and amounts.
func figures(t *testing.T, svc *Service) string {
	t.Helper()
	ctx := context.Background()
	now := svc.Now()
	counts := map[string]int{}
	money := map[string]data.Money{}
	for _, r := range svc.Cases.List(data.Filter{}, data.Sort{}, now) {
		c, err := svc.core.store.CaseByID(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		counts["month "+c.ReceivedAt.Format("2006-01")]++
		counts["category "+c.Category]++
		counts["status "+string(c.Status)]++
		counts["channel "+string(c.Channel)]++
		counts["kind "+string(c.Kind)]++
		counts[fmt.Sprintf("first response %v", c.FirstResponse.State(now))]++
		counts[fmt.Sprintf("resolution %v", c.Resolution.State(now))]++
		counts[fmt.Sprintf("first met %v", !c.FirstResponse.MetAt.IsZero() && !c.FirstResponse.MetAt.After(c.FirstResponse.Due))]++
		counts[fmt.Sprintf("responsibility %s", c.Responsibility)]++
		counts[fmt.Sprintf("rating %d", c.Satisfaction.Rating)]++
		money["claimed "+c.Currency] += c.Amount
		f := c.Findings()
		money["remedies "+c.Currency] += f.Total()
		for _, rm := range c.Remedies {
			money["recovered "+c.Currency] += rm.Recovered
		}
	}
	b, _ := json.Marshal([]any{counts, money})
	return string(b)
}

func TestAnonymiseEraseKeepsFiguresAndTheChain(t *testing.T) {
	ctx := context.Background()
	svc, now := newTestService(t)
	zhang, li, min := privacyFixture(t, svc)
	path := svc.Path()

	// Refused while a case is open, and to anyone but the owner.
	if _, err := svc.Privacy.Anonymise(ctx, boss, data.CustomerRef(zhang.cust.ID)); !errors.As(err, new(*data.AnonymiseRefusedError)) {
		t.Fatalf("open cases: %v", err)
	}
	for _, c := range append(append(zhang.cases, li.cases...), min.cases...) {
		closeCase(t, svc, c.Number)
	}
	chen := data.Actor{Name: "陈静", Role: data.RoleSupervisor}
	if _, err := svc.Privacy.Anonymise(ctx, chen, data.CustomerRef(zhang.cust.ID)); !errors.Is(err, data.ErrForbidden) {
		t.Fatalf("a supervisor anonymising: %v", err)
	}
	if _, err := svc.Privacy.Anonymise(ctx, boss, "#4242"); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("unknown customer: %v", err)
	}
	*now = now.Add(time.Hour)
	figs := figures(t, svc)
	liCase, _ := svc.Cases.Get(ctx, li.cases[0].Number)

	res, err := svc.Privacy.Anonymise(ctx, boss, fmt.Sprint(zhang.cust.ID))
	if err != nil {
		t.Fatal(err)
	}
	if res.Already || len(res.Cases) != 2 || res.Messages != 4 || res.Blobs < 6 {
		t.Fatalf("%+v", res)
	}
	if got := figures(t, svc); got != figs {
		t.Errorf("figures changed:\n%s\n%s", figs, got)
	}
	if _, err := svc.Audit.Verify(ctx); err != nil {
		t.Fatalf("verify after anonymising: %v", err)
	}
	c, _ := svc.Cases.Get(ctx, zhang.cases[0].Number)
	last := c.Timeline[len(c.Timeline)-1]
	if c.Customer.Name != "客户 #"+fmt.Sprint(zhang.cust.ID) || c.Customer.Phone != "" || last.Type != data.EventAnonymised || last.By != boss.Name || last.Arg(data.ArgCount) != "2" {
		t.Errorf("case after: %+v, last event %+v", c.Customer, last)
	}
	es, _ := svc.Audit.Case(ctx, c.Number)
	if k := es[len(es)-2].Kind; k != data.AuditAnonymised {
		t.Errorf("no anonymised entry before the event: %s", k)
	}
	if got, _ := svc.Cases.Get(ctx, li.cases[0].Number); fmt.Sprint(got) != fmt.Sprint(liCase) {
		t.Error("another customer's case changed")
	}
	for _, q := range []string{"张晓明", "13912345678", "xm.zhang@163.com"} {
		for _, r := range svc.Cases.List(data.Filter{Query: q}, data.Sort{}, svc.Now()) {
			t.Errorf("search %q finds %s", q, r.Number)
		}
	}
	if cs, _ := svc.core.store.FindCustomers(ctx, "139123", 5); len(cs) != 0 {
		t.Errorf("found by phone: %+v", cs)
	}
	if n := len(svc.Cases.List(data.Filter{Query: "张晓敏"}, data.Sort{}, svc.Now())); n != 1 {
		t.Errorf("the customer with a similar name: %d cases", n)
	}
	for _, b := range [][]byte{li.att, min.att} {
		if _, err := svc.Documents.Blob(ctx, sha(b)); err != nil {
			t.Errorf("another customer's attachment: %v", err)
		}
	}
	if _, err := svc.Documents.Blob(ctx, sha(zhang.att)); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("their attachment is still held: %v", err)
	}

	// Twice: nothing written, no second event.
	n, head, _ := svc.Audit.Head(ctx)
	again, err := svc.Privacy.Anonymise(ctx, boss, c.Number)
	if err != nil || !again.Already {
		t.Fatalf("again: %+v %v", again, err)
	}
	if n2, head2, _ := svc.Audit.Head(ctx); n2 != n || head2 != head {
		t.Error("anonymising twice wrote to the chain")
	}
	if c2, _ := svc.Cases.Get(ctx, c.Number); len(c2.Timeline) != len(c.Timeline) {
		t.Error("a second anonymised event")
	}
	// A later change that holds nothing to erase (a corrected amount keeps
	// its values) leaves the next anonymisation with nothing to do, and the
	// chain verifiable: its entry's salt is not touched.
	if _, err := svc.core.store.Update(ctx, c.Number, func(cs *data.Case, _ data.Settings, at time.Time) error {
		cs.Timeline = append(cs.Timeline, data.Event{At: at, By: boss.Name, Type: data.EventEdited,
			Args: map[string]string{data.ArgField: "amount", data.ArgCurrency: "CNY"}, Old: "500.00", New: "500.00"})
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if again, err := svc.Privacy.Anonymise(ctx, boss, c.Number); err != nil || !again.Already {
		t.Fatalf("after a corrected amount: %+v %v", again, err)
	}
	if _, err := svc.Audit.Verify(ctx); err != nil {
		t.Fatalf("verify after a later change and a second anonymisation: %v", err)
	}
	if !svc.CompactRequested() {
		t.Error("no compaction asked for")
	}
	// Reopened and closed again, with a note: written after the anonymisation.
	if _, err := svc.Cases.Move(ctx, boss, c.Number, data.StatusInvestigating, "客户又来电"); err != nil {
		t.Fatal(err)
	}
	closeCase(t, svc, c.Number)
	svc.Close()

	// Before compaction the old records are still in the file's free pages:
	// the scan below finds them there.
	if !fileMentions(t, path, "张晓明") {
		t.Error("the erased name is not in the free pages before compaction: the scan proves nothing")
	}
	if _, ok, err := ApplyPendingCompact(ctx, path, time.Now(), time.Second); !ok || err != nil {
		t.Fatalf("compaction: %v %v", ok, err)
	}
	for _, s := range []string{"张晓明", zhang.cust.Phone, "139 1234 5678", zhang.cust.Email, "zxm_wechat", string(zhang.att), "赔偿太少"} {
		if fileMentions(t, path, s) {
			t.Errorf("%q is still in the database file", s)
		}
	}
	if !fileMentions(t, path, "张晓敏") || !fileMentions(t, path, li.cust.Email) {
		t.Error("the scan cannot find what is there")
	}

	// A one-byte change to a non-personal field of the anonymised case still
	// breaks the chain; so does a change to what was written after the
	// anonymisation, personal or not.
	verifyErr := func() *data.AuditBrokenError {
		t.Helper()
		svc2, err := Open(ctx, path, Options{Passwords: fakePasswords{}})
		if err != nil {
			t.Fatal(err)
		}
		defer svc2.Close()
		_, err = svc2.Audit.Verify(ctx)
		var be *data.AuditBrokenError
		if err != nil && !errors.As(err, &be) {
			t.Fatal(err)
		}
		return be
	}
	if be := verifyErr(); be != nil {
		t.Fatalf("after compaction: %v", be)
	}
	tamperJSON(t, path, c.ID, `"category":"forced_shopping"`, `"category":"forced_shoppinG"`)
	if be := verifyErr(); be == nil || be.Number != c.Number {
		t.Fatalf("a changed category on an anonymised case: %v", be)
	}
	tamperJSON(t, path, c.ID, `"category":"forced_shoppinG"`, `"category":"forced_shopping"`)
	if be := verifyErr(); be != nil {
		t.Fatalf("restored: %v", be)
	}
	tamperJSON(t, path, c.ID, `"text":"客户又来电"`, `"text":"客户又来电!"`)
	if be := verifyErr(); be == nil || be.Number != c.Number || be.Why != data.AuditBrokenEvent {
		t.Fatalf("a note written after the anonymisation, changed: %v", be)
	}
}

// tamperJSON replaces old by new in a stored case's JSON, behind Casebook's back.
func tamperJSON(t *testing.T, path string, id uint64, old, new string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("cases"))
		k := make([]byte, 8)
		for i := range 8 {
			k[i] = byte(id >> (56 - 8*i))
		}
		js, err := io.ReadAll(flate.NewReader(bytes.NewReader(b.Get(k)[1:])))
		if err != nil {
			return err
		}
		if !bytes.Contains(js, []byte(old)) {
			return fmt.Errorf("no %s in %s", old, js)
		}
		js = bytes.Replace(js, []byte(old), []byte(new), 1)
		var buf bytes.Buffer
		buf.WriteByte(1)
		w, _ := flate.NewWriter(&buf, flate.BestSpeed)
		w.Write(js)
		w.Close()
		return b.Put(k, buf.Bytes())
	})
	if err != nil {
		t.Fatal(err)
	}
}

// fileMentions reads the whole database file: its bytes as they are, and
// every DEFLATE stream found in it (records are compressed), decompressed.
func fileMentions(t *testing.T, path, s string) bool {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte(s)) {
		return true
	}
	for i := range raw {
		if raw[i] != 1 {
			continue
		}
		out, _ := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(raw[i+1:])), 4<<20))
		if bytes.Contains(out, []byte(s)) {
			return true
		}
	}
	return false
}

func TestRetentionDueAndBulkAnonymise(t *testing.T) {
	ctx := context.Background()
	svc, now := newTestService(t)
	zhang, li, min := privacyFixture(t, svc)
	for _, c := range append(zhang.cases, li.cases...) {
		closeCase(t, svc, c.Number)
	}
	closeCase(t, svc, min.cases[0].Number)
	*now = now.AddDate(2, 1, 0)
	// 张晓明 has a recent case: kept. 李娜 is due; 张晓敏's case is reopened: kept.
	recent, err := svc.Cases.Create(ctx, wang, data.NewCase{Kind: data.KindSuggestion, Category: "other", Severity: data.SeverityLow,
		Channel: data.ChannelWalkIn, Subject: "建议", Customer: data.Customer{Name: "张晓明", Phone: zhang.cust.Phone}})
	if err != nil || recent.CustomerID != zhang.cust.ID {
		t.Fatalf("%v %d", err, recent.CustomerID)
	}
	if _, err := svc.Cases.Move(ctx, boss, min.cases[0].Number, data.StatusInvestigating, "再查"); err != nil {
		t.Fatal(err)
	}
	due, err := svc.Privacy.Due(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(due.Due) != 1 || due.Due[0].Customer != li.cust.ID || len(due.Due[0].Cases) != 1 {
		t.Fatalf("due %+v", due)
	}
	if len(due.Kept) != 1 || due.Kept[0].Customer != zhang.cust.ID || due.Kept[0].KeptBy != recent.Number {
		t.Fatalf("kept %+v", due.Kept)
	}
	if _, _, err := svc.Privacy.AnonymiseDue(ctx, wang, time.Time{}); !errors.Is(err, data.ErrForbidden) {
		t.Fatalf("staff: %v", err)
	}
	_, rs, err := svc.Privacy.AnonymiseDue(ctx, boss, time.Time{})
	if err != nil || len(rs) != 1 || rs[0].Customer != li.cust.ID {
		t.Fatalf("%+v %v", rs, err)
	}
	if due, _ := svc.Privacy.Due(ctx, time.Time{}); len(due.Due) != 0 {
		t.Errorf("still due after: %+v", due.Due)
	}
	if c, _ := svc.Cases.Get(ctx, zhang.cases[0].Number); c.Customer.Name != "张晓明" {
		t.Error("a kept customer was anonymised")
	}
	if _, err := svc.Audit.Verify(ctx); err != nil {
		t.Fatal(err)
	}
	// An earlier date: nothing is due.
	if due, _ := svc.Privacy.Due(ctx, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)); len(due.Due)+len(due.Kept) != 0 {
		t.Errorf("due before 2020: %+v", due)
	}
}

// Printing personal data is an audit entry: issuing a letter, handing it
// out again, a case archive, an archive of closed cases.
func TestEveryPrintIsAnAuditEntry(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	zhang, _, _ := privacyFixture(t, svc) // issued an acknowledgement per case
	c := zhang.cases[0]
	es, _ := svc.Audit.Case(ctx, c.Number)
	if !slices.ContainsFunc(es, func(e data.AuditEntry) bool {
		return e.Kind == data.AuditPrint && e.What == "letter:ack" && e.By == wang.Name
	}) {
		t.Errorf("issuing a letter left no print entry: %+v", es)
	}
	step := func(what string, kind data.AuditKind, want string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		lastEntry(t, svc, kind, want)
	}
	_, _, err := svc.Documents.IssuedLetter(ctx, wang, c.Number, data.LetterAck, "")
	step("issued letter", data.AuditPrint, "letter:ack:reprint", err)
	l := c.Letters[0]
	_, err = svc.Documents.ReprintLetter(ctx, wang, c.Number, l)
	step("reprint", data.AuditPrint, "letter:ack:reprint", err)
	_, err = svc.Documents.PrintArchive(ctx, wang, c.Number)
	step("archive", data.AuditPrint, "archive", err)
	closeCase(t, svc, c.Number)
	_, n, err := svc.Documents.PrintClosedArchive(ctx, wang, svc.Now(), svc.Now(), nil)
	if n != 1 {
		t.Errorf("%d cases in the closed archive", n)
	}
	day := svc.Now().Format(time.DateOnly)
	step("closed archive", data.AuditPrint, "closed_archive:"+day+".."+day, err)
	es, _ = svc.core.store.AuditTail(ctx, 1)
	if es[0].CaseID != 0 || es[0].By != wang.Name {
		t.Errorf("closed archive entry %+v", es[0])
	}
	// Refused: nothing printed, nothing recorded.
	n0, _, _ := svc.Audit.Head(ctx)
	if _, err := svc.Documents.ReprintLetter(ctx, data.Actor{Name: "路人"}, c.Number, l); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("no role: %v", err)
	}
	if n1, _, _ := svc.Audit.Head(ctx); n1 != n0 {
		t.Error("a refused print was recorded")
	}
	if _, err := svc.Audit.Verify(ctx); err != nil {
		t.Fatal(err)
	}
}

// What names a customer on another customer's case goes with them: a case
// opened for 王建国 and moved to 赵丽 (the corrections keep the old name,
// phone and e-mail), and mail 王建国 sent that was threaded onto 赵丽's case
// (its raw message too, and the mail event's author and subject).
func TestAnonymiseErasesTracesOnOtherCustomersCases(t *testing.T) {
	ctx := context.Background()
	svc, now := newTestService(t)
	setMailAccount(t, svc)
	path := svc.Path()
	mk := func(c data.Customer, subject string, amount data.Money) data.Case {
		t.Helper()
		cs, err := svc.Cases.Create(ctx, wang, data.NewCase{Kind: data.KindComplaint, Category: "forced_shopping",
			Severity: data.SeverityNormal, Channel: data.ChannelPhone, Subject: subject, Amount: amount, Customer: c})
		if err != nil {
			t.Fatal(err)
		}
		return cs
	}
	a := data.Customer{Name: "王建国", Phone: "13811112222", Email: "jianguo.wang@163.com", WeChat: "wjg_weixin"}
	b := data.Customer{Name: "赵丽", Phone: "13533334444", Email: "zhao.li@qq.com", WeChat: "zl_weixin"}
	own := mk(a, "导游强制购物", 300_00)
	a.ID = own.CustomerID
	bOwn := mk(b, "酒店不符", 400_00)
	b.ID = bOwn.CustomerID
	moved := mk(a, "行程变更", 500_00)
	if moved.CustomerID != a.ID {
		t.Fatalf("the same phone made another customer")
	}
	name, phone, email := b.Name, b.Phone, b.Email
	got, err := svc.Cases.Edit(ctx, boss, moved.Number, data.CaseEdit{Name: &name, Phone: &phone, Email: &email, Customer: data.CustomerMove})
	if err != nil || got.CustomerID != b.ID {
		t.Fatalf("moving the case: %v %d", err, got.CustomerID)
	}
	// 王建国 writes about 赵丽's case; the mail is threaded there.
	att := []byte("王建国的照片 13811112222")
	m := data.Message{MessageID: "wjg-1@163.com", From: "王建国 <" + a.Email + ">", FromAddress: a.Email,
		To: []string{"kefu@agency.example"}, Cc: []string{b.Email}, Subject: "王建国关于行程", Text: "我是王建国，电话 13811112222",
		Attachments: []data.Attachment{{Name: "王建国.bin", ContentType: "application/octet-stream", Size: int64(len(att)), SHA256: sha(att)}},
		Direction:   data.DirectionIn, Status: data.MessageReceived}
	rawMail := []byte("From: 王建国 <" + a.Email + ">\nX-Phone: 13811112222\n\n" + m.Text)
	if _, err := svc.core.store.ImportMail(ctx, "", data.FolderState{}, []data.IncomingMail{{Message: m,
		Raw: rawMail, Attachments: map[string][]byte{sha(att): att}}},
		func(data.MailLookup, *data.IncomingMail) (data.Decision, error) {
			return data.Decision{Outcome: data.OutcomeThreaded, CaseID: moved.ID}, nil
		}, nil); err != nil {
		t.Fatal(err)
	}
	// 赵丽's own mail on her case stays hers, though she sent him a copy:
	// only his address goes (and the raw message, whose headers name him).
	bAtt := []byte("赵丽的发票")
	bm := data.Message{MessageID: "zl-1@qq.com", From: "赵丽 <" + b.Email + ">", FromAddress: b.Email,
		To: []string{"kefu@agency.example"}, Cc: []string{a.Email}, Subject: "赵丽补充", Text: "赵丽的补充说明", Direction: data.DirectionIn, Status: data.MessageReceived,
		Attachments: []data.Attachment{{Name: "发票.bin", ContentType: "application/octet-stream", Size: int64(len(bAtt)), SHA256: sha(bAtt)}}}
	if _, err := svc.core.store.ImportMail(ctx, "", data.FolderState{}, []data.IncomingMail{{Message: bm,
		Raw: []byte("From: " + b.Email + "\nCc: " + a.Email + "\n\n" + bm.Text), Attachments: map[string][]byte{sha(bAtt): bAtt}}},
		func(data.MailLookup, *data.IncomingMail) (data.Decision, error) {
			return data.Decision{Outcome: data.OutcomeThreaded, CaseID: moved.ID}, nil
		}, nil); err != nil {
		t.Fatal(err)
	}
	// An event naming 王建国 as the sender on 赵丽's own case (a mail that
	// named another case), written behind the service as the mail import does.
	if _, err := svc.core.store.Update(ctx, bOwn.Number, func(c *data.Case, _ data.Settings, at time.Time) error {
		c.Timeline = append(c.Timeline, data.Event{At: at, By: a.Email, Type: data.EventMentions,
			Args: map[string]string{data.ArgCase: own.Number, data.ArgFrom: a.Email}})
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	// Free text: a note on the moved case names him; 赵丽's own case has his
	// phone, written otherwise; a namesake's case keeps the name, not his phone.
	if _, err := svc.Cases.AddNote(ctx, wang, moved.Number, "王建国说改到下周"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Cases.AddNote(ctx, wang, bOwn.Number, "同行人电话 138-1111-2222"); err != nil {
		t.Fatal(err)
	}
	namesake := mk(data.Customer{Name: "王建国", Phone: "13999990000"}, "另一位王建国", 100_00)
	if _, err := svc.Cases.AddNote(ctx, wang, namesake.Number, "王建国本人来电；另一个王建国的电话是13811112222"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{own.Number, bOwn.Number, moved.Number, namesake.Number} {
		closeCase(t, svc, c)
	}
	*now = now.Add(time.Hour)
	figs := figures(t, svc)
	bBefore, _ := svc.Cases.Get(ctx, bOwn.Number)
	for _, s := range []string{a.Name, a.Phone, a.Email} {
		if !fileMentions(t, path, s) { // committed pages are in the file
			t.Fatalf("%q is not in the file before: the scan proves nothing", s)
		}
	}

	res, err := svc.Privacy.Anonymise(ctx, boss, data.CustomerRef(a.ID))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(res.Cases)
	if want := []string{own.Number, bOwn.Number, moved.Number, namesake.Number}; !slices.Equal(res.Cases, want) || res.Messages != 2 || res.Blobs != 3 {
		t.Fatalf("%+v, want cases %v, 2 messages, 3 files (his raw mail and attachment, her raw mail)", res, want)
	}
	if got := figures(t, svc); got != figs {
		t.Errorf("figures changed:\n%s\n%s", figs, got)
	}
	if _, err := svc.Audit.Verify(ctx); err != nil {
		t.Fatalf("verify: %v", err)
	}
	// 赵丽's data is intact: her record, her cases' customer, her mail.
	mv, _ := svc.Cases.Get(ctx, moved.Number)
	if mv.Customer.Name != b.Name || mv.Customer.Phone != b.Phone || mv.Customer.Email != b.Email || mv.Subject != "行程变更" {
		t.Errorf("the moved case's customer: %+v %q", mv.Customer, mv.Subject)
	}
	for _, number := range []string{moved.Number, bOwn.Number} {
		es, _ := svc.Audit.Case(ctx, number)
		c, _ := svc.Cases.Get(ctx, number)
		if last := c.Timeline[len(c.Timeline)-1]; last.Type != data.EventAnonymised || es[len(es)-2].Kind != data.AuditAnonymised ||
			es[len(es)-2].What != data.CustomerRef(a.ID) {
			t.Errorf("%s: last event %+v, entry %+v", number, last, es[len(es)-2])
		}
	}
	ns, _ := svc.Cases.Get(ctx, namesake.Number)
	if ns.Customer.Name != "王建国" || !slices.ContainsFunc(ns.Timeline, func(ev data.Event) bool {
		return ev.Note == "王建国本人来电；另一个王建国的电话是"
	}) {
		t.Errorf("the namesake's case: %+v", ns.Timeline)
	}
	var newValues []string
	for _, ev := range mv.Timeline {
		if ev.Type == data.EventEdited {
			newValues = append(newValues, ev.Arg(data.ArgField)+":"+ev.Old+"→"+ev.New)
		}
	}
	want := []string{"customer_moved:客户 #" + fmt.Sprint(a.ID) + "→" + b.Name + " #" + fmt.Sprint(b.ID),
		"customer:客户 #" + fmt.Sprint(a.ID) + "→" + b.Name, "phone:→" + b.Phone,
		"email:" + data.AnonymisedAddress(a.ID) + "→" + b.Email, "wechat:→" + b.WeChat}
	if !slices.Equal(newValues, want) {
		t.Errorf("corrections on the moved case:\n%q\nwant\n%q", newValues, want)
	}
	byCase, _, err := svc.core.store.CustomerMessages(ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	var kept, erasedMsg bool
	for _, msg := range byCase[moved.ID] {
		switch msg.MessageID {
		case "zl-1@qq.com":
			kept = msg.Text == bm.Text && msg.FromAddress == b.Email && slices.Equal(msg.Cc, []string{data.AnonymisedAddress(a.ID)}) &&
				msg.Attachments[0].Name == "发票.bin"
		case "wjg-1@163.com":
			erasedMsg = msg.FromAddress == data.AnonymisedAddress(a.ID) && msg.Text == "" && slices.Equal(msg.Cc, []string{b.Email}) && msg.RawSHA256 != ""
		}
	}
	if !kept || !erasedMsg {
		t.Errorf("赵丽's mail kept %v, 王建国's erased %v: %+v", kept, erasedMsg, byCase[moved.ID])
	}
	if _, err := svc.Documents.Blob(ctx, sha(att)); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("his attachment on her case is still held: %v", err)
	}
	if _, err := svc.Documents.Blob(ctx, sha(bAtt)); err != nil {
		t.Errorf("her attachment: %v", err)
	}
	if bAfter, _ := svc.Cases.Get(ctx, bOwn.Number); bAfter.Customer != bBefore.Customer || bAfter.Subject != bBefore.Subject {
		t.Errorf("赵丽's own case: %+v", bAfter.Customer)
	}
	if cs, _ := svc.core.store.FindCustomers(ctx, "138111", 5); len(cs) != 0 {
		t.Errorf("found by his phone: %+v", cs)
	}
	if cs, _ := svc.core.store.FindCustomers(ctx, "135333", 5); len(cs) != 1 || cs[0].ID != b.ID {
		t.Errorf("赵丽 by her phone: %+v", cs)
	}
	for _, q := range []string{a.Phone, a.Email} {
		for _, r := range svc.Cases.List(data.Filter{Query: q}, data.Sort{}, svc.Now()) {
			t.Errorf("search %q finds %s", q, r.Number)
		}
	}
	if rs := svc.Cases.List(data.Filter{Query: a.Name}, data.Sort{}, svc.Now()); len(rs) != 1 || rs[0].Number != namesake.Number {
		t.Errorf("search %q: %+v, want only the namesake's case", a.Name, rs)
	}
	// Twice: nothing left to do, nothing written.
	n, head, _ := svc.Audit.Head(ctx)
	if again, err := svc.Privacy.Anonymise(ctx, boss, data.CustomerRef(a.ID)); err != nil || !again.Already {
		t.Fatalf("again: %+v %v", again, err)
	}
	if n2, head2, _ := svc.Audit.Head(ctx); n2 != n || head2 != head {
		t.Error("anonymising twice wrote to the chain")
	}
	svc.Close()
	if _, ok, err := ApplyPendingCompact(ctx, path, time.Now(), time.Second); !ok || err != nil {
		t.Fatalf("compaction: %v %v", ok, err)
	}
	for _, s := range []string{a.Phone, "138-1111-2222", a.Email, a.WeChat, "王建国关于行程", "王建国说", string(att)} {
		if fileMentions(t, path, s) {
			t.Errorf("%q is still in the database file", s)
		}
	}
	for _, s := range []string{b.Name, b.Phone, b.Email, "赵丽的补充说明", "王建国本人来电"} {
		if !fileMentions(t, path, s) {
			t.Errorf("赵丽's %q is gone from the file", s)
		}
	}
	svc2, err := Open(ctx, path, Options{Passwords: fakePasswords{}})
	if err != nil {
		t.Fatal(err)
	}
	defer svc2.Close()
	if _, err := svc2.Audit.Verify(ctx); err != nil {
		t.Fatalf("verify after compaction: %v", err)
	}
	// His name is left only where it is the namesake's: on that case, as its
	// customer, in its subject and in the note about the namesake.
	for _, r := range svc2.Cases.List(data.Filter{}, data.Sort{}, svc2.Now()) {
		c, err := svc2.core.store.CaseByID(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		byCase, unfiled, err := svc2.core.store.CustomerMessages(ctx, c.CustomerID)
		if err != nil {
			t.Fatal(err)
		}
		js, _ := json.Marshal([]any{c, byCase, unfiled})
		if r.Number == namesake.Number {
			js = bytes.ReplaceAll(js, []byte(`"王建国本人来电；另一个王建国的电话是"`), nil)
			js = bytes.ReplaceAll(js, []byte(`"name":"王建国"`), nil)
			js = bytes.ReplaceAll(js, []byte(`"subject":"另一位王建国"`), nil)
		}
		if bytes.Contains(js, []byte(a.Name)) {
			t.Errorf("%s still names him: %s", r.Number, js)
		}
	}
}

// Two customers erased in one call (retention) whose mail sits on a third
// customer's open case: that case gets an anonymised entry and event for
// each, and the chain and the figures hold.
func TestAnonymiseDueErasesTracesOfSeveralOnOneCase(t *testing.T) {
	ctx := context.Background()
	svc, now := newTestService(t)
	setMailAccount(t, svc)
	mk := func(c data.Customer) data.Case {
		t.Helper()
		cs, err := svc.Cases.Create(ctx, wang, data.NewCase{Kind: data.KindComplaint, Category: "meals",
			Severity: data.SeverityNormal, Channel: data.ChannelEmail, Subject: "投诉", Amount: 100_00, Customer: c})
		if err != nil {
			t.Fatal(err)
		}
		return cs
	}
	a := data.Customer{Name: "钱多多", Phone: "13100001111", Email: "qdd@163.com"}
	c := data.Customer{Name: "孙悟空", Phone: "13200002222", Email: "swk@qq.com"}
	x := data.Customer{Name: "周星星", Phone: "13300003333", Email: "zxx@126.com"}
	aCase, cCase, xCase := mk(a), mk(c), mk(x)
	for i, who := range []data.Customer{a, c} {
		m := data.Message{MessageID: fmt.Sprintf("m%d@x", i), From: who.Name + " <" + who.Email + ">", FromAddress: who.Email,
			To: []string{"kefu@agency.example"}, Subject: who.Name + "的信", Text: who.Name + "写的，电话" + who.Phone,
			Direction: data.DirectionIn, Status: data.MessageReceived}
		if _, err := svc.core.store.ImportMail(ctx, "", data.FolderState{}, []data.IncomingMail{{Message: m, Raw: []byte("From: " + who.Email + "\n\n" + m.Text)}},
			func(data.MailLookup, *data.IncomingMail) (data.Decision, error) {
				return data.Decision{Outcome: data.OutcomeThreaded, CaseID: xCase.ID}, nil
			}, nil); err != nil {
			t.Fatal(err)
		}
	}
	closeCase(t, svc, aCase.Number)
	closeCase(t, svc, cCase.Number)
	*now = now.AddDate(3, 0, 0)
	figs := figures(t, svc)
	due, rs, err := svc.Privacy.AnonymiseDue(ctx, boss, time.Time{})
	if err != nil || len(due.Due) != 2 || len(rs) != 2 {
		t.Fatalf("%+v %+v %v", due, rs, err)
	}
	for _, r := range rs {
		if r.Messages != 1 || !slices.Contains(r.Cases, xCase.Number) {
			t.Errorf("%+v", r)
		}
	}
	if got := figures(t, svc); got != figs {
		t.Errorf("figures changed:\n%s\n%s", figs, got)
	}
	if _, err := svc.Audit.Verify(ctx); err != nil {
		t.Fatalf("verify: %v", err)
	}
	got, _ := svc.Cases.Get(ctx, xCase.Number)
	es, _ := svc.Audit.Case(ctx, xCase.Number)
	var whats []string
	for _, e := range es {
		if e.Kind == data.AuditAnonymised {
			whats = append(whats, e.What)
		}
	}
	if want := []string{data.CustomerRef(aCase.CustomerID), data.CustomerRef(cCase.CustomerID)}; !slices.Equal(whats, want) {
		t.Errorf("anonymised entries %v, want %v", whats, want)
	}
	n := 0
	for _, ev := range got.Timeline {
		if ev.Type == data.EventAnonymised {
			n++
		}
		if strings.Contains(ev.By+ev.Arg(data.ArgSubject), a.Name) || strings.Contains(ev.By+ev.Arg(data.ArgSubject), c.Name) ||
			strings.Contains(ev.By, a.Email) || strings.Contains(ev.By, c.Email) {
			t.Errorf("an event still names them: %+v", ev)
		}
	}
	if n != 2 || got.Customer.Name != x.Name || got.Customer.Email != x.Email || !got.Status.Open() {
		t.Errorf("%d anonymised events; %+v %s", n, got.Customer, got.Status)
	}
	path := svc.Path()
	svc.Close()
	if _, ok, err := ApplyPendingCompact(ctx, path, time.Now(), time.Second); !ok || err != nil {
		t.Fatalf("compaction: %v %v", ok, err)
	}
	for _, s := range []string{a.Name, a.Phone, a.Email, c.Name, c.Phone, c.Email} {
		if fileMentions(t, path, s) {
			t.Errorf("%q is still in the database file", s)
		}
	}
	if !fileMentions(t, path, x.Name) || !fileMentions(t, path, x.Email) {
		t.Error("the third customer's data is gone")
	}
}
