package service

import (
	"context"
	"slices"
	"strings"

	"casebook/data"
	"casebook/data/secret"
)

// Sign-in: once anyone on the staff list has a PIN or password, sign-in is
// on and both faces ask for it before a change (the window at its sign-in
// screen, the command line through CASEBOOK_PIN or a prompt). Secrets live
// in the store's own bucket as argon2id hashes (data.Credential), never in
// the settings.

// SignInOn tells whether sign-in is on: someone on the staff list has a PIN
// or password.
func (s *Settings) SignInOn() bool {
	names, err := s.store.CredentialNames()
	if err != nil {
		return true // cannot tell: ask, rather than let anyone in
	}
	st := s.store.Settings()
	return slices.ContainsFunc(names, func(n string) bool { _, ok := st.StaffRole(n); return ok })
}

// keepsAnOwnerWhoSignsIn refuses a staff list that would leave sign-in on
// with no owner able to sign in: nobody could then manage staff, settings
// or PINs again.
func (s *Settings) keepsAnOwnerWhoSignsIn(st data.Settings) error {
	if !s.SignInOn() {
		return nil
	}
	for _, m := range st.Staff {
		if m.Role == data.RoleOwner && s.HasSecret(m.Name) {
			return nil
		}
	}
	return data.ErrLastOwnerSignIn
}

// HasSecret tells whether name has a PIN or password.
func (s *Settings) HasSecret(name string) bool {
	_, ok, err := s.store.Credential(strings.TrimSpace(name))
	return ok && err == nil
}

// SecretKind is what name signs in with: a PIN, a password, or "" (nothing yet).
func (s *Settings) SecretKind(name string) data.SecretKind {
	c, ok, err := s.store.Credential(strings.TrimSpace(name))
	if !ok || err != nil {
		return ""
	}
	return c.Kind
}

// SignIn checks name's PIN or password and returns them as the actor. how
// is recorded in the audit chain ("pin", "password", "cli"); a wrong secret
// counts towards the lock and is recorded too. The refusal is a
// *data.SignInError (or a *data.UnknownStaffError).
func (s *Settings) SignIn(ctx context.Context, name, secret, how string) (data.Actor, error) {
	a, err := s.Actor(name)
	if err != nil {
		return data.Actor{}, err
	}
	if err := s.store.TrySecret(ctx, a.Name, secret, how); err != nil {
		return data.Actor{}, err
	}
	return a, nil
}

// SignOut records that a's session ended: why is "lock", "idle" or "quit".
func (s *Settings) SignOut(ctx context.Context, a data.Actor, why string) error {
	return s.record(ctx, data.AuditSignOut, a, why, nil)
}

// SetSecret gives name a new PIN or password (data.KindOfSecret). One's
// own needs the old one when there is one (a wrong old one counts towards
// the lock); anyone else's — a reset, which also clears a lock — is the
// owner's. While sign-in is off the first PIN must be an owner's own: the
// first owner to set a PIN on a database turns sign-in on and is trusted.
func (s *Settings) SetSecret(ctx context.Context, a data.Actor, name, old, pin string) error {
	name = strings.TrimSpace(name)
	if _, err := s.Actor(name); err != nil {
		return err
	}
	if _, err := data.KindOfSecret(pin); err != nil {
		return err
	}
	if !s.SignInOn() && (a.Name != name || a.Role != data.RoleOwner) {
		// Whoever has the first PIN can sign in alone: it must be an owner's, or nobody could manage the staff.
		return &data.SignInError{Name: name, Reason: data.SignInOwnerFirst}
	}
	if a.Name == name && s.HasSecret(name) {
		if err := s.store.TrySecret(ctx, name, old, ""); err != nil {
			return err
		}
	} else if err := check(a, data.ActionStaff); err != nil {
		return err
	}
	c, err := secret.New(pin, s.kdf, a.Name, s.store.Now())
	if err != nil {
		return err
	}
	return s.store.SetCredential(ctx, name, c, a.Name)
}

// FirstOwner starts a new database: name becomes its owner with secret as
// their PIN or password, so sign-in is on from the first change. Refused
// once anyone is on the staff list.
func (s *Settings) FirstOwner(ctx context.Context, name, secret string) (data.Actor, error) {
	name = strings.TrimSpace(name)
	if len(s.store.Settings().Staff) > 0 {
		return data.Actor{}, data.ErrForbidden
	}
	if name == "" {
		return data.Actor{}, &data.FieldError{Field: "staff", Reason: "a staff member has no name"}
	}
	if _, err := data.KindOfSecret(secret); err != nil {
		return data.Actor{}, err
	}
	a, _, err := s.ActorOrFirstOwner(ctx, name)
	if err != nil {
		return data.Actor{}, err
	}
	return a, s.SetSecret(ctx, a, name, "", secret)
}
