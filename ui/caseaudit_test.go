package ui

import (
	"context"
	"strings"
	"testing"

	"casebook/data"
)

// AuditEntries gives the screens a case's audit entries, as the
// application layer's Cases does.
func (s *testService) AuditEntries(ctx context.Context, number string) ([]data.AuditEntry, error) {
	return s.AuditOf(ctx, number)
}

// The Timeline section ends with the case's audit entries, newest first:
// when, who, which counter, the entry's hash and what it recorded; Settings
// shows the chain's head.
func TestCaseTimelineShowsItsAuditEntries(t *testing.T) {
	u, s := newTestUI(t)
	ctx := context.Background()
	c, err := s.CreateCase(ctx, data.NewCase{Kind: data.KindComplaint, Category: "luggage", Severity: data.SeverityNormal,
		Channel: data.ChannelPhone, Subject: "行李丢失", Customer: data.Customer{Name: "赵敏", Phone: "13600000000"}, By: "王芳"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddNote(ctx, c.Number, "陈静", "已联系航空公司"); err != nil {
		t.Fatal(err)
	}
	es, _ := s.AuditOf(ctx, c.Number)
	if len(es) != 2 {
		t.Fatalf("%d entries", len(es))
	}
	u.openCase(c.ID)
	u.detail.tabs.SelectIndex(len(u.detail.tabs.Items) - 1)
	timeline := u.detail.tabs.Items[len(u.detail.tabs.Items)-1]
	if timeline.Text != T("Timeline") {
		t.Fatalf("last section %q", timeline.Text)
	}
	text := labelTexts(timeline.Content)
	audit := strings.Index(text, T("Audit")+"\n")
	if audit < 0 {
		t.Fatalf("no audit part:\n%s", text)
	}
	part := text[audit:]
	note, created := strings.Index(part, "陈静  counter A  #"+itoa(es[1].Seq)+" "+data.Head16(es[1].Hash)), strings.Index(part, "王芳  counter A")
	if note < 0 || created < 0 || note > created {
		t.Errorf("entries missing or not newest first:\n%s", part)
	}
	if !strings.Contains(part, "已联系航空公司") {
		t.Errorf("what the entry recorded is not shown:\n%s", part)
	}

	_, head, _ := s.AuditHead(ctx)
	v := newSettingsView(u)
	if got := allText(v.content); !strings.Contains(got, T("Audit chain head")) || !strings.Contains(got, data.Head16(head)) {
		t.Errorf("Settings lacks the chain's head %s:\n%s", data.Head16(head), got)
	}
}

func itoa(n uint64) string {
	var b []byte
	for n >= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(append([]byte{byte('0' + n)}, b...))
}
