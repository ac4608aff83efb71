package main

import (
	"errors"
	"strings"

	appsvc "casebook/app/service"
	"casebook/data"
)

// explain says what went wrong in lang, for the errors of the application
// layer a person can act on; any other error is shown as it is. It depends on
// nothing but its arguments, so the presentation package can take it over.
func explain(lang string, err error) string {
	var (
		forbidden *data.ForbiddenError
		unknown   *data.UnknownStaffError
		notReady  *data.NotReadyError
		move      *TransitionError
		key       *appsvc.UnknownKeyError
		field     *data.FieldError
	)
	say := func(m msg) string { return tr(lang, m) }
	switch {
	case err == nil:
		return ""
	case errors.As(err, &forbidden):
		return say(TF("{{.Name}} ({{.Role}}) may not {{.Action}}: it needs the role {{.Needs}} or above.", map[string]any{
			"Name": forbidden.Actor.Name, "Role": say(T("role." + string(forbidden.Actor.Role))),
			"Action": say(actionText(forbidden.Action)), "Needs": say(T("role." + string(forbidden.Needs())))}))
	case errors.As(err, &unknown):
		return say(TF("“{{.Name}}” is not on the staff list.", map[string]any{"Name": unknown.Name}))
	case errors.As(err, &notReady):
		if m, ok := notReadyText[notReady.Code]; ok {
			return say(m)
		}
		return notReady.Reason
	case errors.As(err, &move):
		allowed := data.NextStatuses(move.Kind, move.From)
		names := make([]string, len(allowed))
		for i, s := range allowed {
			names[i] = say(T("status." + string(s)))
		}
		args := map[string]any{"Kind": say(T("kind." + string(move.Kind))), "From": say(T("status." + string(move.From))),
			"To": say(T("status." + string(move.To))), "Allowed": strings.Join(names, listSeparator(lang))}
		if len(allowed) == 0 {
			return say(TF("Moving a case ({{.Kind}}) from “{{.From}}” to “{{.To}}” is not allowed; no step follows “{{.From}}”.", args))
		}
		return say(TF("Moving a case ({{.Kind}}) from “{{.From}}” to “{{.To}}” is not allowed; allowed now: {{.Allowed}}.", args))
	case errors.As(err, &key):
		return say(TF("There is no setting “{{.Key}}” (casebook settings keys lists them).", map[string]any{"Key": key.Key}))
	case errors.Is(err, data.ErrNoAgency):
		return say(T("The agency's name is not set: run casebook agency set --name NAME (or enter it in Settings → Agency) first."))
	case errors.Is(err, data.ErrAgencyImage):
		return say(T("The agency's logo or seal cannot be used; choose it again (casebook agency set --logo/--seal, or Settings → Agency)."))
	case errors.Is(err, data.ErrImageFormat):
		return say(T("The image is not a PNG or JPEG image."))
	case errors.Is(err, data.ErrImageTooLarge):
		return say(T("The image is larger than 5 MB."))
	case errors.Is(err, data.ErrImageDamaged):
		return say(T("The image cannot be read: it may be damaged."))
	case errors.As(err, &field):
		label, ok := fieldLabels[field.Field]
		if !ok {
			return err.Error()
		}
		return say(TF("{{.Field}}: {{.Reason}}", map[string]any{"Field": say(label), "Reason": field.Reason}))
	case errors.Is(err, data.ErrNoMailAccount):
		return say(T("No mail account is set up (casebook account set, or Settings → Mail)."))
	case errors.Is(err, data.ErrNoCustomerEmail):
		return say(T("The customer has no e-mail address on this case."))
	case errors.Is(err, data.ErrEmptyReply):
		return say(T("The reply is empty: write what to say to the customer."))
	case errors.Is(err, appsvc.ErrNoPassword):
		return say(T("No mail password: store it with casebook account password, or set CASEBOOK_MAIL_PASSWORD."))
	case errors.Is(err, data.ErrLocked):
		return say(T("The database is open in another Casebook window or command; close it and try again."))
	case errors.Is(err, data.ErrTransition):
		return say(TF("This step is not allowed now ({{.Err}}).", map[string]any{"Err": err.Error()}))
	case errors.Is(err, data.ErrNotFound):
		return say(TF("Not found: {{.What}}.", map[string]any{"What": strings.TrimSuffix(err.Error(), ": "+data.ErrNotFound.Error())}))
	}
	return err.Error()
}

// listSeparator joins the items of a list in a sentence.
func listSeparator(lang string) string {
	if strings.HasPrefix(lang, "zh") {
		return "、"
	}
	return ", "
}

// TransitionError is a refused move with what explain needs to list the
// steps allowed instead: the case's kind and status. (The data package's
// own error carries them only as text.)
type TransitionError struct {
	Kind     data.Kind
	From, To data.Status
	Err      error
}

func (e *TransitionError) Error() string { return e.Err.Error() }
func (e *TransitionError) Unwrap() error { return e.Err }

// actionText names what a role may or may not do.
func actionText(a data.Action) msg {
	switch a {
	case data.ActionRecord:
		return T("record or acknowledge cases")
	case data.ActionNote:
		return T("add notes")
	case data.ActionReply:
		return T("write to customers or print letters and archives")
	case data.ActionInvestigate:
		return T("investigate cases")
	case data.ActionPropose:
		return T("propose solutions")
	case data.ActionDecline:
		return T("decline cases")
	case data.ActionAssign:
		return T("give cases to someone else")
	case data.ActionEscalate:
		return T("escalate cases")
	case data.ActionClose:
		return T("close cases")
	case data.ActionReopen:
		return T("reopen cases")
	case data.ActionSettings:
		return T("change the settings")
	case data.ActionStaff:
		return T("change the staff list")
	case data.ActionMail:
		return T("fetch and send mail")
	}
	return msg{key: string(a)}
}

// notReadyText says, by its code, why a letter cannot be issued yet.
var notReadyText = map[string]msg{
	"acknowledge":  T("Acknowledge the case before printing its acknowledgement."),
	"declined":     T("The case was declined: print the decline notice instead."),
	"not-declined": T("Only a declined case has a decline notice."),
	"no-proposal":  T("Propose a solution before printing its confirmation."),
	"no-remedies":  T("Record the solution and its remedies first (casebook case findings)."),
	"not-closed":   T("Only a closed case has a closure letter."),
}

// fieldLabels names the fields a FieldError can point at.
var fieldLabels = map[string]msg{
	"agency_email":   T("field.agency_email"),
	"amount":         T("field.amount"),
	"business_hours": T("field.business_hours"),
	"calendar":       T("field.calendar"),
	"categories":     T("field.categories"),
	"category":       T("field.category"),
	"channel":        T("field.channel"),
	"counter_code":   T("field.counter_code"),
	"currency":       T("field.currency"),
	"customer":       T("field.customer"),
	"email":          T("field.email"),
	"escalation":     T("field.escalation"),
	"kind":           T("field.kind"),
	"language":       T("field.language"),
	"mail":           T("field.mail"),
	"note":           T("field.note"),
	"payment_due":    T("field.payment_due"),
	"phone":          T("field.phone"),
	"policy":         T("field.policy"),
	"reason":         T("field.reason"),
	"received":       T("field.received"),
	"recourse":       T("field.recourse"),
	"remedy":         T("field.remedy"),
	"responsibility": T("field.responsibility"),
	"severity":       T("field.severity"),
	"staff":          T("field.staff"),
	"staff_exists":   T("field.staff_exists"),
	"subject":        T("field.subject"),
	"waiting":        T("field.waiting"),
	"workdays":       T("field.workdays"),
}
