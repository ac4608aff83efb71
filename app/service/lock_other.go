//go:build !unix

package service

import "os"

// canLock: without flock, the age of a temporary file tells a leftover.
const canLock = false

// lockFile: without flock, the age of a temporary file alone tells a
// leftover (and Windows refuses to remove a file that is still open).
func lockFile(*os.File) {}

func inUse(string) bool { return false }
