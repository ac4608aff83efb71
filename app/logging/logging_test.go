package logging

import (
	"errors"
	"log"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func readLog(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSetupWritesAtTheLevel(t *testing.T) {
	want := t.TempDir()
	t.Setenv("CASEBOOK_LOG_DIR", want)
	dir, closeLog, err := Setup("info")
	if err != nil || dir != want {
		t.Fatalf("Setup: %q %v", dir, err)
	}
	slog.Debug("hidden detail")
	slog.Info("sync done", "fetched", 3)
	log.Print("a library's log line") // the standard logger goes to the file too
	if err := SetLevel("debug"); err != nil {
		t.Fatal(err)
	}
	slog.Debug("shown detail", "id", 42)
	slog.Warn("send failed", "err", errors.New("550 5.1.1 <王小明@example.cn>: unknown user; cc li.na+tour@mail.example.com"))
	slog.Info("Fyne error", "at", "/root/go/pkg/mod/fyne.io/fyne/v2@v2.7.1/app/preferences.go:103", "to", "张三@例子.中国")
	closeLog()

	got := readLog(t, dir)
	for _, s := range []string{"msg=\"sync done\" fetched=3", "a library's log line", "shown detail", "id=42", "<[address]>: unknown user; cc [address]", "v2@v2.7.1/app/preferences.go:103", "to=[address]"} {
		if !strings.Contains(got, s) {
			t.Errorf("log lacks %q:\n%s", s, got)
		}
	}
	for _, s := range []string{"hidden detail", "example.cn", "li.na", "张三", "例子"} {
		if strings.Contains(got, s) {
			t.Errorf("log contains %q:\n%s", s, got)
		}
	}
	if fi, err := os.Stat(filepath.Join(dir, FileName)); err != nil || (runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0) {
		t.Errorf("log file mode: %v %v", fi.Mode(), err)
	}
}

func TestBadLevelIsRefused(t *testing.T) {
	t.Setenv("CASEBOOK_LOG_DIR", t.TempDir())
	for _, s := range []string{"loud", "verbose", "3"} {
		if _, closeLog, err := Setup(s); !errors.Is(err, ErrLevel) || !strings.Contains(err.Error(), s) {
			t.Errorf("Setup(%q): %v", s, err)
		} else {
			closeLog()
		}
		if err := SetLevel(s); !errors.Is(err, ErrLevel) {
			t.Errorf("SetLevel(%q): %v", s, err)
		}
	}
	for in, want := range map[string]slog.Level{"": slog.LevelInfo, "DEBUG": slog.LevelDebug, "warning": slog.LevelWarn, "error": slog.LevelError} {
		if got, err := ParseLevel(in); err != nil || got != want {
			t.Errorf("ParseLevel(%q) = %v, %v", in, got, err)
		}
	}
}

// An unwritable place for the log is reported, and records go nowhere (not to stderr).
func TestUnwritableDirDiscards(t *testing.T) {
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("CASEBOOK_LOG_DIR", filepath.Join(blocker, "logs")) // a directory under a file
	dir, closeLog, err := Setup("info")
	defer closeLog()
	if err == nil || dir != "" {
		t.Fatalf("Setup under a file: %q %v", dir, err)
	}
	if slog.Default().Enabled(t.Context(), slog.LevelError) {
		t.Error("records should be discarded")
	}
}

func TestDirFollowsXDG(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("XDG state directory on Linux")
	}
	t.Setenv("CASEBOOK_LOG_DIR", "")
	t.Setenv("XDG_STATE_HOME", "/srv/state")
	if d, err := Dir(); err != nil || d != "/srv/state/casebook" {
		t.Errorf("Dir = %q, %v", d, err)
	}
	t.Setenv("XDG_STATE_HOME", "")
	t.Setenv("HOME", "/home/li")
	if d, err := Dir(); err != nil || d != "/home/li/.local/state/casebook" {
		t.Errorf("Dir = %q, %v", d, err)
	}
}
