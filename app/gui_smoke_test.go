package main

import (
	"bytes"
	"fmt"
	"image"
	_ "image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestGUIStartsUnderXvfb starts the real binary in a real X server: the window
// must come up and stay up, in Simplified Chinese, on a demo database; a second
// instance on the same file must stay up to show its error instead of crashing.
func TestGUIStartsUnderXvfb(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a real window")
	}
	xvfb, err := exec.LookPath("Xvfb")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("Xvfb is missing (scripts/deps.sh test installs it)")
		}
		t.Skip("no Xvfb")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "casebook")
	if out, err := exec.Command(goTool(t), "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "gui.db")
	demo := exec.Command(bin, "--db", db, "demo", "--cases", "200")
	demo.Env = append(os.Environ(), "CASEBOOK_LOG_DIR="+dir)
	if out, err := demo.CombinedOutput(); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}

	display := freeDisplay(t)
	x := exec.Command(xvfb, display, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	if err := x.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Process.Kill(); x.Wait() })
	socket := "/tmp/.X11-unix/X" + display[1:]
	waitUntil(t, 10*time.Second, "Xvfb socket", func() bool { _, err := os.Stat(socket); return err == nil })

	env := append(os.Environ(), "DISPLAY="+display, "LANGUAGE=zh_CN.UTF-8", "LANG=zh_CN.UTF-8", "CASEBOOK_LOG_DIR="+dir)
	start := func() (*exec.Cmd, *bytes.Buffer) {
		var log bytes.Buffer
		cmd := exec.Command(bin, "--db", db)
		cmd.Env, cmd.Stdout, cmd.Stderr = env, &log, &log
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		return cmd, &log
	}
	first, log1 := start()
	time.Sleep(4 * time.Second)
	if !running(first) {
		t.Fatalf("the app exited at start:\n%s", log1)
	}
	if imp, err := exec.LookPath("import"); err == nil {
		// A loaded machine may take a while to draw the first frame.
		shot := filepath.Join(dir, "shot.png")
		n := 0
		for end := time.Now().Add(30 * time.Second); n < 8 && time.Now().Before(end); time.Sleep(time.Second) {
			if out, err := exec.Command(imp, "-display", display, "-window", "root", "png:"+shot).CombinedOutput(); err != nil {
				t.Fatalf("screenshot: %v %s", err, out)
			}
			n = colours(t, shot)
		}
		if n < 8 {
			t.Errorf("the screen has %d colours: nothing was drawn\n%s", n, log1)
		}
	}
	second, log2 := start()
	time.Sleep(3 * time.Second)
	if !running(second) {
		t.Errorf("a second instance on the same database exited instead of explaining:\n%s", log2)
	}
	if !running(first) {
		t.Errorf("the first instance died:\n%s", log1)
	}
}

func freeDisplay(t *testing.T) string {
	for n := 120; n < 520; n++ {
		lock := fmt.Sprintf("/tmp/.X%d-lock", n)
		b, err := os.ReadFile(lock)
		if os.IsNotExist(err) {
			return fmt.Sprintf(":%d", n)
		}
		// A lock left by a killed server names a process that is gone:
		// Xvfb takes such a display over itself.
		if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && pid > 0 {
			if _, err := os.Stat(fmt.Sprintf("/proc/%d", pid)); os.IsNotExist(err) {
				return fmt.Sprintf(":%d", n)
			}
		}
	}
	t.Fatal("no free X display")
	return ""
}

func waitUntil(t *testing.T, d time.Duration, what string, ok func() bool) {
	t.Helper()
	for end := time.Now().Add(d); !ok(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// running reports whether the process has not exited (signal 0 probes it).
func running(cmd *exec.Cmd) bool {
	return cmd.ProcessState == nil && cmd.Process.Signal(syscall.Signal(0)) == nil
}

func colours(t *testing.T, path string) int {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[[3]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 7 {
		for x := b.Min.X; x < b.Max.X; x += 7 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[[3]uint32{r, g, bl}] = true
		}
	}
	return len(seen)
}
