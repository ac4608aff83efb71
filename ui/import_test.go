package ui

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"casebook/data"
	"casebook/data/ledger"
	"casebook/data/ledger/ledgertest"
	"casebook/data/store"
)

// storeImporter is the import use case over the test store, as
// app/service/import.go does it (the window test may not import the
// application layer's wiring).
type storeImporter struct{ s *store.Store }

func (im storeImporter) Preview(_ context.Context, req ledger.Request) (ledger.Preview, error) {
	b, err := os.ReadFile(req.Path)
	if err != nil {
		return ledger.Preview{}, err
	}
	t, err := ledger.Read(req.Path, b, req.Sheet)
	if err != nil {
		return ledger.Preview{}, err
	}
	sum := sha256.Sum256(b)
	p := ledger.Preview{File: filepath.Base(req.Path), SHA256: hex.EncodeToString(sum[:]), Table: t, Detected: ledger.Detect(t.Headers)}
	p.Mapping = p.Detected
	if req.Mapping != nil {
		p.Mapping = req.Mapping
	}
	p.Missing = p.Mapping.Missing()
	return p, nil
}

func (im storeImporter) report(ctx context.Context, a data.Actor, req ledger.Request) (ledger.Report, error) {
	p, err := im.Preview(ctx, req)
	if err != nil {
		return ledger.Report{}, err
	}
	if len(p.Missing) > 0 {
		return ledger.Report{}, &ledger.MissingError{Fields: p.Missing}
	}
	ch := ledger.Check(p.Table, p.Mapping, ledger.Options{Settings: im.s.Settings(), Now: im.s.Now(), By: a.Name, File: p.File, SHA256: p.SHA256})
	r := ledger.Report{Preview: p, Rows: ch.Rows, Good: ch.Good, Refused: ch.Refused}
	var keys []string
	for _, row := range ch.Rows {
		if !row.Refused() {
			keys = append(keys, row.Case.Origin.Key())
		}
	}
	known, err := im.s.ImportKnown(ctx, keys)
	for _, row := range ch.Rows {
		if !row.Refused() && known[row.Case.Origin.Key()] {
			r.Known = append(r.Known, row.Line)
		}
	}
	return r, err
}

func (im storeImporter) DryRun(ctx context.Context, a data.Actor, req ledger.Request) (ledger.Report, error) {
	r, err := im.report(ctx, a, req)
	r.DryRun = true
	return r, err
}

func (im storeImporter) Run(ctx context.Context, a data.Actor, req ledger.Request) (ledger.Report, error) {
	r, err := im.report(ctx, a, req)
	if err != nil {
		return r, err
	}
	var good []data.ImportedCase
	for _, row := range r.Rows {
		if !row.Refused() {
			good = append(good, *row.Case)
		}
	}
	res, err := im.s.Import(ctx, good, a.Name, r.File)
	r.Known = r.Known[:0]
	for _, i := range res.Skipped {
		r.Known = append(r.Known, i)
	}
	for _, c := range res.Added {
		r.Added = append(r.Added, c.Number)
	}
	return r, err
}

// TestImportSpreadsheetDialog: Case → Import spreadsheet…: the detected
// mapping in a select per column, corrected; the first rows; Check lists
// the bad rows by row and column; Import adds the good ones; again adds none.
func TestImportSpreadsheetDialog(t *testing.T) {
	u, s := newTestUI(t)
	u.svc.Import = storeImporter{s}
	u.user.SetSelected("陈静")
	u.win.SetMainMenu(u.mainMenu())
	found := false
	for _, it := range u.win.MainMenu().Items[0].Items {
		found = found || it.Label == T("Import spreadsheet…")
	}
	if !found {
		t.Fatal("the Case menu has no Import spreadsheet…")
	}
	gbk, err := ledgertest.CSV(ledgertest.All(), true)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "台账.csv")
	if err := os.WriteFile(path, gbk, 0o600); err != nil {
		t.Fatal(err)
	}
	d := u.showImportDialog()
	if !d.check.Disabled() || !d.run.Disabled() {
		t.Error("Check and Import before a file is chosen")
	}
	d.load(path, "")
	u.bg.Wait()
	if !strings.Contains(d.file.Text, "台账.csv") || !strings.Contains(d.file.Text, "GBK") {
		t.Errorf("file line %q", d.file.Text)
	}
	// Row 2 of the grid (after the heading) is column B, 投诉日期 → the complaint date.
	selB := d.columns.Objects[3*2+1].(*safeSelect)
	if selB.Selected != pr().ImportField("received") {
		t.Errorf("B 投诉日期 maps to %q", selB.Selected)
	}
	if r, c := d.tableSize(); r != ledger.PreviewRows+1 || c != len(ledgertest.Headers) {
		t.Errorf("preview %d×%d", r, c)
	}
	// The handler column (R) left out: every case comes in unassigned.
	selR := d.columns.Objects[3*18+1].(*safeSelect)
	selR.SetSelected(pr().ImportField(""))
	if d.mapping[17] != ledger.Ignore {
		t.Fatalf("mapping after the change: %v", d.mapping)
	}
	// Giving B's field to another column leaves B out.
	d.columns.Objects[3*19+1].(*safeSelect).SetSelected(pr().ImportField("received"))
	if d.mapping[1] != ledger.Ignore || d.mapping[18] != ledger.Received || selB.Selected != pr().ImportField("") {
		t.Errorf("one field, one column: %v, B shows %q", d.mapping, selB.Selected)
	}
	d.columns.Objects[3*2+1].(*safeSelect).SetSelected(pr().ImportField("received"))
	d.columns.Objects[3*19+1].(*safeSelect).SetSelected(pr().ImportField("closed"))

	test.Tap(d.check)
	u.bg.Wait()
	if !strings.Contains(d.summary.label.Text, "188") || s.Count() != 0 {
		t.Fatalf("check: %q, %d cases", d.summary.label.Text, s.Count())
	}
	joined := strings.Join(d.lines, "\n")
	for line, bad := range ledgertest.Bad {
		if !strings.Contains(joined, TF("row {{.Row}}: {{.Problem}}", map[string]any{"Row": line, "Problem": ""})) || !strings.Contains(joined, bad[0]) {
			t.Errorf("the check does not name row %d (%s)", line, bad[0])
		}
	}
	if d.tabs.SelectedIndex() != 2 {
		t.Error("the problems are not shown")
	}
	test.Tap(d.run)
	u.bg.Wait()
	if s.Count() != ledgertest.Good || !strings.Contains(d.summary.label.Text, "A-2025-0001") {
		t.Fatalf("import: %q, %d cases", d.summary.label.Text, s.Count())
	}
	c, err := s.Case(context.Background(), "A-2025-0001")
	if err != nil || c.Owner != "" || c.Status != data.StatusClosed {
		t.Errorf("first case: %v %q %s", err, c.Owner, c.Status)
	}
	test.Tap(d.run)
	u.bg.Wait()
	if s.Count() != ledgertest.Good {
		t.Errorf("a second import added cases: %d", s.Count())
	}
	if want := TF("{{.Rows}} rows: {{.New}} added, {{.Known}} skipped as already imported, {{.Refused}} refused.",
		map[string]any{"Rows": 200, "New": 0, "Known": 188, "Refused": 12}); !strings.Contains(d.summary.label.Text, want) {
		t.Errorf("second import says %q, want %q", d.summary.label.Text, want)
	}
}
