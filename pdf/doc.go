// Package pdf renders Casebook's printable documents: acknowledgement and
// confirmation letters (signed by both sides at the counter), closure
// letters, full case archives with their timeline, and the monthly report.
// It reads data's types, embeds the CJK font from package assets (loaded with
// AddUTF8FontFromBytes, since gofpdf reads only glyf TrueType fonts) and
// wraps CJK lines itself, because gofpdf's MultiCell drops a character at each
// automatic line break. It never imports Fyne.
package pdf
