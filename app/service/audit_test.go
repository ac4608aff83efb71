package service

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"casebook/data"
)

// Every kind of change extends the chain, and the chain verifies after each.
func TestAuditVerifiesAfterEveryKindOfChange(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	boss := data.Actor{Name: "老板", Role: data.RoleOwner}
	verified := func(what string) data.AuditSummary {
		t.Helper()
		sum, err := svc.Audit.Verify(ctx)
		if err != nil {
			t.Fatalf("after %s: %v", what, err)
		}
		return sum
	}
	last := verified("opening")
	step := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		sum := verified(what)
		if sum.Entries <= last.Entries || sum.Head == last.Head {
			t.Errorf("%s appended nothing: %+v after %+v", what, sum, last)
		}
		last = sum
	}
	c := ownedCase(t, svc, wang)
	last = verified("record")
	_, err := svc.Cases.Move(ctx, wang, c.Number, data.StatusAcknowledged, "已受理")
	step("move", err)
	sev := data.SeverityUrgent
	_, err = svc.Cases.Change(ctx, wang, c.Number, data.CaseChanges{Severity: &sev})
	step("change", err)
	_, err = svc.Cases.AddNote(ctx, wang, c.Number, "客户赵敏来电")
	step("note", err)
	_, err = svc.Cases.SetFindings(ctx, wang, c.Number, data.Findings{Facts: "行李延误", Responsibility: data.Responsibility("supplier"),
		Remedies: []data.Remedy{{Kind: "refund", Amount: 20000}}})
	step("findings", err)
	subject, email := "行李丢失（更正）", "zm@163.com"
	_, err = svc.Cases.Edit(ctx, wang, c.Number, data.CaseEdit{Subject: &subject, Email: &email})
	step("case edit", err)
	_, err = svc.Cases.Attach(ctx, wang, c.Number, "receipt.png", bytes.NewReader(testPNG(t, 20, 20)), "收据")
	step("evidence", err)
	_, err = svc.Settings.SetAgency(ctx, boss, func(ag *data.Agency) { ag.Name = "快乐旅行社" })
	step("settings", err)
	_, err = svc.Documents.IssueLetter(ctx, wang, c.Number, data.LetterAck, "zh-Hans")
	step("letter", err)
	setMailAccount(t, svc)
	last = verified("mail account")
	importMessage(t, svc, c, data.Message{MessageID: "in-1@163.com", From: "赵敏 <zm@163.com>", FromAddress: "zm@163.com",
		Subject: "补充", Text: "照片见附件"})
	step("message in", nil)
	m, err := svc.Mail.Reply(ctx, wang, c.Number, data.Reply{Text: "收到，谢谢"})
	step("reply (outbox)", err)
	_, err = svc.core.store.MarkSending(ctx, m.ID)
	step("sending", err)
	_, err = svc.core.store.RecordSend(ctx, m.ID, nil, false, []byte("raw"))
	step("sent", err)
	step("staff", svc.Settings.AddStaff(ctx, boss, "李强", data.RoleStaff))
	_, err = svc.Settings.Set(ctx, boss, "counter_code", "B")
	step("counter", err)
	// A solution above staff's limit waits, then a supervisor approves it
	// (proposeTestCase's own writes are checked by the next step's verify).
	waiting := proposeTestCase(t, svc, wang, 800_00)
	last = verified("a solution awaiting approval")
	_, err = svc.Cases.Approve(ctx, data.Actor{Name: "陈静", Role: data.RoleSupervisor}, waiting.Number)
	step("approval", err)

	es, err := svc.Audit.Case(ctx, c.Number)
	if err != nil {
		t.Fatal(err)
	}
	var what []string
	for _, e := range es {
		// The server, not a person, sent it; the customer's address is personal data.
		if (e.By == "" && e.What != "mail_sent" && e.What != "mail_in") || e.Counter != "A" || e.At.IsZero() {
			t.Errorf("entry without who, counter or time: %+v", e)
		}
		what = append(what, e.What)
	}
	for _, e := range es {
		if strings.Contains(e.By, "@") || strings.Contains(e.What, "@") {
			t.Errorf("an address in an entry's public part: %+v", e)
		}
	}
	for _, w := range []string{"created", "status", "severity", "note", "findings", "edited", "evidence", "letter", "mail_in", "mail_out"} {
		if !strings.Contains(strings.Join(what, ","), w) {
			t.Errorf("no %s entry for the case: %v", w, what)
		}
	}
	n, head, err := svc.Audit.Head(ctx)
	if err != nil || n != last.Entries || head != last.Head || len(data.Head16(head)) != 16 {
		t.Errorf("head %d %q %v, verify said %+v", n, head, err, last)
	}
}

// The domain's typed error reads in each language with the case and the time.
func TestAuditBrokenErrorNamesTheCase(t *testing.T) {
	err := error(&data.AuditBrokenError{Why: data.AuditBrokenEvent, Seq: 7, Number: "A-2026-0002"})
	var be *data.AuditBrokenError
	if !errors.As(err, &be) || !strings.Contains(err.Error(), "A-2026-0002") {
		t.Fatal(err)
	}
}
