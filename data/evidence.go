package data

import (
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Evidence is a file attached to a case: a photo, a receipt, a contract, a
// recording. Its bytes are stored once by content (SHA256), however many
// times and to however many cases they are attached.
type Evidence struct {
	Name   string    `json:"name"`
	SHA256 string    `json:"sha256"`
	Size   int64     `json:"size"`
	By     string    `json:"by,omitzero"`
	At     time.Time `json:"at,omitzero"`
	Note   string    `json:"note,omitzero"`
}

// Attached is the result of attaching one file to a case.
type Attached struct {
	Case     Case
	Evidence Evidence
	Already  bool // the same content was on the case already: nothing was added
}

// MaxEvidenceBytes is the largest file that can be attached as evidence.
const MaxEvidenceBytes = 50 << 20

// MaxEvidenceName is how long an attached file's name may be, in characters.
const MaxEvidenceName = 200

// ErrEvidenceTooLarge: the file is larger than MaxEvidenceBytes.
var ErrEvidenceTooLarge = errors.New("the file is too large to attach")

// EvidenceTooLargeError names the file that is too large.
type EvidenceTooLargeError struct {
	Name string
	Max  int64
}

func (e *EvidenceTooLargeError) Error() string {
	return fmt.Sprintf("%s is larger than %d MB", e.Name, e.Max>>20)
}

// Unwrap makes it an ErrEvidenceTooLarge.
func (e *EvidenceTooLargeError) Unwrap() error { return ErrEvidenceTooLarge }

// ErrEmptyFile: an empty file is not evidence.
var ErrEmptyFile = errors.New("the file is empty")

// CleanFileName makes a file's name safe to store, show and write back to a
// disk: only the last element of a path (either separator), no control or
// bidirectional characters, none of <>:"|?* (which Windows refuses), no
// leading dots or trailing dots and spaces, at most MaxEvidenceName
// characters (the extension kept). An empty result is "file".
func CleanFileName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Base("/" + name)
	if name == "/" {
		name = ""
	}
	name = OneLine(name)
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`<>:"|?*/`, r) {
			return '_'
		}
		return r
	}, name)
	name = strings.TrimLeft(name, ". ")
	name = strings.TrimRight(name, ". ")
	if utf8.RuneCountInString(name) > MaxEvidenceName {
		ext := path.Ext(name)
		if utf8.RuneCountInString(ext) > 16 {
			ext = ""
		}
		r := []rune(strings.TrimSuffix(name, ext))
		name = string(r[:MaxEvidenceName-utf8.RuneCountInString(ext)]) + ext
	}
	if name == "" {
		return "file"
	}
	return name
}

// AddEvidence records an attached file on the case and its timeline. The same
// content attached again is not listed twice: it reports false and the entry
// already there. A closed case is refused until it is reopened.
func (c *Case) AddEvidence(ev Evidence, now time.Time) (Evidence, bool, error) {
	if c.Status == StatusClosed {
		return Evidence{}, false, &ClosedError{Number: c.Number}
	}
	for _, old := range c.Evidence {
		if old.SHA256 == ev.SHA256 {
			return old, false, nil
		}
	}
	ev.Name = CleanFileName(ev.Name)
	ev.Note = CleanText("note", ev.Note)
	if err := CheckText("note", ev.Note); err != nil {
		return Evidence{}, false, err
	}
	if ev.Size > MaxEvidenceBytes {
		return Evidence{}, false, &EvidenceTooLargeError{Name: ev.Name, Max: MaxEvidenceBytes}
	}
	if ev.Size <= 0 || len(ev.SHA256) != 64 {
		return Evidence{}, false, fmt.Errorf("%w: %s", ErrEmptyFile, ev.Name)
	}
	ev.At = now
	c.Evidence = append(c.Evidence, ev)
	c.Timeline = append(c.Timeline, Event{At: now, By: ev.By, Type: EventEvidence, Note: ev.Note,
		Args: map[string]string{ArgName: ev.Name, ArgSize: strconv.FormatInt(ev.Size, 10), ArgSHA256: ev.SHA256}})
	return ev, true, nil
}

// EvidenceBySHA finds an attached file by its content's hash.
func (c *Case) EvidenceBySHA(sha string) (Evidence, bool) {
	for _, e := range c.Evidence {
		if e.SHA256 == sha {
			return e, true
		}
	}
	return Evidence{}, false
}

// IsPicture reports whether an attached file is a JPEG or PNG picture, by
// its first bytes.
func IsPicture(b []byte) bool {
	return len(b) > 8 && (string(b[:3]) == "\xff\xd8\xff" || string(b[:8]) == "\x89PNG\r\n\x1a\n")
}
