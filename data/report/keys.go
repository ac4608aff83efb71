package report

import (
	"reflect"
	"strings"
)

// Keys lists every drill-down key the figures carry (Key and OfKey fields,
// anywhere), in the order they appear, each once.
func Keys(f Figures) []string {
	var out []string
	seen := map[string]bool{}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Struct:
			t := v.Type()
			for i := range t.NumField() {
				fv := v.Field(i)
				if name := t.Field(i).Name; (name == "Key" || name == "OfKey") && fv.Kind() == reflect.String {
					if k := fv.String(); k != "" && !seen[k] {
						seen[k] = true
						out = append(out, k)
					}
					continue
				}
				walk(fv)
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		}
	}
	walk(reflect.ValueOf(f))
	return out
}

// KeyFigure is the figure a key belongs to, the part before the first colon
// ("received:category:meals" → "received"); Definition keys use it.
func KeyFigure(key string) string {
	fig, _, _ := strings.Cut(key, ":")
	return fig
}
