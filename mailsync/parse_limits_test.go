package mailsync

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
	"time"

	"casebook/data"
)

// manyParts is a message with n small attachments after a text part.
func manyParts(n int) []byte {
	var b strings.Builder
	b.WriteString("From: 钱女士 <qian@example.com>\r\nSubject: many parts\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n请看附件。\r\n")
	for i := range n {
		fmt.Fprintf(&b, "--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"f%d.bin\"\r\n\r\nx%d\r\n", i, i)
	}
	b.WriteString("--b--\r\n")
	return []byte(b.String())
}

// nested is a message whose multiparts nest depth deep, with a text part
// (or only an image) at the bottom.
func nested(depth int, withText bool) []byte {
	var b strings.Builder
	b.WriteString("From: qian@example.com\r\nSubject: deep\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"n0\"\r\n\r\n")
	for i := range depth {
		fmt.Fprintf(&b, "--n%d\r\nContent-Type: multipart/mixed; boundary=\"n%d\"\r\n\r\n", i, i+1)
	}
	if withText {
		fmt.Fprintf(&b, "--n%d\r\nContent-Type: text/plain; charset=gbk\r\nContent-Transfer-Encoding: base64\r\n\r\n%s\r\n",
			depth, base64.StdEncoding.EncodeToString([]byte("\xb5\xbc\xd3\xce\xcc\xac\xb6\xc8\xb2\xee"))) // 导游态度差 in GBK
	}
	fmt.Fprintf(&b, "--n%d\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n", depth)
	for i := depth; i >= 0; i-- {
		fmt.Fprintf(&b, "--n%d--\r\n", i)
	}
	return []byte(b.String())
}

func warning(p *Parsed, code string) (data.MailWarning, bool) {
	for _, w := range p.Warnings {
		if w.Code == code {
			return w, true
		}
	}
	return data.MailWarning{}, false
}

func TestTooManyPartsIsImportedWithAWarning(t *testing.T) {
	for _, n := range []int{10, 498, 499, 500, 5000} {
		start := time.Now()
		p, err := Parse(manyParts(n))
		took := time.Since(start)
		if err != nil {
			t.Fatalf("%d parts: %v", n, err)
		}
		if took > 2*time.Second {
			t.Errorf("%d parts took %v", n, took)
		}
		if p.Text != "请看附件。" {
			t.Errorf("%d parts: text %q", n, p.Text)
		}
		// The root and the text part count too: 498 attachments fit in 500 parts.
		read := min(n, maxParts-2)
		if len(p.Attachments) != read {
			t.Errorf("%d parts: %d attachments, want %d", n, len(p.Attachments), read)
		}
		w, ok := warning(p, data.MailWarnTooManyParts)
		if n <= maxParts-2 {
			if ok {
				t.Errorf("%d parts: a warning %+v", n, w)
			}
			continue
		}
		if !ok || w.Count != n-read || w.Total != n+2 || w.Limit != maxParts {
			t.Errorf("%d parts: warning %+v, want %d of %d not read", n, p.Warnings, n-read, n+2)
		}
		t.Logf("%d parts: %v, %+v", n, took, w)
	}
}

func TestDeepNestingNeverBecomesRawMIMEText(t *testing.T) {
	for _, depth := range []int{5, maxDepth - 1, maxDepth, 100, 1000} {
		for _, withText := range []bool{true, false} {
			raw := nested(depth, withText)
			start := time.Now()
			p, err := Parse(raw)
			took := time.Since(start)
			if err != nil {
				t.Fatalf("depth %d: %v", depth, err)
			}
			if took > 2*time.Second {
				t.Errorf("depth %d took %v", depth, took)
			}
			if strings.Contains(p.Text, "Content-Type") || strings.Contains(p.Text, "--n") {
				t.Errorf("depth %d: raw MIME as text (%d bytes): %.200q", depth, len(p.Text), p.Text)
			}
			want := ""
			if withText {
				want = "导游态度差"
			}
			if p.Text != want {
				t.Errorf("depth %d, text %v: text %q, want %q", depth, withText, p.Text, want)
			}
			_, warned := warning(p, data.MailWarnTooDeep)
			if deep := depth+1 > maxDepth; warned != deep {
				t.Errorf("depth %d: warnings %+v", depth, p.Warnings)
			}
			if depth < maxDepth && len(p.Attachments) != 1 {
				t.Errorf("depth %d: %d attachments", depth, len(p.Attachments))
			}
			t.Logf("depth %d (%d bytes), text %v: %v, %+v", depth, len(raw), withText, took, p.Warnings)
		}
	}
}

func TestTooLargeIsImportedWithAWarning(t *testing.T) {
	old := maxDecoded
	maxDecoded = 1 << 20
	defer func() { maxDecoded = old }()
	big := base64.StdEncoding.EncodeToString(make([]byte, 600<<10))
	var b strings.Builder
	b.WriteString("From: qian@example.com\r\nSubject: big\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n" +
		"--b\r\nContent-Type: text/plain\r\n\r\nthree scans\r\n")
	for i := range 3 {
		fmt.Fprintf(&b, "--b\r\nContent-Type: image/jpeg\r\nContent-Disposition: attachment; filename=\"scan%d.jpg\"\r\nContent-Transfer-Encoding: base64\r\n\r\n%s\r\n", i, big)
	}
	b.WriteString("--b--\r\n")
	p, err := Parse([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if p.Text != "three scans" || len(p.Attachments) != 1 || p.Attachments[0].Name != "scan0.jpg" {
		t.Errorf("text %q, %d attachments", p.Text, len(p.Attachments))
	}
	if w, ok := warning(p, data.MailWarnTooLarge); !ok || w.Count != 2 || w.Total != 5 || w.Limit != 1 {
		t.Errorf("warnings %+v", p.Warnings)
	}
}

// The warnings reach the stored message.
func TestIncomingKeepsTheWarnings(t *testing.T) {
	in := Incoming(manyParts(600), "INBOX", 1, 1, time.Now(), data.DefaultSettings(), time.Now())
	if len(in.Message.Warnings) != 1 || in.Message.Warnings[0].Code != data.MailWarnTooManyParts || in.Message.Warnings[0].Count != 102 {
		t.Errorf("warnings %+v", in.Message.Warnings)
	}
	if in.NewCase == nil || in.NewCase.Description != "请看附件。" {
		t.Errorf("new case %+v", in.NewCase)
	}
}
