package data

import (
	"errors"
	"testing"
	"time"
)

func TestSecretKinds(t *testing.T) {
	for s, want := range map[string]SecretKind{"1234": SecretPIN, "12345678": SecretPIN, "123456789": SecretPassword,
		"correct horse": SecretPassword, "密码密码密码密码": SecretPassword, "123": "", "12a4": "", "abcdefg": "", "": ""} {
		got, err := KindOfSecret(s)
		if got != want || (want == "") != (err != nil) {
			t.Errorf("%q: %q %v, want %q", s, got, err, want)
		}
	}
}

func TestLockoutGrows(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	c := Credential{Hash: []byte("2580")} // stands for the hash of 2580
	match := func(pin string) func(Credential) bool {
		return func(c Credential) bool { return string(c.Hash) == pin }
	}
	var se *SignInError
	for i := 1; i <= 4; i++ {
		if err := c.Try("王芳", match("0000"), now); !errors.As(err, &se) || se.Reason != SignInWrong || se.TriesLeft() != 5-i {
			t.Fatalf("try %d: %v", i, err)
		}
	}
	if err := c.Try("王芳", match("0000"), now); !errors.As(err, &se) || se.Reason != SignInLocked || se.Wait != 30*time.Second {
		t.Fatalf("5th wrong: %v", err)
	}
	// Locked: even the right PIN is not checked.
	if err := c.Try("王芳", match("2580"), now.Add(29*time.Second)); !errors.As(err, &se) || se.Reason != SignInLocked || se.Wait != time.Second {
		t.Fatalf("right PIN while locked: %v", err)
	}
	now = now.Add(30 * time.Second)
	if err := c.Try("王芳", match("0000"), now); !errors.As(err, &se) || se.Reason != SignInLocked || se.Wait != time.Minute {
		t.Fatalf("6th wrong after the wait: %v", err)
	}
	now = now.Add(time.Minute)
	if err := c.Try("王芳", match("2580"), now); err != nil || c.Failures != 0 || !c.LockedUntil.IsZero() {
		t.Fatalf("right PIN after the wait: %v %+v", err, c)
	}
	for n, want := range map[int]time.Duration{4: 0, 5: 30 * time.Second, 6: time.Minute, 7: 2 * time.Minute, 9: 8 * time.Minute, 10: 15 * time.Minute, 40: 15 * time.Minute} {
		if got := LockDelay(n); got != want {
			t.Errorf("LockDelay(%d) = %v, want %v", n, got, want)
		}
	}
}
