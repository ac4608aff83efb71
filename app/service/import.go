package service

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	"casebook/data"
	"casebook/data/ledger"
)

// Import brings in the spreadsheets agencies keep today (data/ledger reads
// and checks them): a preview with the detected mapping, a dry run that
// names every row's problems, and the import itself in one transaction.
// Rows an earlier import brought in are skipped, so importing a file twice
// adds nothing.
type Import struct{ *core }

// MaxImportSize is the largest ledger file read (a ledger of 100,000 rows is a few MB).
const MaxImportSize = 64 << 20

// The request and results are data/ledger's types, so the window can
// declare the interface it needs without this package.
type (
	ImportRequest = ledger.Request
	ImportPreview = ledger.Preview
	ImportReport  = ledger.Report
)

// Preview reads the file and maps its columns.
func (im *Import) Preview(ctx context.Context, req ImportRequest) (ImportPreview, error) {
	if err := ctx.Err(); err != nil {
		return ImportPreview{}, err
	}
	content, err := readLedger(req.Path)
	if err != nil {
		return ImportPreview{}, err
	}
	t, err := ledger.Read(req.Path, content, req.Sheet)
	if err != nil {
		return ImportPreview{}, fmt.Errorf("import %s: %w", filepath.Base(req.Path), err)
	}
	sum := sha256.Sum256(content)
	p := ImportPreview{File: filepath.Base(req.Path), SHA256: hex.EncodeToString(sum[:]), Table: t, Detected: ledger.Detect(t.Headers)}
	p.Mapping = p.Detected
	if len(req.Mapping) > 0 {
		p.Mapping = append(ledger.Mapping(nil), req.Mapping...)
		for len(p.Mapping) < len(t.Headers) {
			p.Mapping = append(p.Mapping, ledger.Ignore)
		}
		p.Mapping = p.Mapping[:len(t.Headers)]
	}
	if p.Mapping, err = p.Mapping.Apply(t.Headers, req.Map); err != nil {
		return ImportPreview{}, fmt.Errorf("import %s: %w", p.File, err)
	}
	p.Missing = p.Mapping.Missing()
	return p, nil
}

func readLedger(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	if fi.Size() > MaxImportSize {
		return nil, fmt.Errorf("import %s: %w (over %d MB)", filepath.Base(path), ledger.ErrTooLarge, MaxImportSize>>20)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	return b, nil
}

// DryRun checks every row and says how many an import would add, refuse,
// and skip as already imported. Nothing is written.
func (im *Import) DryRun(ctx context.Context, a data.Actor, req ImportRequest) (ImportReport, error) {
	r, err := im.check(ctx, a, req)
	if err != nil {
		return ImportReport{}, err
	}
	r.DryRun = true
	return r, nil
}

// Run adds the good rows in one transaction, skipping those an earlier
// import brought in, and appends an audit entry naming the file and counts.
func (im *Import) Run(ctx context.Context, a data.Actor, req ImportRequest) (ImportReport, error) {
	r, err := im.check(ctx, a, req)
	if err != nil {
		return ImportReport{}, err
	}
	var (
		good  []data.ImportedCase
		lines []int
	)
	for _, row := range r.Rows {
		if !row.Refused() {
			good = append(good, *row.Case)
			lines = append(lines, row.Line)
		}
	}
	what := fmt.Sprintf("%s sha256:%s rows %d", r.File, r.SHA256[:16], len(r.Rows))
	res, err := im.store.Import(ctx, good, a.Name, what)
	if err != nil {
		return ImportReport{}, err
	}
	r.Known = r.Known[:0]
	for _, i := range res.Skipped {
		r.Known = append(r.Known, lines[i])
	}
	for _, c := range res.Added {
		r.Added = append(r.Added, c.Number)
	}
	return r, nil
}

// check reads, maps and checks; rows already imported are listed in Known.
func (im *Import) check(ctx context.Context, a data.Actor, req ImportRequest) (ImportReport, error) {
	if err := check(a, data.ActionImport); err != nil {
		return ImportReport{}, err
	}
	p, err := im.Preview(ctx, req)
	if err != nil {
		return ImportReport{}, err
	}
	if len(p.Missing) > 0 {
		return ImportReport{}, fmt.Errorf("import %s: %w", p.File, &ledger.MissingError{Fields: p.Missing})
	}
	st := im.store.Settings()
	ch := ledger.Check(p.Table, p.Mapping, ledger.Options{Settings: st, Now: im.store.Now(), Loc: im.zone(),
		By: a.Name, File: p.File, SHA256: p.SHA256, Sheet: p.Table.Sheet})
	r := ImportReport{Preview: p, Rows: ch.Rows, Good: ch.Good, Refused: ch.Refused}
	var keys []string
	for _, row := range ch.Rows {
		if !row.Refused() {
			keys = append(keys, row.Case.Origin.Key())
		}
	}
	known, err := im.store.ImportKnown(ctx, keys)
	if err != nil {
		return ImportReport{}, err
	}
	for _, row := range ch.Rows {
		if !row.Refused() && known[row.Case.Origin.Key()] {
			r.Known = append(r.Known, row.Line)
		}
	}
	return r, nil
}
