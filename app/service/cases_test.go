package service

import (
	"context"
	"errors"
	"testing"
	"time"

	"casebook/data"
)

func newTestCase(t *testing.T, svc *Service, a data.Actor) data.Case {
	t.Helper()
	c, err := svc.Cases.Create(context.Background(), a, data.NewCase{Kind: data.KindComplaint, Category: "forced_shopping",
		Severity: data.SeverityNormal, Channel: data.ChannelWalkIn, Subject: "导游强制购物",
		Customer: data.Customer{Name: "张晓明", Email: "xm.zhang@163.com"}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestRolesAreChecked(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	chen := data.Actor{Name: "陈静", Role: data.RoleSupervisor}
	c := newTestCase(t, svc, wang)
	if c.Timeline[0].By != "王芳" {
		t.Errorf("recorded by %q", c.Timeline[0].By)
	}
	for _, to := range []data.Status{data.StatusAcknowledged, data.StatusInvestigating, data.StatusProposed,
		data.StatusAgreed, data.StatusResolved} {
		if _, err := svc.Cases.Move(ctx, wang, c.Number, to, ""); err != nil {
			t.Fatalf("staff → %s: %v", to, err)
		}
	}
	_, err := svc.Cases.Move(ctx, wang, c.Number, data.StatusClosed, "")
	var fe *data.ForbiddenError
	if !errors.As(err, &fe) || fe.Action != data.ActionClose || fe.Needs() != data.RoleSupervisor {
		t.Fatalf("staff closing: %v", err)
	}
	if got, _ := svc.Cases.Get(ctx, c.Number); got.Status != data.StatusResolved {
		t.Errorf("a refused close changed the case to %s", got.Status)
	}
	followedUp(t, svc, c.Number) // closing needs a follow-up
	if _, err := svc.Cases.Move(ctx, chen, c.Number, data.StatusClosed, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Cases.Move(ctx, wang, c.Number, data.StatusInvestigating, ""); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("staff reopening: %v", err)
	}
	// A step the workflow does not have is refused as such, not as a matter of role.
	if _, err := svc.Cases.Move(ctx, wang, c.Number, data.StatusClosed, ""); !errors.As(err, new(*data.TransitionError)) {
		t.Errorf("closing a closed case: %v", err)
	}

	// Assigning to someone else is the supervisor's; taking a case oneself is not.
	d := newTestCase(t, svc, wang)
	chenName, wangName := "陈静", "王芳"
	if _, err := svc.Cases.Change(ctx, wang, d.Number, data.CaseChanges{Owner: &chenName}); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("staff assigning: %v", err)
	}
	if _, err := svc.Cases.Change(ctx, wang, d.Number, data.CaseChanges{Owner: &wangName}); err != nil {
		t.Errorf("staff taking the case: %v", err)
	}
	if _, err := svc.Cases.Create(ctx, wang, data.NewCase{Kind: data.KindComplaint, Severity: data.SeverityLow,
		Channel: data.ChannelPhone, Subject: "x", Customer: data.Customer{Name: "x"}, Owner: "陈静"}); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("staff assigning at intake: %v", err)
	}
	// Several changes at once: one refused, none made.
	sev, level := data.SeverityUrgent, data.EscalationSupervisor
	if _, err := svc.Cases.Change(ctx, wang, d.Number, data.CaseChanges{Severity: &sev, Escalation: &level}); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("staff escalating: %v", err)
	}
	if got, _ := svc.Cases.Get(ctx, d.Number); got.Severity != data.SeverityNormal {
		t.Error("a refused change was half made")
	}
	// Settings are the owner's; a stranger is nobody.
	st := svc.Settings.Get()
	st.Currency = "USD"
	if err := svc.Settings.Save(ctx, chen, st); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("supervisor saving settings: %v", err)
	}
	if _, err := svc.Settings.Actor("路人甲"); !errors.As(err, new(*data.UnknownStaffError)) {
		t.Errorf("unknown name: %v", err)
	}
}

func TestTheFirstChangingCommandMakesItsAuthorTheOwner(t *testing.T) {
	ctx := context.Background()
	svc, err := Open(ctx, t.TempDir()+"/new.db", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	if _, _, err := svc.Settings.ActorOrFirstOwner(ctx, ""); err == nil {
		t.Error("nobody became the owner")
	}
	a, created, err := svc.Settings.ActorOrFirstOwner(ctx, "赵老板")
	if err != nil || !created || a.Role != data.RoleOwner {
		t.Fatalf("%+v %v %v", a, created, err)
	}
	if _, created, err := svc.Settings.ActorOrFirstOwner(ctx, "路人甲"); created || !errors.As(err, new(*data.UnknownStaffError)) {
		t.Errorf("a second stranger: %v %v", created, err)
	}
	if err := svc.Settings.AddStaff(ctx, a, "王芳", data.RoleStaff); err != nil {
		t.Fatal(err)
	}
	if err := svc.Settings.AddStaff(ctx, a, "王芳", data.RoleStaff); err == nil {
		t.Error("the same name added twice")
	}
	if err := svc.Settings.AddStaff(ctx, data.Actor{Name: "王芳", Role: data.RoleStaff}, "李强", data.RoleOwner); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("staff adding an owner: %v", err)
	}
	if err := svc.Settings.SetStaff(ctx, a, "王芳", data.RoleSupervisor, ""); err != nil {
		t.Fatal(err)
	}
	if got, _ := svc.Settings.Actor("王芳"); got.Role != data.RoleSupervisor {
		t.Errorf("role %s", got.Role)
	}
	if err := svc.Settings.RemoveStaff(ctx, a, "王芳", nil); err != nil || len(svc.Settings.Staff()) != 1 {
		t.Errorf("remove: %v, %d left", err, len(svc.Settings.Staff()))
	}
}

func TestSettingsByKey(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	for key, value := range map[string]string{
		"counter_code": "b2", "language": "zh-Hant", "currency": "hkd", "timezone": "Asia/Hong_Kong",
		"business_hours": "08:30-17:30", "workdays": "mon,tue,wed,thu,fri,sat",
		"holidays": "2027-01-01, 2027-02-06", "extra_workdays": "2027-02-14",
		"policy.urgent.first_response": "30m", "policy.low.resolution": "10d",
		"category.meals.resolution": "36h", "category.visa_fees.name.zh-Hans": "签证费用",
		"category.visa_fees.name.en": "Visa fees",
		"mail_rules":                 "投诉, complaint = complaint normal\n签证 = visa_documents",
		"mail.aliases":               "Info@Agency.example, kefu@agency.example",
		"mail.ack_interval":          "2d",
	} {
		if _, err := svc.Settings.Set(ctx, boss, key, value); err != nil {
			t.Fatalf("%s=%s: %v", key, value, err)
		}
	}
	st := svc.Settings.Get()
	if st.CounterCode != "B2" || st.Language != "zh-Hant" || st.Currency != "HKD" || st.Calendar.DayStart != 8*60+30 ||
		len(st.Calendar.Workdays) != 6 || len(st.Calendar.Holidays) != 2 || st.Policy.Urgent.FirstResponse != data.Duration(30*time.Minute) ||
		st.Policy.Low.Resolution != data.Duration(240*time.Hour) {
		t.Errorf("settings: %+v", st)
	}
	if len(st.MailRules) != 2 || st.MailRules[1].Category != "visa_documents" || st.MailRules[0].Keywords[1] != "complaint" {
		t.Errorf("mail rules: %+v", st.MailRules)
	}
	if len(st.Mail.Aliases) != 2 || st.Mail.Aliases[0] != "info@agency.example" || st.Mail.AckInterval() != 48*time.Hour ||
		!st.Mail.IsOwn("KEFU@agency.example") {
		t.Errorf("mail: aliases %v, acknowledgement interval %v", st.Mail.Aliases, st.Mail.AckInterval())
	}
	if c, ok := st.Category("visa_fees"); !ok || c.Name("zh-Hans") != "签证费用" {
		t.Errorf("new category: %+v", c)
	}
	values := map[string]string{}
	for _, kv := range svc.Settings.Values() {
		values[kv[0]] = kv[1]
	}
	if values["business_hours"] != "08:30-17:30" || values["category.meals.resolution"] != "36h" ||
		values["category.visa_fees.name.en"] != "Visa fees" || values["workdays"] != "mon,tue,wed,thu,fri,sat" {
		t.Errorf("values: %v", values)
	}
	for key, value := range map[string]string{
		"nonsense": "1", "business_hours": "9-5", "workdays": "someday", "policy.normal.resolution": "soon",
		"category.nope.resolution": "4h", "counter_code": "TOO-LONG", "language": "fr", "holidays": "2027-13-40",
		"category.x.name.fr": "Visa", "mail_rules": "no equals sign", "mail.aliases": "kefu, info@agency.example",
		"mail.ack_interval": "30m",
	} {
		if _, err := svc.Settings.Set(ctx, boss, key, value); !errors.Is(err, data.ErrInvalid) {
			t.Errorf("%s=%s accepted: %v", key, value, err)
		}
	}
	if _, err := svc.Settings.Set(ctx, wang, "currency", "USD"); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("staff changed a setting: %v", err)
	}
	if svc.Settings.Get().Currency != "HKD" {
		t.Error("a refused setting was saved")
	}
}

func TestTheFeedTellsOfEveryCommit(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	got := make(chan data.Notice, 16)
	defer svc.Feed.Subscribe(func(n data.Notice) { got <- n })()
	c := newTestCase(t, svc, wang)
	next := func() data.Notice {
		t.Helper()
		select {
		case n := <-got:
			return n
		case <-time.After(5 * time.Second):
			t.Fatal("no notice")
			return nil
		}
	}
	if n, ok := next().(data.CaseChanged); !ok || n.ID != c.ID || n.Number != c.Number {
		t.Fatalf("after create: %#v", n)
	}
	svc.Cases.AddNote(ctx, wang, c.Number, "客户来电")
	if n, ok := next().(data.CaseChanged); !ok || n.ID != c.ID {
		t.Fatalf("after a note: %#v", n)
	}
	svc.Settings.Set(ctx, boss, "currency", "USD")
	if _, ok := next().(data.SettingsChanged); !ok {
		t.Fatal("no settings notice")
	}
	// A refused change tells nothing.
	svc.Cases.Move(ctx, wang, c.Number, data.StatusDeclined, "超出时效")
	select {
	case n := <-got:
		t.Fatalf("a refused change was announced: %#v", n)
	case <-time.After(50 * time.Millisecond):
	}
}

// After the closure letter the findings are refused; an amendment needs a
// reason and the right to reopen, which it stands in for.
func TestLockedFindingsAreAmendedByWhoMayReopen(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	chen := data.Actor{Name: "陈静", Role: data.RoleSupervisor}
	c := newTestCase(t, svc, wang)
	for _, to := range []data.Status{data.StatusAcknowledged, data.StatusInvestigating, data.StatusProposed,
		data.StatusAgreed, data.StatusResolved} {
		if _, err := svc.Cases.Move(ctx, wang, c.Number, to, ""); err != nil {
			t.Fatal(err)
		}
	}
	followedUp(t, svc, c.Number)
	if _, err := svc.Cases.Move(ctx, chen, c.Number, data.StatusClosed, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Cases.update(ctx, c.Number, func(cs *data.Case, _ data.Settings, now time.Time) error {
		cs.AddLetter(data.Letter{Type: data.LetterClosure, IssuedAt: now})
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	facts := func(f *data.Findings) { f.Facts = "补充事实" }
	if _, err := svc.Cases.EditFindings(ctx, chen, c.Number, facts); !errors.Is(err, data.ErrFindingsLocked) {
		t.Errorf("locked findings edited: %v", err)
	}
	if _, err := svc.Cases.AmendFindings(ctx, wang, c.Number, "客户补交照片", facts); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("staff amending after the closure letter: %v", err)
	}
	if _, err := svc.Cases.AmendFindings(ctx, chen, c.Number, "", facts); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("amendment without a reason: %v", err)
	}
	got, err := svc.Cases.AmendFindings(ctx, chen, c.Number, "客户补交照片", facts)
	if err != nil {
		t.Fatal(err)
	}
	if last := got.Timeline[len(got.Timeline)-1]; got.Facts != "补充事实" || last.Type != data.EventFindingsAmended || last.Note != "客户补交照片" {
		t.Errorf("amendment: %q %+v", got.Facts, last)
	}
	if _, err := svc.Cases.Move(ctx, chen, c.Number, data.StatusInvestigating, ""); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("reopened without a reason: %v", err)
	}
}
