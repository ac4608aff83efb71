package data

import (
	"fmt"
	"slices"
)

// transitions is the workflow: from each status, the statuses a case may move to.
var transitions = map[Status][]Status{
	StatusNew:           {StatusAcknowledged, StatusDeclined},
	StatusAcknowledged:  {StatusInvestigating, StatusClosed}, // closed only for suggestions and praise
	StatusInvestigating: {StatusProposed},
	StatusProposed:      {StatusAgreed, StatusInvestigating}, // investigating: the customer rejects
	StatusAgreed:        {StatusResolved},
	StatusResolved:      {StatusClosed},
	StatusClosed:        {StatusInvestigating}, // reopen
}

// NextStatuses lists the statuses a case of this kind may move to from its current status.
func NextStatuses(kind Kind, from Status) []Status {
	var out []Status
	for _, to := range transitions[from] {
		if CanMove(kind, from, to) {
			out = append(out, to)
		}
	}
	return out
}

// CanMove reports whether the workflow allows from → to for a case of this kind.
func CanMove(kind Kind, from, to Status) bool {
	if from == StatusAcknowledged && to == StatusClosed {
		return kind == KindSuggestion || kind == KindPraise
	}
	return slices.Contains(transitions[from], to)
}

// checkMove explains a refused transition.
func checkMove(kind Kind, from, to Status) error {
	if !validStatus(to) {
		return fmt.Errorf("%w: unknown status %q", ErrInvalid, to)
	}
	if CanMove(kind, from, to) {
		return nil
	}
	return &TransitionError{Kind: kind, From: from, To: to}
}

// TransitionError is a move the workflow refuses, with what the interfaces
// need to say which steps are allowed instead.
type TransitionError struct {
	Kind     Kind
	From, To Status
}

func (e *TransitionError) Error() string {
	return fmt.Sprintf("a %s case cannot go from %s to %s (allowed: %v)", e.Kind, e.From, e.To, e.Allowed())
}

// Allowed lists the statuses the case may move to instead.
func (e *TransitionError) Allowed() []Status { return NextStatuses(e.Kind, e.From) }

// Unwrap makes it an ErrTransition.
func (e *TransitionError) Unwrap() error { return ErrTransition }

func validStatus(s Status) bool     { return slices.Contains(Statuses, s) }
func validKind(k Kind) bool         { return slices.Contains(Kinds, k) }
func validSeverity(s Severity) bool { return slices.Contains(Severities, s) }
func validChannel(c Channel) bool   { return slices.Contains(Channels, c) }
