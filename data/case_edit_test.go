package data

import (
	"errors"
	"testing"
	"time"
)

// noCustomers knows nobody else.
type noCustomers struct{}

func (noCustomers) ByPhone(string) (Customer, bool) { return Customer{}, false }
func (noCustomers) ByEmail(string) (Customer, bool) { return Customer{}, false }

func TestKindChangeRefusedWhenItsWorkflowLacksTheStatus(t *testing.T) {
	// A workflow in which only suggestions and praise (closed straight after
	// acknowledging) are ever reopened into investigation.
	saved := transitions
	t.Cleanup(func() { transitions = saved })
	transitions = map[Status][]Status{
		StatusNew:           {StatusAcknowledged},
		StatusAcknowledged:  {StatusClosed},
		StatusClosed:        {StatusInvestigating},
		StatusInvestigating: {StatusProposed},
	}
	if KindReaches(KindComplaint, StatusInvestigating) || !KindReaches(KindSuggestion, StatusInvestigating) {
		t.Fatal("reachability")
	}
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	c := Case{Number: "A-2026-0001", Kind: KindSuggestion, Status: StatusInvestigating, CustomerID: 1}
	k := KindComplaint
	_, err := c.Edit(CaseEdit{Kind: &k}, DefaultSettings(), Customer{ID: 1}, noCustomers{}, "王芳", now)
	var ke *KindError
	if !errors.As(err, &ke) || ke.Kind != KindComplaint || ke.Status != StatusInvestigating || !errors.Is(err, ErrTransition) {
		t.Fatalf("kind change: %v", err)
	}
	if c.Kind != KindSuggestion || len(c.Timeline) != 0 {
		t.Errorf("a refused edit changed the case: %+v", c)
	}
	p := KindPraise
	if _, err := c.Edit(CaseEdit{Kind: &p}, DefaultSettings(), Customer{ID: 1}, noCustomers{}, "王芳", now); err != nil || c.Kind != KindPraise {
		t.Errorf("praise reaches investigation too: %v", err)
	}
	if ev := c.Timeline[0]; ev.Type != EventEdited || ev.Arg(ArgField) != "kind" || ev.Old != "suggestion" || ev.New != "praise" {
		t.Errorf("event %+v", ev)
	}
}

func TestEditOfClosedCaseRefused(t *testing.T) {
	c := Case{Number: "A-2026-0002", Status: StatusClosed, Subject: "旧"}
	s := "新"
	_, err := c.Edit(CaseEdit{Subject: &s}, DefaultSettings(), Customer{}, noCustomers{}, "王芳", time.Now())
	if !errors.Is(err, ErrClosed) || c.Subject != "旧" {
		t.Errorf("closed: %v", err)
	}
	if _, _, err := c.AddEvidence(Evidence{Name: "a.jpg", SHA256: string(make([]byte, 64)), Size: 1}, time.Now()); !errors.Is(err, ErrClosed) {
		t.Errorf("evidence on a closed case: %v", err)
	}
}
