package service

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"casebook/data"
)

var chen = data.Actor{Name: "陈静", Role: data.RoleSupervisor}

func customerCase(t *testing.T, svc *Service, kind data.Kind, cust data.Customer, received time.Time) data.Case {
	t.Helper()
	c, err := svc.Cases.Create(context.Background(), wang, data.NewCase{Kind: kind, Category: "forced_shopping",
		Severity: data.SeverityNormal, Channel: data.ChannelPhone, Subject: "导游强制购物", Customer: cust, ReceivedAt: received})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func customerNames(list []data.CustomerSummary) []string {
	var out []string
	for _, c := range list {
		out = append(out, c.Name)
	}
	slices.Sort(out)
	return out
}

// Merging two records of one person moves their cases (with the case's
// copy of the customer and a timeline event), the cases' messages, tags,
// notes and contacts; the phone and e-mail of the record merged away find
// the kept one (a new case lands there); the merged record is gone, its
// reference says where it went; the audit chain records the merge and
// still verifies.
func TestCustomerMergeMovesEverything(t *testing.T) {
	ctx := context.Background()
	svc, nowp := newTestService(t)
	now := *nowp
	keepCase := customerCase(t, svc, data.KindComplaint, data.Customer{Name: "张伟", Phone: "13800000001"}, now.Add(-time.Hour))
	otherCase := customerCase(t, svc, data.KindComplaint, data.Customer{Name: "张伟", Phone: "13900000002", Email: "zhang.wei@qq.com", WeChat: "zw88"}, now.Add(-2*time.Hour))
	keep, other := keepCase.CustomerID, otherCase.CustomerID
	if keep == other {
		t.Fatal("two records expected")
	}
	setMailAccount(t, svc)
	importMessage(t, svc, otherCase, data.Message{MessageID: "in-1@qq.com", From: "张伟 <zhang.wei@qq.com>", FromAddress: "zhang.wei@qq.com",
		Subject: "补充", Text: "照片见附件"})
	if _, err := svc.Mail.Reply(ctx, wang, otherCase.Number, data.Reply{Text: "收到，我们会尽快处理"}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Customers.SetTags(ctx, wang, other, []string{"常客", "老年团"}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Customers.SetTags(ctx, wang, keep, []string{"常客"}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Customers.AddNote(ctx, wang, other, "喜欢电话联系，下午三点后"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Customers.SetVIP(ctx, wang, other, true); err != nil {
		t.Fatal(err)
	}
	// Staff may not merge.
	if _, err := svc.Customers.Merge(ctx, wang, keep, other); !errors.Is(err, data.ErrForbidden) {
		t.Fatalf("staff merge: %v", err)
	}
	res, err := svc.Customers.Merge(ctx, chen, keep, other)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Cases, []string{otherCase.Number}) || res.Messages != 2 || res.Notes != 1 || res.Tags != 1 {
		t.Fatalf("result %+v", res)
	}
	moved, err := svc.Cases.Get(ctx, otherCase.Number)
	if err != nil {
		t.Fatal(err)
	}
	last := moved.Timeline[len(moved.Timeline)-1]
	if moved.CustomerID != keep || moved.Customer.ID != keep || moved.Customer.Phone != "13800000001" ||
		last.Type != data.EventCustomerMerged || last.Old != data.CustomerRef(other) || last.New != data.CustomerRef(keep) || last.By != chen.Name {
		t.Fatalf("moved case: %+v, last event %+v", moved.Customer, last)
	}
	pg, err := svc.Customers.Page(ctx, keep)
	if err != nil {
		t.Fatal(err)
	}
	if len(pg.Cases) != 2 || !pg.Profile.VIP || !slices.Equal(pg.Profile.Tags, []string{"常客", "老年团"}) ||
		len(pg.Profile.Notes) != 1 || pg.Profile.Notes[0].By != wang.Name || pg.Email != "zhang.wei@qq.com" || pg.WeChat != "zw88" {
		t.Fatalf("kept page: %+v", pg)
	}
	// The other phone is on the history (keep has a phone of its own).
	if !slices.ContainsFunc(pg.Profile.History, func(h data.ContactChange) bool {
		return h.Field == data.ContactPhone && h.Old == "13900000002" && h.Source == data.ContactByMerge
	}) {
		t.Fatalf("history %+v", pg.Profile.History)
	}
	// Messages: the moved case's mail is the kept customer's.
	byCase, _, err := svc.core.store.CustomerMessages(ctx, keep)
	if err != nil || len(byCase[otherCase.ID]) != 2 {
		t.Fatalf("kept customer's messages: %v %v", byCase, err)
	}
	// The export of the kept customer holds their notes, tags and history.
	if _, err := svc.Settings.SetAgency(ctx, boss, func(a *data.Agency) { a.Name = "快乐旅行社" }); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "export")
	if _, err := svc.Privacy.Export(ctx, boss, data.CustomerRef(keep), dir, "en"); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "customer.json"))
	if err != nil || !strings.Contains(string(raw), "喜欢电话联系，下午三点后") || !strings.Contains(string(raw), "老年团") ||
		!strings.Contains(string(raw), "13900000002") {
		t.Fatalf("export: %v\n%s", err, raw)
	}
	// The merged record is gone; its reference says where it went.
	var me *data.MergedError
	if _, err := svc.Customers.Resolve(ctx, data.CustomerRef(other)); !errors.As(err, &me) || me.Into != keep {
		t.Fatalf("resolve merged: %v", err)
	}
	// Its phone and e-mail find the kept record: at intake and in the search.
	again := customerCase(t, svc, data.KindSuggestion, data.Customer{Name: "张先生", Phone: "139-0000-0002"}, now.Add(-time.Minute))
	byMail := customerCase(t, svc, data.KindSuggestion, data.Customer{Name: "张先生", Email: "Zhang.Wei@qq.com"}, now.Add(-time.Minute))
	if again.CustomerID != keep || byMail.CustomerID != keep {
		t.Fatalf("intake after merge: %d %d, want %d", again.CustomerID, byMail.CustomerID, keep)
	}
	for _, q := range []string{"13900000002", "0000 0002", "zhang.wei", "zw8"} {
		list, err := svc.Customers.List(ctx, CustomerQuery{Text: q})
		if err != nil || len(list) != 1 || list[0].ID != keep {
			t.Fatalf("search %q: %+v %v", q, list, err)
		}
	}
	// The audit chain holds the merge and verifies.
	entries, err := svc.Audit.Recent(ctx, 50)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(entries, func(e data.AuditEntry) bool {
		return e.Kind == data.AuditCustomerMerge && e.What == data.CustomerRef(other)+" → "+data.CustomerRef(keep)
	}) {
		t.Fatal("no merge entry in the audit chain")
	}
	if _, err := svc.Audit.Verify(ctx); err != nil {
		t.Fatal(err)
	}
	// Merging into itself, or a record already merged, is refused.
	if _, err := svc.Customers.Merge(ctx, chen, keep, keep); !errors.Is(err, data.ErrInvalid) {
		t.Fatalf("merge into itself: %v", err)
	}
	if _, err := svc.Customers.Merge(ctx, chen, keep, other); !errors.As(err, &me) {
		t.Fatalf("merge a merged record: %v", err)
	}
}

// Two complaints within the window make a repeat complainant; two 13
// months apart do not; suggestions do not count; the window is a setting.
func TestRepeatComplainantMark(t *testing.T) {
	ctx := context.Background()
	svc, nowp := newTestService(t)
	now := *nowp
	twice := data.Customer{Name: "李娜", Phone: "13800000011"}
	customerCase(t, svc, data.KindComplaint, twice, now.AddDate(0, -11, 0))
	customerCase(t, svc, data.KindComplaint, twice, now.AddDate(0, 0, -3))
	apart := data.Customer{Name: "王强", Phone: "13800000012"}
	customerCase(t, svc, data.KindComplaint, apart, now.AddDate(0, -13, 0))
	customerCase(t, svc, data.KindComplaint, apart, now.AddDate(0, 0, -1))
	suggests := data.Customer{Name: "赵敏", Phone: "13800000013"}
	customerCase(t, svc, data.KindComplaint, suggests, now.AddDate(0, -1, 0))
	customerCase(t, svc, data.KindSuggestion, suggests, now.AddDate(0, 0, -1))
	customerCase(t, svc, data.KindSuggestion, suggests, now.AddDate(0, 0, -2))

	list, err := svc.Customers.List(ctx, CustomerQuery{Repeat: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := customerNames(list); !slices.Equal(got, []string{"李娜"}) {
		t.Fatalf("repeat complainants: %v", got)
	}
	all, _ := svc.Customers.List(ctx, CustomerQuery{})
	for _, c := range all {
		pg, err := svc.Customers.Page(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if pg.Repeat != (c.Name == "李娜") || c.Repeat != pg.Repeat {
			t.Errorf("%s: page %v, list %v", c.Name, pg.Repeat, c.Repeat)
		}
		if want := map[string]int{"李娜": 2, "王强": 1, "赵敏": 1}[c.Name]; pg.Recent != want { // complaints only, within 12 months
			t.Errorf("%s: %d complaints within the window, want %d", c.Name, pg.Recent, want)
		}
	}
	// A 14-month window takes 王强 in too.
	st := svc.Settings.Get()
	st.Customers.RepeatMonths = 14
	if err := svc.Settings.Save(ctx, boss, st); err != nil {
		t.Fatal(err)
	}
	list, _ = svc.Customers.List(ctx, CustomerQuery{Repeat: true})
	if got := customerNames(list); !slices.Equal(got, []string{"李娜", "王强"}) {
		t.Fatalf("with 14 months: %v", got)
	}
}

// The search finds any part of a name, phone, e-mail or WeChat: one or
// two Chinese characters, a few digits typed with spaces, a piece of an
// address; tags and VIP filter.
func TestCustomerSearchSubstrings(t *testing.T) {
	ctx := context.Background()
	svc, nowp := newTestService(t)
	now := *nowp
	a := customerCase(t, svc, data.KindComplaint, data.Customer{Name: "欧阳小明", Phone: "13812345678", Email: "ouyang@163.com"}, now.Add(-time.Hour))
	customerCase(t, svc, data.KindComplaint, data.Customer{Name: "陈小红", Phone: "13987654321", WeChat: "hong_travel"}, now.Add(-2*time.Hour))
	customerCase(t, svc, data.KindPraise, data.Customer{Name: "Mary Smith", Email: "mary@example.com"}, now.Add(-3*time.Hour))
	for q, want := range map[string][]string{
		"欧阳":       {"欧阳小明"},
		"小":        {"欧阳小明", "陈小红"},
		"小红":       {"陈小红"},
		"1234":     {"欧阳小明"},
		"138 1234": {"欧阳小明"},
		"travel":   {"陈小红"},
		"MARY":     {"Mary Smith"},
		"163.com":  {"欧阳小明"},
		"无此人":      nil,
	} {
		list, err := svc.Customers.List(ctx, CustomerQuery{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		if got := customerNames(list); !slices.Equal(got, want) {
			t.Errorf("%q: %v, want %v", q, got, want)
		}
	}
	if _, err := svc.Customers.SetTags(ctx, wang, a.CustomerID, []string{"投诉多"}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Customers.SetVIP(ctx, wang, a.CustomerID, true); err != nil {
		t.Fatal(err)
	}
	for _, q := range []CustomerQuery{{Tag: "投诉多"}, {VIP: true}, {VIP: true, Text: "欧阳"}} {
		list, _ := svc.Customers.List(ctx, q)
		if got := customerNames(list); !slices.Equal(got, []string{"欧阳小明"}) {
			t.Errorf("%+v: %v", q, got)
		}
	}
	// A name changed on a case is found by the new name and the old one.
	if _, err := svc.Cases.Edit(ctx, wang, a.Number, data.CaseEdit{Name: new("欧阳晓明")}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"晓明", "小明"} {
		list, _ := svc.Customers.List(ctx, CustomerQuery{Text: q})
		if got := customerNames(list); !slices.Equal(got, []string{"欧阳晓明"}) {
			t.Errorf("%q after the edit: %v", q, got)
		}
	}
	pg, _ := svc.Customers.Page(ctx, a.CustomerID)
	if len(pg.Profile.History) != 1 || pg.Profile.History[0].Old != "欧阳小明" || pg.Profile.History[0].Source != data.ContactByEdit ||
		pg.Profile.History[0].Case != a.Number || pg.Profile.History[0].By != wang.Name {
		t.Fatalf("history %+v", pg.Profile.History)
	}
}

// Intake filling in what a record lacked is on the contact history.
func TestIntakeFillsContactHistory(t *testing.T) {
	ctx := context.Background()
	svc, nowp := newTestService(t)
	now := *nowp
	first := customerCase(t, svc, data.KindComplaint, data.Customer{Name: "孙丽", Phone: "13800000021"}, now.Add(-time.Hour))
	second := customerCase(t, svc, data.KindComplaint, data.Customer{Name: "孙丽", Phone: "13800000021", Email: "sunli@126.com"}, now)
	pg, err := svc.Customers.Page(ctx, first.CustomerID)
	if err != nil {
		t.Fatal(err)
	}
	h := pg.Profile.History
	if len(h) != 1 || h[0].Field != data.ContactEmail || h[0].New != "sunli@126.com" || h[0].Source != data.ContactByIntake || h[0].Case != second.Number {
		t.Fatalf("history %+v", h)
	}
}

// The page sums the remedies of cases the customer agreed to (agreed,
// resolved, closed), per currency; a proposal not yet accepted pays nothing.
func TestCustomerPageCompensationAndRatings(t *testing.T) {
	ctx := context.Background()
	svc, nowp := newTestService(t)
	now := *nowp
	cust := data.Customer{Name: "周杰", Phone: "13800000031"}
	paid := customerCase(t, svc, data.KindComplaint, cust, now.Add(-2*time.Hour))
	proposed := customerCase(t, svc, data.KindComplaint, cust, now.Add(-time.Hour))
	for _, n := range []string{paid.Number, proposed.Number} {
		if _, err := svc.Cases.SetFindings(ctx, boss, n, data.Findings{Responsibility: data.ResponsibilityAgency,
			Remedies: []data.Remedy{{Kind: "refund", Amount: 30000}, {Kind: "voucher", Amount: 5000}}}); err != nil {
			t.Fatal(err)
		}
	}
	for _, to := range []data.Status{data.StatusAcknowledged, data.StatusInvestigating, data.StatusProposed, data.StatusAgreed, data.StatusResolved} {
		if _, err := svc.Cases.Move(ctx, boss, paid.Number, to, ""); err != nil {
			t.Fatal(err)
		}
	}
	for _, to := range []data.Status{data.StatusAcknowledged, data.StatusInvestigating, data.StatusProposed} {
		if _, err := svc.Cases.Move(ctx, boss, proposed.Number, to, ""); err != nil {
			t.Fatal(err)
		}
	}
	pg, err := svc.Customers.Page(ctx, paid.CustomerID)
	if err != nil {
		t.Fatal(err)
	}
	if pg.Paid["CNY"] != 35000 || pg.PaidText() != "350.00 CNY" || len(pg.Cases) != 2 || pg.Cases[1].Number != paid.Number ||
		pg.Cases[1].Compensation != 35000 || pg.Cases[0].Compensation != 0 {
		t.Fatalf("page %+v", pg)
	}
}

// Anonymising a customer erases their notes, tags and contact history (a
// merged record's phone among them: it no longer finds them).
func TestAnonymiseErasesCustomerRecords(t *testing.T) {
	ctx := context.Background()
	svc, nowp := newTestService(t)
	now := *nowp
	a := customerCase(t, svc, data.KindComplaint, data.Customer{Name: "吴敏", Phone: "13800000041"}, now.Add(-2*time.Hour))
	b := customerCase(t, svc, data.KindComplaint, data.Customer{Name: "吴敏", Phone: "13800000042", Email: "wumin@qq.com"}, now.Add(-time.Hour))
	if _, err := svc.Customers.AddNote(ctx, wang, a.CustomerID, "对导游很不满"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Customers.SetTags(ctx, wang, a.CustomerID, []string{"脾气急"}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Customers.Merge(ctx, boss, a.CustomerID, b.CustomerID); err != nil {
		t.Fatal(err)
	}
	closeCase(t, svc, a.Number)
	closeCase(t, svc, b.Number)
	if _, err := svc.Privacy.Anonymise(ctx, boss, a.Number); err != nil {
		t.Fatal(err)
	}
	pg, err := svc.Customers.Page(ctx, a.CustomerID)
	if err != nil {
		t.Fatal(err)
	}
	if len(pg.Profile.Notes) != 0 || len(pg.Profile.Tags) != 0 || len(pg.Profile.History) != 0 || pg.Phone != "" {
		t.Fatalf("after anonymising: %+v", pg)
	}
	for _, q := range []string{"吴敏", "13800000042", "wumin"} {
		if list, _ := svc.Customers.List(ctx, CustomerQuery{Text: q}); len(list) != 0 {
			t.Errorf("%q still finds %+v", q, list)
		}
	}
	// A new case with the merged record's phone is a new customer.
	c := customerCase(t, svc, data.KindComplaint, data.Customer{Name: "吴敏", Phone: "13800000042"}, now)
	if c.CustomerID == a.CustomerID {
		t.Fatal("the merged phone still finds the anonymised customer")
	}
	if _, err := svc.Audit.Verify(ctx); err != nil {
		t.Fatal(err)
	}
}
