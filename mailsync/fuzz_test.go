package mailsync

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse calls parse, not Parse, so that a panic is reported instead of
// being turned into an error by Parse's recover.
func FuzzParse(f *testing.F) {
	files, err := filepath.Glob("testdata/mail/*.eml")
	if err != nil || len(files) == 0 {
		f.Fatalf("no corpus: %v", err)
	}
	for _, name := range files {
		raw, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	// Shapes the corpus lacks: no body, no blank line, bare multiparts.
	for _, s := range []string{
		"", "Subject: only a header", "Subject: x\n\n", ":\n\n",
		"Content-Type: multipart/mixed; boundary=a\n\n--a\n--a--",
		"Content-Type: multipart/mixed; boundary=a\n\n--a\nContent-Type: multipart/mixed; boundary=a\n\n--a\n",
		"Content-Type: text/plain; charset=gbk\nContent-Transfer-Encoding: base64\n\n====",
		"Subject: =?gbk?B?=?= =?x?Q?=ZZ?=\nFrom: \"<\" <>\n\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		p, err := parse(raw)
		if err != nil {
			if p != nil || !errors.Is(err, ErrUnreadable) {
				t.Fatalf("error %v with result %v; want ErrUnreadable and nil", err, p)
			}
			return
		}
		if p == nil {
			t.Fatal("nil result without error")
		}
		for what, s := range map[string]string{"Text": p.Text, "Subject": p.Subject, "HTML": p.HTML, "From.Name": p.From.Name} {
			if !utf8.ValidString(s) {
				t.Fatalf("%s is not valid UTF-8: %q", what, s)
			}
		}
		if strings.Contains(p.Text, "\r") {
			t.Fatalf("Text keeps CR: %q", p.Text)
		}
		if strings.Contains(strings.ToLower(p.HTML), "<script") {
			t.Fatalf("HTML keeps a script: %q", p.HTML)
		}
		for _, a := range p.Attachments {
			if a.Name == "" || !utf8.ValidString(a.Name) || strings.ContainsAny(a.Name, "/\\\x00") {
				t.Fatalf("bad attachment name %q", a.Name)
			}
		}
	})
}
