package main

import "casebook/data/present"

// The command line speaks the user's language (LC_ALL, else LC_MESSAGES,
// else LANG) from the same catalogue as the desktop screens, the documents
// and the mail (assets/translations through data/present), with the same
// {{.Name}} placeholders.

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

// tr renders m in lang through the one presentation package: the
// language's text, else the English one, else the key itself.
func tr(lang string, m msg) string {
	args := make([]any, 0, 2*len(m.args))
	for k, v := range m.args {
		args = append(args, k, v)
	}
	return present.For(lang).T(m.key, args...)
}

// langFromEnv picks the command line's language from the locale variables:
// the first set of LC_ALL, LC_MESSAGES and LANG; Chinese of mainland China
// and Singapore is Simplified, of Taiwan, Hong Kong and Macao Traditional;
// everything else English.
func langFromEnv(getenv func(string) string) string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			return present.LanguageFromLocale(v)
		}
	}
	return "en"
}
