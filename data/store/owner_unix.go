//go:build unix

package store

import (
	"io/fs"
	"os"
	"syscall"
)

// ownedByMe tells whether this process's user owns the file.
func ownedByMe(st fs.FileInfo) bool {
	sys, ok := st.Sys().(*syscall.Stat_t)
	return ok && int(sys.Uid) == os.Geteuid()
}
