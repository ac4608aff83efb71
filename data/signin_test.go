package data

import (
	"bytes"
	"errors"
	"testing"
	"time"
)

// cheapKDF keeps the tests fast; the real cost is DefaultKDF.
var cheapKDF = KDF{Time: 1, Memory: 64, Threads: 1, KeyLen: 32}

func TestSecretKinds(t *testing.T) {
	for s, want := range map[string]SecretKind{"1234": SecretPIN, "12345678": SecretPIN, "123456789": SecretPassword,
		"correct horse": SecretPassword, "密码密码密码密码": SecretPassword, "123": "", "12a4": "", "abcdefg": "", "": ""} {
		got, err := KindOfSecret(s)
		if got != want || (want == "") != (err != nil) {
			t.Errorf("%q: %q %v, want %q", s, got, err, want)
		}
	}
}

func TestCredentialRoundTripAndSalt(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	a, err := NewCredential("2580", cheapKDF, "赵总", now)
	if err != nil {
		t.Fatal(err)
	}
	if !a.Matches("2580") || a.Matches("2581") || a.Matches("") {
		t.Fatal("the PIN must match itself and nothing else")
	}
	b, _ := NewCredential("2580", cheapKDF, "赵总", now)
	if bytes.Equal(a.Salt, b.Salt) || bytes.Equal(a.Hash, b.Hash) {
		t.Fatal("the same PIN for two people must give different salts and hashes")
	}
	if a.Kind != SecretPIN || a.KDF != cheapKDF {
		t.Fatalf("%+v", a)
	}
	// Parameters are stored beside the hash: a hash made at another cost still verifies.
	c, _ := NewCredential("a long password", KDF{Time: 2, Memory: 128, Threads: 1, KeyLen: 32}, "", now)
	if !c.Matches("a long password") || c.Kind != SecretPassword {
		t.Fatal("a hash must verify with its own parameters")
	}
	if _, err := NewCredential("12", cheapKDF, "", now); !errors.Is(err, ErrSignIn) {
		t.Fatalf("a two-digit PIN: %v", err)
	}
}

func TestLockoutGrows(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	c, _ := NewCredential("2580", cheapKDF, "", now)
	var se *SignInError
	for i := 1; i <= 4; i++ {
		if err := c.Try("王芳", "0000", now); !errors.As(err, &se) || se.Reason != SignInWrong || se.TriesLeft() != 5-i {
			t.Fatalf("try %d: %v", i, err)
		}
	}
	if err := c.Try("王芳", "0000", now); !errors.As(err, &se) || se.Reason != SignInLocked || se.Wait != 30*time.Second {
		t.Fatalf("5th wrong: %v", err)
	}
	// Locked: even the right PIN is not checked.
	if err := c.Try("王芳", "2580", now.Add(29*time.Second)); !errors.As(err, &se) || se.Reason != SignInLocked || se.Wait != time.Second {
		t.Fatalf("right PIN while locked: %v", err)
	}
	now = now.Add(30 * time.Second)
	if err := c.Try("王芳", "0000", now); !errors.As(err, &se) || se.Reason != SignInLocked || se.Wait != time.Minute {
		t.Fatalf("6th wrong after the wait: %v", err)
	}
	now = now.Add(time.Minute)
	if err := c.Try("王芳", "2580", now); err != nil || c.Failures != 0 || !c.LockedUntil.IsZero() {
		t.Fatalf("right PIN after the wait: %v %+v", err, c)
	}
	for n, want := range map[int]time.Duration{4: 0, 5: 30 * time.Second, 6: time.Minute, 7: 2 * time.Minute, 9: 8 * time.Minute, 10: 15 * time.Minute, 40: 15 * time.Minute} {
		if got := LockDelay(n); got != want {
			t.Errorf("LockDelay(%d) = %v, want %v", n, got, want)
		}
	}
}

// BenchmarkHashSecret measures DefaultKDF on this machine (aim: 100–300 ms).
func BenchmarkHashSecret(b *testing.B) {
	now := time.Now()
	for b.Loop() {
		if _, err := NewCredential("2580", DefaultKDF, "", now); err != nil {
			b.Fatal(err)
		}
	}
}
