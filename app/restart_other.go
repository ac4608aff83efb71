//go:build !unix

package main

import (
	"os"
	"os/exec"
)

// execProcess starts exe as a new process and ends this one (no exec(2)).
func execProcess(exe string, args, env []string) error {
	cmd := exec.Command(exe, args[1:]...)
	cmd.Env, cmd.Stdin, cmd.Stdout, cmd.Stderr = env, os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	os.Exit(0)
	return nil
}
