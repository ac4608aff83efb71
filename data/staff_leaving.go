package data

import (
	"fmt"
	"strings"
)

// OwnsCasesError refuses to take someone off the staff list while they own
// unfinished cases, until the caller says who takes them over (or that they
// stay unassigned).
type OwnsCasesError struct {
	Name  string
	Cases []string // the case numbers
}

func (e *OwnsCasesError) Error() string {
	return fmt.Sprintf("%s owns %d unfinished cases (%s): say who takes them over", e.Name, len(e.Cases), strings.Join(e.Cases, ", "))
}

// Unwrap makes it an ErrInvalid.
func (e *OwnsCasesError) Unwrap() error { return ErrInvalid }

// Unfinished tells whether a case in this status still needs someone: every
// status but closed and declined (a resolved case still has its follow-up
// and closing ahead).
func (s Status) Unfinished() bool { return s != StatusClosed && s != StatusDeclined }

// DefaultTakeOver is who takes over a leaving person's cases unless someone
// else is chosen: the first supervisor, else the first owner, other than them.
func (s Settings) DefaultTakeOver(leaving string) string {
	for _, role := range []Role{RoleSupervisor, RoleOwner} {
		for _, m := range s.Staff {
			if m.Role == role && m.Name != leaving {
				return m.Name
			}
		}
	}
	return ""
}
