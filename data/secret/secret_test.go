package secret

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"casebook/data"
)

// cheapKDF keeps the tests fast; the real cost is data.DefaultKDF.
var cheapKDF = data.KDF{Time: 1, Memory: 64, Threads: 1, KeyLen: 32}

func TestCredentialRoundTripAndSalt(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	a, err := New("2580", cheapKDF, "赵总", now)
	if err != nil {
		t.Fatal(err)
	}
	if !Matches(a, "2580") || Matches(a, "2581") || Matches(a, "") {
		t.Fatal("the PIN must match itself and nothing else")
	}
	b, _ := New("2580", cheapKDF, "赵总", now)
	if bytes.Equal(a.Salt, b.Salt) || bytes.Equal(a.Hash, b.Hash) {
		t.Fatal("the same PIN for two people must give different salts and hashes")
	}
	if a.Kind != data.SecretPIN || a.KDF != cheapKDF {
		t.Fatalf("%+v", a)
	}
	// Parameters are stored beside the hash: a hash made at another cost still verifies.
	c, _ := New("a long password", data.KDF{Time: 2, Memory: 128, Threads: 1, KeyLen: 32}, "", now)
	if !Matches(c, "a long password") || c.Kind != data.SecretPassword {
		t.Fatal("a hash must verify with its own parameters")
	}
	if _, err := New("12", cheapKDF, "", now); !errors.Is(err, data.ErrSignIn) {
		t.Fatalf("a two-digit PIN: %v", err)
	}
}

// BenchmarkHashSecret measures DefaultKDF on this machine (aim: 100–300 ms).
func BenchmarkHashSecret(b *testing.B) {
	now := time.Now()
	for b.Loop() {
		if _, err := New("2580", data.DefaultKDF, "", now); err != nil {
			b.Fatal(err)
		}
	}
}
