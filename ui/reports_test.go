package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casebook/assets"
	"casebook/data"
	"casebook/data/report"
	"casebook/data/store"
	"casebook/pdf/chart"
)

// storeReports computes the figures as the application layer does,
// straight over the store (data/report), and records what it was asked.
type storeReports struct {
	s        *store.Store
	mu       sync.Mutex
	asked    []report.Period // each Figures call's period
	writes   []data.ReportFormat
	langs    []string
	writeErr error
}

func (r *storeReports) Period(spec, from, to string) (report.Period, error) {
	loc := zone()
	switch {
	case spec != "":
		return report.ParsePeriod(spec, loc)
	case from != "" || to != "":
		return report.CustomPeriod(from, to, loc)
	}
	return report.MonthOf(time.Now(), loc), nil
}

func (r *storeReports) facts(ctx context.Context, p report.Period) ([]report.Fact, data.Settings, error) {
	st := r.s.Settings()
	facts, err := r.s.ReportFacts(ctx, p.Since(st), p.To)
	return facts, st, err
}

func (r *storeReports) Figures(ctx context.Context, _ data.Actor, p report.Period) (report.Figures, error) {
	r.mu.Lock()
	r.asked = append(r.asked, p)
	r.mu.Unlock()
	facts, st, err := r.facts(ctx, p)
	if err != nil {
		return report.Figures{}, err
	}
	return report.Compute(facts, p, st, st.Travellers, time.Now()), nil
}

func (r *storeReports) Cases(ctx context.Context, _ data.Actor, p report.Period, key string) ([]report.Fact, error) {
	facts, st, err := r.facts(ctx, p)
	if err != nil {
		return nil, err
	}
	out, ok := report.Cases(key, facts, p, st, time.Now())
	if !ok {
		return nil, fmt.Errorf("%w: no figure %q", data.ErrInvalid, key)
	}
	return out, nil
}

func (r *storeReports) WriteTo(_ context.Context, _ data.Actor, _ report.Period, format data.ReportFormat, lang, path string) error {
	r.mu.Lock()
	r.writes, r.langs = append(r.writes, format), append(r.langs, lang)
	r.mu.Unlock()
	if r.writeErr != nil {
		return r.writeErr
	}
	return os.WriteFile(path, []byte("{}"), 0o600)
}

func (r *storeReports) lastAsked(t *testing.T) report.Period {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.asked) == 0 {
		t.Fatal("the figures were never asked for")
	}
	return r.asked[len(r.asked)-1]
}

// uiQueue stands for the one UI goroutine: u.do queues, and the test
// goroutine runs the queue (settle) once the background work is done. The
// test driver would run u.do's function on the background goroutine
// itself, racing with the test's own taps (go test -race).
type uiQueue struct {
	u  *UI
	mu sync.Mutex
	fs []func()
}

func (q *uiQueue) do(f func()) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.fs = append(q.fs, f)
}

// settle waits for the background work and runs what it left for the UI,
// until nothing is left.
func (q *uiQueue) settle() {
	for {
		q.u.bg.Wait()
		q.mu.Lock()
		fs := q.fs
		q.fs = nil
		q.mu.Unlock()
		if len(fs) == 0 {
			return
		}
		for _, f := range fs {
			f()
		}
	}
}

// newReportsUI is the test window with the Reports service, the owner
// working, three cases received this month and the Reports tab open.
func newReportsUI(t *testing.T) (*UI, *storeReports, []data.Case, func()) {
	t.Helper()
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		t.Fatal(err)
	}
	u, s := newTestUI(t)
	cases := addCases(t, u, 3)
	r := &storeReports{s: s}
	q := &uiQueue{u: u}
	u.do = q.do
	u.svc.Reports = r
	u.reports = newReportsView(u, r)
	u.win.Resize(fyne.NewSize(1366, 820))
	u.user.SetSelected("赵总") // the owner: the tab appears
	u.tabs.Select(u.reports.tab)
	q.settle()
	t.Cleanup(q.settle) // nothing left to run after the test
	return u, r, cases, q.settle
}

// findLink is the first hyperlink under o whose text is text.
func findLink(o fyne.CanvasObject, text string) *widget.Hyperlink {
	switch w := o.(type) {
	case *widget.Hyperlink:
		if w.Text == text {
			return w
		}
	case *fyne.Container:
		for _, c := range w.Objects {
			if l := findLink(c, text); l != nil {
				return l
			}
		}
	case *container.Scroll:
		return findLink(w.Content, text)
	}
	return nil
}

// tapLink taps the middle of a link's text (a hyperlink ignores taps
// beside its text).
func tapLink(t *testing.T, l *widget.Hyperlink) {
	t.Helper()
	if l == nil {
		t.Fatal("no such link")
	}
	test.TapAt(l, fyne.NewPos(l.Size().Width/2, l.Size().Height/2))
}

// The Reports tab shows the period's figures with links to their cases,
// and the charts drawn off the UI goroutine at their size on screen.
func TestReportsScreenShowsFiguresAndCharts(t *testing.T) {
	u, r, _, settle := newReportsUI(t)
	v := u.reports
	now := time.Now().In(zone())
	if p := r.lastAsked(t); p.Kind != report.PeriodMonth || p.Label() != now.Format("2006-01") {
		t.Fatalf("asked for %s, want this month", p.Label())
	}
	if !v.loaded || v.fig.Volume.Received.N != 3 {
		t.Fatalf("figures %+v", v.fig.Volume.Received)
	}
	if !strings.Contains(v.periodLabel.Text, now.Format("2006-01")) || !strings.Contains(v.periodLabel.Text, now.Format("2006-01")+"-01") {
		t.Errorf("period label %q", v.periodLabel.Text)
	}
	if findLink(v.body, "3") == nil {
		t.Error("the 3 cases received are not a link")
	}
	if len(v.charts.tiles) != 6 {
		t.Fatalf("%d charts", len(v.charts.tiles))
	}
	want := chart.Screen(v.charts.w, v.charts.h, u.win.Canvas().Scale())
	ww, wh := want.Pixels()
	for i, tile := range v.charts.tiles {
		img := tile.img.Image
		if img == nil {
			t.Fatalf("chart %s not drawn", v.charts.items[i].Name)
		}
		if b := img.Bounds(); b.Dx() != ww || b.Dy() != wh || ww < 400 {
			t.Errorf("chart %s is %v, want %d×%d", v.charts.items[i].Name, b, ww, wh)
		}
	}
	if v.charts.cols != 2 {
		t.Errorf("%d charts per row at 1366 wide, want 2", v.charts.cols)
	}
	// Another theme: drawn again on its background.
	gen := v.drawGen
	u.app.Settings().SetTheme(themeFor(data.Appearance{Theme: "light"}))
	settle()
	if v.drawGen == gen {
		t.Error("the charts were not drawn again for the new theme")
	}
	if r, g, b, _ := v.charts.tiles[0].img.Image.At(1, 1).RGBA(); r < 0xf000 || g < 0xf000 || b < 0xf000 {
		t.Errorf("the light theme's chart has a dark background: %x %x %x", r, g, b)
	}
	// Narrow: one per row, drawn again at the new width.
	u.win.Resize(fyne.NewSize(900, 700))
	settle()
	if v.charts.cols != 1 {
		t.Errorf("%d charts per row at 900 wide, want 1", v.charts.cols)
	}
	ww, _ = chart.Screen(v.charts.w, v.charts.h, 1).Pixels()
	if b := v.charts.tiles[0].img.Image.Bounds(); b.Dx() != ww {
		t.Errorf("after narrowing, the chart is %v wide, want %d", b.Dx(), ww)
	}
}

// Clicking a figure, or a chart, lists its cases; choosing one opens it on
// the Cases tab.
func TestReportsFigureListsItsCases(t *testing.T) {
	u, _, cases, settle := newReportsUI(t)
	v := u.reports
	tapLink(t, findLink(v.body, "3"))
	settle()
	l := v.listed
	if l == nil || len(l.facts) != 3 {
		t.Fatalf("listed %+v", l)
	}
	if l.facts[0].Number != cases[0].Number {
		t.Errorf("first listed %s, want %s", l.facts[0].Number, cases[0].Number)
	}
	l.list.Select(1)
	if u.tabs.Selected() != u.casesTab || u.detail.id != l.facts[1].ID {
		t.Errorf("the case did not open: tab %v, detail %d", u.tabs.Selected().Text, u.detail.id)
	}

	u.tabs.Select(v.tab)
	v.listed = nil
	tile := v.charts.tiles[1] // by category: the cases received
	test.Tap(tile)
	settle()
	if v.listed == nil || len(v.listed.facts) != 3 || v.charts.items[1].Name != "by_category" {
		t.Fatalf("the chart listed %+v", v.listed)
	}
}

// The period picker asks the service for the period chosen: previous and
// next, a quarter, a year, from–to.
func TestReportsPeriodPicker(t *testing.T) {
	u, r, _, settle := newReportsUI(t)
	v := u.reports
	this := report.MonthOf(time.Now(), zone())
	test.Tap(v.prev)
	settle()
	if p := r.lastAsked(t); p.Label() != this.Previous().Label() || v.period.Label() != p.Label() {
		t.Fatalf("previous: asked %s, want %s", p.Label(), this.Previous().Label())
	}
	if !strings.HasPrefix(v.periodLabel.Text, this.Previous().Label()) {
		t.Errorf("label %q", v.periodLabel.Text)
	}
	test.Tap(v.next)
	settle()
	if p := r.lastAsked(t); p.Label() != this.Label() {
		t.Fatalf("next: asked %s", p.Label())
	}
	v.kind.SetSelected(T("reports.kind.quarter"))
	settle()
	if p := r.lastAsked(t); p.Kind != report.PeriodQuarter || !p.Contains(this.From) {
		t.Fatalf("quarter: asked %s", p.Label())
	}
	v.kind.SetSelected(T("reports.kind.year"))
	settle()
	if p := r.lastAsked(t); p.Label() != strconv.Itoa(this.From.Year()) {
		t.Fatalf("year: asked %s", p.Label())
	}
	v.kind.SetSelected(T("reports.kind.custom"))
	if !v.custom.Visible() {
		t.Fatal("no from–to fields")
	}
	v.from.SetText("2026-03-01")
	v.to.SetText("2026-03-10")
	test.Tap(v.apply)
	settle()
	if p := r.lastAsked(t); p.Label() != "2026-03-01..2026-03-10" {
		t.Fatalf("custom: asked %s", p.Label())
	}
	test.Tap(v.prev)
	settle()
	if p := r.lastAsked(t); p.Label() != "2026-02-19..2026-02-28" {
		t.Fatalf("custom previous: asked %s", p.Label())
	}
	// A day that is not one says so and asks nothing.
	n := len(r.asked)
	v.to.SetText("2026-02-31")
	test.Tap(v.apply)
	settle()
	if len(r.asked) != n || v.status.Text != T("reports.bad_period") {
		t.Errorf("a wrong date: %d asks, status %q", len(r.asked)-n, v.status.Text)
	}
	// A case changing while the tab is shown: computed again, the scroll
	// where it was.
	v.scroll.ScrollToOffset(fyne.NewPos(0, 300))
	u.Apply(data.CaseChanged{ID: 1})
	settle()
	if len(r.asked) != n+1 {
		t.Errorf("a changed case: %d computations, want 1", len(r.asked)-n)
	}
	if v.scroll.Offset.Y != 300 {
		t.Errorf("the scroll moved to %v", v.scroll.Offset)
	}
}

// Only supervisors and owners have the Reports tab.
func TestReportsTabOnlyForSupervisorsAndOwners(t *testing.T) {
	u, _, _, _ := newReportsUI(t)
	has := func() bool {
		for _, it := range u.tabs.Items {
			if it == u.reports.tab {
				return true
			}
		}
		return false
	}
	if !has() {
		t.Fatal("the owner has no Reports tab")
	}
	u.user.SetSelected("王芳")
	if has() || u.tabs.Selected() == u.reports.tab {
		t.Error("a counter clerk has the Reports tab")
	}
	if len(u.reports.body.Objects) != 0 {
		t.Error("the owner's figures stay behind for the clerk")
	}
	u.user.SetSelected("陈静")
	if !has() {
		t.Error("the supervisor has no Reports tab")
	}
}

// Save report… writes through WriteTo in the format chosen and the
// window's language, and says what went wrong in words.
func TestReportsSaveWritesThroughWriteTo(t *testing.T) {
	u, r, _, settle := newReportsUI(t)
	d := u.reports.showSaveDialog()
	dir := t.TempDir()
	var proposed string
	d.choose = func(name string, then func(string)) { proposed = name; then(filepath.Join(dir, name)) }
	d.format.SetSelected(T("reports.format.xlsx"))
	test.Tap(d.save)
	settle()
	if len(r.writes) != 1 || r.writes[0] != data.ReportXLSX || r.langs[0] != currentLanguage() {
		t.Fatalf("writes %v %v", r.writes, r.langs)
	}
	if !strings.HasSuffix(proposed, ".xlsx") || !strings.Contains(proposed, u.reports.period.Label()) {
		t.Errorf("proposed %q", proposed)
	}
	if _, err := os.Stat(filepath.Join(dir, proposed)); err != nil || !strings.Contains(d.status.label.Text, proposed) {
		t.Errorf("saved: %v, status %q", err, d.status.label.Text)
	}
	for _, c := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("report: %w", data.ErrNoAgency), T("Enter the agency's name in Settings → Agency first.")},
		{fmt.Errorf("write: %w", syscall.ENOSPC), T("reports.error.disk_full")},
		{&os.PathError{Op: "open", Path: "/x", Err: os.ErrPermission}, T("reports.error.permission")},
	} {
		r.writeErr = c.err
		d.format.SetSelected(T("reports.format.pdf"))
		test.Tap(d.save)
		settle()
		if r.writes[len(r.writes)-1] != data.ReportPDF || d.status.label.Text != c.want || d.save.Disabled() {
			t.Errorf("%v: status %q, want %q", c.err, d.status.label.Text, c.want)
		}
	}
}

// A rate lists the cases it counts, and from there the cases it is a share
// of: "0% (0/3)" resolved of the three received.
func TestReportsRateListsItsShareAndAll(t *testing.T) {
	u, _, _, settle := newReportsUI(t)
	v := u.reports
	tapLink(t, findLink(v.body, pr().ReportRate(0, 3, ptr(0.0))))
	settle()
	l := v.listed
	if l == nil || len(l.facts) != 0 || l.all == nil {
		t.Fatalf("listed %+v", l)
	}
	test.Tap(l.all)
	settle()
	if v.listed == l || len(v.listed.facts) != 3 || v.listed.all != nil {
		t.Fatalf("all counted: %+v", v.listed)
	}
}

func ptr[T any](v T) *T { return &v }
