package present

import (
	"context"
	"errors"
	"strconv"
	"unicode"
	"unicode/utf8"

	"casebook/data"
)

// Error turns an error from the services into a sentence in the presenter's
// language: field errors, letters a case is not ready for, refused
// permissions, and the sentinel errors of package data. Anything else is
// "Could not save:" and the error's own text.
func (p *P) Error(err error) string {
	if s, ok := p.Known(err); ok {
		return s
	}
	return p.T("Could not save:") + " " + err.Error()
}

// Known is Error's sentence for the errors it knows, and false for any
// other (whose own text is then all there is to show).
func (p *P) Known(err error) (string, bool) {
	var fe *data.FieldError
	var nr *data.NotReadyError
	var fb *data.ForbiddenError
	var us *data.UnknownStaffError
	var uk *data.UnknownSettingError
	var te *data.TransitionError
	var re *data.RuleError
	var dmg *data.DamagedError
	var nw *data.NotWritableError
	var nd *data.NoDatabaseError
	var up *data.NeedsUpgradeError
	var ce *data.CategoryError
	var ee *data.EscalationError
	var closed *data.ClosedError
	var cc *data.CustomerConflictError
	var ke *data.KindError
	var big *data.EvidenceTooLargeError
	var oc *data.OwnsCasesError
	var ae *data.ApprovalError
	var ab *data.AuditBrokenError
	var bk *data.BackupError
	var si *data.SignInError
	var anon *data.AnonymiseRefusedError
	var merged *data.MergedError
	var std *data.StandardError
	var fu *data.FollowUpError
	switch {
	case err == nil:
		return "", true
	case errors.As(err, &merged):
		return p.T("error.customer_merged", "customer", data.CustomerRef(merged.ID), "into", data.CustomerRef(merged.Into)), true
	case isKBError(err): // kb.go
		return p.kbError(err), true
	case errors.As(err, &std):
		return p.standardError(std), true
	case errors.As(err, &fu):
		return p.FollowUpError(fu), true
	case errors.As(err, &anon) && anon.Reason == data.AnonymiseOpenCase:
		return p.T("error.anonymise_open", "customer", data.CustomerRef(anon.Customer), "case", anon.Number), true
	case errors.As(err, &anon):
		return p.T("error.anonymise_mail", "customer", data.CustomerRef(anon.Customer), "case", anon.Number), true
	case errors.Is(err, data.ErrLastOwnerSignIn):
		return p.T("error.last_owner_signin"), true
	case errors.Is(err, data.ErrExportExists):
		return p.T("The folder exists and is not empty: choose a new folder for the export."), true
	case errors.As(err, &bk):
		return p.Backup(bk), true
	case errors.As(err, &si):
		return p.SignIn(si), true
	case errors.As(err, &dmg):
		return p.Damaged(dmg), true
	case errors.As(err, &nw):
		return p.NotWritable(nw), true
	case errors.As(err, &nd) && nd.Empty:
		return p.T("{{.path}} is an empty file, not a Casebook database; nothing was written to it.", "path", nd.Path), true
	case errors.As(err, &nd):
		return p.T("There is no Casebook database at {{.path}}.", "path", nd.Path), true
	case errors.As(err, &up):
		return p.T("The database {{.path}} was made by an older Casebook and must be upgraded once before it can be read, which writes to it: make the file writable, then run any changing command (such as casebook staff add) or open the desktop app once.", "path", up.Path), true
	case errors.As(err, &fb):
		return p.Forbidden(fb), true
	case errors.As(err, &ae):
		return p.ApprovalError(ae), true
	case errors.As(err, &us):
		if us.Name == "" {
			return p.T("Say who you are: choose yourself under “Working as”, or give --by NAME."), true
		}
		return p.T("{{.name}} is not on the staff list. The owner adds staff under Settings → Staff (casebook staff add).", "name", us.Name), true
	case errors.As(err, &re):
		return p.T("Rule on line {{.Line}} is not “keywords = kind category severity”: {{.Text}}", "Line", re.Line, "Text", re.Text), true
	case errors.As(err, &ce):
		return p.CategoryError(ce), true
	case errors.As(err, &ee) && ee.Name == "":
		return p.T("error.escalation_nobody", "level", p.Escalation(ee.Level)), true
	case errors.As(err, &ee):
		return p.T("error.escalation_below", "name", ee.Name, "role", p.Role(ee.Role), "level", p.Escalation(ee.Level)), true
	case errors.As(err, &closed):
		return p.T("error.closed", "number", closed.Number), true
	case errors.As(err, &cc):
		return p.customerConflict(cc), true
	case errors.As(err, &ke):
		return p.T("error.kind_status", "kind", p.Kind(ke.Kind), "status", p.Status(ke.Status)), true
	case errors.As(err, &big):
		return p.T("error.evidence_too_large", "name", big.Name, "max", big.Max>>20), true
	case errors.Is(err, data.ErrEmptyFile):
		return p.T("error.empty_file"), true
	case errors.As(err, &ab):
		return p.AuditBroken(ab), true
	case errors.As(err, &oc):
		return p.T("{{.name}} still owns {{.count}} unfinished cases ({{.cases}}). Say who takes them over: casebook staff remove {{.name}} --reassign-to NAME, or --reassign-to none to leave them unassigned.",
			"name", oc.Name, "count", len(oc.Cases), "cases", p.List(oc.Cases)), true
	case errors.As(err, &te):
		return p.Transition(te), true
	case errors.As(err, &uk):
		return p.T("There is no setting “{{.key}}”: casebook settings show lists them.", "key", uk.Key), true
	case errors.Is(err, data.ErrNoMailAccount):
		return p.T("The agency's mailbox is not set up yet (Settings → E-mail, or casebook account set)."), true
	case errors.Is(err, data.ErrNoCustomerEmail):
		return p.T("The customer has no e-mail address on this case."), true
	case errors.Is(err, data.ErrEmptyReply):
		return p.T("The reply is empty: write something to the customer."), true
	case errors.Is(err, data.ErrImageFormat):
		return p.T("The image is not a PNG or JPEG image."), true
	case errors.Is(err, data.ErrImageTooLarge):
		return p.T("The image is larger than 5 MB."), true
	case errors.Is(err, data.ErrImageDamaged):
		return p.T("The image cannot be read: it may be damaged."), true
	case errors.Is(err, data.ErrNoAgency):
		return p.T("Enter the agency's name in Settings → Agency first."), true
	case errors.Is(err, data.ErrAgencyImage):
		return p.T("The agency's logo or seal cannot be read. Choose it again in Settings → Agency."), true
	case errors.Is(err, data.ErrNoPassword):
		return p.T("No mail password stored: enter it in Settings → E-mail."), true
	case errors.Is(err, data.ErrFindingsLocked):
		return p.T("The closure letter has been issued, so the findings are read-only: reopen the case, or amend them with a reason."), true
	case errors.Is(err, data.ErrNotUncertain):
		return p.T("This message is not waiting for a decision: it was sent, is queued, or someone decided already."), true
	case errors.As(err, &fe):
		return p.FieldError(fe), true
	case errors.As(err, &nr):
		return p.NotReady(nr.Code), true
	case errors.Is(err, data.ErrForbidden):
		return p.T("Your role does not allow this."), true
	case errors.Is(err, data.ErrNotReady):
		return p.T("The case is not ready for this letter."), true
	case errors.Is(err, data.ErrTransition):
		return p.T("This step is not allowed for the case now."), true
	case errors.Is(err, data.ErrNotFound):
		return p.T("The case was not found. It may have been changed elsewhere; reload the list."), true
	case errors.Is(err, data.ErrLocked):
		return p.T("The database is open in another Casebook window."), true
	case errors.Is(err, data.ErrInvalid):
		return p.T("Some input is not valid."), true
	}
	return "", false
}

// Damaged explains a database file that failed its checks, and how to
// restore it.
func (p *P) Damaged(e *data.DamagedError) string {
	var reason string
	switch e.Reason {
	case data.DamageTruncated:
		reason = p.T("it is shorter than its own contents say: it was cut off")
	case data.DamageUnreadable:
		reason = p.T("it is not a Casebook database, or its header cannot be read")
	default:
		reason = p.T("its pages contradict each other")
	}
	return p.T("The database {{.path}} is damaged ({{.reason}}). Casebook has not written to it. To restore it, close Casebook and copy the last good copy of the file (a backup) over it.",
		"path", e.Path, "reason", reason)
}

// NotWritable explains a change the database could not take.
func (p *P) NotWritable(e *data.NotWritableError) string {
	switch e.Why {
	case data.NotWritableDiskFull:
		return p.T("The database {{.path}} cannot be changed: the disk is full. Nothing was changed; free some space and try again. Reading still works.", "path", e.Path)
	case data.NotWritableOpenedReadOnly:
		return p.T("The database {{.path}} is open for reading only; nothing was changed.", "path", e.Path)
	}
	return p.T("The database {{.path}} cannot be changed: the file, its folder or the disk is read-only. Nothing was changed. Reading still works (casebook case list, case show); to make changes, make the file writable.", "path", e.Path)
}

// Transition says which step was refused and which are allowed now:
// "投诉不能从“已解决”转到“调查中”；现在可以：已结案。"
func (p *P) Transition(e *data.TransitionError) string {
	allowed := e.Allowed()
	names := make([]string, len(allowed))
	for i, s := range allowed {
		names[i] = p.Status(s)
	}
	args := []any{"kind", p.Kind(e.Kind), "from", p.Status(e.From), "to", p.Status(e.To)}
	if len(names) == 0 {
		return p.T("error.transition.none", args...)
	}
	return p.T("error.transition", append(args, "allowed", p.List(names))...)
}

// Forbidden says who may not do what, and which role it needs:
// "王芳（员工）不能关闭案件：需要主管权限。"
func (p *P) Forbidden(e *data.ForbiddenError) string {
	name := e.Actor.Name
	if name == "" {
		name = p.None()
	}
	return p.T("error.forbidden", "name", name, "role", p.Role(e.Actor.Role),
		"action", p.Action(e.Action), "needs", p.Role(e.Needs()))
}

// FieldError explains what is wrong with one field of the input: by its
// reason code when it has one ("the subject contains a control character"),
// else by the field.
func (p *P) FieldError(fe *data.FieldError) string {
	if s := p.fieldReason(fe); s != "" {
		return s
	}
	switch fe.Field {
	case "customer":
		return p.T("Enter the customer's name.")
	case "subject":
		return p.T("Enter a subject of at most 200 characters.")
	case "phone":
		return p.T("The phone number is not valid: use 5 to 15 digits.")
	case "email":
		return p.T("The e-mail address is not valid.")
	case "departure":
		return p.T("Write the departure date as YYYY-MM-DD.")
	case "trip_end", "referral_notice":
		return p.T("field_error.date", "field", p.FieldName(fe.Field))
	case "fee":
		return p.T("field_error.fee")
	case "referral_number":
		return p.T("field_error.referral_number")
	case "referral_source":
		return p.T("field_error.referral_source")
	case "amount":
		return p.T("The amount is not valid: a number such as 1200.50.")
	case "received":
		return p.T("The received time cannot be in the future.")
	case "note":
		return p.T("The note is empty.")
	case "reason":
		return p.T("Give a reason for declining.")
	case "reopen_reason":
		return p.T("Give a reason for reopening.")
	case "amend_reason":
		return p.T("Give a reason for amending the findings.")
	case "refuse_reason":
		return p.T("Give a reason for refusing the solution.")
	case "owner":
		return p.T("The owner must be one of the staff in Settings.")
	case "responsibility":
		return p.T("Choose who is responsible from the list.")
	case "remedy":
		return p.T("Every remedy needs a kind, and its amounts cannot be negative.")
	case "payment_due":
		return p.T("Write the payment date as YYYY-MM-DD, e.g. 2026-03-31.")
	case "agency_email":
		return p.T("The agency's e-mail address is not valid.")
	case "agency_phone":
		return p.T("The agency's phone number may only have digits, spaces, dashes, brackets and a leading +.")
	case "agency_complaint_phone":
		return p.T("The complaint phone number may only have digits, spaces, dashes, brackets and a leading +.")
	case "recourse":
		return p.T("The texts on where else customers can turn are only for Simplified Chinese, Traditional Chinese and English.")
	case "counter_code":
		return p.T("The counter code must be 1 to 4 capital letters or digits, such as A or B2.")
	case "staff":
		return p.T("Every staff member needs a name, a role, and a name of their own.")
	case "staff_owner":
		return p.T("At least one staff member must be an owner, or nobody could change the settings.")
	case "staff_exists":
		return p.T("This name is already on the staff list.")
	case "policy":
		return p.T("Every deadline must be longer than zero, and the first response no longer than the resolution.")
	case "calendar", "business_hours", "workdays":
		return p.T("Check the business hours and the dates: closing after opening, dates as YYYY-MM-DD, no date both a holiday and a working day.")
	case "categories":
		return p.T("Every category needs a code of lower-case letters, digits and _, used once.")
	case "category":
		return p.T("There is no such category: choose one from the list (casebook settings show lists them).")
	case "retired":
		return p.T("Write true or false.")
	case "currency":
		return p.T("The currency is a three-letter code such as CNY.")
	case "language":
		return p.T("The language is zh-Hans, zh-Hant or en.")
	case "ui.theme":
		return p.T("The theme is system, light or dark.")
	case "ui.text_size":
		return p.T("The text size is normal, large or larger.")
	case "backup.at":
		return p.T("The backup time is a time of day such as 18:30, or close.")
	case "backup.warn_days":
		return p.T("Write the number of days as a whole number from 0 to 365.")
	case "signin.idle_minutes":
		return p.T("Write the minutes as a whole number from 0 (never lock) to 1440.")
	case "privacy.retention_years":
		return p.T("Write the number of years as a whole number from 1 to 30.")
	case "customers.repeat_months":
		return p.T("Write the number of months as a whole number from 1 to 120.")
	case "customers.repeat_count":
		return p.T("Write the number of complaints as a whole number from 1 to 100.")
	case "tag":
		return p.T("A tag is one word or phrase of at most 30 characters, without commas.")
	case "followup.due_working_days":
		return p.T("field.followup.due_working_days.reason", "max", data.MaxFollowUpDays)
	case "followup.max_attempts":
		return p.T("field.followup.max_attempts.reason", "max", data.MaxFollowUpAttempts)
	case "travellers.month", "travellers.count": // the report's travellers per month (data/travellers.go)
		return p.T("field."+fe.Field+".reason", "max", data.MaxTravellers)
	case "mail":
		return p.T("The mail account is incomplete: it needs the address, both servers with ports, and the security (tls, starttls or none).")
	case "kb_title", "kb_body", "kb_kind", "kb_language", "kb_category": // the knowledge base (kb.go)
		return p.kbFieldError(fe.Field)
	case "kind", "severity", "channel", "waiting", "escalation":
		return p.T("Choose a value from the list.")
	case "today.waiting_days":
		return p.T("Write the number of days as a whole number from 1 to 365.")
	case "approval.limit.staff", "approval.limit.supervisor":
		return p.T("Write the limit as an amount such as 500 or 5000.00, and the supervisor's no lower than the staff's.")
	case "warn.urgent", "warn.due", "warn.escalated", "warn.bounced", "tray.keep_running":
		return p.T("Write on or off.")
	}
	return p.T("Some input is not valid.")
}

// CategoryError says what is wrong with a category, naming it in the
// presenter's language.
func (p *P) CategoryError(e *data.CategoryError) string {
	name := e.Category.Name(p.lang)
	switch e.Reason {
	case data.CategoryIsRetired:
		return p.T("The category “{{.name}}” is retired: choose another, or restore it under Settings → Categories (casebook settings set category.{{.code}}.retired false).", "name", name, "code", e.Category.Slug)
	case data.CategoryRuleRetired:
		return p.T("Keyword rule {{.line}} points at the retired category “{{.name}}”: change the rule first (Settings → E-mail → Keyword rules).", "line", e.Line, "name", name)
	case data.CategoryFallbackRetired:
		return p.T("The category “{{.name}}” is the one a case gets when none is chosen: it cannot be retired.", "name", name)
	case data.CategoryNoneActive:
		return p.T("At least one category must stay in use.")
	case data.CategoryNoCode:
		return p.T("A category has neither a name nor a code: give it a name, or remove the row.")
	case data.CategoryDuplicate:
		return p.T("The category code “{{.code}}” is used twice.", "code", e.Category.Slug)
	}
	return p.T("Every category needs a code of lower-case letters, digits and _, used once.")
}

// NotReady says why a case cannot issue a letter yet, by the code of a
// *data.NotReadyError.
func (p *P) NotReady(code string) string {
	switch code {
	case "acknowledge":
		return p.T("Acknowledge the case before printing its acknowledgement.")
	case "declined":
		return p.T("The case was declined: print the decline notice instead.")
	case "not-declined":
		return p.T("Only a declined case has a decline notice.")
	case "no-proposal":
		return p.T("Propose a solution before printing its confirmation.")
	case "no-remedies":
		return p.T("Record the solution and its remedies under Findings first (casebook case findings).")
	case "not-closed":
		return p.T("Only a closed case has a closure letter.")
	case "no-referral":
		return p.T("notready.no_referral")
	case "no-findings":
		return p.T("notready.no_findings")
	case "awaiting-approval":
		return p.T("The solution waits for approval by a supervisor or the owner: its confirmation can be printed once it is approved.")
	}
	return p.T("The case is not ready for this letter.")
}

// PrintError explains why a document was not printed.
func (p *P) PrintError(err error) string {
	switch {
	case errors.Is(err, context.Canceled):
		return p.T("Cancelled.")
	case errors.Is(err, data.ErrNoAgency):
		return p.T("Enter the agency's name in Settings → Agency first.")
	case errors.Is(err, data.ErrAgencyImage):
		return p.T("The agency's logo or seal cannot be read. Choose it again in Settings → Agency.")
	case errors.Is(err, data.ErrTransition), errors.Is(err, data.ErrNotFound), errors.Is(err, data.ErrInvalid),
		errors.Is(err, data.ErrLocked), errors.Is(err, data.ErrForbidden):
		return p.Error(err)
	}
	return p.T("Could not print:") + " " + err.Error()
}

// fieldReason says what a reason code of a field error means, naming the
// field; "" for an error without a code.
func (p *P) fieldReason(fe *data.FieldError) string {
	var key string
	args := []any{"field", p.FieldName(fe.Field), "max", fe.Max}
	switch fe.Code {
	case data.ReasonNoSuchDate, data.ReasonUnknownZone, data.ReasonHolidayAndWorkday:
		return p.T("fielderr."+fe.Code, "value", fe.Value)
	case data.ReasonClockRange, data.ReasonClosesFirst, data.ReasonNoWorkday, data.ReasonNotPositive, data.ReasonFirstAfterResolved:
		return p.T("fielderr." + fe.Code)
	case data.ReasonTooLong:
		key = "fielderr.too_long"
	case data.ReasonControl:
		key = "fielderr.control"
	case data.ReasonLineBreak:
		key = "fielderr.line_break"
	case data.ReasonEncoding:
		key = "fielderr.encoding"
	case data.ReasonPhoneChars:
		key = "fielderr.phone_chars"
	case data.ReasonPhoneShort, data.ReasonPhoneLong:
		key = "fielderr.phone_short"
		if fe.Code == data.ReasonPhoneLong {
			key = "fielderr.phone_long"
		}
		args = []any{"field", p.FieldName(fe.Field), "min", data.MinPhoneDigits, "max", data.MaxPhoneDigits}
	case data.ReasonDateFormat:
		key = "fielderr.date_format"
	case data.ReasonDateTooEarly:
		key = "fielderr.date_early"
	case data.ReasonDateTooLate:
		key = "fielderr.date_late"
	default:
		return ""
	}
	return capitalize(p.T(key, args...))
}

// FieldName names a field of the input as a sentence names it: "the
// subject", "事由". A field without a name in the catalogue is its code.
func (p *P) FieldName(field string) string { return p.enum("field", field) }

// capitalize upper-cases a sentence's first letter ("the subject …" → "The
// subject …"); Chinese is unchanged.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// MailWarning says what of an incoming message was not read:
// "4,502 of 5,002 parts not shown: too many parts (Casebook reads 500)."
func (p *P) MailWarning(w data.MailWarning) string {
	args := []any{"count", groupThousands(strconv.Itoa(w.Count)), "total", groupThousands(strconv.Itoa(w.Total)),
		"limit", groupThousands(strconv.Itoa(w.Limit))}
	switch w.Code {
	case data.MailWarnTooManyParts:
		return p.T("mailwarn.too_many_parts", args...)
	case data.MailWarnTooDeep:
		return p.T("mailwarn.too_deep", args...)
	case data.MailWarnTooLarge:
		return p.T("mailwarn.too_large", args...)
	}
	return p.T("mailwarn.other", "code", w.Code)
}
