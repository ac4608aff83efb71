package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
	"casebook/data/ledger"
)

// ledgerImporter is what File → Import spreadsheet… needs (app/service/import.go).
type ledgerImporter interface {
	Preview(ctx context.Context, req ledger.Request) (ledger.Preview, error)
	DryRun(ctx context.Context, a data.Actor, req ledger.Request) (ledger.Report, error)
	Run(ctx context.Context, a data.Actor, req ledger.Request) (ledger.Report, error)
}

// importDialog brings in a spreadsheet ledger: choose the file, correct the
// column mapping (a select per column), look at the first rows, Check (a dry
// run listing every row's problems) and Import.
type importDialog struct {
	u   *UI
	dlg *dialog.CustomDialog

	path    string
	preview ledger.Preview
	mapping ledger.Mapping
	lines   []string // the last check's or import's problems, one per line

	file     *widget.Label
	sheet    *safeSelect
	columns  *fyne.Container // a row per column: header, select, first value
	table    *widget.Table
	problems *widget.List
	tabs     *container.AppTabs
	summary  *dialogStatus
	check    *widget.Button
	run      *widget.Button
}

// showImportDialog opens the dialog; the file is chosen in it.
func (u *UI) showImportDialog() *importDialog {
	d := &importDialog{u: u, file: widget.NewLabel(T("No file chosen")), summary: newDialogStatus()}
	d.file.Truncation = fyne.TextTruncateEllipsis
	choose := widget.NewButtonWithIcon(T("Choose file…"), theme.FolderOpenIcon(), d.choose)
	d.sheet = newSelect(nil, func(s string) {
		if d.path != "" && s != d.preview.Table.Sheet {
			d.load(d.path, s)
		}
	})
	d.sheet.Hide()
	d.columns = container.NewGridWithColumns(3)
	d.table = widget.NewTable(d.tableSize, func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}, d.tableCell)
	d.problems = widget.NewList(func() int { return len(d.lines) }, func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}, func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(d.lines[i]) })
	d.tabs = container.NewAppTabs(
		container.NewTabItem(T("Columns"), container.NewVScroll(d.columns)),
		container.NewTabItem(T("Preview"), d.table),
		container.NewTabItem(T("Problems"), d.problems))
	d.check = widget.NewButtonWithIcon(T("Check"), theme.SearchIcon(), func() { d.start(true) })
	d.run = widget.NewButtonWithIcon(T("Import"), theme.DownloadIcon(), func() { d.start(false) })
	d.run.Importance = widget.HighImportance
	d.check.Disable()
	d.run.Disable()
	closeBtn := widget.NewButton(T("Close"), func() { d.dlg.Hide() })

	intro := widget.NewLabel(T("An Excel workbook (.xlsx) or CSV in UTF-8 or GBK. Columns are matched to case fields by their headers; correct any under Columns. Check lists every row's problems; Import adds the good rows. Rows imported before are skipped."))
	intro.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(intro, container.NewBorder(nil, nil, choose, d.sheet, d.file))
	content := container.NewBorder(top, d.summary.box, nil, nil, d.tabs)
	d.dlg = dialog.NewCustomWithoutButtons(T("Import spreadsheet"), content, u.win)
	d.dlg.SetButtons([]fyne.CanvasObject{closeBtn, d.check, d.run})
	d.dlg.Resize(fitToWindow(u.win, fyne.NewSize(980, 660)))
	d.dlg.Show()
	return d
}

// choose asks for the file.
func (d *importDialog) choose() {
	fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			d.u.showError(err)
			return
		}
		if r == nil {
			return // cancelled
		}
		path := r.URI().Path()
		r.Close()
		d.load(path, "")
	}, d.u.win)
	fd.Resize(fitToWindow(d.u.win, fyne.NewSize(800, 560)))
	fd.Show()
}

// load reads the file's sheet and shows its detected mapping and first rows.
func (d *importDialog) load(path, sheet string) {
	d.summary.show(T("Reading the file…"), widget.MediumImportance)
	u := d.u
	u.async(func() func() {
		p, err := u.svc.Import.Preview(u.ctx, ledger.Request{Path: path, Sheet: sheet})
		return func() {
			if err != nil {
				d.summary.show(importErrorText(err), widget.DangerImportance)
				return
			}
			d.path, d.preview, d.mapping = path, p, append(ledger.Mapping(nil), p.Mapping...)
			d.showPreview()
		}
	})
}

// showPreview fills the file line, the sheet choice, the column selects and the preview table.
func (d *importDialog) showPreview() {
	p := d.preview
	t := p.Table
	where := p.File
	if t.Format == "csv" {
		where += " · CSV " + strings.ToUpper(t.Encoding)
	}
	d.file.SetText(where + " · " + TF("{{.N}} rows", map[string]any{"N": len(t.Rows)}))
	if len(t.Sheets) > 1 {
		d.sheet.Options = t.Sheets
		d.sheet.Selected = t.Sheet
		d.sheet.Refresh()
		d.sheet.Show()
	} else {
		d.sheet.Hide()
	}
	names := ledger.FieldNames(pr())
	fields := append([]ledger.Field{ledger.Ignore}, ledger.Fields...)
	objs := []fyne.CanvasObject{bold(T("Column")), bold(T("Imported as")), bold(T("First row"))}
	for i, h := range t.Headers {
		sel := newSelect(names, nil)
		sel.SetSelected(names[indexOf(fields, d.mapping[i])])
		sel.OnChanged = func(s string) {
			for j, n := range names {
				if n == s {
					d.setField(i, fields[j])
				}
			}
		}
		first := ""
		if len(t.Rows) > 0 {
			first = t.Rows[0][i]
		}
		sample := widget.NewLabel(first)
		sample.Truncation = fyne.TextTruncateEllipsis
		objs = append(objs, widget.NewLabel(ledger.ColumnName(i, h)), sel, sample)
	}
	d.columns.Objects = objs
	d.columns.Refresh()
	for i := range t.Headers {
		d.table.SetColumnWidth(i, 130)
	}
	d.table.Refresh()
	d.lines = nil
	d.problems.Refresh()
	d.tabs.SelectIndex(0)
	d.check.Enable()
	d.run.Enable()
	d.sayMissing()
}

// setField maps column i to f; a field goes to one column only, so another
// column that had it is left out.
func (d *importDialog) setField(i int, f ledger.Field) {
	if d.mapping[i] == f {
		return
	}
	if f != ledger.Ignore {
		for j := range d.mapping {
			if j != i && d.mapping[j] == f {
				d.mapping[j] = ledger.Ignore
				d.columns.Objects[3*(j+1)+1].(*safeSelect).SetSelected(ledger.FieldNames(pr())[0])
			}
		}
	}
	d.mapping[i] = f
	d.lines = nil // the last check no longer holds
	d.problems.Refresh()
	d.sayMissing()
}

// sayMissing says which required field no column has yet.
func (d *importDialog) sayMissing() {
	if m := d.mapping.Missing(); len(m) > 0 {
		d.summary.show(importErrorText(&ledger.MissingError{Fields: m}), widget.WarningImportance)
		return
	}
	d.summary.show(T("Check the rows, or import them."), widget.MediumImportance)
}

// start runs a check (dry run) or the import off the UI goroutine.
func (d *importDialog) start(dry bool) {
	if d.path == "" || !d.u.needUser() {
		return
	}
	u, a := d.u, d.u.actor()
	req := ledger.Request{Path: d.path, Sheet: d.preview.Table.Sheet, Mapping: append(ledger.Mapping(nil), d.mapping...)}
	d.check.Disable()
	d.run.Disable()
	if dry {
		d.summary.show(T("Checking…"), widget.MediumImportance)
	} else {
		d.summary.show(T("Importing…"), widget.MediumImportance)
	}
	u.async(func() func() {
		var (
			r   ledger.Report
			err error
		)
		if dry {
			r, err = u.svc.Import.DryRun(u.ctx, a, req)
		} else {
			r, err = u.svc.Import.Run(u.ctx, a, req)
		}
		return func() { d.finish(r, err, dry) }
	})
}

// finish shows the counts and every problem by row.
func (d *importDialog) finish(r ledger.Report, err error, dry bool) {
	d.check.Enable()
	d.run.Enable()
	if err != nil {
		d.summary.show(importErrorText(err), widget.DangerImportance)
		return
	}
	st := d.u.settings()
	d.lines = d.lines[:0]
	for _, warnings := range []bool{false, true} { // what keeps rows out first, then how values were read
		for _, row := range r.Rows {
			for _, p := range row.Problems {
				if p.Warning != warnings {
					continue
				}
				args := map[string]any{"Row": row.Line, "Problem": ledger.Describe(pr(), st, p)}
				line := TF("row {{.Row}}: {{.Problem}}", args)
				if p.Warning {
					line = TF("row {{.Row}} (imported): {{.Problem}}", args)
				}
				d.lines = append(d.lines, line)
			}
		}
	}
	d.problems.Refresh()
	if len(d.lines) > 0 {
		d.tabs.SelectIndex(2)
	}
	counts := map[string]any{"Rows": len(r.Rows), "New": r.New(), "Known": len(r.Known), "Refused": r.Refused}
	imp := widget.SuccessImportance
	if r.Refused > 0 {
		imp = widget.WarningImportance
	}
	if dry {
		d.summary.show(TF("{{.Rows}} rows: {{.New}} would be added, {{.Known}} skipped as already imported, {{.Refused}} refused (nothing was written).", counts), imp)
		return
	}
	msg := TF("{{.Rows}} rows: {{.New}} added, {{.Known}} skipped as already imported, {{.Refused}} refused.", counts)
	if len(r.Added) > 0 {
		msg += "\n" + TF("New cases: {{.First}} … {{.Last}}", map[string]any{"First": r.Added[0], "Last": r.Added[len(r.Added)-1]})
	}
	d.summary.show(msg, imp)
	d.u.notify(msg)
	d.u.refreshAll()
}

func (d *importDialog) tableSize() (int, int) {
	return len(d.preview.First()) + 1, len(d.preview.Table.Headers)
}

// tableCell shows the header row, then the first rows as the file has them.
func (d *importDialog) tableCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	t := d.preview.Table
	switch {
	case id.Col >= len(t.Headers):
		l.SetText("")
	case id.Row == 0:
		l.TextStyle.Bold = true
		l.SetText(ledger.ColumnName(id.Col, t.Headers[id.Col]))
	default:
		l.TextStyle.Bold = false
		l.SetText(d.preview.First()[id.Row-1][id.Col])
	}
}

// importErrorText explains why a ledger could not be read, mapped or imported.
func importErrorText(err error) string {
	if s, ok := ledger.ErrorText(pr(), err); ok {
		return s
	}
	return errorText(err)
}

func bold(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func indexOf[T comparable](s []T, v T) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return 0
}
