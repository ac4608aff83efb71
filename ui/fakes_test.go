package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"casebook/data"
	"casebook/data/store"
)

// testService gives the screens what the application layer would, straight
// over the store: mail that queues plain messages and printing that writes
// tiny fake PDFs into dir, so a case really records its letters. Permission
// checks belong to the application layer and are tested there.
type testService struct {
	*store.Store
	syncs   int
	dir     string          // where the fake documents go
	letters [][]data.Letter // the letters of each queued reply
	// archiveStarted, when set, makes PrintClosedArchive report progress,
	// close it, and wait until it is cancelled.
	archiveStarted chan struct{}
}

// Settings.

func (s *testService) Get() data.Settings { return s.Store.Settings() }
func (s *testService) Save(ctx context.Context, _ data.Actor, st data.Settings) error {
	return s.SaveSettings(ctx, st)
}
func (s *testService) Actor(name string) (data.Actor, error) {
	role, ok := s.Store.Settings().StaffRole(name)
	if !ok {
		return data.Actor{}, &data.UnknownStaffError{Name: name}
	}
	return data.Actor{Name: name, Role: role}, nil
}

func (s *testService) OpenCasesOf(name string) []string {
	var out []string
	for _, r := range s.Store.UnfinishedCasesOf(name) {
		out = append(out, r.Number)
	}
	return out
}
func (s *testService) RemoveStaff(ctx context.Context, a data.Actor, name string, takeOver *string) error {
	st := s.Store.Settings()
	st.Staff = slices.DeleteFunc(slices.Clone(st.Staff), func(m data.Staff) bool { return m.Name == name })
	to := ""
	if owned := s.OpenCasesOf(name); len(owned) > 0 {
		if takeOver == nil {
			return &data.OwnsCasesError{Name: name, Cases: owned}
		}
		to = *takeOver
	}
	_, err := s.Store.RemoveStaff(ctx, st, name, to, a.Name)
	return err
}

// Cases.

func (s *testService) ByID(ctx context.Context, id uint64) (data.Case, error) {
	return s.CaseByID(ctx, id)
}
func (s *testService) Create(ctx context.Context, a data.Actor, n data.NewCase) (data.Case, error) {
	n.By = a.Name
	return s.CreateCase(ctx, n)
}
func (s *testService) Move(ctx context.Context, a data.Actor, number string, to data.Status, note string) (data.Case, error) {
	return s.Store.Move(ctx, number, to, a.Name, note)
}
func (s *testService) AddNote(ctx context.Context, a data.Actor, number, text string) (data.Case, error) {
	return s.Store.AddNote(ctx, number, a.Name, text)
}
func (s *testService) Change(ctx context.Context, a data.Actor, number string, ch data.CaseChanges) (data.Case, error) {
	return s.Update(ctx, number, func(c *data.Case, st data.Settings, now time.Time) error {
		return ch.Apply(c, st, a.Name, now)
	})
}
func (s *testService) SetFindings(ctx context.Context, a data.Actor, number string, f data.Findings) (data.Case, error) {
	return s.Store.SetFindings(ctx, number, f, a.Name)
}

// Approve and RefuseApproval check as the application layer does: the
// permission table, then the case's own rules (the limits).
func (s *testService) Approve(ctx context.Context, a data.Actor, number string) (data.Case, error) {
	if err := a.Check(data.ActionApprove); err != nil {
		return data.Case{}, err
	}
	return s.Update(ctx, number, func(c *data.Case, st data.Settings, now time.Time) error { return c.Approve(st, a, now) })
}
func (s *testService) RefuseApproval(ctx context.Context, a data.Actor, number, reason string) (data.Case, error) {
	if err := a.Check(data.ActionApprove); err != nil {
		return data.Case{}, err
	}
	return s.Update(ctx, number, func(c *data.Case, st data.Settings, now time.Time) error {
		return c.RefuseApproval(st, a, reason, now)
	})
}

func (s *testService) AmendFindings(ctx context.Context, a data.Actor, number, reason string, edit func(f *data.Findings)) (data.Case, error) {
	return s.Update(ctx, number, func(c *data.Case, _ data.Settings, now time.Time) error {
		f := c.Findings()
		edit(&f)
		return c.AmendFindings(f, reason, a.Name, now)
	})
}

// Mail.

func (s *testService) Messages(ctx context.Context, caseID uint64) ([]data.Message, error) {
	return s.CaseMessages(ctx, caseID)
}
func (s *testService) Log(ctx context.Context, dir data.Direction, limit int) ([]data.MailLogEntry, error) {
	return s.MailLog(ctx, dir, limit)
}
func (s *testService) Reply(ctx context.Context, a data.Actor, number string, r data.Reply) (data.Message, error) {
	c, err := s.Case(ctx, number)
	if err != nil {
		return data.Message{}, err
	}
	s.letters = append(s.letters, r.Letters)
	return s.QueueOutgoing(ctx, number, data.Message{MessageID: "case-" + number + ".t@casebook.test",
		To: []string{c.Customer.Email}, Subject: r.Template, Text: r.Text}, a.Name, nil, nil)
}
func (s *testService) TestMail(context.Context, data.MailAccount, string) error { return nil }
func (s *testService) SavePassword(data.Actor, string, string) error            { return nil }
func (s *testService) HasPassword(string) bool                                  { return false }
func (s *testService) SyncNow()                                                 { s.syncs++ }
func (s *testService) RetryParked(context.Context, data.Actor) (int, int, error) {
	return 0, 0, nil
}
func (s *testService) Resend(ctx context.Context, a data.Actor, id uint64) (data.Message, error) {
	return s.SettleUncertain(ctx, id, data.Settlement{Resend: true, By: a.Name})
}
func (s *testService) MarkSent(ctx context.Context, a data.Actor, id uint64) (data.Message, error) {
	return s.SettleUncertain(ctx, id, data.Settlement{By: a.Name})
}

// Documents.

func (s *testService) write(name string, b []byte) (string, error) {
	path := filepath.Join(s.dir, name)
	return path, os.WriteFile(path, b, 0o600)
}

func (s *testService) PrintLetter(ctx context.Context, a data.Actor, number string, t data.LetterType, lang string) (data.Case, string, error) {
	if s.Store.Settings().Agency.Name == "" {
		return data.Case{}, "", fmt.Errorf("print letter: %w", data.ErrNoAgency)
	}
	prepare := func(c *data.Case, st data.Settings, now time.Time) error {
		if t == data.LetterAck && c.Status == data.StatusNew {
			return c.Move(st, data.StatusAcknowledged, a.Name, "", now)
		}
		return nil
	}
	c, l, doc, err := s.IssueLetter(ctx, number, t, prepare, func(c data.Case, _ data.Settings, _ time.Time) (data.Letter, []byte, error) {
		return data.Letter{Language: lang, By: a.Name, Name: c.Number + "-" + string(t) + ".pdf"}, []byte("%PDF-1.4 fake " + string(t)), nil
	})
	if err != nil {
		return data.Case{}, "", err
	}
	path, err := s.write(l.Name, doc)
	return c, path, err
}

func (s *testService) ReprintLetter(ctx context.Context, _ data.Actor, number string, l data.Letter) (string, error) {
	b, err := s.Blob(ctx, l.SHA256)
	if err != nil {
		return "", err
	}
	return s.write("reprint-"+l.Name, b)
}

func (s *testService) PrintArchive(ctx context.Context, _ data.Actor, number string) (string, error) {
	if _, err := s.Case(ctx, number); err != nil {
		return "", err
	}
	return s.write(number+"-archive.pdf", []byte("%PDF-1.4 fake archive"))
}

func (s *testService) PrintClosedArchive(ctx context.Context, _ data.Actor, from, to time.Time, progress func(done, total int)) (string, int, error) {
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

func (s *testService) PutAgencyImage(ctx context.Context, _ data.Actor, b []byte) (string, error) {
	return s.PutBlob(ctx, b)
}
