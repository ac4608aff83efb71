package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync"
	"text/template"

	"casebook/assets"
)

// The command line speaks the user's language (LC_ALL, else LC_MESSAGES,
// else LANG) from the same catalogue as the desktop screens,
// assets/translations: flat JSON maps whose keys are the English text, with
// {{.Name}} placeholders filled by text/template.

// msg is a text for the user: a catalogue key and the values of its
// placeholders. T and TF make one (their first argument is the literal key,
// which the catalogue test finds); tr renders it in a language.
type msg struct {
	key  string
	args map[string]any
}

// T is a text without placeholders.
func T(key string) msg { return msg{key: key} }

// TF is a text with placeholders.
func TF(key string, args map[string]any) msg { return msg{key: key, args: args} }

// Languages of the command line: the catalogue file of each.
var catalogueFiles = map[string]string{"en": "en.json", "zh-Hans": "zh-Hans.json", "zh-Hant": "zh-TW.json"}

var (
	catalogueOnce sync.Once
	catalogue     map[string]map[string]string // language → key → text
	templates     sync.Map                     // text → *template.Template
)

func loadCatalogue() {
	catalogue = map[string]map[string]string{}
	for l, file := range catalogueFiles {
		m := map[string]string{}
		if b, err := assets.Translations.ReadFile("translations/" + file); err == nil {
			_ = json.Unmarshal(b, &m) // a broken file leaves the English keys, which a test catches
		}
		catalogue[l] = m
	}
}

// tr renders m in lang: the language's text, else the English one, else the
// key itself; placeholders are filled from m's values.
func tr(lang string, m msg) string {
	catalogueOnce.Do(loadCatalogue)
	text := catalogue[lang][m.key]
	if text == "" {
		text = catalogue["en"][m.key]
	}
	if text == "" {
		text = m.key
	}
	if !strings.Contains(text, "{{") {
		return text
	}
	var t *template.Template
	if v, ok := templates.Load(text); ok {
		t = v.(*template.Template)
	} else {
		var err error
		if t, err = template.New("").Option("missingkey=zero").Parse(text); err != nil {
			return text
		}
		templates.Store(text, t)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, m.args); err != nil {
		return text
	}
	return strings.ReplaceAll(b.String(), "<no value>", "")
}

// langFromEnv picks the command line's language from the locale variables:
// the first set of LC_ALL, LC_MESSAGES and LANG; Chinese of mainland China
// and Singapore is Simplified, of Taiwan, Hong Kong and Macao Traditional;
// everything else English.
func langFromEnv(getenv func(string) string) string {
	var v string
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v = getenv(name); v != "" {
			break
		}
	}
	v = strings.ToLower(strings.ReplaceAll(v, "-", "_"))
	switch {
	case !strings.HasPrefix(v, "zh"):
		return "en"
	case strings.Contains(v, "hant"), strings.HasPrefix(v, "zh_tw"), strings.HasPrefix(v, "zh_hk"), strings.HasPrefix(v, "zh_mo"):
		return "zh-Hant"
	}
	return "zh-Hans"
}
