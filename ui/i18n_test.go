package ui

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"fyne.io/fyne/v2/lang"

	"casebook/assets"
	"casebook/data"
)

// usedKeys finds every literal key passed to T, TF or lang.L in the ui and app
// packages, plus the keys of the translated enumerations.
func usedKeys(t *testing.T) map[string]bool {
	t.Helper()
	keys := map[string]bool{}
	for _, dir := range []string{".", "../app", "../data/present"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			fset := token.NewFileSet()
			file, err := parser.ParseFile(fset, f, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(file, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) == 0 {
					return true
				}
				name := ""
				switch fn := call.Fun.(type) {
				case *ast.Ident:
					name = fn.Name
				case *ast.SelectorExpr:
					if x, ok := fn.X.(*ast.Ident); ok && x.Name == "lang" {
						name = "lang." + fn.Sel.Name
					} else if fn.Sel.Name == "T" { // present's p.T
						name = "T"
					}
				}
				if name != "T" && name != "TF" && name != "lang.L" {
					return true
				}
				if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					s, _ := strconv.Unquote(lit.Value)
					keys[s] = true
				}
				return true
			})
		}
	}
	add := func(group string, values ...string) {
		for _, v := range values {
			keys[group+"."+v] = true
		}
	}
	for _, s := range data.Statuses {
		add("status", string(s))
	}
	for _, k := range data.Kinds {
		add("kind", string(k))
	}
	for _, s := range data.Severities {
		add("severity", string(s))
	}
	for _, c := range data.Channels {
		add("channel", string(c))
	}
	for _, r := range data.Roles {
		add("role", string(r))
	}
	for _, r := range data.Responsibilities {
		add("responsibility", string(r))
	}
	add("remedy", data.RemedyKinds...)
	for _, l := range data.LetterTypes {
		add("letter", string(l))
	}
	add("escalation", "staff", "supervisor", "owner")
	add("waiting", "customer", "supplier")
	add("template", replyTemplates...)
	add("security", securityChoices...)
	add("outcome", "new-case", "threaded", "automatic", "duplicate", "parked")
	add("message", "received", "queued", "sending", "sent", "failed", "uncertain")
	return keys
}

// dottedKey is a code-like key such as "page", "event.status" or "archive.f.facts".
var dottedKey = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[A-Za-z0-9_-]+)*$`)

func TestEveryStringIsTranslated(t *testing.T) {
	keys := usedKeys(t)
	if len(keys) < 50 {
		t.Fatalf("found only %d keys: the scan is broken", len(keys))
	}
	for _, file := range []string{"en.json", "zh-Hans.json", "zh-TW.json"} {
		raw, err := assets.Translations.ReadFile("translations/" + file)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for k := range keys {
			if m[k] == "" {
				t.Errorf("%s: missing %q", file, k)
			}
		}
		for k := range m {
			// Dotted keys (archive.*, letter.*, event.*, mail.* …) belong to
			// data/present, pdf and mailsync, whose own tests check them.
			if !keys[k] && !dottedKey.MatchString(k) {
				t.Errorf("%s: %q is not used any more", file, k)
			}
		}
	}
}

// TestTranslationsLoad loads the files the way the app does: go-i18n rejects
// some keys (such as "Description") that it reserves for itself.
func TestTranslationsLoad(t *testing.T) {
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		t.Fatal(err)
	}
}
