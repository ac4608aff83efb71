//go:build !unix

package store

import "io/fs"

// ownedByMe: elsewhere, permissions are not Unix modes; Chmod only sets the
// read-only flag, so the mode is left alone.
func ownedByMe(fs.FileInfo) bool { return false }
