package ui

import (
	"bytes"
	"context"
	"encoding/csv"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"casebook/assets"
	"casebook/data"
	"casebook/data/sheet"
	"casebook/data/store"
)

// storeExporter exports as the application layer does, straight over the
// store with the real sheet writer; fail, when set, is returned instead.
type storeExporter struct {
	s    *store.Store
	fail error
}

func (e storeExporter) ExportCasesTo(ctx context.Context, _ data.Actor, f data.Filter, format data.ExportFormat, path string,
	progress func(done, total int)) (int, error) {
	if e.fail != nil {
		return 0, e.fail
	}
	rows := e.s.List(f, data.Sort{Key: data.SortReceived, Asc: true}, time.Now())
	ids := make([]uint64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	out, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	defer out.Close()
	opt := sheet.Options{Lang: "zh-Hans", Settings: e.s.Settings(), Loc: zone(), Now: time.Now(),
		Progress: func(done int) { progress(done, len(ids)) }}
	src := func(yield func(*data.Case) error) error { return e.s.EachCase(ctx, ids, yield) }
	if format == data.ExportCSV {
		return sheet.WriteCSV(out, src, opt)
	}
	return sheet.WriteXLSX(out, src, opt)
}

func newExportUI(t *testing.T, fail error) (*UI, *store.Store) {
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil { // as the app does: the messages are checked
		t.Fatal(err)
	}
	u, s := newTestUI(t)
	u.svc.Exporter = storeExporter{s: s, fail: fail}
	u.list = newCaseList(u) // rebuilt: the button shows only with an exporter
	return u, s
}

// TestExportButtonWritesTheListedCases: Export… on the case list exports
// the current filter in the chosen format to the file chosen, with
// progress, and says where it went.
func TestExportButtonWritesTheListedCases(t *testing.T) {
	u, s := newExportUI(t, nil)
	newCaseAt(t, s, data.KindComplaint, "a@example.cn")
	newCaseAt(t, s, data.KindComplaint, "b@example.cn", data.StatusAcknowledged)
	newCaseAt(t, s, data.KindSuggestion, "", data.StatusAcknowledged, data.StatusClosed)
	u.list.refresh()
	u.list.statusChoice.set(u.list.status, data.StatusAcknowledged)
	if len(u.list.rows) != 1 {
		t.Fatalf("%d acknowledged rows", len(u.list.rows))
	}

	btn := findButton(u.list.content, T("export.gui.button"))
	if btn == nil {
		t.Fatal("no Export… button on the case list")
	}
	test.Tap(btn)
	d := u.exporting
	if d == nil || d.count != 1 {
		t.Fatalf("dialog %+v", d)
	}
	dir := t.TempDir()
	var proposed string
	d.choose = func(name string, then func(string)) { proposed = name; then(filepath.Join(dir, name)) }

	// XLSX by default: the acknowledged case only.
	test.Tap(d.save)
	u.bg.Wait()
	if !strings.HasSuffix(proposed, ".xlsx") {
		t.Errorf("proposed name %q", proposed)
	}
	f, err := excelize.OpenFile(filepath.Join(dir, proposed))
	if err != nil {
		t.Fatalf("%v (status %q)", err, d.status.label.Text)
	}
	rows, _ := f.GetRows(f.GetSheetList()[0])
	f.Close()
	if len(rows) != 2 || rows[1][0] != u.list.rows[0].Number {
		t.Errorf("rows %v", rows)
	}
	if !strings.Contains(d.status.label.Text, proposed) || d.bar.Value != d.bar.Max || d.save.Disabled() {
		t.Errorf("after export: %q, bar %v/%v", d.status.label.Text, d.bar.Value, d.bar.Max)
	}

	// CSV, chosen in the dialog.
	d.format.SetSelected(T("export.gui.csv"))
	test.Tap(d.save)
	u.bg.Wait()
	if !strings.HasSuffix(proposed, ".csv") {
		t.Fatalf("proposed name %q", proposed)
	}
	b, err := os.ReadFile(filepath.Join(dir, proposed))
	if err != nil || !bytes.HasPrefix(b, []byte(sheet.BOM)) {
		t.Fatalf("CSV %v", err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b[len(sheet.BOM):])).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Errorf("%d records, %v", len(recs), err)
	}
	test.Tap(d.cancelBtn)
	if u.win.Canvas().Overlays().Top() != nil {
		t.Error("the dialog did not close")
	}
}

// TestExportFailureIsExplained: a full disk is said as such, in the user's
// language, and the save dialog's empty file is not left behind.
func TestExportFailureIsExplained(t *testing.T) {
	u, _ := newExportUI(t, &fs.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC})
	test.Tap(findButton(u.list.content, T("export.gui.button")))
	d := u.exporting
	path := filepath.Join(t.TempDir(), "cases.xlsx")
	d.choose = func(_ string, then func(string)) { os.WriteFile(path, nil, 0o600); then(path) }
	test.Tap(d.save)
	u.bg.Wait()
	if want := pr().T("export.error.disk_full"); d.status.label.Text != want || d.save.Disabled() {
		t.Errorf("status %q", d.status.label.Text)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("the empty file was left")
	}
}
