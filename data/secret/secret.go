// Package secret hashes the staff's sign-in PINs and passwords with
// argon2id (data.Credential keeps the salt and the parameters beside the
// hash) and checks them in constant time. Apart from package data so that
// data and the packages that must stay pure (present, demo) need no crypto
// library.
package secret

import (
	"crypto/rand"
	"crypto/subtle"
	"time"

	"golang.org/x/crypto/argon2"

	"casebook/data"
)

// New hashes secret with a fresh random salt at cost k.
func New(secret string, k data.KDF, by string, now time.Time) (data.Credential, error) {
	kind, err := data.KindOfSecret(secret)
	if err != nil {
		return data.Credential{}, err
	}
	salt := make([]byte, 16)
	rand.Read(salt) // never fails (Go 1.24+)
	return data.Credential{Kind: kind, Salt: salt, KDF: k, SetAt: now.UTC(), SetBy: by,
		Hash: argon2.IDKey([]byte(secret), salt, k.Time, k.Memory, k.Threads, k.KeyLen)}, nil
}

// Matches reports whether secret is the one c hashed, comparing in constant time.
func Matches(c data.Credential, secret string) bool {
	if len(c.Hash) == 0 || c.KDF.Time == 0 || c.KDF.KeyLen == 0 {
		return false
	}
	got := argon2.IDKey([]byte(secret), c.Salt, c.KDF.Time, c.KDF.Memory, c.KDF.Threads, c.KDF.KeyLen)
	return subtle.ConstantTimeCompare(got, c.Hash) == 1
}
