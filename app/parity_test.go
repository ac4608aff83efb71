package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"casebook/app/service"
	"casebook/data"
	"casebook/ui"
)

// The command line and the desktop are two faces of one application layer:
// the same work done through each leaves the same case behind, timeline,
// letters and queued mail included.
func TestTheCommandLineAndTheScreensRecordTheSameCase(t *testing.T) {
	ctx := context.Background()
	tc := newTestCLI(t)
	start := tc.now

	// The desktop's face: the interfaces the screens declare, over a service
	// on its own database with the same clock.
	guiNow := start
	svc, err := service.Open(ctx, filepath.Join(t.TempDir(), "gui.db"), service.Options{
		Now: func() time.Time { return guiNow }, Loc: tc.loc, DocsDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	screens := ui.Services{Cases: svc.Cases, Mail: svc.Mail, Documents: svc.Documents, Settings: svc.Settings}
	step := func(d time.Duration) { tc.now = tc.now.Add(d); guiNow = guiNow.Add(d) }

	// The same agency on both: staff, letterhead, mailbox.
	tc.ok("staff", "add", "李蕾", "--role", "staff", "--by", "王芳") // 王芳 becomes the owner
	tc.ok("staff", "add", "陈静", "--role", "supervisor", "--by", "王芳")
	tc.ok("agency", "set", "--name", "阳光国际旅行社", "--phone", "010-6512 3456", "--by", "王芳")
	tc.ok("account", "set", "--imap-host", "imap.example.com", "--imap-port", "993", "--imap-security", "tls",
		"--smtp-host", "smtp.example.com", "--smtp-port", "465", "--smtp-security", "tls",
		"--address", "kefu@example.com", "--display-name", "阳光国际旅行社", "--by", "王芳")
	st := screens.Settings.Get()
	st.Staff = []data.Staff{{Name: "王芳", Role: data.RoleOwner}, {Name: "李蕾", Role: data.RoleStaff}, {Name: "陈静", Role: data.RoleSupervisor}}
	st.Agency.Name, st.Agency.Phone = "阳光国际旅行社", "010-6512 3456"
	st.Mail.IMAPHost, st.Mail.IMAPPort, st.Mail.IMAPSecurity = "imap.example.com", 993, "tls"
	st.Mail.SMTPHost, st.Mail.SMTPPort, st.Mail.SMTPSecurity = "smtp.example.com", 465, "tls"
	st.Mail.Username, st.Mail.Address, st.Mail.DisplayName = "kefu@example.com", "kefu@example.com", "阳光国际旅行社"
	if err := screens.Settings.Save(ctx, data.Actor{}, st); err != nil {
		t.Fatal(err)
	}
	li, _ := screens.Settings.Actor("李蕾")
	chen, _ := screens.Settings.Actor("陈静")

	// Recorded at the counter.
	step(time.Minute)
	number := tc.ok("case", "new", "--customer", "王小明", "--phone", "138 0013 8000", "--email", "xm.wang@163.com",
		"--channel", "walkin", "--kind", "complaint", "--category", "forced_shopping", "--severity", "normal",
		"--subject", "云南六日游导游强制购物", "--description", "在大理玉石店停留两个多小时。", "--demand", "退还费用并道歉",
		"--amount", "1200.50", "--booking", "TB20261101-0042", "--owner", "李蕾", "--by", "李蕾")
	number = number[:len(number)-1]
	amount, _ := data.ParseMoney("1200.50")
	c, err := screens.Cases.Create(ctx, li, data.NewCase{Kind: data.KindComplaint, Category: "forced_shopping",
		Severity: data.SeverityNormal, Channel: data.ChannelWalkIn, Subject: "云南六日游导游强制购物",
		Description: "在大理玉石店停留两个多小时。", Demand: "退还费用并道歉", Amount: amount,
		Customer: data.Customer{Name: "王小明", Phone: "138 0013 8000", Email: "xm.wang@163.com"},
		Booking:  data.Booking{Ref: "TB20261101-0042"}, Owner: "李蕾"})
	if err != nil || c.Number != number {
		t.Fatalf("%s vs %s: %v", c.Number, number, err)
	}

	// The acknowledgement letter, printed for a new case, acknowledges it.
	step(20 * time.Minute)
	tc.ok("letter", number, "--type", "ack", "-o", filepath.Join(t.TempDir(), "ack.pdf"), "--by", "李蕾")
	if _, _, err := screens.Documents.PrintLetter(ctx, li, number, data.LetterAck, ""); err != nil {
		t.Fatal(err)
	}
	// Investigation: severity, category and waiting in one change.
	step(time.Hour)
	tc.ok("case", "move", number, "--to", "investigating", "--by", "李蕾")
	if _, err := screens.Cases.Move(ctx, li, number, data.StatusInvestigating, ""); err != nil {
		t.Fatal(err)
	}
	step(time.Minute)
	tc.ok("case", "set", number, "--severity", "urgent", "--category", "guide_conduct", "--waiting", "customer",
		"--note", "等客户补充小票", "--by", "李蕾")
	urgent, guide, waiting := data.SeverityUrgent, "guide_conduct", data.WaitingCustomer
	if _, err := screens.Cases.Change(ctx, li, number, data.CaseChanges{Severity: &urgent, Category: &guide,
		Waiting: &waiting, Note: "等客户补充小票"}); err != nil {
		t.Fatal(err)
	}
	// The supervisor takes it over and escalates.
	step(2 * time.Hour)
	tc.ok("case", "set", number, "--waiting", "off", "--owner", "陈静", "--escalate", "supervisor", "--by", "陈静")
	none, chenName, sup := data.WaitingNone, "陈静", data.EscalationSupervisor
	if _, err := screens.Cases.Change(ctx, chen, number, data.CaseChanges{Waiting: &none, Owner: &chenName, Escalation: &sup}); err != nil {
		t.Fatal(err)
	}
	// Findings and the solution.
	step(time.Hour)
	tc.ok("case", "findings", number, "--facts", "在玉石店停留两小时", "--responsibility", "supplier",
		"--decision", "退还购物款并道歉", "--remedy", "refund:1200:购物款", "--remedy", "apology:0", "--by", "陈静")
	refund, _ := data.ParseMoney("1200")
	if _, err := screens.Cases.SetFindings(ctx, chen, number, data.Findings{Facts: "在玉石店停留两小时",
		Responsibility: data.ResponsibilitySupplier, Decision: "退还购物款并道歉",
		Remedies: []data.Remedy{{Kind: data.RemedyRefund, Amount: refund, Note: "购物款"}, {Kind: data.RemedyApology}}}); err != nil {
		t.Fatal(err)
	}
	step(time.Minute)
	tc.ok("case", "note", number, "--text", "已电话告知客户处理方案", "--by", "陈静")
	if _, err := screens.Cases.AddNote(ctx, chen, number, "已电话告知客户处理方案"); err != nil {
		t.Fatal(err)
	}
	// A reply to the customer, queued in the outbox.
	step(time.Minute)
	tc.ok("case", "reply", number, "--text", "您好，处理方案已确定。", "--by", "陈静")
	if _, err := screens.Mail.Reply(ctx, chen, number, data.Reply{Template: "reply", Text: "您好，处理方案已确定。"}); err != nil {
		t.Fatal(err)
	}
	step(time.Minute)
	tc.ok("case", "move", number, "--to", "proposed", "--by", "陈静")
	if _, err := screens.Cases.Move(ctx, chen, number, data.StatusProposed, ""); err != nil {
		t.Fatal(err)
	}

	// The two databases hold the same case.
	byGUI, err := screens.Cases.ByID(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	cliSvc, err := service.Open(ctx, tc.db, service.Options{Loc: tc.loc})
	if err != nil {
		t.Fatal(err)
	}
	defer cliSvc.Close()
	byCLI, err := cliSvc.Cases.Get(ctx, number)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := caseJSON(t, byCLI), caseJSON(t, byGUI); got != want {
		t.Errorf("the command line and the screens recorded different cases:\n--- command line\n%s\n--- screens\n%s", got, want)
	}
	if len(byGUI.Timeline) < 10 || len(byGUI.Letters) != 1 || byGUI.Status != data.StatusProposed {
		t.Errorf("the flow did not run: %d events, %d letters, %s", len(byGUI.Timeline), len(byGUI.Letters), byGUI.Status)
	}
	cliMsgs, _ := cliSvc.Mail.Messages(ctx, byCLI.ID)
	guiMsgs, _ := screens.Mail.Messages(ctx, byGUI.ID)
	if got, want := messagesJSON(t, cliMsgs), messagesJSON(t, guiMsgs); got != want || len(cliMsgs) != 1 {
		t.Errorf("different mail:\n--- command line\n%s\n--- screens\n%s", got, want)
	}
}

func caseJSON(t *testing.T, c data.Case) string {
	t.Helper()
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// messagesJSON writes messages without their Message-IDs, which are random.
func messagesJSON(t *testing.T, msgs []data.Message) string {
	t.Helper()
	for i := range msgs {
		msgs[i].MessageID = ""
	}
	b, err := json.MarshalIndent(msgs, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
