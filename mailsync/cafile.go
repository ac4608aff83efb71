package mailsync

import (
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
)

// ErrNoCertificate: a CA file holds no PEM certificate that can be read.
var ErrNoCertificate = errors.New("the file holds no PEM certificate")

// CheckCAFile checks a private CA file before it is saved with the account:
// it must exist, be readable and hold at least one PEM "CERTIFICATE" block
// that parses, as the TLS connections will read it (they fail otherwise, at
// the first sync, far from where the path was typed).
func CheckCAFile(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("CA file: %w", err)
	}
	for rest := b; ; {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			return fmt.Errorf("CA file %s: %w", path, ErrNoCertificate)
		}
		if block.Type != "CERTIFICATE" {
			continue
		}
		if _, err := x509.ParseCertificate(block.Bytes); err == nil {
			return nil
		}
	}
}
