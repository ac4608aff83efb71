package present

import (
	"strconv"
	"strings"

	"casebook/data"
)

// AuditBroken says where the audit chain and the data first disagree: the
// case (or message), the entry and its time, and what is wrong.
func (p *P) AuditBroken(e *data.AuditBrokenError) string {
	var why string
	switch e.Why {
	case data.AuditBrokenLink:
		why = p.T("an entry is missing or out of place in the chain")
	case data.AuditBrokenHash:
		why = p.T("an entry was changed after it was written")
	case data.AuditBrokenEvent:
		why = p.T("an event on the case's timeline was changed, removed or moved")
	case data.AuditMissingEvent:
		why = p.T("events the chain recorded are missing from the case")
	case data.AuditExtraEvent:
		why = p.T("the case has an event the chain never recorded")
	case data.AuditBrokenState:
		why = p.T("the stored record differs from the one the chain recorded")
	case data.AuditMissingRecord:
		why = p.T("a record the chain recorded is gone")
	default:
		why = p.T("a stored record cannot be read")
	}
	at, seq := p.DateTime(e.At), strconv.FormatUint(e.Seq, 10)
	switch {
	case e.Number != "":
		return p.T("The audit chain is broken at case {{.number}} (entry {{.seq}}, {{.time}}): {{.why}}.", "number", e.Number, "seq", seq, "time", at, "why", why)
	case e.Ref != 0:
		return p.T("The audit chain is broken at message #{{.id}} (entry {{.seq}}, {{.time}}): {{.why}}.", "id", strconv.FormatUint(e.Ref, 10), "seq", seq, "time", at, "why", why)
	}
	return p.T("The audit chain is broken at entry {{.seq}} ({{.time}}): {{.why}}.", "seq", seq, "time", at, "why", why)
}

// AuditSummary is a verified chain: its length and the first 16 hex digits
// of its head.
func (p *P) AuditSummary(s data.AuditSummary) string {
	return p.T("{{.n}} entries, head {{.head}}", "n", strconv.FormatUint(s.Entries, 10), "head", data.Head16(s.Head))
}

// AuditWhat is what an audit entry records, in words: the timeline events
// it covered (see data.AuditEvents), a message's direction and status, a
// settings change.
func (p *P) AuditWhat(e data.AuditEntry, evs []data.Event, st data.Settings) string {
	switch e.Kind {
	case data.AuditGenesis:
		if e.What == data.AuditBuilt {
			return p.T("chain started from the existing data")
		}
		return p.T("chain started")
	case data.AuditCase:
		return p.T("case record written")
	case data.AuditMessageIn:
		return p.T("incoming message stored") + " (" + p.enum("message", e.What) + ")"
	case data.AuditMessageOut:
		return p.T("outgoing message stored") + " (" + p.enum("message", e.What) + ")"
	case data.AuditSettings:
		return p.T("settings changed")
	case data.AuditStaff:
		return p.T("staff list changed")
	case data.AuditAnonymised:
		return p.T("personal data anonymised")
	case data.AuditSignIn:
		return p.T("signed in")
	case data.AuditSignOut:
		return p.T("signed out")
	case data.AuditSignInFailed:
		return p.T("wrong PIN or password")
	case data.AuditPINSet:
		return p.T("PIN or password set for {{.name}}", "name", e.What)
	case data.AuditPrint:
		return p.T("printed: {{.what}}", "what", e.What)
	case data.AuditExport:
		if rest, ok := strings.CutPrefix(e.What, "cases:"); ok { // case rows: "cases:xlsx:1234"
			format, n, _ := strings.Cut(rest, ":")
			return p.T("export.audit", "format", strings.ToUpper(format), "n", n)
		}
		return p.T("customer data exported: {{.what}}", "what", e.What)
	case data.AuditBackup:
		return p.T("backup written: {{.what}}", "what", e.What)
	case data.AuditRestore:
		return p.T("restored from a backup: {{.what}}", "what", e.What)
	case data.AuditCustomerMerge:
		return p.T("customer records merged: {{.what}}", "what", e.What)
	case data.AuditImport:
		return p.T("ledger imported: {{.what}}", "what", e.What)
	case data.AuditCompact:
		return p.T("database compacted: {{.what}}", "what", e.What)
	}
	out := make([]string, 0, len(evs))
	for _, ev := range evs {
		out = append(out, p.Event(ev, st))
	}
	if len(out) == 0 {
		return e.What
	}
	return strings.Join(out, "; ")
}
