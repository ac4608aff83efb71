package mailsync

import (
	"regexp"
	"strings"

	gomail "github.com/emersion/go-message/mail"
)

// readAddressList reads an address header the strict way first (go-message's
// mail.ParseAddressList: net/mail with the registered charsets), then the
// ways RFC 2822 also allows and net/mail does not read:
//
//   - comments anywhere — "Pete(A wonderful \) chap) <pete(his account)@silly.test(his host)>"
//     (RFC 2822 A.5); a comment after a bare address is its name;
//   - obsolete syntax (A.6): a source route "<@machine.tld:mary@example.net>",
//     white space and comments around the dots of an address
//     "jdoe@machine(comment).  example", empty list members ", ,";
//   - a whole "Name <address>" inside one encoded word, as Python's
//     email.mime and some PHP mailers write it:
//     "=?utf-8?b?6ZKx5aWz5aOrIDxxaWFuQGV4YW1wbGUuY29tPg==?=".
//
// ok is false when none of these read it (the caller then splits by hand).
func readAddressList(v, hint string) ([]Address, bool) {
	if l, ok := strictAddresses(v, hint); ok {
		return l, true
	}
	if l, ok := strictAddresses(obsoleteToModern(v), hint); ok {
		return l, true
	}
	// The address inside an encoded word: only when no address stands
	// outside one, so a decoded name can never replace a real address.
	if strings.Contains(v, "=?") && !strings.Contains(encodedWordRE.ReplaceAllString(v, ""), "@") {
		if d := decodeWords(v, hint); d != v && strings.Contains(d, "@") {
			if l, ok := strictAddresses(d, hint); ok {
				return l, true
			}
			if l, ok := strictAddresses(obsoleteToModern(d), hint); ok {
				return l, true
			}
		}
	}
	return nil, false
}

func strictAddresses(v, hint string) ([]Address, bool) {
	if strings.TrimSpace(v) == "" {
		return nil, false
	}
	l, err := gomail.ParseAddressList(v)
	if err != nil {
		return nil, false
	}
	var out []Address
	for _, a := range l {
		out = appendAddress(out, a.Name, a.Address, hint)
	}
	return out, len(out) > 0
}

// obsoleteToModern rewrites an address list in RFC 2822's obsolete or
// commented syntax into the modern form net/mail reads: comments out (a
// comment after a bare address becomes its quoted name), source routes out,
// white space around the dots and the @ of an address out, empty members out.
func obsoleteToModern(v string) string {
	var members []string
	for _, chunk := range splitAddresses(v) {
		text, comments := stripComments(chunk)
		text = strings.TrimSpace(text)
		// A group "name: members" — the members stand alone.
		if i := strings.IndexByte(text, ':'); i >= 0 && !strings.ContainsAny(text[:i], `<@"`) {
			text = strings.TrimSpace(text[i+1:])
		}
		if text == "" {
			continue
		}
		if lt := strings.IndexByte(text, '<'); lt >= 0 {
			gt := strings.LastIndexByte(text, '>')
			if gt < lt {
				gt = len(text)
			}
			addr := text[lt+1 : gt]
			if strings.HasPrefix(strings.TrimSpace(addr), "@") { // obs-route "@a,@b:"
				if c := strings.LastIndexByte(addr, ':'); c >= 0 {
					addr = addr[c+1:]
				}
			}
			name := strings.TrimSpace(text[:lt])
			if name != "" && !strings.HasPrefix(name, `"`) && !strings.HasPrefix(name, "=?") {
				name = quoteName(name) // obs-phrase: "Joe Q. Public"
			}
			members = append(members, strings.TrimSpace(name+" <"+squeezeAddr(addr)+">"))
			continue
		}
		m := squeezeAddr(text)
		if len(comments) > 0 && !strings.ContainsAny(m, " \t") {
			m = quoteName(comments[len(comments)-1]) + " <" + m + ">"
		}
		members = append(members, m)
	}
	return strings.Join(members, ", ")
}

// stripComments removes RFC 2822 comments (nested, with quoted pairs) outside
// quoted strings and returns the top-level comments' texts.
func stripComments(s string) (string, []string) {
	var b, c strings.Builder
	var comments []string
	depth, inQuote := 0, false
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch == '\\' && (inQuote || depth > 0) && i+1 < len(s):
			if depth > 0 {
				c.WriteByte(s[i+1])
			} else {
				b.WriteByte(ch)
				b.WriteByte(s[i+1])
			}
			i++
		case depth == 0 && ch == '"':
			inQuote = !inQuote
			b.WriteByte(ch)
		case inQuote:
			b.WriteByte(ch)
		case ch == '(':
			if depth > 0 {
				c.WriteByte(ch)
			}
			depth++
		case ch == ')' && depth > 0:
			depth--
			if depth == 0 {
				if t := strings.TrimSpace(c.String()); t != "" {
					comments = append(comments, t)
				}
				c.Reset()
				b.WriteByte(' ')
			} else {
				c.WriteByte(ch)
			}
		case depth > 0:
			c.WriteByte(ch)
		default:
			b.WriteByte(ch)
		}
	}
	return b.String(), comments
}

var addrSpaceRE = regexp.MustCompile(`\s*([.@])\s*`)

// squeezeAddr removes the folding white space obsolete syntax allows around
// the dots and the @ of an address.
func squeezeAddr(a string) string {
	return strings.TrimSpace(addrSpaceRE.ReplaceAllString(strings.TrimSpace(a), "$1"))
}

// quoteName writes a display name as a quoted string.
func quoteName(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
