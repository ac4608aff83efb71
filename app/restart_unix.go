//go:build unix

package main

import "syscall"

// execProcess replaces this process with exe (same pid, window gone, the
// new one drawn by the new image).
func execProcess(exe string, args, env []string) error { return syscall.Exec(exe, args, env) }
