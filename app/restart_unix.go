//go:build unix

package main

import (
	"os"
	"strconv"
	"syscall"
)

// execProcess replaces this process with exe (same pid). Every descriptor
// beyond stdin, stdout and stderr is first marked close-on-exec: Go's own
// files are, but the C side of the window (the X11 or Wayland connection,
// GL) is not — inherited, it kept the old window alive on the display,
// blank, over the new one.
func execProcess(exe string, args, env []string) error {
	closeOnExec()
	return syscall.Exec(exe, args, env)
}

func closeOnExec() {
	if ents, err := os.ReadDir("/proc/self/fd"); err == nil {
		for _, e := range ents {
			if fd, err := strconv.Atoi(e.Name()); err == nil && fd > 2 {
				syscall.CloseOnExec(fd)
			}
		}
		return
	}
	for fd := 3; fd < 1024; fd++ { // no /proc (macOS, the BSDs): the usual range
		syscall.CloseOnExec(fd)
	}
}
