package service

import "casebook/mailsync"

// ErrNoCertificate: a CA file holds no PEM certificate that can be read.
var ErrNoCertificate = mailsync.ErrNoCertificate

// CheckCAFile checks a private CA file before it is saved with the mail
// account: it exists, can be read and holds a PEM certificate.
func CheckCAFile(path string) error { return mailsync.CheckCAFile(path) }
