package present

import "casebook/data"

// approvalEvent renders the approval events of a case's timeline; a
// refusal's reason follows as the note.
func (p *P) approvalEvent(e data.Event) string {
	amount := e.Arg(data.ArgTotal)
	if m, err := data.ParseMoney(amount); err == nil {
		amount = p.Money(m, e.Arg(data.ArgCurrency))
	}
	switch e.Type {
	case data.EventApprovalAsked:
		return p.T("event.approval_asked", "role", p.Role(data.Role(e.Arg(data.ArgRole))), "amount", amount)
	case data.EventApproved:
		return p.T("event.approved", "amount", amount)
	}
	return p.T("event.approval_refused", "amount", amount)
}

// Awaiting says that the case's solution waits for approval and by whom,
// "Awaiting approval by a supervisor (total ¥800.00)", or "" when it does not.
func (p *P) Awaiting(c *data.Case, st data.Settings) string {
	if !c.Approval.Awaiting {
		return ""
	}
	amount := p.Money(c.Approval.Total, c.Currency)
	if st.Approval.LeastRole(c.Approval.Total) == data.RoleOwner {
		return p.T("approval.awaiting.owner", "amount", amount)
	}
	return p.T("approval.awaiting.supervisor", "amount", amount)
}

// ApprovalError explains a step refused because of approval.
func (p *P) ApprovalError(e *data.ApprovalError) string {
	amount := p.Money(e.Total, e.Currency)
	switch e.Code {
	case "awaiting":
		return p.T("error.approval.awaiting", "amount", amount, "role", p.Role(e.Needs))
	case "limit":
		return p.T("error.approval.limit", "amount", amount, "role", p.Role(e.Needs))
	}
	return p.T("error.approval.none")
}
