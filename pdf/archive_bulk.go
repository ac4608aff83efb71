package pdf

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"time"

	"casebook/data"
)

// BulkArchive writes one PDF of many cases (those closed from..to, already chosen and sorted by the caller)
// with an index page first, reporting progress(done, total) after each case; it stops with ctx.Err() when ctx is cancelled.
//
// The document is written in one pass: the index is laid out first with its
// page column empty (its rows do not depend on the numbers), each case then
// starts on a new page, and when every case has been written the start pages
// are filled into the index and linked to the cases. A to that is exactly
// midnight is read as an exclusive end and printed as the day before.
func BulkArchive(ctx context.Context, w io.Writer, cases []data.Case, from, to time.Time, src Source, opt Options, progress func(done, total int)) (err error) {
	defer recoverRender(&err)
	if err := ctx.Err(); err != nil {
		return err
	}
	if _, opt, err = printableInputs(data.Case{}, opt); err != nil {
		return err
	}
	if cases, err = printableCopy(cases); err != nil {
		return err
	}
	if src != nil {
		src = printableSource{src}
	}
	opt.fullFont = true // mail can bring any script
	t, err := catalog(opt.Lang)
	if err != nil {
		return err
	}
	d, err := newDoc(opt, t.get("archive.bulk.title"))
	if err != nil {
		return err
	}
	a := newArchiver(d, src, 1)
	a.maxSide, a.letterBudget, a.pictureBudget = bulkPictureSide, bulkLetterBudget, bulkPictureBudget
	f := d.f
	f.Bookmark(t.get("archive.bulk.index"), 0, 0)
	a.indexHead(len(cases), from, to)
	rows := a.indexRows(cases)
	starts := make([]int, len(cases))
	for i, c := range cases {
		if err := ctx.Err(); err != nil {
			return err
		}
		f.AddPage()
		starts[i] = f.PageNo()
		f.Bookmark(joinNonEmpty(" ", c.Number, c.Customer.Name), 0, f.GetY())
		if err := a.writeCase(ctx, c); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fmt.Errorf("bulk archive, case %s: %w", c.Number, err)
		}
		if progress != nil {
			progress(i+1, len(cases))
		}
	}
	a.fillIndex(rows, starts)
	a.finish()
	if err := d.err(); err != nil {
		return fmt.Errorf("bulk archive: %w", err)
	}
	return d.output(w)
}

// indexHead writes the title page's head: the period, the count, who printed it.
func (a *archiver) indexHead(n int, from, to time.Time) {
	d, t, loc := a.d, a.t, a.d.opt.Loc
	d.title(t.get("archive.bulk.title"))
	to = to.In(loc)
	if to.After(from) && to.Equal(time.Date(to.Year(), to.Month(), to.Day(), 0, 0, 0, 0, loc)) {
		to = to.AddDate(0, 0, -1)
	}
	d.textAt(t.fill("archive.bulk.range", "from", t.date(from.In(loc)), "to", t.date(to)), bodySize+0.5, 0, "C")
	d.textAt(t.fill("archive.bulk.count", "n", strconv.Itoa(n)), bodySize+0.5, 0, "C")
	printed := t.fill("archive.printed_anon", "date", a.when(d.opt.Now))
	if d.opt.By != "" {
		printed = t.fill("archive.printed", "date", a.when(d.opt.Now), "by", d.opt.By)
	}
	d.f.SetTextColor(70, 70, 70)
	d.textAt(printed, smallSize, 0, "C")
	d.f.SetTextColor(0, 0, 0)
	d.gap(4)
	if n == 0 {
		d.para(t.get("archive.bulk.empty"))
	}
}

// indexRow is where a case's line of the index is, for its page number.
type indexRow struct {
	page int
	y, h float64
}

var indexShares = []float64{0.19, 0.15, 0.41, 0.17, 0.08}

// indexRows writes the index table, leaving the page column empty, and
// returns where each case's row is.
func (a *archiver) indexRows(cases []data.Case) []indexRow {
	d, f, t := a.d, a.d.f, a.t
	if len(cases) == 0 {
		return nil
	}
	size := bodySize - 1
	f.SetFont(fontFamily, "", size)
	measure := runeWidth(f)
	lh := d.lineHeight(size)
	_, ph := f.GetPageSize()
	heads := []string{t.get("archive.bulk.col_number"), t.get("archive.bulk.col_customer"),
		t.get("archive.bulk.col_subject"), t.get("archive.bulk.col_closed"), t.get("archive.bulk.col_page")}
	aligns := []string{"L", "L", "L", "L", "R"}
	draw := func(cells []string, header bool) (y, h float64) {
		wrapped := make([][]string, len(cells))
		n := 1
		for i, s := range cells {
			wrapped[i] = wrapText(s, indexShares[i]*d.width-2, measure)
			n = max(n, len(wrapped[i]))
		}
		h = float64(n)*lh + 1
		y = f.GetY()
		if header {
			f.SetFillColor(235, 235, 235)
			f.Rect(marginLeft, y, d.width, h, "F")
			f.SetFillColor(255, 255, 255)
		}
		x := marginLeft
		for i, lines := range wrapped {
			for j, l := range lines {
				f.SetXY(x+1, y+0.5+float64(j)*lh)
				f.CellFormat(indexShares[i]*d.width-2, lh, l, "", 0, aligns[i], false, 0, "")
			}
			x += indexShares[i] * d.width
		}
		f.SetDrawColor(190, 190, 190)
		f.Line(marginLeft, y+h, marginLeft+d.width, y+h)
		f.SetDrawColor(0, 0, 0)
		f.SetXY(marginLeft, y+h)
		return y, h
	}
	header := func() {
		f.SetFont(fontFamily, "", size)
		d.bold(func() { draw(heads, true) })
	}
	d.room(3 * lh)
	header()
	rows := make([]indexRow, len(cases))
	for i, c := range cases {
		cells := []string{c.Number, orNone(c.Customer.Name, t.get("none")), c.Subject,
			t.date(c.ClosedAt.In(d.opt.Loc)), ""}
		if c.ClosedAt.IsZero() {
			cells[3] = t.get("none")
		}
		// Measure first: a row that does not fit goes to the next page under a new header.
		n := 1
		for k, s := range cells {
			n = max(n, len(wrapText(s, indexShares[k]*d.width-2, measure)))
		}
		if f.GetY()+float64(n)*lh+1 > ph-marginBottom {
			f.AddPage()
			header()
		}
		y, h := draw(cells, false)
		rows[i] = indexRow{page: f.PageNo(), y: y, h: h}
	}
	f.SetFont(fontFamily, "", bodySize)
	return rows
}

// fillIndex writes each case's first page into its index row and links the
// row to it. gofpdf can go back to an earlier page; the font and colours are
// set again there, since the page's own drawing state is whatever it ended with.
func (a *archiver) fillIndex(rows []indexRow, starts []int) {
	if len(rows) == 0 {
		return
	}
	d, f := a.d, a.d.f
	last := f.PageNo()
	size := bodySize - 1
	lh := d.lineHeight(size)
	x := marginLeft
	for _, s := range indexShares[:len(indexShares)-1] {
		x += s * d.width
	}
	w := indexShares[len(indexShares)-1] * d.width
	page := 0
	for i, r := range rows {
		if r.page != page {
			page = r.page
			f.SetPage(page)
			f.SetFontSize(size + 1) // make gofpdf write the font into this page
			f.SetFont(fontFamily, "", size)
			f.SetTextRenderingMode(0)
			f.SetFillColor(255, 255, 255)
			f.SetTextColor(0, 0, 0)
		}
		f.SetXY(x+1, r.y+0.5)
		f.CellFormat(w-2, lh, strconv.Itoa(starts[i]), "", 0, "R", false, 0, "")
		link := f.AddLink()
		f.SetLink(link, 0, starts[i])
		f.Link(marginLeft, r.y, d.width, r.h, link)
	}
	f.SetPage(last)
	f.SetFont(fontFamily, "", bodySize)
}
