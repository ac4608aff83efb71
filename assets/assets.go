// Package assets holds the files Casebook embeds in its binary: the CJK font,
// the application icon and the translation catalogue. It imports the standard
// library only, so every other package (ui, pdf, app) may depend on it.
package assets

import "embed"

// FontRegular is WenQuanYi Micro Hei, a TrueType (glyf-outline) font with
// Latin, Simplified and Traditional Chinese glyphs. Fyne needs it in the
// theme to show CJK text at all, and gofpdf can load it with
// AddUTF8FontFromBytes (gofpdf reads neither TTC collections nor CFF
// outlines). It is face 0 of Debian's wqy-microhei.ttc, extracted by
// fonts/extract.sh; licence in fonts/LICENSE-wqy-microhei.txt (Apache-2.0).
//
//go:embed fonts/wqy-microhei.ttf
var FontRegular []byte

// FontPDF is FontRegular without the 11,172 Hangul syllables (U+AC00–D7A3),
// every other glyph and width unchanged (fonts/extract.sh makes it). gofpdf
// reads the whole font for every document it writes; a third fewer
// characters make a letter about a fifth quicker. Documents with Hangul in
// them use FontRegular.
//
//go:embed fonts/wqy-microhei-pdf.ttf
var FontPDF []byte

// Icon is the 512×512 PNG application icon (drawn by icongen/main.go).
//
//go:embed icon.png
var Icon []byte

// Translations holds Casebook's one catalogue, translations/<lang>.json:
// the interface (read by fyne.io/fyne/v2/lang), the words of printed
// documents (keys archive.*, letter.*, ack.* …; "doc."-prefixed where a
// document words a label differently), the mail templates
// (mail.<name>.subject and mail.<name>.body, text/template syntax) and the
// timeline and error sentences of package data/present. Placeholders are
// {{.name}} everywhere. File names are the language tags Fyne's lang package
// matches: en, zh-Hans (Simplified) and zh-TW (Traditional). Fyne resolves a
// Traditional Chinese locale to zh-TW but never looks for a zh-Hant or
// zh_Hant file, so Traditional Chinese must stay in zh-TW.json.
//
//go:embed translations
var Translations embed.FS
