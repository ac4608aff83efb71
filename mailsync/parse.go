package mailsync

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/emersion/go-message"
	gomail "github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"
	"github.com/k3a/html2text"
	"github.com/microcosm-cc/bluemonday"

	"casebook/data"
)

// Limits against hostile or broken input; real mail stays far below them.
// What lies beyond them is not read, and the message says so (Warnings).
const (
	maxDepth      = 16      // nesting of multiparts
	maxParts      = 500     // leaf and container parts together
	maxCounted    = 100_000 // parts counted beyond maxParts, for the warning
	maxReferences = 100     // newest kept: older ids add nothing to threading
	maxNameRunes  = 200
)

// maxDecoded is how many bytes of decoded parts a message keeps, text and
// attachments together (a variable so tests can lower it).
var maxDecoded = 64 << 20

// ErrUnreadable is returned (wrapped) when raw holds nothing that looks like
// a mail message; the caller parks such a message.
var ErrUnreadable = errors.New("not a readable mail message")

// Parse reads a raw RFC 5322 message into a Parsed. It is lenient: broken
// MIME structure, unknown charsets, bad dates and malformed addresses degrade
// to best-effort values. It fails only when raw has no usable header at all.
func Parse(raw []byte) (p *Parsed, err error) {
	defer func() {
		// A last line of defence so one odd message never stops a sync; the
		// fuzz test calls parse directly so that panics still surface there.
		if r := recover(); r != nil {
			p, err = nil, fmt.Errorf("parse mail: internal error: %v: %w", r, ErrUnreadable)
		}
	}()
	return parse(raw)
}

func parse(raw []byte) (*Parsed, error) {
	h, body, err := splitMessage(raw)
	if err != nil {
		return nil, fmt.Errorf("parse mail: %w", err)
	}
	w := &walker{}
	w.entity(h, body, 0, "")

	hint := w.hint
	if hint == "" {
		_, params := contentType(h)
		hint = params["charset"]
	}

	p := &Parsed{
		MessageID:  firstID(h.Get("Message-Id")),
		InReplyTo:  firstID(h.Get("In-Reply-To")),
		References: msgIDList(h.Get("References")),
		Subject:    cleanLine(decodeRawHeader(h.Get("Subject"), hint)),
		Date:       parseDate(h.Get("Date")),
		To:         parseAddressList(h.Get("To"), hint),
		Cc:         parseAddressList(h.Get("Cc"), hint),
		ReplyTo:    parseAddressList(h.Get("Reply-To"), hint),
	}
	if len(p.References) > maxReferences {
		p.References = p.References[len(p.References)-maxReferences:]
	}
	for _, k := range []string{"From", "Sender"} {
		if l := parseAddressList(h.Get(k), hint); len(l) > 0 {
			p.From = l[0]
			break
		}
	}

	html := strings.Join(w.htmls, "\n")
	if strings.TrimSpace(html) != "" {
		p.HTML = htmlPolicy.Sanitize(html)
	}
	text := strings.Join(w.texts, "\n\n")
	if strings.TrimSpace(text) == "" && p.HTML != "" {
		text = htmlToText(p.HTML)
	}
	p.Text = normalizeText(text)

	for i := range w.atts {
		a := &w.atts[i]
		if a.Name == "" {
			a.Name = "attachment-" + strconv.Itoa(i+1) + extensionFor(a.ContentType)
		}
	}
	p.Attachments = w.atts

	p.Bounce = detectBounce(h, p, w)
	p.Automatic, p.AutoReason = automaticReason(h, p, w)
	p.Warnings = w.warnings()
	return p, nil
}

// warnings says what the walk left unread.
func (w *walker) warnings() []data.MailWarning {
	var out []data.MailWarning
	if w.skipped > 0 {
		out = append(out, data.MailWarning{Code: data.MailWarnTooManyParts, Count: w.skipped,
			Total: w.parts + w.skipped, Limit: maxParts})
	}
	if w.deep > 0 {
		out = append(out, data.MailWarning{Code: data.MailWarnTooDeep, Limit: maxDepth})
	}
	if w.tooLarge > 0 {
		out = append(out, data.MailWarning{Code: data.MailWarnTooLarge, Count: w.tooLarge,
			Total: w.parts + w.skipped, Limit: maxDecoded >> 20})
	}
	return out
}

// splitMessage separates the header from the body and reads the header with
// go-message's textproto. Lines that are not header fields are dropped, or
// taken as the start of the body when no header field follows them (a
// message that forgot its blank line).
func splitMessage(raw []byte) (textproto.Header, []byte, error) {
	rest := raw
	// An mbox "From " separator line is not a header field.
	if bytes.HasPrefix(rest, []byte("From ")) {
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			rest = rest[i+1:]
		} else {
			rest = nil
		}
	}

	type line struct {
		text  []byte
		valid bool // a "Key: value" field start
		cont  bool // a folded continuation
	}
	var lines []line
	var body []byte
	for len(rest) > 0 {
		var l []byte
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			l, rest = rest[:i], rest[i+1:]
		} else {
			l, rest = rest, nil
		}
		l = bytes.TrimSuffix(l, []byte("\r"))
		if len(l) == 0 {
			body = rest
			break
		}
		switch {
		case l[0] == ' ' || l[0] == '\t':
			lines = append(lines, line{text: l, cont: true})
		case isFieldLine(l):
			lines = append(lines, line{text: l, valid: true})
		default:
			lines = append(lines, line{text: l})
		}
	}

	lastValid := -1
	for i, l := range lines {
		if l.valid {
			lastValid = i
		}
	}
	if lastValid < 0 {
		return textproto.Header{}, nil, fmt.Errorf("no header fields: %w", ErrUnreadable)
	}
	var hb bytes.Buffer
	for i, l := range lines {
		if i > lastValid && !l.cont {
			// The body started without a blank line: give it back.
			var b bytes.Buffer
			for _, r := range lines[i:] {
				b.Write(r.text)
				b.WriteString("\r\n")
			}
			b.Write(body)
			body = b.Bytes()
			break
		}
		switch {
		case l.valid:
			if hb.Len() > 0 {
				hb.WriteString("\r\n")
			}
			hb.Write(l.text)
		case hb.Len() == 0:
			// Nothing to continue yet.
		case l.cont:
			hb.WriteString("\r\n")
			hb.Write(l.text)
		default:
			// A fold that lost its leading space: keep it as a continuation.
			hb.WriteString("\r\n ")
			hb.Write(l.text)
		}
	}
	hb.WriteString("\r\n\r\n")
	h, err := textproto.ReadHeader(bufio.NewReader(&hb))
	if err != nil && h.Len() == 0 {
		return textproto.Header{}, nil, fmt.Errorf("read header: %v: %w", err, ErrUnreadable)
	}
	return h, body, nil
}

func isFieldLine(l []byte) bool {
	i := bytes.IndexByte(l, ':')
	if i <= 0 {
		return false
	}
	key := bytes.TrimRight(l[:i], " \t")
	if len(key) == 0 {
		return false
	}
	for _, c := range key {
		if c < 33 || c > 126 {
			return false
		}
	}
	return true
}

// walker collects the parts of a message while descending its MIME tree.
type walker struct {
	parts    int    // parts read (containers and leaves)
	skipped  int    // parts not read: beyond maxParts
	deep     int    // multiparts not read: nested deeper than maxDepth
	decoded  int    // bytes of decoded parts kept
	tooLarge int    // parts not kept: beyond maxDecoded
	hint     string // the first CJK charset of a text part, for raw 8-bit headers
	texts    []string
	htmls    []string
	atts     []ParsedAttachment
	report   string // report-type of a multipart/report, when one was seen

	dsn      []byte // message/delivery-status content
	returned []byte // returned message or its headers, in a report or bounce
}

func (w *walker) entity(h textproto.Header, body []byte, depth int, parent string) {
	if w.parts >= maxParts {
		w.skipped++
		return
	}
	w.parts++
	mt, params := contentType(h)
	if mt == "" {
		mt = "text/plain"
		if parent == "multipart/digest" {
			mt = "message/rfc822"
		}
	}

	if strings.HasPrefix(mt, "multipart/") {
		if mt == "multipart/report" && w.report == "" {
			w.report = strings.ToLower(params["report-type"])
			if w.report == "" {
				w.report = "unknown"
			}
		}
		if depth >= maxDepth {
			// Too deep to walk: never the raw MIME as text. The first text
			// part that can be found in it is used, if the message has none yet.
			w.deep++
			if len(w.texts) == 0 && len(w.htmls) == 0 {
				if smt, sparams, sh, content, ok := salvageText(body); ok {
					w.bodyText(smt, sparams["charset"], transferDecode(sh.Get("Content-Transfer-Encoding"), content))
				}
			}
			return
		}
		if w.multipart(mt, params["boundary"], body, depth) {
			return
		}
		// No readable part: show what is there as text rather than nothing.
		mt, params = "text/plain", nil
	}

	cte := h.Get("Content-Transfer-Encoding")
	size := len(body)
	if strings.EqualFold(strings.TrimSpace(cte), "base64") {
		size = size / 4 * 3
	}
	if w.decoded+size > maxDecoded {
		w.tooLarge++
		return
	}
	data := transferDecode(cte, body)
	w.decoded += len(data)
	disp, dparams := parseParams(h.Get("Content-Disposition"))
	disp = strings.ToLower(disp)
	name := attachmentName(h, dparams, w.hint)
	cid := strings.Trim(strings.TrimSpace(h.Get("Content-Id")), "<>")

	switch mt {
	case "message/delivery-status", "message/global-delivery-status":
		if w.dsn == nil {
			w.dsn = data
		}
		return
	case "text/rfc822-headers", "text/global-headers":
		if w.returned == nil {
			w.returned = data
		}
		return
	case "message/rfc822", "message/global":
		if w.returned == nil {
			w.returned = data
		}
		if name == "" {
			if ih, _, err := splitMessage(data); err == nil {
				if s := cleanLine(decodeRawHeader(ih.Get("Subject"), w.hint)); s != "" {
					// A subject is not a path: keep "a/b" whole.
					name = cleanName(strings.NewReplacer("/", "-", `\`, "-").Replace(s) + ".eml")
				}
			}
		}
	case "text/plain", "text/html":
		if disp != "attachment" && name == "" {
			w.bodyText(mt, params["charset"], data)
			return
		}
	}

	w.atts = append(w.atts, ParsedAttachment{
		Name:        name,
		ContentType: mt,
		ContentID:   cid,
		Inline:      disp == "inline" || (disp != "attachment" && cid != ""),
		Data:        data,
	})
}

// multipart walks the parts of a multipart body and reports whether any part
// was found.
func (w *walker) multipart(mt, boundary string, body []byte, depth int) bool {
	if boundary == "" {
		boundary = sniffBoundary(body)
		if boundary == "" {
			return false
		}
	}
	mr := textproto.NewMultipartReader(bytes.NewReader(body), boundary)
	found := false
	for w.skipped < maxCounted {
		part, err := mr.NextPart()
		if err != nil {
			break
		}
		found = true
		if w.parts >= maxParts {
			w.skipped++ // counted, not read
			continue
		}
		// A truncated part still yields what was read before the error.
		data, _ := io.ReadAll(part)
		w.entity(part.Header, data, depth+1, mt)
	}
	return found
}

// salvageText finds the first text part (text/plain, else text/html) in the
// body of a multipart nested too deep to walk, by its delimiter lines, in
// one pass over the bytes: the part's media type, parameters, header and
// content.
func salvageText(body []byte) (string, map[string]string, textproto.Header, []byte, bool) {
	var htmlFound bool
	var hmt string
	var hparams map[string]string
	var hh textproto.Header
	var hcontent []byte
	for rest, tries := body, 0; len(rest) > 0 && tries < 10_000; tries++ {
		// The next delimiter line: "--boundary" at the start of a line.
		if !bytes.HasPrefix(rest, []byte("--")) {
			i := bytes.Index(rest, []byte("\n--"))
			if i < 0 {
				break
			}
			rest = rest[i+1:]
		}
		eol := bytes.IndexByte(rest, '\n')
		if eol < 0 {
			break
		}
		delim := bytes.TrimRight(rest[:eol], " \t\r")
		rest = rest[eol+1:]
		if len(delim) < 3 || len(delim) > 72 || bytes.HasSuffix(delim, []byte("--")) {
			continue // a closing delimiter, or not one at all
		}
		// The part's header ends at the first blank line, within a few KB
		// (so a body full of "--" lines costs one pass, not one per line).
		window := rest[:min(len(rest), 8<<10)]
		var hend, start int
		switch {
		case bytes.HasPrefix(window, []byte("\r\n")):
			hend, start = 0, 2
		case bytes.HasPrefix(window, []byte("\n")):
			hend, start = 0, 1
		default:
			hend = bytes.Index(window, []byte("\n\r\n"))
			start = hend + 3
			if j := bytes.Index(window, []byte("\n\n")); j >= 0 && (hend < 0 || j < hend) {
				hend, start = j, j+2
			}
			if hend < 0 {
				continue
			}
			hend++
		}
		var h textproto.Header
		if hend > 0 {
			var err error
			h, err = textproto.ReadHeader(bufio.NewReader(bytes.NewReader(append(window[:hend:hend], '\r', '\n'))))
			if err != nil {
				continue
			}
		}
		mt, params := contentType(h)
		if mt == "" {
			mt = "text/plain"
		}
		if mt != "text/plain" && (mt != "text/html" || htmlFound) {
			continue
		}
		disp, _ := parseParams(h.Get("Content-Disposition"))
		if strings.EqualFold(strings.TrimSpace(disp), "attachment") {
			continue
		}
		content := rest[start:]
		if end := bytes.Index(content, append([]byte("\n"), delim...)); end >= 0 {
			content = content[:end]
		}
		content = bytes.TrimSuffix(content, []byte("\r"))
		if mt == "text/plain" {
			return mt, params, h, content, true
		}
		htmlFound, hmt, hparams, hh, hcontent = true, mt, params, h, content
	}
	return hmt, hparams, hh, hcontent, htmlFound
}

// sniffBoundary finds the boundary of a multipart whose Content-Type lost its
// parameter: the first "--token" line.
func sniffBoundary(body []byte) string {
	for len(body) > 0 {
		var l []byte
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			l, body = body[:i], body[i+1:]
		} else {
			l, body = body, nil
		}
		l = bytes.TrimRight(l, " \t\r")
		if len(l) > 2 && len(l) <= 72 && bytes.HasPrefix(l, []byte("--")) && !bytes.ContainsAny(l[2:], " \t") {
			return string(l[2:])
		}
	}
	return ""
}

func (w *walker) bodyText(mt, label string, data []byte) {
	if mt == "text/html" && label == "" {
		label = sniffMetaCharset(data)
	}
	if w.hint == "" {
		if isCJKCharset(label) {
			w.hint = normCharset(label)
		}
	}
	s := decodeBody(label, data)
	if mt == "text/html" {
		w.htmls = append(w.htmls, s)
	} else {
		w.texts = append(w.texts, s)
	}
}

// decodeBody converts a text part to UTF-8. A part labelled with a Chinese
// charset whose bytes are valid UTF-8 with non-ASCII content was mislabelled
// (GBK text is almost never valid UTF-8), so it is taken as UTF-8.
func decodeBody(label string, data []byte) string {
	if isCJKCharset(label) {
		if utf8.Valid(data) && !isASCIIBytes(data) {
			return string(data)
		}
	}
	return charsetBytes(label, data)
}

func isASCIIBytes(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

var metaCharsetRE = regexp.MustCompile(`(?i)<meta[^>]*charset\s*=\s*["']?\s*([a-z0-9_\-.:]+)`)

func sniffMetaCharset(b []byte) string {
	if len(b) > 4096 {
		b = b[:4096]
	}
	if m := metaCharsetRE.FindSubmatch(b); m != nil {
		return string(m[1])
	}
	return ""
}

// transferDecode undoes the Content-Transfer-Encoding. Both decoders are
// lenient on purpose: junk in a base64 body or a bad "=XX" must not lose the
// rest of the part.
func transferDecode(cte string, body []byte) []byte {
	switch strings.ToLower(strings.TrimSpace(cte)) {
	case "base64":
		clean := make([]byte, 0, len(body))
		for _, c := range body {
			if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '/' {
				clean = append(clean, c)
			}
		}
		if len(clean)%4 == 1 {
			clean = clean[:len(clean)-1]
		}
		out := make([]byte, base64.RawStdEncoding.DecodedLen(len(clean)))
		n, _ := base64.RawStdEncoding.Decode(out, clean)
		return out[:n]
	case "quoted-printable":
		out, err := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(body)))
		if err != nil {
			return decodeQPLenient(body)
		}
		return out
	default:
		return body
	}
}

// decodeQPLenient decodes quoted-printable that the standard reader rejects
// (stray CRs before a soft break, "=" followed by junk): valid escapes and
// soft breaks are decoded, anything else is kept as it is.
func decodeQPLenient(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c != '=' {
			out = append(out, c)
			continue
		}
		if i+2 < len(b) && isHexDigit(b[i+1]) && isHexDigit(b[i+2]) {
			out = append(out, unhexDigit(b[i+1])<<4|unhexDigit(b[i+2]))
			i += 2
			continue
		}
		// A soft line break: "=", optional blanks and CRs, then LF.
		j := i + 1
		for j < len(b) && (b[j] == ' ' || b[j] == '\t' || b[j] == '\r') {
			j++
		}
		if j < len(b) && b[j] == '\n' {
			i = j
			continue
		}
		if j == len(b) {
			break
		}
		out = append(out, c)
	}
	return out
}

// contentType reads the media type (lower-cased) and its parameters, leniently.
func contentType(h textproto.Header) (string, map[string]string) {
	v := h.Get("Content-Type")
	if strings.TrimSpace(v) == "" {
		return "", nil
	}
	mt, params, err := mime.ParseMediaType(v)
	if err != nil {
		mt, params = parseParams(v)
	}
	mt = strings.ToLower(strings.TrimSpace(mt))
	if !strings.Contains(mt, "/") {
		if mt == "text" {
			mt = "text/plain"
		} else {
			mt = "application/octet-stream"
		}
	}
	return mt, params
}

// parseParams splits "value; a=b; c=\"d\"" into its value and raw
// parameters (keys lower-cased, quotes removed, the first of duplicates
// kept). Unlike mime.ParseMediaType it never fails and leaves RFC 2231
// parameters ("name*0*") as they are, for rfc2231Value.
func parseParams(v string) (string, map[string]string) {
	parts := splitUnquoted(v, ';')
	if len(parts) == 0 {
		return "", nil
	}
	params := map[string]string{}
	for _, p := range parts[1:] {
		k, val, ok := strings.Cut(p, "=")
		if !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		val = strings.TrimSpace(val)
		if len(val) >= 2 && val[0] == '"' && val[len(val)-1] == '"' {
			val = strings.ReplaceAll(val[1:len(val)-1], `\"`, `"`)
		} else {
			val = strings.Trim(val, `"`)
		}
		if _, dup := params[k]; k != "" && !dup {
			params[k] = val
		}
	}
	return strings.TrimSpace(parts[0]), params
}

// splitUnquoted splits s on sep outside double quotes.
func splitUnquoted(s string, sep byte) []string {
	var out []string
	inQuote, start := false, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && inQuote:
			i++
		case c == '"':
			inQuote = !inQuote
		case c == sep && !inQuote:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// attachmentName finds a part's file name: go-message's decoding first, then
// our own RFC 2231 decoding of the raw parameters (go-message yields "" for
// filename*=gbk”...), then encoded words and raw 8-bit bytes.
func attachmentName(h textproto.Header, dParams map[string]string, hint string) string {
	_, ctParams := parseParams(h.Get("Content-Type"))
	var name string
	// mime.ParseMediaType drops an RFC 2231 segment in a charset other than
	// UTF-8 but keeps the following ones: its result would be a garbled
	// tail, so extended parameters are always decoded here.
	if hasExtParam(dParams, "filename") {
		name = rfc2231Value(dParams, "filename", hint)
	} else if hasExtParam(ctParams, "name") && dParams["filename"] == "" {
		name = rfc2231Value(ctParams, "name", hint)
	}
	if strings.TrimSpace(name) == "" {
		ah := gomail.AttachmentHeader{Header: message.Header{Header: h}}
		name, _ = ah.Filename()
	}
	if strings.TrimSpace(name) == "" {
		// go-message gives up on a malformed parameter list.
		if name = dParams["filename"]; strings.TrimSpace(name) == "" {
			name = ctParams["name"]
		}
	}
	if strings.TrimSpace(name) == "" {
		return ""
	}
	return cleanName(decodeRawHeader(name, hint))
}

// hasExtParam reports whether params hold an RFC 2231 form of key.
func hasExtParam(params map[string]string, key string) bool {
	for k := range params {
		if strings.HasPrefix(k, key+"*") {
			return true
		}
	}
	return false
}

// rfc2231Value assembles parameter key from its RFC 2231 forms (key*,
// key*0*, key*1 …) in any charset, or returns the plain key.
func rfc2231Value(params map[string]string, key, hint string) string {
	if v, ok := params[key+"*"]; ok {
		cs, b := splitExtValue(v)
		return charsetOrGuess(cs, b, hint)
	}
	type seg struct {
		n   int
		enc bool
		val string
	}
	var segs []seg
	for k, v := range params {
		rest, ok := strings.CutPrefix(k, key+"*")
		if !ok || rest == "" {
			continue
		}
		enc := strings.HasSuffix(rest, "*")
		n, err := strconv.Atoi(strings.TrimSuffix(rest, "*"))
		if err != nil || n < 0 || n > 1000 {
			continue
		}
		segs = append(segs, seg{n, enc, v})
	}
	if len(segs) == 0 {
		return params[key]
	}
	sort.Slice(segs, func(i, j int) bool { return segs[i].n < segs[j].n })
	var cs string
	var b []byte
	for i, s := range segs {
		switch {
		case s.enc && i == 0:
			var d []byte
			cs, d = splitExtValue(s.val)
			b = append(b, d...)
		case s.enc:
			b = append(b, percentDecode(s.val)...)
		default:
			b = append(b, s.val...)
		}
	}
	return charsetOrGuess(cs, b, hint)
}

func charsetOrGuess(cs string, b []byte, hint string) string {
	if knownCharset(cs) {
		return decodeBody(cs, b)
	}
	return fixRaw(b, hint)
}

// splitExtValue splits charset'language'percent-encoded.
func splitExtValue(v string) (string, []byte) {
	parts := strings.SplitN(v, "'", 3)
	if len(parts) != 3 {
		return "", percentDecode(v)
	}
	return parts[0], percentDecode(parts[2])
}

func percentDecode(s string) []byte {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2]) {
			b = append(b, unhexDigit(s[i+1])<<4|unhexDigit(s[i+2]))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return b
}

// cleanName makes a decoded file name safe to show and store: no directory
// part (old Outlook sends "C:\\...\\a.doc"), no control characters, bounded.
func cleanName(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if i := strings.LastIndexAny(s, `/\`); i >= 0 {
		s = s[i+1:]
	}
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	s = strings.TrimSpace(strings.Trim(s, `"'`))
	if s == "." || s == ".." {
		return ""
	}
	if utf8.RuneCountInString(s) > maxNameRunes {
		ext := path.Ext(s)
		if utf8.RuneCountInString(ext) > 16 {
			ext = ""
		}
		r := []rune(strings.TrimSuffix(s, ext))
		s = string(r[:maxNameRunes-utf8.RuneCountInString(ext)]) + ext
	}
	return s
}

var nameExtensions = map[string]string{
	"application/pdf":          ".pdf",
	"application/msword":       ".doc",
	"application/vnd.ms-excel": ".xls",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":       ".xlsx",
	"application/zip":          ".zip",
	"application/octet-stream": ".bin",
	"image/jpeg":               ".jpg",
	"image/jpg":                ".jpg",
	"image/png":                ".png",
	"image/gif":                ".gif",
	"image/bmp":                ".bmp",
	"image/webp":               ".webp",
	"text/plain":               ".txt",
	"text/html":                ".html",
	"text/calendar":            ".ics",
	"message/rfc822":           ".eml",
	"message/global":           ".eml",
	"audio/mpeg":               ".mp3",
	"audio/amr":                ".amr",
	"video/mp4":                ".mp4",
}

func extensionFor(mt string) string {
	if e, ok := nameExtensions[mt]; ok {
		return e
	}
	if exts, err := mime.ExtensionsByType(mt); err == nil && len(exts) > 0 {
		return exts[0]
	}
	return ""
}

// cleanLine makes a decoded header readable on one line.
func cleanLine(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\r' || r == '\n':
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// normalizeText turns CRLF (and lone CR) into LF, drops a BOM and trailing
// whitespace, and guarantees valid UTF-8; the rest is kept as sent.
func normalizeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.TrimPrefix(s, "\uFEFF")
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	return strings.ToValidUTF8(s, "\uFFFD")
}

// htmlPolicy sanitises HTML for display: bluemonday's UGC policy (no script,
// style, event handlers), plus cid: and data: images so inline images can be
// shown from the message's own parts.
var htmlPolicy = func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowURLSchemes("cid")
	p.AllowDataURIImages()
	return p
}()

// html2text only breaks lines at <br>, <p>, headings and list items; Chinese
// webmail writes one <div> per line, so block ends get a <br> first.
var (
	blockEndRE = regexp.MustCompile(`(?i)</(div|tr|table|blockquote|pre|center|section|article|header|footer|dt|dd|address)\s*>|<hr\s*/?>`)
	cellEndRE  = regexp.MustCompile(`(?i)</t[dh]\s*>`)
)

func htmlToText(h string) string {
	h = blockEndRE.ReplaceAllString(h, "$0<br>")
	h = cellEndRE.ReplaceAllString(h, "$0 ")
	t := html2text.HTML2TextWithOptions(h,
		html2text.WithUnixLineBreaks(), html2text.WithLinksInnerText(), html2text.WithListSupport())
	// &nbsp; is layout, not content: plain spaces search and quote better.
	t = strings.ReplaceAll(t, "\u00a0", " ")
	var out []string
	blank := 0
	for _, l := range strings.Split(t, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			blank++
			if blank > 1 || len(out) == 0 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

var msgIDRE = regexp.MustCompile(`<([^<>]*)>`)

// msgIDList reads a list of message ids: bracketed ids in order, or, for
// clients that drop the brackets, whitespace- or comma-separated tokens.
func msgIDList(v string) []string {
	v = strings.ToValidUTF8(v, "")
	var ids []string
	if ms := msgIDRE.FindAllStringSubmatch(v, -1); len(ms) > 0 {
		for _, m := range ms {
			if id := strings.Join(strings.Fields(m[1]), ""); id != "" {
				ids = append(ids, id)
			}
		}
		return ids
	}
	for _, f := range strings.FieldsFunc(v, func(r rune) bool { return unicode.IsSpace(r) || r == ',' }) {
		if strings.Contains(f, "@") {
			ids = append(ids, f)
		}
	}
	return ids
}

// firstID returns the first id of a Message-ID or In-Reply-To field; a bare
// id without brackets is accepted.
func firstID(v string) string {
	if ids := msgIDList(v); len(ids) > 0 {
		return ids[0]
	}
	if f := strings.Fields(strings.ToValidUTF8(v, "")); len(f) == 1 {
		return f[0]
	}
	return ""
}

// parseAddressList parses an address header with go-message (which decodes
// encoded words with the registered charsets) after making raw 8-bit bytes
// UTF-8 — also RFC 2822's comments and obsolete syntax and an address inside
// an encoded word (readAddressList) — and falls back to a forgiving split for
// what that rejects ("a@x.com; b@y.com", unquoted specials in names).
func parseAddressList(v, hint string) []Address {
	if strings.TrimSpace(v) == "" {
		return nil
	}
	v = fixRaw([]byte(v), hint)
	if l, ok := readAddressList(v, hint); ok { // strict, then comments, obsolete syntax, encoded words (address.go)
		return l
	}
	var out []Address
	for _, chunk := range splitAddresses(v) {
		chunk = strings.TrimSpace(chunk)
		if i := strings.IndexByte(chunk, ':'); i >= 0 && !strings.ContainsAny(chunk[:i], `<@"`) {
			chunk = strings.TrimSpace(chunk[i+1:]) // group "name: a@b"
		}
		if chunk == "" {
			continue
		}
		if lt := strings.LastIndexByte(chunk, '<'); lt >= 0 {
			addr := chunk[lt+1:]
			if gt := strings.IndexByte(addr, '>'); gt >= 0 {
				addr = addr[:gt]
			}
			out = appendAddress(out, chunk[:lt], addr, hint)
			continue
		}
		for _, f := range strings.Fields(chunk) {
			if strings.Contains(f, "@") {
				name := ""
				if o, c := strings.IndexByte(chunk, '('), strings.LastIndexByte(chunk, ')'); o >= 0 && c > o {
					name = chunk[o+1 : c]
				}
				out = appendAddress(out, name, strings.Trim(f, "<>()\"'"), hint)
				break
			}
		}
	}
	return out
}

func appendAddress(out []Address, name, addr, hint string) []Address {
	addr = strings.ToLower(strings.TrimSpace(addr))
	addr = strings.Trim(addr, `"'<>;,`)
	if addr == "" || strings.ContainsAny(addr, " \t") {
		return out
	}
	name = strings.TrimSpace(name)
	if len(name) >= 2 && name[0] == '"' && name[len(name)-1] == '"' {
		name = strings.ReplaceAll(name[1:len(name)-1], `\"`, `"`)
	}
	name = cleanLine(decodeWords(name, hint))
	name = strings.Trim(name, `"' `)
	if strings.EqualFold(name, addr) {
		name = ""
	}
	return append(out, Address{Name: name, Address: addr})
}

// splitAddresses splits on commas and semicolons outside quotes, angle
// brackets and comments.
func splitAddresses(s string) []string {
	var out []string
	inQuote, angle, paren, start := false, 0, 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && inQuote:
			i++
		case c == '"':
			inQuote = !inQuote
		case inQuote:
		case c == '<':
			angle++
		case c == '>' && angle > 0:
			angle--
		case c == '(':
			paren++
		case c == ')' && paren > 0:
			paren--
		case (c == ',' || c == ';') && angle == 0 && paren == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	if start <= len(s) {
		out = append(out, s[start:])
	}
	return out
}

// chinaTime is assumed for dates written without a zone: the senders and
// the agency are in China.
var chinaTime = time.FixedZone("CST", 8*3600)

var (
	dateCommentRE = regexp.MustCompile(`\([^)]*\)`)
	dateWeekdayRE = regexp.MustCompile(`^(?i)(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+`)
	dateGMTRE     = regexp.MustCompile(`(?i)\b(?:gmt|utc)\s*([+-])(\d{1,2}):?(\d{2})?\b`)
	dateOffsetRE  = regexp.MustCompile(`([+-])(\d{2}):(\d{2})$`)
)

var dateLayouts = []string{
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04 -0700",
	"2 Jan 06 15:04:05 -0700",
	"2 January 2006 15:04:05 -0700",
	"Jan 2 2006 15:04:05 -0700",
	"Jan 2 15:04:05 2006 -0700",
	"Jan 2 15:04:05 -0700 2006",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02T15:04:05-0700",
	"2006-01-02T15:04:05.999999999-0700",
	"2006/01/02 15:04:05 -0700",
	"2006-1-2 15:04:05 -0700",
	"2006/1/2 15:04:05 -0700",
	"2006-01-02 15:04 -0700",
	"2006-01-02T15:04:05Z",
}

var dateLayoutsNoZone = []string{
	"2 Jan 2006 15:04:05",
	"2 Jan 2006 15:04",
	"Jan 2 15:04:05 2006",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05",
	"2006/01/02 15:04:05",
	"2006-1-2 15:04:05",
	"2006/1/2 15:04:05",
	"2006-1-2 15:04",
	"2006/1/2 15:04",
}

// parseDate reads a Date field leniently; zero when there is none or it
// cannot be read (the caller then uses the fetch time).
func parseDate(v string) time.Time {
	v = strings.TrimSpace(strings.ToValidUTF8(v, ""))
	if v == "" {
		return time.Time{}
	}
	if t, err := mail.ParseDate(v); err == nil && !strings.HasSuffix(strings.ToUpper(v), " CST") {
		return t
	}
	s := dateCommentRE.ReplaceAllString(v, " ")
	s = strings.Join(strings.Fields(s), " ")
	s = dateWeekdayRE.ReplaceAllString(s, "")
	s = strings.ReplaceAll(s, ",", " ")
	s = dateGMTRE.ReplaceAllStringFunc(s, func(m string) string {
		g := dateGMTRE.FindStringSubmatch(m)
		hh, mm := g[2], g[3]
		if len(hh) == 1 {
			hh = "0" + hh
		}
		if mm == "" {
			mm = "00"
		}
		return g[1] + hh + mm
	})
	s = strings.Join(strings.Fields(s), " ")
	// In China "CST" is China Standard Time, not US Central.
	upper := strings.ToUpper(s)
	switch {
	case strings.HasSuffix(upper, " CST"):
		s = s[:len(s)-4] + " +0800"
	case strings.HasSuffix(upper, " GMT"), strings.HasSuffix(upper, " UTC"), strings.HasSuffix(upper, " UT"):
		s = s[:strings.LastIndexByte(s, ' ')] + " +0000"
	}
	s = dateOffsetRE.ReplaceAllString(s, "$1$2$3")
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t
		}
	}
	for _, l := range dateLayoutsNoZone {
		if t, err := time.ParseInLocation(l, s, chinaTime); err == nil {
			return t
		}
	}
	return time.Time{}
}
