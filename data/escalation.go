package data

import (
	"fmt"
	"slices"
)

// EscalationDefaults name the staff members a case escalated to a level goes
// to when the person escalating chooses nobody. An empty name, or one no
// longer on the staff list at that level, means the first staff member of the
// level.
type EscalationDefaults struct {
	Supervisor string `json:"supervisor,omitempty"`
	Owner      string `json:"owner,omitempty"`
}

// Default is the configured default of a level ("" for staff or none).
func (d EscalationDefaults) Default(level Escalation) string {
	switch level {
	case EscalationSupervisor:
		return d.Supervisor
	case EscalationOwner:
		return d.Owner
	}
	return ""
}

// EscalationError says why a case cannot be escalated to a person: nobody on
// the staff list is of the level (Name ""), or the person's Role is below it.
type EscalationError struct {
	Level Escalation
	Name  string
	Role  Role
}

func (e *EscalationError) Error() string {
	if e.Name == "" {
		return fmt.Sprintf("nobody on the staff list is a %s or above to take the case", e.Level)
	}
	return fmt.Sprintf("%s is %s: a case escalated to %s goes to a %s or above", e.Name, e.Role, e.Level, e.Level)
}

// Unwrap makes it an ErrInvalid.
func (e *EscalationError) Unwrap() error { return ErrInvalid }

// escalationRank orders the levels: staff 0, supervisor 1, owner 2.
func escalationRank(l Escalation) int {
	switch l {
	case EscalationSupervisor:
		return 1
	case EscalationOwner:
		return 2
	}
	return 0
}

func roleRank(r Role) int { return slices.Index(Roles, r) }

// EscalationCandidates lists, in staff-list order, who may answer for a case
// at level: the staff members whose role is the level's or above.
func (s Settings) EscalationCandidates(level Escalation) []Staff {
	var out []Staff
	for _, m := range s.Staff {
		if roleRank(m.Role) >= escalationRank(level) {
			out = append(out, m)
		}
	}
	return out
}

// EscalationDefault is who a case escalated to level goes to when nobody is
// chosen: the configured default while they are on the staff list at the
// level or above, else the first staff member whose role is the level, else
// the first above it. Nobody eligible is an *EscalationError.
func (s Settings) EscalationDefault(level Escalation) (string, error) {
	cands := s.EscalationCandidates(level)
	if name := s.Escalation.Default(level); name != "" && slices.ContainsFunc(cands, func(m Staff) bool { return m.Name == name }) {
		return name, nil
	}
	for _, m := range cands {
		if roleRank(m.Role) == escalationRank(level) {
			return m.Name, nil
		}
	}
	if len(cands) > 0 {
		return cands[0].Name, nil
	}
	return "", &EscalationError{Level: level}
}

// CheckEscalationTarget refuses a person who may not answer for a case at
// level: not on the staff list, or a role below the level. Without a staff
// list any name is accepted, as owners are.
func (s Settings) CheckEscalationTarget(level Escalation, name string) error {
	if len(s.Staff) == 0 {
		return nil
	}
	role, ok := s.StaffRole(name)
	if !ok {
		return &UnknownStaffError{Name: name}
	}
	if roleRank(role) < escalationRank(level) {
		return &EscalationError{Level: level, Name: name, Role: role}
	}
	return nil
}
