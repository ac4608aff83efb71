package main

import (
	"os"

	"casebook/data"
	"casebook/data/present"
)

// cliLanguage is the command line's language, from LC_ALL, LC_MESSAGES or
// LANG, the first that is set (zh_CN → zh-Hans, zh_TW/zh_HK → zh-Hant, else en).
func cliLanguage() string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := os.Getenv(v); s != "" {
			return present.LanguageFromLocale(s)
		}
	}
	return "en"
}

// eventRenderer writes a case's timeline entries in lang ("" → the command line's).
func eventRenderer(lang string, st data.Settings) data.EventRenderer {
	if lang == "" {
		lang = cliLanguage()
	}
	p := present.For(lang)
	return func(e data.Event) string { return p.Event(e, st) }
}
