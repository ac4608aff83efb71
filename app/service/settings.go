package service

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"casebook/data"
)

// Settings is the agency's configuration: staff and roles, deadlines and the
// calendar, categories, the mail account and the letterhead. Changing it is
// the owner's.
type Settings struct{ *core }

// Get returns the current settings.
func (s *Settings) Get() data.Settings { return s.store.Settings() }

// Save stores new settings whole (the desktop's Settings pages). On a fresh
// database with nobody on the staff list anyone may save, so the first
// person can add themselves; the list must then hold an owner.
func (s *Settings) Save(ctx context.Context, a data.Actor, st data.Settings) error {
	old := s.store.Settings()
	if len(old.Staff) > 0 {
		// A change of the staff list is refused as such (it is the owner's
		// like the other settings, and the message names what was asked).
		if !slices.Equal(old.Staff, st.Staff) {
			if err := check(a, data.ActionStaff); err != nil {
				return err
			}
		}
		if err := check(a, data.ActionSettings); err != nil {
			return err
		}
		if err := s.keepsAnOwnerWhoSignsIn(st); err != nil {
			return err
		}
	}
	st.MailTemplates = old.MailTemplates // changed only by Templates.Set and Reset (templates.go)
	return s.store.SaveSettingsBy(ctx, st, a.Name)
}

// edit changes the settings as they are now and saves them.
func (s *Settings) edit(ctx context.Context, a data.Actor, fn func(st *data.Settings) error) (data.Settings, error) {
	st := s.store.Settings()
	st.Staff = slices.Clone(st.Staff)
	if err := fn(&st); err != nil {
		return data.Settings{}, err
	}
	return st, s.Save(ctx, a, st)
}

// Actor is the staff member called name, with their role.
func (s *Settings) Actor(name string) (data.Actor, error) {
	name = strings.TrimSpace(name)
	role, ok := s.store.Settings().StaffRole(name)
	if !ok {
		return data.Actor{}, &data.UnknownStaffError{Name: name}
	}
	return data.Actor{Name: name, Role: role}, nil
}

// ActorOrFirstOwner is Actor, except on a database with nobody on the staff
// list yet: there name becomes its owner (created is then true), so a fresh
// install stays scriptable.
func (s *Settings) ActorOrFirstOwner(ctx context.Context, name string) (a data.Actor, created bool, err error) {
	name = strings.TrimSpace(name)
	if len(s.store.Settings().Staff) > 0 {
		a, err := s.Actor(name)
		return a, false, err
	}
	if name == "" {
		return data.Actor{}, false, &data.UnknownStaffError{Name: name}
	}
	a = data.Actor{Name: name, Role: data.RoleOwner}
	if _, err := s.edit(ctx, a, func(st *data.Settings) error {
		st.Staff = append(st.Staff, data.Staff{Name: name, Role: data.RoleOwner})
		return nil
	}); err != nil {
		return data.Actor{}, false, err
	}
	return a, true, nil
}

// Staff lists the staff members.
func (s *Settings) Staff() []data.Staff { return slices.Clone(s.store.Settings().Staff) }

// AddStaff puts a new person on the staff list.
func (s *Settings) AddStaff(ctx context.Context, a data.Actor, name string, role data.Role) error {
	name = strings.TrimSpace(name)
	_, err := s.edit(ctx, a, func(st *data.Settings) error {
		if _, ok := st.StaffRole(name); ok {
			return &data.FieldError{Field: "staff_exists", Reason: fmt.Sprintf("%q is already on the staff list", name)}
		}
		st.Staff = append(st.Staff, data.Staff{Name: name, Role: role})
		return nil
	})
	return err
}

// SetStaff changes a staff member's role and, when newName is not empty, name.
// Cases keep the name they were recorded with.
func (s *Settings) SetStaff(ctx context.Context, a data.Actor, name string, role data.Role, newName string) error {
	cred, hasPIN, _ := s.store.Credential(name) // a renamed person keeps their PIN
	_, err := s.edit(ctx, a, func(st *data.Settings) error {
		i := slices.IndexFunc(st.Staff, func(m data.Staff) bool { return m.Name == name })
		if i < 0 {
			return &data.UnknownStaffError{Name: name}
		}
		if role != "" {
			st.Staff[i].Role = role
		}
		if n := strings.TrimSpace(newName); n != "" {
			st.Staff[i].Name = n
		}
		return nil
	})
	if n := strings.TrimSpace(newName); err == nil && hasPIN && n != "" && n != name {
		err = s.store.SetCredential(ctx, n, cred, a.Name)
	}
	return err
}

// RemoveStaff takes a person off the staff list. Cases they closed or
// declined keep their name. Their unfinished cases need a decision:
// takeOver nil refuses with a *data.OwnsCasesError listing them; else
// *takeOver is who takes them over ("" leaves them unassigned). The removal
// and every case's owner event are one transaction.
func (s *Settings) RemoveStaff(ctx context.Context, a data.Actor, name string, takeOver *string) error {
	old := s.store.Settings()
	if err := check(a, data.ActionStaff); err != nil {
		return err
	}
	if err := check(a, data.ActionSettings); err != nil {
		return err
	}
	i := slices.IndexFunc(old.Staff, func(m data.Staff) bool { return m.Name == name })
	if i < 0 {
		return &data.UnknownStaffError{Name: name}
	}
	st := old
	st.Staff = slices.Delete(slices.Clone(old.Staff), i, i+1)
	if err := s.keepsAnOwnerWhoSignsIn(st); err != nil {
		return err
	}
	to := ""
	if owned := s.OpenCasesOf(name); len(owned) > 0 {
		if takeOver == nil {
			return &data.OwnsCasesError{Name: name, Cases: owned}
		}
		if err := check(a, data.ActionAssign); err != nil {
			return err
		}
		to = strings.TrimSpace(*takeOver)
		if to == name {
			return &data.FieldError{Field: "owner", Reason: fmt.Sprintf("%q is the person leaving", name)}
		}
	}
	_, err := s.store.RemoveStaff(ctx, st, name, to, a.Name)
	return err
}

// OpenCasesOf lists the numbers of the unfinished cases (not closed or
// declined) that name owns.
func (s *Settings) OpenCasesOf(name string) []string {
	var out []string
	for _, r := range s.store.UnfinishedCasesOf(name) {
		out = append(out, r.Number)
	}
	return out
}

// SetAgency changes the letterhead profile.
func (s *Settings) SetAgency(ctx context.Context, a data.Actor, edit func(ag *data.Agency)) (data.Agency, error) {
	st, err := s.edit(ctx, a, func(st *data.Settings) error {
		edit(&st.Agency)
		return nil
	})
	return st.Agency, err
}

// SetMailAccount stores the mail account (its password goes to the keyring,
// never here).
func (s *Settings) SetMailAccount(ctx context.Context, a data.Actor, acc data.MailAccount) error {
	_, err := s.edit(ctx, a, func(st *data.Settings) error {
		st.Mail = acc
		return nil
	})
	return err
}

// Set changes one setting by its key (see Keys), as `casebook settings set` does.
func (s *Settings) Set(ctx context.Context, a data.Actor, key, value string) (data.Settings, error) {
	k, ok := findKey(key)
	if !ok {
		return data.Settings{}, &UnknownKeyError{Key: key}
	}
	return s.edit(ctx, a, func(st *data.Settings) error { return k.set(st, strings.TrimSpace(value), key) })
}

// Values lists every settable key with its current value, in Keys order.
func (s *Settings) Values() [][2]string {
	st := s.store.Settings()
	out := make([][2]string, 0, len(settingKeys))
	for _, k := range expandKeys(st) {
		out = append(out, [2]string{k.name, k.get(&st, k.name)})
	}
	return out
}
