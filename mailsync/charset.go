package mailsync

import (
	"bytes"
	"encoding/base64"
	"errors"
	"io"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/emersion/go-message/charset" // also sets message.CharsetReader
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// Labels Chinese mail uses that go-message's charset package misses or maps to
// a narrower table. GB2312 and GBK text is decoded with GB18030, their
// superset, because senders label GBK text "gb2312" all the time.
var charsetAliases = map[string]encoding.Encoding{}

func init() {
	gb := []string{
		"gb18030", "gb-18030", "gb_18030", "gb18030-2000", "gb18030-2005", "gb18030-2022",
		"gbk", "x-gbk", "cp936", "ms936", "windows-936", "csgbk", "936",
		"gb2312", "gb_2312", "gb-2312", "gb_2312-80", "csgb2312", "x-gb2312", "gb2312-80",
		"euc-cn", "x-euc-cn", "euccn", "cn-gb", "x-cp936", "chinese", "iso-ir-58",
	}
	big5 := []string{
		"big5", "big-5", "big_5", "x-big5", "x-x-big5", "csbig5", "cn-big5",
		"cp950", "ms950", "windows-950", "x-cp950", "950",
		"big5-hkscs", "big5hkscs", "big5_hkscs",
	}
	utf := []string{"utf8", "utf-8", "utf_8", "x-utf8", "x-utf-8", "unicode-1-1-utf-8"}
	for _, l := range gb {
		charsetAliases[l] = simplifiedchinese.GB18030
	}
	for _, l := range big5 {
		charsetAliases[l] = traditionalchinese.Big5
	}
	for _, l := range utf {
		charsetAliases[l] = xunicode.UTF8
	}
	// RegisterEncoding writes a plain map: only safe from init.
	for l, enc := range charsetAliases {
		charset.RegisterEncoding(l, enc)
	}
}

// normCharset cleans a charset label as found in headers: quotes, spaces,
// trailing junk some clients add ("gb2312;", "GBK\"").
func normCharset(label string) string {
	l := strings.ToLower(strings.TrimSpace(label))
	l = strings.Trim(l, "\"' ;,")
	return l
}

// charsetBytes converts b from the labelled charset to UTF-8. An unknown or
// empty label falls back to guessing, because a part we cannot label is still
// more useful readable than dropped. The result is always valid UTF-8.
func charsetBytes(label string, b []byte) string {
	l := normCharset(label)
	switch l {
	case "", "us-ascii", "ascii", "utf-8", "utf8":
		return fixRaw(b, "")
	}
	r, err := charset.Reader(l, bytes.NewReader(b))
	if err != nil {
		return fixRaw(b, "")
	}
	out, err := io.ReadAll(r)
	if err != nil && len(out) == 0 {
		return fixRaw(b, "")
	}
	return strings.ToValidUTF8(string(out), "\uFFFD")
}

// isCJKCharset reports whether label is one of the Chinese charsets.
func isCJKCharset(label string) bool {
	enc, ok := charsetAliases[normCharset(label)]
	return ok && enc != xunicode.UTF8
}

// knownCharset reports whether label names a charset we can decode.
func knownCharset(label string) bool {
	l := normCharset(label)
	if l == "" {
		return false
	}
	_, err := charset.Reader(l, bytes.NewReader(nil))
	return err == nil
}

// fixRaw makes 8-bit bytes readable: valid UTF-8 stays as is; otherwise the
// hint charset (the message's own, when it is a CJK one), then GB18030, then
// Big5 are tried strictly; the last resort is GB18030 with replacement
// characters. Raw 8-bit headers from Chinese clients are nearly always one of
// these.
func fixRaw(b []byte, hint string) string {
	var hintEnc encoding.Encoding
	if isCJKCharset(hint) {
		hintEnc = charsetAliases[normCharset(hint)]
	}
	if utf8.Valid(b) {
		// Short GBK strings are often valid UTF-8 by accident ("郑强" reads
		// as "֣ǿ"). When the message says it is Chinese, the UTF-8 reading
		// has no CJK and letters no name would use, and the hint reads as
		// pure Han, trust the hint.
		if hintEnc != nil && !isASCIIBytes(b) && !hasWideRunes(b) && oddTwoByteRunes(string(b)) {
			if s, ok := decodeStrict(hintEnc, b); ok && allHan(s) {
				return s
			}
		}
		return string(b)
	}
	try := []encoding.Encoding{simplifiedchinese.GB18030, traditionalchinese.Big5}
	if hintEnc != nil {
		try = append([]encoding.Encoding{hintEnc}, try...)
	}
	for _, enc := range try {
		if s, ok := decodeStrict(enc, b); ok {
			return s
		}
	}
	out, _ := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	return strings.ToValidUTF8(string(out), "\uFFFD")
}

// hasWideRunes reports whether valid UTF-8 b holds a rune of three or more
// bytes (every CJK character does).
func hasWideRunes(b []byte) bool {
	for _, c := range b {
		if c >= 0xE0 {
			return true
		}
	}
	return false
}

// oddTwoByteRunes reports whether s has a two-byte rune outside Latin-1,
// Latin Extended-A, Greek and Cyrillic: C1 controls, IPA, combining marks,
// Hebrew, Arabic… are what GBK bytes turn into when read as UTF-8.
func oddTwoByteRunes(s string) bool {
	for _, r := range s {
		if r >= 0x80 && r < 0x800 && !(r >= 0xA0 && r <= 0x17F) && !(r >= 0x370 && r <= 0x4FF) {
			return true
		}
	}
	return false
}

// allHan reports whether every non-ASCII rune of s is a CJK ideograph or
// CJK punctuation.
func allHan(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf {
			continue
		}
		if !unicode.Is(unicode.Han, r) && !(r >= 0x3000 && r <= 0x303F) && !(r >= 0xFF00 && r <= 0xFFEF) {
			return false
		}
	}
	return true
}

// decodeStrict decodes b and reports false when any byte sequence was invalid
// (x/text decoders emit U+FFFD instead of failing).
func decodeStrict(enc encoding.Encoding, b []byte) (string, bool) {
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil || !utf8.Valid(out) || bytes.ContainsRune(out, utf8.RuneError) {
		return "", false
	}
	return string(out), true
}

// decodeRawHeader turns a raw header value into readable UTF-8 text: 8-bit
// bytes first (see fixRaw), then RFC 2047 encoded words.
func decodeRawHeader(v, hint string) string {
	return decodeWords(fixRaw([]byte(v), hint), hint)
}

var encodedWordRE = regexp.MustCompile(`=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=`)

// decodeWords decodes RFC 2047 encoded words. Unlike mime.WordDecoder it joins
// the bytes of adjacent words in the same charset before converting them,
// because some encoders split a multi-byte character across two words, and it
// never gives up on an unknown charset (the bytes are guessed instead).
func decodeWords(s, hint string) string {
	if !strings.Contains(s, "=?") {
		return s
	}
	locs := encodedWordRE.FindAllStringSubmatchIndex(s, -1)
	if len(locs) == 0 {
		return s
	}
	var out strings.Builder
	var pending []byte
	pendingCS := ""
	flush := func() {
		if pending != nil {
			out.WriteString(charsetBytes(pendingCS, pending))
			pending, pendingCS = nil, ""
		}
	}
	last := 0
	for _, m := range locs {
		between := s[last:m[0]]
		// Whitespace between two encoded words is not part of the text.
		if strings.TrimSpace(between) != "" || last == 0 {
			flush()
			out.WriteString(between)
		}
		cs := s[m[2]:m[3]]
		if i := strings.IndexByte(cs, '*'); i >= 0 { // RFC 2231 language suffix
			cs = cs[:i]
		}
		data, ok := decodeWordPayload(s[m[4]:m[5]], s[m[6]:m[7]])
		if !ok {
			flush()
			out.WriteString(s[m[0]:m[1]])
			last = m[1]
			continue
		}
		cs = normCharset(cs)
		if pending != nil && cs != pendingCS {
			flush()
		}
		if !knownCharset(cs) && hint != "" {
			cs = hint
		}
		pendingCS = cs
		pending = append(pending, data...)
		if pending == nil {
			pending = []byte{}
		}
		last = m[1]
	}
	flush()
	out.WriteString(s[last:])
	return strings.ToValidUTF8(out.String(), "\uFFFD")
}

func decodeWordPayload(enc, text string) ([]byte, bool) {
	if strings.EqualFold(enc, "b") {
		return decodeBase64Lenient(text)
	}
	var b []byte
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '_':
			b = append(b, ' ')
		case c == '=' && i+2 < len(text) && isHexDigit(text[i+1]) && isHexDigit(text[i+2]):
			b = append(b, unhexDigit(text[i+1])<<4|unhexDigit(text[i+2]))
			i += 2
		default:
			b = append(b, c)
		}
	}
	return b, true
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhexDigit(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

// decodeBase64Lenient decodes base64 that may lack padding or carry junk
// after it; a word that yields nothing is reported as not decodable.
func decodeBase64Lenient(text string) ([]byte, bool) {
	t := strings.TrimRight(text, "=")
	b, err := base64.RawStdEncoding.DecodeString(t)
	if err == nil {
		return b, true
	}
	var ce base64.CorruptInputError
	if errors.As(err, &ce) && ce > 0 {
		// Keep the complete 4-character groups before the corruption.
		n := int(ce) / 4 * 4
		if b, err2 := base64.RawStdEncoding.DecodeString(t[:n]); err2 == nil && len(b) > 0 {
			return b, true
		}
	}
	return nil, false
}
