package service

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"casebook/data"
)

// Edit corrects what was recorded on a case: the customer, the subject and
// texts, the amount, the booking, the received time, the channel and the
// kind; each change is a timeline entry with the old and the new value. A
// closed case is refused until reopened; a phone or e-mail of another known
// customer is refused with a *data.CustomerConflictError until e.Customer
// says whether to move the case or keep its customer.
func (c *Cases) Edit(ctx context.Context, a data.Actor, number string, e data.CaseEdit) (data.Case, error) {
	if err := check(a, data.ActionRecord); err != nil {
		return data.Case{}, err
	}
	if e.Empty() {
		return data.Case{}, fmt.Errorf("%w: nothing to change", data.ErrInvalid)
	}
	return c.store.EditCase(ctx, number, a.Name, e)
}

// Attached is the result of attaching one file.
type Attached = data.Attached

// Attach reads a file (at most data.MaxEvidenceBytes) and attaches it to the
// case as evidence: its bytes stored once by content, the file listed with
// who attached it, when and the note, and a timeline entry. A reader that
// fails part-way attaches nothing.
func (c *Cases) Attach(ctx context.Context, a data.Actor, number, name string, r io.Reader, note string) (Attached, error) {
	if err := check(a, data.ActionRecord); err != nil {
		return Attached{}, err
	}
	name = data.CleanFileName(name)
	b, err := io.ReadAll(io.LimitReader(r, data.MaxEvidenceBytes+1))
	if err != nil {
		return Attached{}, fmt.Errorf("attach %s: %w", name, err)
	}
	if len(b) > data.MaxEvidenceBytes {
		return Attached{}, fmt.Errorf("attach to %s: %w", number, &data.EvidenceTooLargeError{Name: name, Max: data.MaxEvidenceBytes})
	}
	cs, ev, added, err := c.store.AttachEvidence(ctx, number, data.Evidence{Name: name, By: a.Name, Note: note}, b)
	if err != nil {
		return Attached{}, err
	}
	return Attached{Case: cs, Evidence: ev, Already: !added}, nil
}

// AttachFile attaches the file at path (see Attach), under its own name.
func (c *Cases) AttachFile(ctx context.Context, a data.Actor, number, path, note string) (Attached, error) {
	if err := check(a, data.ActionRecord); err != nil {
		return Attached{}, err
	}
	f, err := os.Open(path)
	if err != nil {
		return Attached{}, fmt.Errorf("attach %s: %w", filepath.Base(path), err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > data.MaxEvidenceBytes {
		return Attached{}, fmt.Errorf("attach to %s: %w", number,
			&data.EvidenceTooLargeError{Name: data.CleanFileName(filepath.Base(path)), Max: data.MaxEvidenceBytes})
	}
	return c.Attach(ctx, a, number, filepath.Base(path), f, note)
}

// Evidence lists the files attached to a case, oldest first.
func (c *Cases) Evidence(ctx context.Context, number string) ([]data.Evidence, error) {
	cs, err := c.store.Case(ctx, number)
	if err != nil {
		return nil, err
	}
	return cs.Evidence, nil
}

// EvidenceBytes returns an attached file's bytes.
func (c *Cases) EvidenceBytes(ctx context.Context, number, sha string) (data.Evidence, []byte, error) {
	cs, err := c.store.Case(ctx, number)
	if err != nil {
		return data.Evidence{}, nil, err
	}
	ev, ok := cs.EvidenceBySHA(sha)
	if !ok {
		return data.Evidence{}, nil, fmt.Errorf("evidence %s on %s: %w", sha, number, data.ErrNotFound)
	}
	b, err := c.store.Blob(ctx, sha)
	if err != nil {
		return data.Evidence{}, nil, fmt.Errorf("evidence %s: %w", ev.Name, err)
	}
	return ev, b, nil
}

// OpenEvidence writes an attached file under the documents folder, in the
// case's evidence folder, for the system's viewer, and returns its path. The
// same file already there is reused; another file of the same name is
// never overwritten.
func (c *Cases) OpenEvidence(ctx context.Context, number, sha string) (string, error) {
	ev, b, err := c.EvidenceBytes(ctx, number, sha)
	if err != nil {
		return "", err
	}
	base := c.docsDir
	if base == "" { // the command line: a private folder under the temporary one
		base = filepath.Join(os.TempDir(), fmt.Sprintf("casebook-%d", os.Getuid()))
	}
	dir := filepath.Join(base, data.CleanFileName(number), "evidence")
	if err := os.MkdirAll(dir, DirMode); err != nil {
		return "", fmt.Errorf("open %s: %w", ev.Name, err)
	}
	path, same, err := FreePath(filepath.Join(dir, data.CleanFileName(ev.Name)), b)
	if err != nil || same {
		return path, err
	}
	return path, WriteFileAtomic(path, b)
}
