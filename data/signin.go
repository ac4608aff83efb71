package data

import (
	"errors"
	"fmt"
	"time"
	"unicode/utf8"
)

// Sign-in: each staff member may have a secret — a PIN of 4 to 8 digits, or
// a password of at least 8 characters — stored as an argon2id hash with its
// own random salt and the parameters it was made with, so they can be raised
// later without invalidating the hashes already stored. Once anyone on the
// staff list has one, sign-in is on: changes need a signed-in person.

// SecretKind says whether a secret is a PIN or a password.
type SecretKind string

const (
	SecretPIN      SecretKind = "pin"
	SecretPassword SecretKind = "password"
)

// KDF is the argon2id cost a hash was made with.
type KDF struct {
	Time    uint32 `json:"t"`
	Memory  uint32 `json:"m"` // KiB
	Threads uint8  `json:"p"`
	KeyLen  uint32 `json:"len"`
}

// DefaultKDF is the cost of new hashes: about 100–300 ms on a counter PC
// (data/secret.BenchmarkHashSecret measures it: 155–190 ms here). Hashes keep the parameters they were
// made with, so raising these later leaves old PINs working.
var DefaultKDF = KDF{Time: 3, Memory: 64 * 1024, Threads: 2, KeyLen: 32}

// Credential is one staff member's stored secret and their failed tries.
type Credential struct {
	Kind        SecretKind `json:"kind"`
	Salt        []byte     `json:"salt"`
	Hash        []byte     `json:"hash"`
	KDF         KDF        `json:"kdf"`
	SetAt       time.Time  `json:"set_at"`
	SetBy       string     `json:"set_by"`
	Failures    int        `json:"failures"`              // wrong tries in a row
	LockedUntil time.Time  `json:"locked_until,omitzero"` // no try is checked before this
}

// LockAfter is the number of wrong tries in a row that locks a person.
const LockAfter = 5

// Lock delays: the first lock lasts LockFirst, each further wrong try
// doubles it, up to LockMax.
const (
	LockFirst = 30 * time.Second
	LockMax   = 15 * time.Minute
)

// LockDelay is how long a person is locked after failures wrong tries in a
// row: nothing below LockAfter, then 30 s, 1 min, 2 min … at most 15 min.
func LockDelay(failures int) time.Duration {
	if failures < LockAfter {
		return 0
	}
	d := LockFirst
	for i := LockAfter; i < failures && d < LockMax; i++ {
		d *= 2
	}
	return min(d, LockMax)
}

// KindOfSecret checks a new secret: 4 to 8 digits is a PIN; anything of 8
// characters or more that is not all digits is a password (a long number
// counts as a password too).
func KindOfSecret(s string) (SecretKind, error) {
	digits := s != ""
	for _, r := range s {
		if r < '0' || r > '9' {
			digits = false
			break
		}
	}
	n := utf8.RuneCountInString(s)
	switch {
	case digits && n >= 4 && n <= 8:
		return SecretPIN, nil
	case n >= 8:
		return SecretPassword, nil
	}
	return "", &SignInError{Reason: SignInFormat}
}

// Try checks a secret at now with matches (package data/secret hashes it)
// and updates the tries: a right secret clears them; a wrong one counts and,
// from the LockAfter-th on, locks for LockDelay. While locked nothing is
// checked (and nothing counted): the *SignInError says how long is left.
func (c *Credential) Try(name string, matches func(Credential) bool, now time.Time) error {
	if now.Before(c.LockedUntil) {
		return &SignInError{Name: name, Reason: SignInLocked, Failures: c.Failures, Wait: c.LockedUntil.Sub(now)}
	}
	if matches(*c) {
		c.Failures, c.LockedUntil = 0, time.Time{}
		return nil
	}
	c.Failures++
	if d := LockDelay(c.Failures); d > 0 {
		c.LockedUntil = now.Add(d).UTC()
		return &SignInError{Name: name, Reason: SignInLocked, Failures: c.Failures, Wait: d}
	}
	return &SignInError{Name: name, Reason: SignInWrong, Failures: c.Failures}
}

// ErrSignIn marks a refused sign-in or a change refused for want of one.
var ErrSignIn = errors.New("sign-in refused")

// SignInReason says why a sign-in was refused.
type SignInReason string

const (
	SignInWrong      SignInReason = "wrong"       // the PIN or password is wrong
	SignInLocked     SignInReason = "locked"      // too many wrong tries: wait
	SignInNoSecret   SignInReason = "no_secret"   // the person has no PIN yet
	SignInNeeded     SignInReason = "needed"      // a change needs the PIN (the command line got none)
	SignInFormat     SignInReason = "format"      // a new PIN is not 4–8 digits nor a password of 8 or more
	SignInMismatch   SignInReason = "mismatch"    // the new PIN was not typed the same twice
	SignInOwnerFirst SignInReason = "owner_first" // sign-in is off: the first PIN is an owner's own
)

// ErrLastOwnerSignIn refuses a staff change that would leave sign-in on
// with no owner who has a PIN or password.
var ErrLastOwnerSignIn = errors.New("the staff list would have no owner who can sign in")

// SignInError is a refused sign-in, with what the screens need to say.
type SignInError struct {
	Name     string
	Reason   SignInReason
	Failures int           // wrong tries in a row so far
	Wait     time.Duration // SignInLocked: how long until the next try
}

func (e *SignInError) Error() string {
	switch e.Reason {
	case SignInLocked:
		return fmt.Sprintf("%s is locked after %d wrong tries: wait %s", e.Name, e.Failures, e.Wait.Round(time.Second))
	case SignInWrong:
		return fmt.Sprintf("wrong PIN or password for %s (%d in a row)", e.Name, e.Failures)
	}
	return fmt.Sprintf("sign-in %s: %s", e.Name, e.Reason)
}

// Unwrap makes it an ErrSignIn.
func (e *SignInError) Unwrap() error { return ErrSignIn }

// TriesLeft is how many wrong tries are left before a lock.
func (e *SignInError) TriesLeft() int { return max(0, LockAfter-e.Failures) }

// SignInSettings tune sign-in at the window.
type SignInSettings struct {
	IdleMinutes int `json:"idle_minutes,omitzero"` // lock after this many minutes without input; 0: DefaultIdleMinutes; -1: never
}

// DefaultIdleMinutes is how long the window waits without input before it locks.
const DefaultIdleMinutes = 5

// MaxIdleMinutes bounds the setting (a day).
const MaxIdleMinutes = 24 * 60

// Minutes is the setting as people write it: 0 for never.
func (s SignInSettings) Minutes() int {
	switch {
	case s.IdleMinutes < 0:
		return 0
	case s.IdleMinutes == 0:
		return DefaultIdleMinutes
	}
	return s.IdleMinutes
}

// SetMinutes sets it from people's words: 0 is never.
func (s *SignInSettings) SetMinutes(n int) error {
	if n < 0 || n > MaxIdleMinutes {
		return &FieldError{Field: "signin.idle_minutes", Reason: fmt.Sprintf("%d is not from 0 to %d", n, MaxIdleMinutes)}
	}
	if n == 0 {
		n = -1
	}
	s.IdleMinutes = n
	return nil
}

// Idle is how long the window waits before it locks; 0 never.
func (s SignInSettings) Idle() time.Duration { return time.Duration(s.Minutes()) * time.Minute }
