package mailtest

import (
	"bytes"
	"io"
	"net/mail"
	"strings"
	"testing"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset"
)

func TestComplaints(t *testing.T) {
	raws := Complaints(500, 1)
	if len(raws) != 500 {
		t.Fatalf("%d messages, want 500", len(raws))
	}
	again := Complaints(500, 1)
	for i := range raws {
		if dateless(raws[i]) != dateless(again[i]) {
			t.Fatalf("message %d differs between two calls with the same seed", i)
		}
	}
	ids := map[string]bool{}
	var gbk, html, attachments, replies, automatic, english int
	for i, raw := range raws {
		m, err := mail.ReadMessage(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
		id := m.Header.Get("Message-ID")
		if ids[id] {
			t.Fatalf("message %d: duplicate Message-ID %s", i, id)
		}
		ids[id] = true
		if irt := m.Header.Get("In-Reply-To"); irt != "" {
			if !ids[irt] {
				t.Errorf("message %d answers %s, which is not an earlier message", i, irt)
			}
			replies++
		}
		if m.Header.Get("Auto-Submitted") != "" {
			automatic++
		}
		if strings.HasPrefix(m.Header.Get("Subject"), "=?GBK?") {
			gbk++
		}

		// Every part decodes, GBK included.
		e, err := message.Read(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
		err = e.Walk(func(path []int, part *message.Entity, err error) error {
			if err != nil {
				return err
			}
			ct, params, _ := part.Header.ContentType()
			if strings.HasPrefix(ct, "multipart/") {
				return nil
			}
			body, err := io.ReadAll(part.Body)
			if err != nil {
				return err
			}
			switch {
			case ct == "image/jpeg":
				if _, name, _ := part.Header.ContentDisposition(); name["filename"] == "" || len(body) < 2048 {
					t.Errorf("message %d: attachment without a name or too small: %v %d", i, name, len(body))
				}
				attachments++
			case ct == "text/html":
				html++
			case strings.Contains(string(body), "Hello") || strings.Contains(string(body), "Dear") || strings.Contains(string(body), "Hi,"):
				english++
			}
			if cs := strings.ToLower(params["charset"]); (cs == "gbk" || cs == "gb2312") && !strings.ContainsAny(string(body), "我您你") {
				t.Errorf("message %d: %s body does not decode to Chinese: %q", i, cs, body)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
	}
	t.Logf("500 messages: %d GBK subjects, %d HTML-only, %d attachments, %d answers, %d automatic, %d English",
		gbk, html, attachments, replies, automatic, english)
	for what, n := range map[string]int{"GBK": gbk, "HTML": html, "attachment": attachments, "answer": replies, "automatic": automatic, "English": english} {
		if n == 0 {
			t.Errorf("no %s messages", what)
		}
	}
}

// dateless drops the Date lines (they run up to now) and the body text that
// quotes dates.
func dateless(raw []byte) string {
	m, _ := mail.ReadMessage(bytes.NewReader(raw))
	return m.Header.Get("Message-ID") + m.Header.Get("Subject") + m.Header.Get("From") + m.Header.Get("Content-Type")
}
