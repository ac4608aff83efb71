package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"casebook/data"
)

func TestIssueLetterKeepsTheExactDocument(t *testing.T) {
	ctx := context.Background()
	clock := &fakeNow{t: time.Date(2026, 11, 23, 10, 0, 0, 0, shanghai)}
	path := filepath.Join(t.TempDir(), "casebook.db")
	s := openTest(t, path, clock)
	c, err := s.CreateCase(ctx, sampleCase())
	if err != nil {
		t.Fatal(err)
	}
	rendered := 0
	render := func(c data.Case, st data.Settings, now time.Time) (data.Letter, []byte, error) {
		rendered++
		return data.Letter{Language: "zh-Hans", By: "王芳", Name: "受理确认函-" + c.Number + ".pdf"}, []byte("%PDF-1.4 " + c.Number + " " + now.Format(time.RFC3339)), nil
	}
	// A new case is not ready for its acknowledgement: refused before rendering, nothing written.
	if _, _, _, err := s.IssueLetter(ctx, c.Number, data.LetterAck, nil, render); !errors.Is(err, data.ErrNotReady) || rendered != 0 {
		t.Fatalf("new case: %v, rendered %d", err, rendered)
	}
	if _, err := s.Move(ctx, c.Number, data.StatusAcknowledged, "王芳", ""); err != nil {
		t.Fatal(err)
	}
	clock.set(clock.now().Add(time.Hour))
	got, l, doc, err := s.IssueLetter(ctx, c.Number, data.LetterAck, nil, render)
	if err != nil {
		t.Fatal(err)
	}
	if l.Type != data.LetterAck || l.SHA256 == "" || l.Size != int64(len(doc)) || !l.IssuedAt.Equal(clock.now()) {
		t.Errorf("letter %+v", l)
	}
	last := got.Timeline[len(got.Timeline)-1]
	if last.Type != data.EventLetter || last.New != l.SHA256 || last.By != "王芳" {
		t.Errorf("timeline %+v", last)
	}
	// After a restart the letter is still there, byte for byte.
	s.Close()
	s = openTest(t, path, clock)
	again, err := s.Case(ctx, c.Number)
	if err != nil || len(again.Letters) != 1 {
		t.Fatalf("after reopen: %v %+v", err, again.Letters)
	}
	b, err := s.Blob(ctx, again.Letters[0].SHA256)
	if err != nil || string(b) != string(doc) {
		t.Errorf("stored letter %q, %v", b, err)
	}
	// A render that fails leaves the case as it was.
	fail := func(data.Case, data.Settings, time.Time) (data.Letter, []byte, error) {
		return data.Letter{}, nil, errors.New("disk full")
	}
	if _, _, _, err := s.IssueLetter(ctx, c.Number, data.LetterAck, nil, fail); err == nil {
		t.Fatal("a failed render was accepted")
	}
	if after, _ := s.Case(ctx, c.Number); len(after.Letters) != 1 || len(after.Timeline) != len(again.Timeline) {
		t.Error("a failed render changed the case")
	}
}

func TestFindingsAndClosedBetween(t *testing.T) {
	ctx := context.Background()
	day := func(d int) time.Time { return time.Date(2026, 10, d, 15, 0, 0, 0, shanghai) }
	clock := &fakeNow{t: day(1)}
	s := openTest(t, "", clock)
	var numbers []string
	for i := range 4 {
		n := sampleCase()
		n.ReceivedAt = day(1)
		c, err := s.CreateCase(ctx, n)
		if err != nil {
			t.Fatal(err)
		}
		numbers = append(numbers, c.Number)
		f := data.Findings{Facts: "导游擅自更改行程", Responsibility: data.ResponsibilitySupplier,
			Remedies: []data.Remedy{{Kind: data.RemedyRefund, Amount: data.Money(10000 * (i + 1))}}}
		if _, err := s.SetFindings(ctx, c.Number, f, "王芳"); err != nil {
			t.Fatal(err)
		}
		if i == 3 {
			continue // stays open
		}
		for _, st := range []data.Status{data.StatusAcknowledged, data.StatusInvestigating, data.StatusProposed,
			data.StatusAgreed, data.StatusResolved, data.StatusClosed} {
			clock.set(day(10 + 5*i))
			if st == data.StatusClosed {
				followedUp(t, s, c.Number)
			}
			if _, err := s.Move(ctx, c.Number, st, "王芳", ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	c, _ := s.Case(ctx, numbers[1])
	if c.Facts != "导游擅自更改行程" || c.Responsibility != data.ResponsibilitySupplier || c.Remedies[0].Amount != 20000 {
		t.Errorf("findings not kept: %+v", c.Findings())
	}
	bad := data.Findings{PaymentDue: "next week"}
	if _, err := s.SetFindings(ctx, numbers[0], bad, "王芳"); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("bad payment date: %v", err)
	}
	// Closed on the 10th, 15th and 20th; the period [11th, 21st) holds two.
	got, err := s.ClosedBetween(ctx, time.Date(2026, 10, 11, 0, 0, 0, 0, shanghai), time.Date(2026, 10, 21, 0, 0, 0, 0, shanghai))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Number != numbers[1] || got[1].Number != numbers[2] {
		t.Errorf("closed between: %d cases %v", len(got), got)
	}
	ctxDone, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.ClosedBetween(ctxDone, day(1), day(30)); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestPutBlobOnce(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, "", nil)
	a, err := s.PutBlob(ctx, []byte("seal"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.PutBlob(ctx, []byte("seal"))
	if err != nil || a != b || len(a) != 64 {
		t.Errorf("%q %q %v", a, b, err)
	}
	if got, err := s.Blob(ctx, a); err != nil || string(got) != "seal" {
		t.Errorf("blob %q %v", got, err)
	}
}
