package mailsync

import (
	"regexp"
	"strings"

	"github.com/emersion/go-message/textproto"
)

// detectBounce reads a delivery-status report (RFC 3464) when the message
// has one, and otherwise recognises the common non-standard bounces (qmail,
// older Exim, QQ/163/Coremail "系统退信" notices) from their sender and text.
func detectBounce(h textproto.Header, p *Parsed, w *walker) *Bounce {
	if w.dsn != nil {
		if b := parseDSN(w.dsn); b != nil {
			if b.OriginalMessageID == "" {
				b.OriginalMessageID = originalMessageID(p, w)
			}
			return b
		}
		if w.report == "delivery-status" {
			return nil // a success notice ("delivered", "relayed")
		}
	}
	if !looksLikeBounce(h, p, w) {
		return nil
	}
	b := &Bounce{
		OriginalMessageID: originalMessageID(p, w),
		Recipient:         bounceRecipient(h, p.Text),
		Reason:            bounceReason(p.Text),
		Permanent:         true,
	}
	if m := smtpCodeRE.FindStringSubmatch(b.Reason); m != nil {
		b.Permanent = m[1][0] == '5'
	} else if m := enhancedCodeRE.FindStringSubmatch(b.Reason); m != nil {
		b.Permanent = m[1] == "5"
	} else {
		b.Permanent = !delayedTextRE.MatchString(p.Text)
	}
	return b
}

// dsnFields is one block of a delivery-status part, keys lower-cased.
type dsnFields map[string]string

// parseDSN reads the per-recipient blocks of a message/delivery-status part
// and describes the first failed (else delayed) recipient; nil when every
// recipient was delivered.
func parseDSN(data []byte) *Bounce {
	var blocks []dsnFields
	cur := dsnFields{}
	lastKey := ""
	text := strings.ReplaceAll(strings.ToValidUTF8(string(data), ""), "\r\n", "\n")
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		switch {
		case strings.TrimSpace(line) == "":
			if len(cur) > 0 {
				blocks = append(blocks, cur)
				cur, lastKey = dsnFields{}, ""
			}
		case (line[0] == ' ' || line[0] == '\t') && lastKey != "":
			cur[lastKey] += " " + strings.TrimSpace(line)
		default:
			k, v, ok := strings.Cut(line, ":")
			if !ok {
				continue
			}
			lastKey = strings.ToLower(strings.TrimSpace(k))
			if _, dup := cur[lastKey]; !dup {
				cur[lastKey] = strings.TrimSpace(v)
			}
		}
	}
	if len(cur) > 0 {
		blocks = append(blocks, cur)
	}

	var pick dsnFields
	for _, want := range []string{"failed", "delayed"} {
		for _, b := range blocks {
			if strings.EqualFold(dsnFirstWord(b["action"]), want) {
				pick = b
				break
			}
		}
		if pick != nil {
			break
		}
	}
	if pick == nil {
		// No Action field at all: go by the status code.
		for _, b := range blocks {
			if s := b["status"]; strings.HasPrefix(s, "5") || strings.HasPrefix(s, "4") {
				pick = b
				break
			}
		}
	}
	if pick == nil {
		return nil
	}
	action := strings.ToLower(dsnFirstWord(pick["action"]))
	status := dsnFirstWord(pick["status"])
	b := &Bounce{
		Recipient: dsnAddress(pick["final-recipient"]),
		Permanent: action == "failed" || (action == "" && strings.HasPrefix(status, "5")),
	}
	if b.Recipient == "" {
		b.Recipient = dsnAddress(pick["original-recipient"])
	}
	if d := pick["diagnostic-code"]; d != "" {
		if t, rest, ok := strings.Cut(d, ";"); ok && !strings.ContainsAny(t, " ") {
			d = rest // drop the diagnostic type, "smtp;"
		}
		b.Reason = short300(d)
	}
	if b.Reason == "" && status != "" {
		b.Reason = strings.TrimSpace(status + " " + action)
	}
	return b
}

func dsnFirstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return strings.Trim(f[0], "()")
	}
	return ""
}

// dsnAddress reads "rfc822; user@example.com".
func dsnAddress(v string) string {
	if _, a, ok := strings.Cut(v, ";"); ok {
		v = a
	}
	return strings.ToLower(strings.Trim(strings.TrimSpace(v), "<>"))
}

var (
	bounceSubjectRE = regexp.MustCompile(`(?i)undeliver|returned to sender|delivery status notification|delivery (has )?failed|delivery failure|failure notice|returned mail|mail delivery|non-?delivery|could not be delivered|系统退信|退信|投递失败|未送达|無法傳遞|无法投递|退回`)
	quotedIDRE      = regexp.MustCompile(`(?im)^[ \t>]*message-id:[ \t]*<?([^\s<>"]+@[^\s<>"]+?)>?\s*$`)
	enhancedCodeRE  = regexp.MustCompile(`\b([45])\.\d{1,3}\.\d{1,3}\b`)
	smtpCodeRE      = regexp.MustCompile(`\b([45]\d\d)(?:[ -]|$)`)
	smtpStatusRE    = regexp.MustCompile(`(?m)^.*\b[45]\d\d[ -]#?[45]\.\d{1,3}\.\d{1,3}\b.*$`)
	smtpLineRE      = regexp.MustCompile(`(?m)^.*\b[45]\d\d[ -].*$`)
	cnReasonRE      = regexp.MustCompile(`(?:退信原因|失败原因|錯誤原因|错误原因)\s*[:：]?\s*(.+)`)
	delayedTextRE   = regexp.MustCompile(`(?i)delayed|will (be )?retr|still trying|temporar|延迟|延遲|暂时`)
	qmailReasonRE   = regexp.MustCompile(`(?m)^<[^<>\s]+@[^<>\s]+>:[ \t]*\n((?:.+\n?)+)`)
	angleRcptRE     = regexp.MustCompile(`(?m)^\s*<([^<>\s@]+@[^<>\s]+)>:`)
	cnRcptRE        = regexp.MustCompile(`(?:收件人|收件者|收信人)(?:地址)?\s*[:：]\s*<?([A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+)`)
	enRcptRE        = regexp.MustCompile(`(?i)(?:delivered to|following (?:address|recipient)[^:\n]*:|recipient(?: address)?:)\s*<?([A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+[A-Za-z])`)
)

// looksLikeBounce requires a system sender (or X-Failed-Recipients) and a
// sign of failure, so a customer writing "退信" in a subject is not one.
func looksLikeBounce(h textproto.Header, p *Parsed, w *walker) bool {
	if h.Get("X-Failed-Recipients") != "" {
		return true
	}
	local, sys := systemSender(p.From.Address)
	sys = sys && (strings.HasPrefix(local, "mailer") || strings.HasPrefix(local, "postmaster"))
	for _, v := range h.Values("Return-Path") {
		if strings.TrimSpace(v) == "<>" {
			sys = true
		}
	}
	if !sys {
		return false
	}
	return bounceSubjectRE.MatchString(p.Subject) || w.returned != nil ||
		quotedIDRE.MatchString(p.Text) || smtpStatusRE.MatchString(p.Text)
}

// originalMessageID finds the Message-ID of the returned message: in the
// returned message or headers part, else quoted in the bounce's text or a
// text attachment.
func originalMessageID(p *Parsed, w *walker) string {
	if w.returned != nil {
		if h, _, err := splitMessage(w.returned); err == nil {
			if id := firstID(h.Get("Message-Id")); id != "" {
				return id
			}
		}
		if m := quotedIDRE.FindSubmatch(w.returned); m != nil {
			return string(m[1])
		}
	}
	if m := quotedIDRE.FindStringSubmatch(p.Text); m != nil {
		return m[1]
	}
	for _, a := range p.Attachments {
		if strings.HasPrefix(a.ContentType, "text/") || strings.HasPrefix(a.ContentType, "message/") {
			if m := quotedIDRE.FindSubmatch(a.Data); m != nil {
				return string(m[1])
			}
		}
	}
	return ""
}

func bounceRecipient(h textproto.Header, text string) string {
	if v := h.Get("X-Failed-Recipients"); v != "" {
		if l := parseAddressList(v, ""); len(l) > 0 {
			return l[0].Address
		}
	}
	for _, re := range []*regexp.Regexp{angleRcptRE, cnRcptRE, enRcptRE} {
		if m := re.FindStringSubmatch(text); m != nil {
			return strings.ToLower(m[1])
		}
	}
	return ""
}

func bounceReason(text string) string {
	if m := cnReasonRE.FindStringSubmatch(text); m != nil {
		return short300(m[1])
	}
	for _, re := range []*regexp.Regexp{smtpStatusRE, smtpLineRE} {
		if m := re.FindString(text); m != "" {
			return short300(m)
		}
	}
	// qmail: "<user@host>:" then the reason on the following lines.
	if m := qmailReasonRE.FindStringSubmatch(text); m != nil {
		return short300(m[1])
	}
	return ""
}

func short300(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 300 {
		return string(r[:300]) + "…"
	}
	return s
}
