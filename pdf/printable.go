package pdf

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"

	"casebook/data"
)

// gofpdf keeps the glyphs a document uses in a table of 65,536 entries and
// panics on a character beyond it: an emoji in a mail, a CJK Extension B
// character in a name. What is printed is therefore made printable first:
// such characters become U+FFFD, which the font has, and everything else is
// left as it was.

// printable replaces characters outside the Basic Multilingual Plane.
func printable(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xf0 { // the lead byte of a 4-byte UTF-8 sequence
			return string(printableJSON([]byte(s)))
		}
	}
	return s
}

// printableJSON replaces every 4-byte UTF-8 sequence in b.
func printableJSON(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if n == 4 || r > 0xffff {
			out = utf8.AppendRune(out, utf8.RuneError)
		} else {
			out = append(out, b[:n]...)
		}
		b = b[n:]
	}
	return out
}

// printableCopy returns v, or a deep copy of it with its strings made
// printable, through its JSON form (every type printed is data's, whose JSON
// form is complete). Most values need no change and are not copied.
func printableCopy[T any](v T) (T, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return v, fmt.Errorf("pdf: %w", err)
	}
	if !bytes.ContainsFunc(b, func(r rune) bool { return r > 0xffff }) {
		return v, nil
	}
	var out T
	if err := json.Unmarshal(printableJSON(b), &out); err != nil {
		return v, fmt.Errorf("pdf: %w", err)
	}
	return out, nil
}

// printableInputs makes a case and the options printable.
func printableInputs(c data.Case, opt Options) (data.Case, Options, error) {
	c, err := printableCopy(c)
	if err != nil {
		return c, opt, err
	}
	if opt.Settings, err = printableCopy(opt.Settings); err != nil {
		return c, opt, err
	}
	opt.By = printable(opt.By)
	return c, opt, nil
}

// printableSource makes the messages an archive reads printable.
type printableSource struct{ Source }

func (p printableSource) CaseMessages(ctx context.Context, caseID uint64) ([]data.Message, error) {
	msgs, err := p.Source.CaseMessages(ctx, caseID)
	if err != nil {
		return nil, err
	}
	return printableCopy(msgs)
}

// ErrRender marks a document gofpdf failed to write; the cause follows it.
var ErrRender = errors.New("the document could not be written")

// recoverRender turns a panic inside gofpdf into an error, so one odd input
// fails one document instead of the program.
func recoverRender(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%w: %v", ErrRender, r)
	}
}
