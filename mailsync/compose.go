package mailsync

import (
	"bytes"
	"crypto/rand"
	"encoding/base32"
	"encoding/hex"
	"fmt"
	"mime"
	"net/mail"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	gomail "github.com/wneessen/go-mail"

	"casebook/data"
)

// Outgoing is one message to send.
type Outgoing struct {
	MessageID   string // without brackets; set by the caller (NewMessageID carries the case)
	Date        time.Time
	From        Address
	To          []Address
	Cc          []Address
	Subject     string
	Text        string   // plain text body (UTF-8)
	InReplyTo   string   // without brackets, or ""
	References  []string // without brackets, oldest first
	Automatic   bool     // an acknowledgement: adds Auto-Submitted: auto-replied and X-Auto-Response-Suppress: All
	Attachments []OutgoingFile
}

// OutgoingFile is an attachment of an outgoing message.
type OutgoingFile struct {
	Name        string // file name shown to the recipient; may be Chinese
	ContentType string // e.g. "image/jpeg"; "" = guessed from the name's extension
	Data        []byte
}

// outUserAgent names Casebook in User-Agent and X-Mailer instead of go-mail's default.
const outUserAgent = "Casebook"

// Our Message-IDs look like "case-A-2026-0001.<16 base32 chars>@<domain of From>".
const (
	msgIDCasePrefix = "case-"
	msgIDRandomLen  = 16 // 10 random bytes in lower-case base32, no padding
	msgIDDomainElse = "casebook.invalid"
)

var msgIDRandomEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// NewMessageID makes a Message-ID (without brackets) that carries the case
// number, so a reply finds its case even when nothing else about it does:
// "case-A-2026-0001.<random>@<domain of fromAddress>". Characters of the case
// number that a Message-ID cannot hold are written as =XX. With an empty case
// number it is just "<random>@<domain>".
func NewMessageID(caseNumber, fromAddress string) string {
	var b [10]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (it crashes the program instead)
	random := msgIDRandomEncoding.EncodeToString(b[:])
	left := random
	if caseNumber != "" {
		left = msgIDCasePrefix + outEncodeCase(caseNumber) + "." + random
	}
	return left + "@" + outMsgIDDomain(fromAddress)
}

// CaseFromMessageID returns the case number carried by one of our Message-IDs
// (as made by NewMessageID; brackets and surrounding space are allowed), or ""
// for any other id.
func CaseFromMessageID(id string) string {
	id = strings.TrimSpace(id)
	id = strings.TrimSuffix(strings.TrimPrefix(id, "<"), ">")
	at := strings.LastIndexByte(id, '@')
	if at < 0 {
		return ""
	}
	left, ok := strings.CutPrefix(id[:at], msgIDCasePrefix)
	if !ok {
		return ""
	}
	dot := strings.LastIndexByte(left, '.')
	if dot <= 0 {
		return ""
	}
	random := left[dot+1:]
	if len(random) != msgIDRandomLen {
		return ""
	}
	if _, err := msgIDRandomEncoding.DecodeString(random); err != nil {
		return ""
	}
	number, ok := outDecodeCase(left[:dot])
	if !ok {
		return ""
	}
	return number
}

// outEncodeCase keeps letters, digits, '-' and '_' and writes every other
// byte as =XX, so the result is a valid dot-atom part without dots.
func outEncodeCase(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if outIsAlnum(c) || c == '-' || c == '_' {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "=%02X", c)
	}
	return b.String()
}

func outDecodeCase(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '=':
			if i+2 >= len(s) {
				return "", false
			}
			v, err := hex.DecodeString(s[i+1 : i+3])
			if err != nil {
				return "", false
			}
			b.WriteByte(v[0])
			i += 2
		case outIsAlnum(c) || c == '-' || c == '_':
			b.WriteByte(c)
		default:
			return "", false
		}
	}
	return b.String(), true
}

func outIsAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// outMsgIDDomain is the lower-cased domain of addr when it is a plain ASCII
// host name, else a fixed placeholder.
func outMsgIDDomain(addr string) string {
	at := strings.LastIndexByte(addr, '@')
	if at < 0 {
		return msgIDDomainElse
	}
	d := strings.ToLower(strings.TrimSuffix(strings.TrimSpace(addr[at+1:]), ">"))
	if d == "" || strings.HasPrefix(d, ".") || strings.HasSuffix(d, ".") || strings.Contains(d, "..") {
		return msgIDDomainElse
	}
	for i := 0; i < len(d); i++ {
		if c := d[i]; !outIsAlnum(c) && c != '-' && c != '.' {
			return msgIDDomainElse
		}
	}
	return d
}

// Compose renders o as RFC 5322 bytes through go-mail: UTF-8 throughout,
// the body in base64 when it is mostly Chinese and in quoted-printable
// otherwise, names and subject as RFC 2047 encoded words, and Chinese
// attachment names both as encoded words (which Outlook, Foxmail and most
// Chinese webmail read) and as an RFC 2231 filename* parameter (which strict
// parsers such as go-message's prefer). Invalid input is reported as
// data.ErrInvalid.
func Compose(o Outgoing) ([]byte, error) {
	m, err := outBuild(o)
	if err != nil {
		return nil, err
	}
	return outRender(m)
}

// outRender writes m. The rendering is deterministic (fixed date, id and
// boundary; sorted headers), so the bytes rendered before sending are the
// bytes go-mail sends.
func outRender(m *gomail.Msg) ([]byte, error) {
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("render message: %w", err)
	}
	return buf.Bytes(), nil
}

// outBuild turns o into a go-mail message, checking what go-mail does not.
func outBuild(o Outgoing) (*gomail.Msg, error) {
	invalid := func(format string, args ...any) error {
		return fmt.Errorf("compose message: %s: %w", fmt.Sprintf(format, args...), data.ErrInvalid)
	}
	if err := outCheckMsgID(o.MessageID); err != nil {
		return nil, invalid("Message-ID: %v", err)
	}
	if o.InReplyTo != "" {
		if err := outCheckMsgID(o.InReplyTo); err != nil {
			return nil, invalid("In-Reply-To: %v", err)
		}
	}
	for _, r := range o.References {
		if err := outCheckMsgID(r); err != nil {
			return nil, invalid("References: %v", err)
		}
	}
	from, err := outMailAddress(o.From)
	if err != nil {
		return nil, invalid("From: %v", err)
	}
	to, err := outMailAddresses(o.To)
	if err != nil {
		return nil, invalid("To: %v", err)
	}
	cc, err := outMailAddresses(o.Cc)
	if err != nil {
		return nil, invalid("Cc: %v", err)
	}
	if len(to)+len(cc) == 0 {
		return nil, invalid("no recipients")
	}

	enc := gomail.EncodingQP
	if outMostlyNonASCII(o.Text) {
		enc = gomail.EncodingB64 // a third of the size of quoted-printable for Chinese
	}
	boundary, err := outBoundary()
	if err != nil {
		return nil, fmt.Errorf("compose message: %w", err)
	}
	m := gomail.NewMsg(
		gomail.WithCharset(gomail.CharsetUTF8),
		gomail.WithEncoding(enc),
		gomail.WithBoundary(boundary),
	)
	m.SetUserAgent(outUserAgent)
	m.SetMessageIDWithValue(o.MessageID)
	date := o.Date
	if date.IsZero() {
		date = time.Now()
	}
	m.SetDateWithValue(date)
	m.FromMailAddress(from)
	if len(to) > 0 {
		m.ToMailAddress(to...)
	}
	if len(cc) > 0 {
		m.CcMailAddress(cc...)
	}
	m.Subject(outOneLine(o.Subject))

	if o.InReplyTo != "" {
		m.SetGenHeader(gomail.HeaderInReplyTo, "<"+o.InReplyTo+">")
	}
	if refs := outReferences(o.References, o.InReplyTo); len(refs) > 0 {
		// One value, ids separated by spaces: go-mail folds long headers at spaces.
		m.SetGenHeader(gomail.HeaderReferences, "<"+strings.Join(refs, "> <")+">")
	}
	if o.Automatic {
		m.SetGenHeader(gomail.Header("Auto-Submitted"), "auto-replied")
		m.SetGenHeader(gomail.HeaderXAutoResponseSuppress, "All")
	}

	m.SetBodyString(gomail.TypeTextPlain, outCRLF(o.Text))

	for i, f := range o.Attachments {
		name := outFileName(f.Name, i)
		ct := f.ContentType
		if ct == "" {
			ct = mime.TypeByExtension(strings.ToLower(filepath.Ext(name)))
		}
		if ct == "" {
			ct = "application/octet-stream"
		}
		if _, _, err := mime.ParseMediaType(ct); err != nil || strings.ContainsAny(ct, "\r\n") {
			return nil, invalid("attachment %q: content type %q", name, f.ContentType)
		}
		m.AttachReadSeeker(name, bytes.NewReader(f.Data), outFileHeaders(name, ct))
	}
	return m, nil
}

// outFileHeaders presets an attachment's Content-Type and Content-Disposition.
// go-mail would write the name only as an encoded word inside the quoted
// parameter (not standard, though Outlook, Foxmail and most webmail read it);
// for a non-ASCII name we add the RFC 2231 form, split into continuations:
//
//	attachment;
//	 filename="=?UTF-8?b?...?=
//	 =?UTF-8?b?...?=";
//	 filename*0*=UTF-8''%E6%8A%95...;
//	 filename*1*=...
//
// The lines are folded here because go-mail writes part headers unfolded.
func outFileHeaders(name, contentType string) gomail.FileOption {
	return func(f *gomail.File) {
		const fold = "\r\n "
		quoted := name
		if !outIsASCII(name) {
			// The encoder separates its words by single spaces.
			quoted = strings.ReplaceAll(mime.BEncoding.Encode("UTF-8", name), " ", fold)
		}
		f.Header.Set(string(gomail.HeaderContentType), fmt.Sprintf(`%s;%sname="%s"`, contentType, fold, quoted))
		disp := fmt.Sprintf(`attachment;%sfilename="%s"`, fold, quoted)
		if quoted != name {
			disp += ";" + fold + strings.Join(outRFC2231Params("filename", name), ";"+fold)
		}
		f.Header.Set(string(gomail.HeaderContentDisposition), disp)
	}
}

// outRFC2231Params writes an RFC 2231 parameter (key*=UTF-8, two apostrophes,
// then the %-encoded value), as numbered continuations (key*0*, key*1*, …)
// when it is long, splitting only between characters.
func outRFC2231Params(key, value string) []string {
	const maxPiece = 60
	var pieces []string
	var cur strings.Builder
	for _, r := range value {
		var enc strings.Builder
		for _, c := range []byte(string(r)) {
			if outIsAttrChar(c) {
				enc.WriteByte(c)
			} else {
				fmt.Fprintf(&enc, "%%%02X", c)
			}
		}
		if cur.Len() > 0 && cur.Len()+enc.Len() > maxPiece {
			pieces = append(pieces, cur.String())
			cur.Reset()
		}
		cur.WriteString(enc.String())
	}
	pieces = append(pieces, cur.String())
	if len(pieces) == 1 {
		return []string{key + "*=UTF-8''" + pieces[0]}
	}
	params := make([]string, len(pieces))
	for i, p := range pieces {
		if i == 0 {
			p = "UTF-8''" + p
		}
		params[i] = fmt.Sprintf("%s*%d*=%s", key, i, p)
	}
	return params
}

func outIsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// outIsAttrChar is RFC 2231's attribute-char: what needs no %-encoding.
func outIsAttrChar(c byte) bool {
	return outIsAlnum(c) || strings.IndexByte("!#$&+-.^_`|~", c) >= 0
}

// outFileName is the file name cleaned of what breaks a header parameter
// or a file system (the same characters go-mail replaces), shortened to
// outMaxFileName bytes (keeping the extension), or a generated one.
func outFileName(name string, i int) string {
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || strings.ContainsRune("\"/:<>?\\|", r) {
			return '_'
		}
		return r
	}, strings.ToValidUTF8(strings.TrimSpace(name), "_"))
	if len(name) > outMaxFileName {
		ext := filepath.Ext(name)
		if len(ext) > 16 {
			ext = ""
		}
		stem := name[:len(name)-len(ext)]
		for len(stem)+len(ext) > outMaxFileName {
			_, size := utf8.DecodeLastRuneInString(stem)
			stem = stem[:len(stem)-size]
		}
		name = stem + ext
	}
	if name == "" {
		name = fmt.Sprintf("attachment-%d", i+1)
	}
	return name
}

// outMaxFileName keeps attachment names within what file systems accept.
const outMaxFileName = 200

// outCheckMsgID accepts an id-left@id-right without brackets, spaces or controls.
func outCheckMsgID(id string) error {
	if id == "" {
		return fmt.Errorf("empty")
	}
	if strings.ContainsAny(id, "<>\"\\ \t\r\n") || !strings.Contains(id, "@") {
		return fmt.Errorf("%q is not a message id (left@right, without brackets)", id)
	}
	for i := 0; i < len(id); i++ {
		if id[i] < 0x21 || id[i] > 0x7e {
			return fmt.Errorf("%q is not a message id (ASCII only)", id)
		}
	}
	return nil
}

// outReferences is refs with the parent (In-Reply-To) last, as RFC 5322 3.6.4
// asks, without duplicates.
func outReferences(refs []string, parent string) []string {
	out := make([]string, 0, len(refs)+1)
	seen := make(map[string]bool, len(refs)+1)
	for _, r := range refs {
		if r != parent && !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	if parent != "" {
		out = append(out, parent)
	}
	return out
}

func outMailAddress(a Address) (*mail.Address, error) {
	addr := strings.TrimSpace(a.Address)
	if addr == "" {
		return nil, fmt.Errorf("no address")
	}
	p, err := mail.ParseAddress(addr)
	if err != nil || p.Name != "" {
		return nil, fmt.Errorf("%q is not an e-mail address", a.Address)
	}
	return &mail.Address{Name: outOneLine(a.Name), Address: p.Address}, nil
}

func outMailAddresses(as []Address) ([]*mail.Address, error) {
	out := make([]*mail.Address, 0, len(as))
	for _, a := range as {
		m, err := outMailAddress(a)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// outOneLine replaces line breaks (and other controls) in a header text by spaces.
func outOneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// outCRLF gives text the CRLF line ends of a MIME text part.
func outCRLF(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.ReplaceAll(s, "\n", "\r\n")
}

// outMostlyNonASCII reports whether more than a third of s's bytes are not
// ASCII, as in Chinese text, where base64 beats quoted-printable.
func outMostlyNonASCII(s string) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			n++
		}
	}
	return n*3 > len(s)
}

// outBoundary is a random MIME boundary (hex, so it needs no quoting).
func outBoundary() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return "casebook-" + hex.EncodeToString(b[:]), nil
}
