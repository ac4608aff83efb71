//go:build unix

package service

import (
	"os"
	"syscall"
)

// canLock: temporary files are locked while written (see CreatePending).
const canLock = true

// lockFile holds a lock on a temporary file while it is written, so another
// run never takes it for a leftover; the system drops it when the process
// ends, however it ends.
func lockFile(f *os.File) { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) }

// inUse tells whether a running process holds the file's lock.
func inUse(name string) bool {
	f, err := os.Open(name)
	if err != nil {
		return true
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		return true
	}
	_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return false
}
