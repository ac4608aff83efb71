package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// The package boundaries from DESIGN.md ("Architecture"), enforced on the
// real dependency graph as `go list -deps` reports it:
//
//   - only ui and app import Fyne;
//   - ui never reaches bbolt, IMAP or SMTP code, nor the application layer's
//     packages (it declares the interfaces it needs);
//   - the application layer (app/service) depends on neither Fyne nor ui;
//   - assets imports the standard library only;
//   - the demo generator (data/demo) imports the standard library and data only.

// goTool returns the go command that built this test, or the one on PATH.
func goTool(t *testing.T) string {
	t.Helper()
	if root := runtime.GOROOT(); root != "" {
		exe := filepath.Join(root, "bin", "go")
		if runtime.GOOS == "windows" {
			exe += ".exe"
		}
		if _, err := os.Stat(exe); err == nil {
			return exe
		}
	}
	exe, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("cannot find the go command: %v", err)
	}
	return exe
}

// goCmd runs the go command and returns its standard output.
func goCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), goTool(t), args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", &goError{args: args, err: err, stderr: stderr.String()}
	}
	return stdout.String(), nil
}

type goError struct {
	args   []string
	err    error
	stderr string
}

func (e *goError) Error() string {
	return "go " + strings.Join(e.args, " ") + ": " + e.err.Error() + "\n" + strings.TrimSpace(e.stderr)
}

// moduleRoot returns the directory holding casebook's go.mod.
func moduleRoot(t *testing.T) string {
	t.Helper()
	out, err := goCmd(t, "env", "GOMOD")
	if err != nil {
		t.Fatal(err)
	}
	gomod := strings.TrimSpace(out)
	if gomod == "" || gomod == os.DevNull {
		t.Fatal("not inside a Go module")
	}
	return filepath.Dir(gomod)
}

// packageExists reports whether the module has non-test Go files for the
// import path casebook/<rel>.
func packageExists(t *testing.T, root, importPath string) bool {
	t.Helper()
	rel := strings.TrimPrefix(strings.TrimPrefix(importPath, "casebook"), "/")
	files, err := filepath.Glob(filepath.Join(root, filepath.FromSlash(rel), "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !strings.HasSuffix(f, "_test.go") {
			return true
		}
	}
	return false
}

type dep struct {
	path     string
	standard bool
}

// listDeps returns every package that importPath depends on, itself included.
func listDeps(t *testing.T, importPath string) []dep {
	t.Helper()
	out, err := goCmd(t, "list", "-deps", "-f", "{{.ImportPath}} {{.Standard}}", importPath)
	if err != nil {
		t.Fatalf("cannot list the dependencies of %s: %v", importPath, err)
	}
	var deps []dep
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		path, std, ok := strings.Cut(line, " ")
		if !ok {
			t.Fatalf("unexpected go list output line %q", line)
		}
		deps = append(deps, dep{path: path, standard: std == "true"})
	}
	return deps
}

func isFyne(path string) bool { return strings.HasPrefix(path, "fyne.io/") }

func TestPackageBoundaries(t *testing.T) {
	root := moduleRoot(t)

	rules := []struct {
		pkg    string
		why    string
		forbid func(d dep) bool
	}{
		{"casebook/data", "only ui and app may depend on Fyne", func(d dep) bool { return isFyne(d.path) }},
		{"casebook/mailsync", "only ui and app may depend on Fyne", func(d dep) bool { return isFyne(d.path) }},
		{"casebook/pdf", "only ui and app may depend on Fyne", func(d dep) bool { return isFyne(d.path) }},
		{"casebook/pdf", "pdf renders data's types: no storage, mail or interface code", func(d dep) bool {
			return d.path == "go.etcd.io/bbolt" || strings.HasPrefix(d.path, "casebook/data/store") ||
				strings.HasPrefix(d.path, "casebook/mailsync") || strings.HasPrefix(d.path, "casebook/ui") ||
				strings.HasPrefix(d.path, "github.com/emersion/") || strings.HasPrefix(d.path, "github.com/wneessen/")
		}},
		{"casebook/assets", "assets imports the standard library only", func(d dep) bool {
			return !d.standard && d.path != "casebook/assets"
		}},
		{"casebook/data/demo", "the demo generator is pure: the standard library and casebook/data only", func(d dep) bool {
			return !d.standard && d.path != "casebook/data" && d.path != "casebook/data/demo"
		}},
		{"casebook/data/present", "the presentation package is pure: the standard library, data and assets", func(d dep) bool {
			return !d.standard && d.path != "casebook/data" && d.path != "casebook/assets" && d.path != "casebook/data/present"
		}},
		{"casebook/ui", "ui never touches bbolt, IMAP or SMTP code", func(d dep) bool {
			return d.path == "go.etcd.io/bbolt" ||
				strings.HasPrefix(d.path, "github.com/emersion/") ||
				strings.HasPrefix(d.path, "github.com/wneessen/")
		}},
		{"casebook/ui", "ui reaches the application layer only through the interfaces it declares", func(d dep) bool {
			return strings.HasPrefix(d.path, "casebook/app") ||
				strings.HasPrefix(d.path, "casebook/data/store") || strings.HasPrefix(d.path, "casebook/mailsync") ||
				(strings.HasPrefix(d.path, "casebook/pdf") && d.path != "casebook/pdf/chart" && d.path != "casebook/pdf/reportcharts")
		}},
		// the charts are drawn by one package for the report PDF and the
		// Reports screen alike (pdf/reportcharts builds the report's from the
		// figures), so ui may use them: it must stay a drawing
		// library, with no documents, storage, mail or Fyne behind it
		{"casebook/pdf/chart", "the charts draw images from plain inputs: no gofpdf, documents, storage, mail or Fyne", func(d dep) bool {
			return isFyne(d.path) || d.path == "github.com/jung-kurt/gofpdf" || d.path == "go.etcd.io/bbolt" ||
				d.path == "casebook/pdf" || strings.HasPrefix(d.path, "casebook/data/store") ||
				strings.HasPrefix(d.path, "casebook/mailsync") || strings.HasPrefix(d.path, "casebook/ui") ||
				strings.HasPrefix(d.path, "casebook/app")
		}},
		{"casebook/pdf/reportcharts", "the report's charts are built from the figures alone: no gofpdf, documents, storage, mail or Fyne", func(d dep) bool {
			return isFyne(d.path) || d.path == "github.com/jung-kurt/gofpdf" || d.path == "go.etcd.io/bbolt" ||
				d.path == "casebook/pdf" || strings.HasPrefix(d.path, "casebook/data/store") ||
				strings.HasPrefix(d.path, "casebook/mailsync") || strings.HasPrefix(d.path, "casebook/ui") ||
				strings.HasPrefix(d.path, "casebook/app")
		}},
		{"casebook/app/service", "the application layer serves both faces: no Fyne, no screens", func(d dep) bool {
			return isFyne(d.path) || strings.HasPrefix(d.path, "casebook/ui")
		}},
	}
	for _, r := range rules {
		t.Run(strings.TrimPrefix(r.pkg, "casebook/"), func(t *testing.T) {
			if !packageExists(t, root, r.pkg) {
				t.Skipf("%s has no Go files yet", r.pkg)
			}
			for _, d := range listDeps(t, r.pkg) {
				if r.forbid(d) {
					t.Errorf("%s depends on %s: %s", r.pkg, d.path, r.why)
				}
			}
		})
	}
	t.Run("fyne-importers", checkFyneImporters)
}

// checkFyneImporters checks the direct imports (test files included) of every
// package in the module: only casebook/ui and casebook/app may import Fyne.
// Packages that fail to load (-e) are still checked on the imports that could
// be read; the load errors themselves are reported by the subtests above and
// by go vet.
func checkFyneImporters(t *testing.T) {
	out, err := goCmd(t, "list", "-e", "-f",
		`{{.ImportPath}} {{join .Imports " "}} {{join .TestImports " "}} {{join .XTestImports " "}}`,
		"casebook/...")
	if err != nil {
		t.Fatal(err)
	}
	allowed := func(pkg string) bool {
		for _, p := range []string{"casebook/ui", "casebook/app"} {
			if pkg == p || strings.HasPrefix(pkg, p+"/") {
				return true
			}
		}
		return false
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || allowed(fields[0]) {
			continue
		}
		for _, imp := range fields[1:] {
			if isFyne(imp) {
				t.Errorf("%s imports %s: only casebook/ui and casebook/app may import Fyne", fields[0], imp)
			}
		}
	}
}
