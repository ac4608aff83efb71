package main

import (
	"fmt"
	"strings"
	"testing"

	"casebook/data"
)

// Every typed error of the application layer reaches a Chinese terminal in
// Chinese, however deeply the operation wrapped it — never the English text
// the error carries for the log.
func TestTypedErrorsAreExplainedInTheUsersLanguage(t *testing.T) {
	errs := []error{
		&data.ClosedError{Number: "A-2026-0001"},
		&data.KindError{Kind: data.KindPraise, Status: data.StatusProposed},
		&data.CustomerConflictError{Field: "phone", Value: "13800000000", Other: data.Customer{ID: 2, Name: "赵敏", Phone: "13800000000"}},
		&data.EvidenceTooLargeError{Name: "录音.m4a", Max: 50 << 20},
		&data.OwnsCasesError{Name: "李强", Cases: []string{"A-2026-0001", "A-2026-0002"}},
		&data.EscalationError{Level: data.EscalationSupervisor, Name: "王芳", Role: data.RoleStaff},
		&data.EscalationError{Level: data.EscalationOwner},
		data.ErrEmptyFile,
		data.ErrFindingsLocked,
	}
	for _, e := range errs {
		wrapped := fmt.Errorf("edit case A-2026-0001: %w", e)
		got := explain("zh-Hans", wrapped)
		if strings.Contains(got, e.Error()) || !hasHan(got) {
			t.Errorf("%T shown to a Chinese user as %q", e, got)
		}
	}
	// An error nobody translated is shown as it is, not as "could not save".
	if got := explain("zh-Hans", fmt.Errorf("open x: %w", fmt.Errorf("disk on fire"))); got != "open x: disk on fire" {
		t.Errorf("an unknown error became %q", got)
	}
}
