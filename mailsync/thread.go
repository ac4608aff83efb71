package mailsync

import (
	"regexp"
	"strings"
	"time"
	"unicode"

	"casebook/data"
)

// Case numbers as they appear in subjects and bodies: COUNTER-YEAR-NNNN.
const numberPattern = `([A-Z0-9]{1,4}-\d{4}-\d{4,})`

var (
	// subjectTag is "[案件 A-2026-0001]" or "[Case A-2026-0001]" in a subject.
	subjectTag = regexp.MustCompile(`(?i)[\[【]\s*(?:案件|case)\s*` + numberPattern + `\s*[\]】]`)
	// subjectNumber is a bare case number in a subject: "A-2026-0001 还有一张收据".
	subjectNumber = regexp.MustCompile(`(?:^|[^A-Za-z0-9-])` + numberPattern + `(?:$|[^0-9-])`)
	// bodyMarker is the reference line our templates put in every message.
	bodyMarker = regexp.MustCompile(`(?i)(?:案件编号|案件編號|case (?:number|no\.?|ref))\s*[:：#]?\s*` + numberPattern)
)

// Loop detection: this many messages from one sender with the same
// normalised subject within loopWindow are a probable mail loop (an
// auto-responder that sends no Auto-Submitted header answering our
// acknowledgements, say). The message that completes the run and those after
// it are held for staff: recorded on the sender's latest case, never a new
// case, never answered.
const (
	loopCount  = 3
	loopWindow = 10 * time.Minute
)

// Decide threads an incoming message, trusting only what Casebook issued or
// the case's own participants (DESIGN.md, "Mail"):
//  1. In-Reply-To and References, newest first, naming a Message-ID we sent:
//     its tag verifies under the database's key, or we remember sending it;
//  2. any other message the database holds among them;
//  3. a case marker in the body or a case number in the subject (tagged or
//     bare), only when the sender is already a participant of that case.
//
// Otherwise a message from a person opens a new case — which notes the case
// it mentions, if any — unless it completes a probable mail loop; automatic
// mail never opens a case.
func Decide(lk data.MailLookup, in *data.IncomingMail) (data.Decision, error) {
	m := &in.Message
	if m.ParseError != "" {
		return data.Decision{Outcome: data.OutcomeParked}, nil
	}
	caseID, via, mentions := threadCase(lk, m)
	switch {
	case m.Automatic:
		return data.Decision{Outcome: data.OutcomeAutomatic, CaseID: caseID, Via: via}, nil
	case caseID != 0:
		return data.Decision{Outcome: data.OutcomeThreaded, CaseID: caseID, Via: via}, nil
	}
	if n, loopCase := probableLoop(lk, m); n > 0 {
		return data.Decision{Outcome: data.OutcomeAutomatic, CaseID: loopCase, Loop: n, Mentions: mentions}, nil
	}
	return data.Decision{Outcome: data.OutcomeNewCase, Mentions: mentions}, nil
}

// threadCase finds the case m belongs to and how; mentions is the number of
// an existing case m names without being allowed to join it.
func threadCase(lk data.MailLookup, m *data.Message) (caseID uint64, via data.ThreadVia, mentions string) {
	ids := make([]string, 0, len(m.References)+1)
	if m.InReplyTo != "" {
		ids = append(ids, m.InReplyTo)
	}
	for i := len(m.References) - 1; i >= 0; i-- {
		ids = append(ids, m.References[i])
	}
	key := lk.MessageIDKey()
	mention := func(number string) {
		if mentions == "" {
			if _, ok := lk.CaseByNumber(number); ok {
				mentions = strings.ToUpper(number)
			}
		}
	}
	for _, id := range ids {
		if c, ok := lk.CaseBySentID(id); ok {
			return c, data.ThreadViaOurID, ""
		}
		number, verified := splitOurID(key, id)
		if number == "" {
			continue
		}
		if verified {
			if c, ok := lk.CaseByNumber(number); ok {
				return c, data.ThreadViaOurID, ""
			}
			continue
		}
		mention(number) // looks like ours, but we never sent it
	}
	for _, id := range ids {
		if c, ok := lk.CaseByMessageID(id); ok {
			return c, data.ThreadViaReference, ""
		}
	}
	var numbers []string
	if mm := bodyMarker.FindStringSubmatch(m.Text); mm != nil {
		numbers = append(numbers, strings.ToUpper(mm[1]))
	}
	if mm := subjectTag.FindStringSubmatch(m.Subject); mm != nil {
		numbers = append(numbers, strings.ToUpper(mm[1]))
	}
	for _, mm := range subjectNumber.FindAllStringSubmatch(m.Subject, 4) {
		numbers = append(numbers, strings.ToUpper(mm[1]))
	}
	for _, number := range numbers {
		c, ok := lk.CaseByNumber(number)
		if !ok {
			continue
		}
		if m.FromAddress != "" && lk.CaseHasAddress(c, m.FromAddress) {
			return c, data.ThreadViaParticipant, ""
		}
		mention(number)
	}
	return 0, "", mentions
}

// probableLoop reports how many messages from m's sender with m's subject
// (normalised) arrived within loopWindow up to m, when they are loopCount or
// more, and the case of the latest of them. Only messages that opened a case
// or were held count: a participant writing on a thread is no loop.
func probableLoop(lk data.MailLookup, m *data.Message) (int, uint64) {
	if m.FromAddress == "" || m.Date.IsZero() {
		return 0, 0
	}
	subject := loopSubject(m.Subject)
	n, caseID := 1, uint64(0)
	for _, old := range lk.RecentFrom(m.FromAddress, m.Date.Add(-loopWindow)) {
		if old.Outcome != data.OutcomeNewCase && !old.Loop || old.Date.After(m.Date) || loopSubject(old.Subject) != subject {
			continue
		}
		n++
		if old.CaseID != 0 {
			caseID = old.CaseID
		}
	}
	if n < loopCount {
		return 0, 0
	}
	return n, caseID
}

// loopSubject is a subject without reply and forward prefixes, case, digits
// and white space, so "Re: Thank you (3)" and "RE: thank you (4)" compare equal.
func loopSubject(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	for {
		t := strings.TrimSpace(s)
		for _, p := range []string{"re:", "re：", "fw:", "fwd:", "aw:", "回复:", "回复：", "回覆:", "回覆：", "答复:", "转发:"} {
			t = strings.TrimSpace(strings.TrimPrefix(t, p))
		}
		if t == s {
			break
		}
		s = t
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsDigit(r) || unicode.IsPunct(r) {
			return -1
		}
		return r
	}, s)
}
