package ui

import (
	"context"
	"testing"

	"casebook/data"
)

// A case opened by a stranger's mail that names another case shows that,
// with one click to open the case it mentions.
func TestMentionedCaseOpensWithOneClick(t *testing.T) {
	u, s := newTestUI(t)
	ctx := context.Background()
	first, err := s.CreateCase(ctx, data.NewCase{Kind: data.KindComplaint, Severity: data.SeverityNormal,
		Channel: data.ChannelEmail, Subject: "行李丢失", Customer: data.Customer{Name: "赵敏", Email: "zm@qq.com"}})
	if err != nil {
		t.Fatal(err)
	}
	in := data.IncomingMail{Raw: []byte("From: lilei@163.com\r\nSubject: x\r\n\r\n案件编号：" + first.Number + "\r\n"),
		Message: data.Message{MessageID: "s1@163.com", From: "李雷 <lilei@163.com>", FromAddress: "lilei@163.com",
			Subject: "我也遇到了", Text: "案件编号：" + first.Number},
		NewCase: &data.NewCase{Kind: data.KindComplaint, Severity: data.SeverityNormal, Channel: data.ChannelEmail,
			Subject: "我也遇到了", Customer: data.Customer{Name: "李雷", Email: "lilei@163.com"}}}
	res, err := s.ImportMail(ctx, "", data.FolderState{}, []data.IncomingMail{in},
		func(data.MailLookup, *data.IncomingMail) (data.Decision, error) {
			return data.Decision{Outcome: data.OutcomeNewCase, Mentions: first.Number}, nil
		}, nil)
	if err != nil || len(res.NewCases) != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	u.refreshAll()
	u.detail.show(res.NewCases[0].ID)
	open := findButton(u.detail.content, TF("Open {{.Number}}", map[string]any{"Number": first.Number}))
	if open == nil {
		t.Fatalf("no link to %s in %v", first.Number, buttonLabels(u.detail.content))
	}
	open.OnTapped()
	if u.detail.id != first.ID {
		t.Errorf("the link opened case #%d, want #%d", u.detail.id, first.ID)
	}
}
