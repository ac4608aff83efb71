package present

import (
	"strings"

	"casebook/data"
)

// Event writes a timeline event as one line: what happened, the values
// before and after (translated), and what the person typed, if anything.
// Categories are named from st.
func (p *P) Event(e data.Event, st data.Settings) string {
	a := e.Args
	or := func(s string) string {
		if s == "" {
			return p.None()
		}
		return s
	}
	change := func(key string, name func(string) string) string {
		return p.T(key, "old", or(name(e.Old)), "new", or(name(e.New)))
	}
	var s string
	switch e.Type {
	case data.EventCreated:
		s = p.T("event.created", "kind", or(p.Kind(data.Kind(a[data.ArgKind]))), "channel", or(p.Channel(data.Channel(a[data.ArgChannel]))))
	case data.EventStatus:
		s = change("event.status", func(v string) string { return p.Status(data.Status(v)) })
	case data.EventNote:
		return p.T("event.note", "note", e.Note)
	case data.EventOwner:
		s = p.T("event.owner", "old", p.Owner(e.Old), "new", p.Owner(e.New))
	case data.EventSeverity:
		key := "event.severity"
		if a[data.ArgDeadlines] == data.DeadlinesRecalculated {
			key = "event.severity_recalculated"
		}
		s = change(key, func(v string) string { return p.Severity(data.Severity(v)) })
	case data.EventCategory:
		s = change("event.category", func(v string) string { return p.Category(st, v) })
	case data.EventWaiting:
		s = p.T("event.waiting", "old", p.Waiting(data.Waiting(e.Old)), "new", p.Waiting(data.Waiting(e.New)))
	case data.EventWaitingEnded:
		s = p.T("event.waiting_ended", "old", p.Waiting(data.Waiting(e.Old)), "status", or(p.Status(data.Status(a[data.ArgStatus]))))
	case data.EventEscalation:
		if to := a[data.ArgOwner]; to != "" {
			s = p.T("event.escalation_to", "old", or(p.Escalation(data.Escalation(e.Old))), "new", or(p.Escalation(data.Escalation(e.New))), "owner", to)
		} else {
			s = change("event.escalation", func(v string) string { return p.Escalation(data.Escalation(v)) })
		}
	case data.EventMailIn, data.EventMailSent:
		s = p.T("event."+string(e.Type), "subject", or(a[data.ArgSubject]))
	case data.EventMailOut:
		s = p.T("event.mail_out", "subject", or(a[data.ArgSubject]), "to", or(a[data.ArgTo]))
	case data.EventMailFailed, data.EventMailBounced:
		s = p.T("event."+string(e.Type), "subject", or(a[data.ArgSubject]), "error", or(a[data.ArgError]))
	case data.EventMentions:
		s = p.T("event.mentions", "case", or(a[data.ArgCase]), "from", or(a[data.ArgFrom]))
	case data.EventMailLoop:
		s = p.T("event.mail_loop", "from", or(a[data.ArgFrom]), "count", or(a[data.ArgCount]), "subject", or(a[data.ArgSubject]))
	case data.EventMailUncertain:
		if a[data.ArgError] == "" {
			s = p.T("event.mail_uncertain_stopped", "subject", or(a[data.ArgSubject]))
		} else {
			s = p.T("event.mail_uncertain", "subject", or(a[data.ArgSubject]), "error", a[data.ArgError])
		}
	case data.EventMailFoundSent:
		s = p.T("event.mail_found_sent", "subject", or(a[data.ArgSubject]), "folder", or(a[data.ArgFolder]))
	case data.EventMailMarkedSent, data.EventMailResend:
		s = p.T("event."+string(e.Type), "subject", or(a[data.ArgSubject]))
	case data.EventFindings:
		s = p.findings(e)
	case data.EventFindingsAmended: // the reason follows as the note
		s = p.findings(e)
	case data.EventLetter:
		s = p.T("event.letter", "letter", or(p.Letter(data.LetterType(a[data.ArgLetter]))), "lang", or(p.Language(a[data.ArgLanguage])))
	case data.EventEdited:
		s = p.edited(e)
	case data.EventEvidence:
		s = p.evidence(e)
	case data.EventApprovalAsked, data.EventApproved, data.EventApprovalRefused:
		s = p.approvalEvent(e)
	case data.EventReferral:
		s = p.referral(e)
	case data.EventFollowUp, data.EventFollowUpUnreachable, data.EventFollowUpWaived, data.EventRatingCheck,
		data.EventRatingDismissed, data.EventUnhappySeen:
		s = p.followUpEvent(e) // followup.go
	case data.EventImported:
		s = p.imported(e) // import.go
	case data.EventAnonymised:
		s = p.T("event.anonymised", "count", or(a[data.ArgCount]))
	case data.EventCustomerMerged:
		s = p.T("event.customer_merged", "old", or(e.Old), "new", or(e.New))
	case data.EventLegacy: // an old sentence nobody could read: shown as it was written
		text := e.Note
		if text == "" {
			text = or(a[data.ArgType])
		}
		if e.Old == "" && e.New == "" {
			return text
		}
		return p.T("event.legacy", "text", text, "old", or(e.Old), "new", or(e.New))
	default: // a code from a newer Casebook
		s = string(e.Type)
	}
	if e.Note != "" {
		s = p.T("event.with_note", "event", s, "note", e.Note)
	}
	return s
}

// findings names the changed parts, the new responsibility and the total of the remedies.
func (p *P) findings(e data.Event) string {
	var names []string
	for _, f := range strings.Split(e.Arg(data.ArgFields), ",") {
		if f = strings.TrimSpace(f); f != "" {
			names = append(names, p.FindingField(f))
		}
	}
	key := "event.findings"
	if e.Type == data.EventFindingsAmended {
		key = "event.findings_amended"
	}
	parts := []string{p.T(key, "fields", p.List(names))}
	if e.Old != "" || e.New != "" {
		parts = append(parts, p.T("event.findings_responsibility",
			"old", p.Responsibility(data.Responsibility(e.Old)), "new", p.Responsibility(data.Responsibility(e.New))))
	}
	if t := e.Arg(data.ArgTotal); t != "" {
		amount := t
		if m, err := data.ParseMoney(t); err == nil {
			amount = p.Money(m, e.Arg(data.ArgCurrency))
		}
		parts = append(parts, p.T("event.findings_total", "amount", amount))
	}
	return strings.Join(parts, p.T("clause.sep"))
}
