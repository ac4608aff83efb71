package main

import (
	"casebook/data"
	"casebook/data/present"
)

// eventRenderer writes a case's timeline entries in lang ("" → the command line's).
func (c *cli) eventRenderer(lang string, st data.Settings) data.EventRenderer {
	if lang == "" {
		lang = c.lang
	}
	p := present.For(lang)
	return func(e data.Event) string { return p.Event(e, st) }
}
