// Package startup runs before Fyne initialises (Go initialises packages in
// import-path order once their imports are ready, and "casebook/…" sorts before
// "fyne.io/…"): Fyne's language detection logs an error on POSIX "C" locales
// such as C.UTF-8, which every command would print. English is what C means.
package startup

import (
	"os"
	"strings"
)

func init() {
	if os.Getenv("LANGUAGE") != "" {
		return
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		val := os.Getenv(v)
		if val == "" {
			continue
		}
		if val == "C" || val == "POSIX" || strings.HasPrefix(val, "C.") {
			os.Setenv("LANGUAGE", "en_US")
		}
		return
	}
}
