package mailsync

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	gomessage "github.com/emersion/go-message"
	gomsgmail "github.com/emersion/go-message/mail"

	"casebook/data"
)

// composeSample is an acknowledgement as intake would queue it.
func composeSample() Outgoing {
	return Outgoing{
		MessageID:  NewMessageID("A-2026-0001", "kefu@chunqiu-travel.example"),
		Date:       time.Date(2026, 3, 4, 9, 30, 0, 0, time.FixedZone("CST", 8*3600)),
		From:       Address{Name: "春秋旅行社 客服部", Address: "kefu@chunqiu-travel.example"},
		To:         []Address{{Name: "张伟", Address: "zhangwei@example.com"}},
		Cc:         []Address{{Name: "李娜（主管）", Address: "lina@chunqiu-travel.example"}, {Address: "boss@chunqiu-travel.example"}},
		Subject:    "[案件 A-2026-0001] 您的来信已受理：云南六日游导游强制购物",
		Text:       "尊敬的张伟：\n\n您好！\n\n您的来信我们已经收到。\n案件编号：A-2026-0001\n\n客户服务部\n",
		InReplyTo:  "CAHk3x9=abc@mail.gmail.com",
		References: []string{"first.1@example.com", "second.2@example.com"},
		Automatic:  true,
		Attachments: []OutgoingFile{
			{Name: "投诉确认函（盖章版）.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4 fake\x00\x01\x02")},
			{Name: "receipt.jpg", Data: bytes.Repeat([]byte{0xff, 0xd8, 0x00, 0x10}, 300)},
		},
	}
}

type parsedPart struct {
	name, contentType string
	data              []byte
}

// readBack parses raw with go-message, as intake would.
func readBack(t *testing.T, raw []byte) (*gomsgmail.Reader, string, []parsedPart) {
	t.Helper()
	mr, err := gomsgmail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("go-message cannot read the composed message: %v", err)
	}
	var text string
	var files []parsedPart
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("next part: %v", err)
		}
		body, err := io.ReadAll(p.Body)
		if err != nil {
			t.Fatalf("read part: %v", err)
		}
		switch h := p.Header.(type) {
		case *gomsgmail.InlineHeader:
			text = string(body)
		case *gomsgmail.AttachmentHeader:
			name, err := h.Filename()
			if err != nil {
				t.Fatalf("attachment file name: %v", err)
			}
			ct, _, _ := h.ContentType()
			files = append(files, parsedPart{name: name, contentType: ct, data: body})
		}
	}
	return mr, text, files
}

func TestComposeRoundTripsThroughGoMessage(t *testing.T) {
	o := composeSample()
	raw, err := Compose(o)
	if err != nil {
		t.Fatal(err)
	}
	for i, b := range raw {
		if b >= 0x80 {
			t.Fatalf("byte %d is 8-bit (%#x): the message must be 7-bit clean", i, b)
		}
	}
	for i, line := range strings.Split(string(raw), "\r\n") {
		if len(line) > 998 {
			t.Errorf("line %d is %d characters long (RFC 5322 limit 998)", i+1, len(line))
		}
	}

	mr, text, files := readBack(t, raw)
	h := mr.Header
	if got, err := h.Subject(); err != nil || got != o.Subject {
		t.Errorf("Subject = %q, %v; want %q", got, err, o.Subject)
	}
	if !strings.HasPrefix(strings.TrimSpace(h.Header.Get("Subject")), "=?UTF-8?") {
		t.Errorf("the Chinese subject is not an encoded word:\n%s", headerBlock(raw))
	}
	checkAddrs := func(field string, want []Address) {
		t.Helper()
		got, err := h.AddressList(field)
		if err != nil {
			t.Fatalf("%s: %v", field, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s = %v, want %v", field, got, want)
		}
		for i := range want {
			if got[i].Name != want[i].Name || got[i].Address != want[i].Address {
				t.Errorf("%s[%d] = %q <%s>, want %q <%s>", field, i, got[i].Name, got[i].Address, want[i].Name, want[i].Address)
			}
		}
	}
	checkAddrs("From", []Address{o.From})
	checkAddrs("To", o.To)
	checkAddrs("Cc", o.Cc)

	if id, err := h.MessageID(); err != nil || id != o.MessageID {
		t.Errorf("Message-ID = %q, %v; want %q", id, err, o.MessageID)
	}
	if CaseFromMessageID(h.Get("Message-Id")) != "A-2026-0001" {
		t.Errorf("the Message-ID %q does not carry the case", h.Get("Message-Id"))
	}
	if ids, err := h.MsgIDList("In-Reply-To"); err != nil || len(ids) != 1 || ids[0] != o.InReplyTo {
		t.Errorf("In-Reply-To = %v, %v; want [%s]", ids, err, o.InReplyTo)
	}
	wantRefs := []string{"first.1@example.com", "second.2@example.com", o.InReplyTo}
	if ids, err := h.MsgIDList("References"); err != nil || strings.Join(ids, " ") != strings.Join(wantRefs, " ") {
		t.Errorf("References = %v, %v; want %v (the parent last)", ids, err, wantRefs)
	}
	if d, err := h.Date(); err != nil || !d.Equal(o.Date) {
		t.Errorf("Date = %v, %v; want %v", d, err, o.Date)
	}
	if got := h.Get("Auto-Submitted"); got != "auto-replied" {
		t.Errorf("Auto-Submitted = %q, want auto-replied", got)
	}
	if got := h.Get("X-Auto-Response-Suppress"); got != "All" {
		t.Errorf("X-Auto-Response-Suppress = %q, want All", got)
	}
	if got := h.Get("User-Agent"); got != "Casebook" {
		t.Errorf("User-Agent = %q, want Casebook", got)
	}

	if got, want := strings.ReplaceAll(text, "\r\n", "\n"), o.Text; got != want {
		t.Errorf("text = %q, want %q", got, want)
	}
	if len(files) != 2 {
		t.Fatalf("got %d attachments, want 2", len(files))
	}
	for i, f := range files {
		want := o.Attachments[i]
		if f.name != want.Name {
			t.Errorf("attachment %d name = %q, want %q", i, f.name, want.Name)
		}
		if !bytes.Equal(f.data, want.Data) {
			t.Errorf("attachment %d: data differ (%d bytes, want %d)", i, len(f.data), len(want.Data))
		}
	}
	if files[0].contentType != "application/pdf" || files[1].contentType != "image/jpeg" {
		t.Errorf("content types = %q, %q; want application/pdf, image/jpeg (guessed from .jpg)", files[0].contentType, files[1].contentType)
	}
}

// headerBlock is the message's header, for failure output.
func headerBlock(raw []byte) string {
	h, _, _ := bytes.Cut(raw, []byte("\r\n\r\n"))
	return string(h)
}

// TestComposeAttachmentNameBothForms checks that a Chinese file name is
// readable both by RFC 2231 parsers (filename*, continuations for long
// names) and by those that only read the encoded word in filename="…".
func TestComposeAttachmentNameBothForms(t *testing.T) {
	names := []string{
		"照片.jpg",
		"2026年3月云南六日游（昆明-大理-丽江）导游强制购物投诉材料及消费凭证汇总 第二版 final.pdf",
		"contract 100%'s \"copy\".pdf", // ASCII with characters that need care
		"",                             // gets a generated name
		strings.Repeat("投诉材料", 40) + ".pdf", // 484 bytes: shortened
	}
	for _, name := range names {
		o := composeSample()
		o.Attachments = []OutgoingFile{{Name: name, Data: []byte("x")}}
		raw, err := Compose(o)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(raw), "\r\n") {
			if len(line) > 100 {
				t.Errorf("name %q: line %d is %d characters long: %.60s…", name, i+1, len(line), line)
			}
		}
		_, _, files := readBack(t, raw)
		want := outFileName(name, 0)
		if len(want) > outMaxFileName || !utf8.ValidString(want) || (strings.HasSuffix(name, ".pdf") && !strings.HasSuffix(want, ".pdf")) {
			t.Errorf("name %q: cleaned to %q", name, want)
		}
		if len(files) != 1 || files[0].name != want {
			t.Errorf("name %q: read back %+v, want %q", name, files, want)
			continue
		}

		// Find the attachment's Content-Disposition, unfolded.
		ent, err := gomessage.Read(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		var disp string
		_ = ent.Walk(func(_ []int, e *gomessage.Entity, _ error) error {
			if v := e.Header.Get("Content-Disposition"); strings.HasPrefix(v, "attachment") {
				disp = v
			}
			return nil
		})
		if disp == "" {
			t.Fatalf("name %q: no attachment Content-Disposition", name)
		}
		// The plain filename="…" parameter alone, decoded as an encoded word.
		m := regexp.MustCompile(`filename="([^"]*)"`).FindStringSubmatch(disp)
		if m == nil {
			t.Fatalf("name %q: no filename=\"…\" in %q", name, disp)
		}
		dec, err := new(mime.WordDecoder).DecodeHeader(m[1])
		if err != nil || dec != want {
			t.Errorf("name %q: filename=\"…\" decodes to %q, %v", name, dec, err)
		}
		nonASCII := strings.ContainsFunc(want, func(r rune) bool { return r >= 0x80 })
		if got := strings.Contains(disp, "filename*"); got != nonASCII {
			t.Errorf("name %q: filename* present = %v, want %v: %s", name, got, nonASCII, disp)
		}
		// Go's own RFC 2231 reader (used by go-message) agrees.
		if _, params, err := mime.ParseMediaType(disp); err != nil || params["filename"] != want {
			t.Errorf("name %q: mime.ParseMediaType = %q, %v", name, params["filename"], err)
		}
	}
}

func TestComposeEncodings(t *testing.T) {
	o := composeSample()
	o.Automatic = false
	o.Attachments = nil
	o.InReplyTo, o.References = "", nil
	raw, err := Compose(o)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(raw, []byte("Content-Transfer-Encoding: base64")) {
		t.Errorf("a Chinese body should be base64:\n%s", headerBlock(raw))
	}
	for _, h := range []string{"Auto-Submitted", "X-Auto-Response-Suppress", "In-Reply-To", "References"} {
		if bytes.Contains(raw, []byte("\r\n"+h+":")) {
			t.Errorf("%s present in a message that is not automatic and not a reply", h)
		}
	}

	o.Text = "Dear Mr Smith,\n\nThank you. Case number: A-2026-0001\n"
	o.Subject = "[Case A-2026-0001] Re: refund"
	raw, err = Compose(o)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(raw, []byte("Content-Transfer-Encoding: quoted-printable")) {
		t.Errorf("an English body should be quoted-printable:\n%s", headerBlock(raw))
	}
	if !bytes.Contains(raw, []byte("Subject: [Case A-2026-0001] Re: refund\r\n")) {
		t.Errorf("an ASCII subject should stay readable:\n%s", headerBlock(raw))
	}
	_, text, _ := readBack(t, raw)
	if strings.ReplaceAll(text, "\r\n", "\n") != o.Text {
		t.Errorf("text = %q", text)
	}
}

func TestComposeRejectsBadInput(t *testing.T) {
	cases := map[string]func(*Outgoing){
		"no message id":      func(o *Outgoing) { o.MessageID = "" },
		"bracketed id":       func(o *Outgoing) { o.MessageID = "<x@y>" },
		"injected reply id":  func(o *Outgoing) { o.InReplyTo = "a@b>\r\nBcc: evil@example.com" },
		"reference w/ space": func(o *Outgoing) { o.References = []string{"a b@c"} },
		"bad from":           func(o *Outgoing) { o.From.Address = "not an address" },
		"bad to":             func(o *Outgoing) { o.To = []Address{{Address: "zhang@"}} },
		"no recipients":      func(o *Outgoing) { o.To, o.Cc = nil, nil },
		"bad content type":   func(o *Outgoing) { o.Attachments[0].ContentType = "image/jpeg\r\nX-Evil: 1" },
	}
	for name, mutate := range cases {
		o := composeSample()
		mutate(&o)
		if _, err := Compose(o); !errors.Is(err, data.ErrInvalid) {
			t.Errorf("%s: err = %v, want data.ErrInvalid", name, err)
		}
	}
}

func TestComposeSubjectCannotInjectHeaders(t *testing.T) {
	o := composeSample()
	o.Subject = "退款\r\nBcc: evil@example.com"
	o.From.Name = "客服\nX-Evil: 1"
	raw, err := Compose(o)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte("\nBcc:")) || bytes.Contains(raw, []byte("\nX-Evil:")) {
		t.Fatalf("header injected:\n%s", headerBlock(raw))
	}
	mr, _, _ := readBack(t, raw)
	if s, _ := mr.Header.Subject(); s != "退款 Bcc: evil@example.com" {
		t.Errorf("Subject = %q", s)
	}
}

func TestComposeIsDeterministic(t *testing.T) {
	m, err := outBuild(composeSample())
	if err != nil {
		t.Fatal(err)
	}
	a, err := outRender(m)
	if err != nil {
		t.Fatal(err)
	}
	b, err := outRender(m)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("rendering the same message twice gave different bytes; Send's Raw would not be what was sent")
	}
}

func TestNewMessageIDCarriesTheCase(t *testing.T) {
	id := NewMessageID("A-2026-0001", "Kefu@Chunqiu-Travel.Example")
	if !regexp.MustCompile(`^case-A-2026-0001\.[a-z2-7]{16}@chunqiu-travel\.example$`).MatchString(id) {
		t.Errorf("NewMessageID = %q", id)
	}
	if err := outCheckMsgID(id); err != nil {
		t.Errorf("not a valid id: %v", err)
	}
	for _, form := range []string{id, "<" + id + ">", "  <" + id + ">\r\n"} {
		if got := CaseFromMessageID(form); got != "A-2026-0001" {
			t.Errorf("CaseFromMessageID(%q) = %q", form, got)
		}
	}
	if NewMessageID("A-2026-0001", "a@b.example") == NewMessageID("A-2026-0001", "a@b.example") {
		t.Error("two Message-IDs are equal")
	}

	// Odd case numbers survive; the id stays a valid dot-atom.
	for _, n := range []string{"B 2026/7.1", "案-2026-0001", "X=Y", "a.b"} {
		id := NewMessageID(n, "x@y.example")
		if err := outCheckMsgID(id); err != nil {
			t.Errorf("case %q: %v", n, err)
		}
		left, _, _ := strings.Cut(id, "@")
		if strings.Count(left, ".") != 1 {
			t.Errorf("case %q: id %q has dots in the case part", n, id)
		}
		if got := CaseFromMessageID(id); got != n {
			t.Errorf("case %q: read back %q from %q", n, got, id)
		}
	}

	// Without a case, or from a bad address.
	if id := NewMessageID("", "x@y.example"); CaseFromMessageID(id) != "" || strings.HasPrefix(id, "case-") {
		t.Errorf("NewMessageID without a case = %q", id)
	}
	for _, from := range []string{"", "nobody", "x@邮件.中国", "x@bad..example"} {
		if id := NewMessageID("A-2026-0001", from); !strings.HasSuffix(id, "@casebook.invalid") || CaseFromMessageID(id) != "A-2026-0001" {
			t.Errorf("from %q: id %q", from, id)
		}
	}

	// Other people's ids carry no case.
	for _, other := range []string{
		"", "CAHk3x9=abc@mail.gmail.com", "case-A-2026-0001@example.com",
		"case-A-2026-0001.short@example.com", "case-A-2026-0001.ABCDEFGHIJKLMNOP@example.com",
		"case-.abcdefghijklmnop@example.com", "case-A=Z1.abcdefghijklmnop@example.com",
		"case-A-2026-0001.abcdefghijklmnop", "xcase-A-2026-0001.abcdefghijklmnop@x",
	} {
		if got := CaseFromMessageID(other); got != "" {
			t.Errorf("CaseFromMessageID(%q) = %q, want \"\"", other, got)
		}
	}
}
