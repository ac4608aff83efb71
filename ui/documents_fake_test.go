package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"casebook/data"
)

// The printing side of testService: what the app does with the pdf package,
// done with tiny fake PDFs so the case really records its letters.

func (s *testService) write(name string, b []byte) (string, error) {
	path := filepath.Join(s.dir, name)
	return path, os.WriteFile(path, b, 0o600)
}

func (s *testService) PrintLetter(ctx context.Context, number string, t data.LetterType, lang, by string) (data.Case, string, error) {
	if s.Settings().Agency.Name == "" {
		return data.Case{}, "", fmt.Errorf("print letter: %w", data.ErrNoAgency)
	}
	c, l, doc, err := s.IssueLetter(ctx, number, t, nil, func(c data.Case, _ data.Settings, _ time.Time) (data.Letter, []byte, error) {
		return data.Letter{Language: lang, By: by, Name: c.Number + "-" + string(t) + ".pdf"}, []byte("%PDF-1.4 fake " + string(t)), nil
	})
	if err != nil {
		return data.Case{}, "", err
	}
	path, err := s.write(l.Name, doc)
	return c, path, err
}

func (s *testService) ReprintLetter(ctx context.Context, number string, l data.Letter) (string, error) {
	b, err := s.Blob(ctx, l.SHA256)
	if err != nil {
		return "", err
	}
	return s.write("reprint-"+l.Name, b)
}

func (s *testService) PrintArchive(ctx context.Context, number, by string) (string, error) {
	if _, err := s.Case(ctx, number); err != nil {
		return "", err
	}
	return s.write(number+"-archive.pdf", []byte("%PDF-1.4 fake archive"))
}

func (s *testService) PrintClosedArchive(ctx context.Context, from, to time.Time, by string, progress func(done, total int)) (string, int, error) {
	cases, err := s.ClosedBetween(ctx, from, to.AddDate(0, 0, 1))
	if err != nil {
		return "", 0, err
	}
	if s.archiveStarted != nil {
		progress(0, len(cases))
		close(s.archiveStarted)
		<-ctx.Done()
		return "", 0, ctx.Err()
	}
	for i := range cases {
		if err := ctx.Err(); err != nil {
			return "", 0, err
		}
		progress(i+1, len(cases))
	}
	if len(cases) == 0 {
		return "", 0, nil
	}
	path, err := s.write("closed.pdf", []byte("%PDF-1.4 fake closed"))
	return path, len(cases), err
}
