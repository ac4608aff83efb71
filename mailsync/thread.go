package mailsync

import (
	"regexp"
	"strings"

	"casebook/data"
)

// Case numbers as they appear in subjects and bodies: COUNTER-YEAR-NNNN.
const numberPattern = `([A-Z0-9]{1,4}-\d{4}-\d{4,})`

var (
	// subjectTag is "[案件 A-2026-0001]" or "[Case A-2026-0001]" in a subject.
	subjectTag = regexp.MustCompile(`(?i)[\[【]\s*(?:案件|case)\s*` + numberPattern + `\s*[\]】]`)
	// bodyMarker is the reference line our templates put in every message.
	bodyMarker = regexp.MustCompile(`(?i)(?:案件编号|案件編號|case (?:number|no\.?|ref))\s*[:：#]?\s*` + numberPattern)
)

// Decide threads an incoming message, in layers (DESIGN.md, "Mail"):
//  1. our own Message-IDs in In-Reply-To and References, newest first (they carry the case);
//  2. any known message among them;
//  3. a case marker in the body;
//  4. a case number in the subject, only when the sender is already on that case.
//
// Otherwise a message from a person opens a new case; automatic mail never does.
func Decide(lk data.MailLookup, in *data.IncomingMail) (data.Decision, error) {
	m := &in.Message
	if m.ParseError != "" {
		return data.Decision{Outcome: data.OutcomeParked}, nil
	}
	caseID := threadCase(lk, m)
	switch {
	case m.Automatic:
		return data.Decision{Outcome: data.OutcomeAutomatic, CaseID: caseID}, nil
	case caseID != 0:
		return data.Decision{Outcome: data.OutcomeThreaded, CaseID: caseID}, nil
	}
	return data.Decision{Outcome: data.OutcomeNewCase}, nil
}

func threadCase(lk data.MailLookup, m *data.Message) uint64 {
	ids := make([]string, 0, len(m.References)+1)
	if m.InReplyTo != "" {
		ids = append(ids, m.InReplyTo)
	}
	for i := len(m.References) - 1; i >= 0; i-- {
		ids = append(ids, m.References[i])
	}
	for _, id := range ids {
		if number := CaseFromMessageID(id); number != "" {
			if c, ok := lk.CaseByNumber(number); ok {
				return c
			}
		}
	}
	for _, id := range ids {
		if c, ok := lk.CaseByMessageID(id); ok {
			return c
		}
	}
	if mm := bodyMarker.FindStringSubmatch(m.Text); mm != nil {
		if c, ok := lk.CaseByNumber(strings.ToUpper(mm[1])); ok {
			return c
		}
	}
	if mm := subjectTag.FindStringSubmatch(m.Subject); mm != nil {
		if c, ok := lk.CaseByNumber(strings.ToUpper(mm[1])); ok && lk.CaseHasAddress(c, m.FromAddress) {
			return c
		}
	}
	return 0
}
