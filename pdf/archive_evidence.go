package pdf

import (
	"context"
	"errors"
	"log/slog"
	"strconv"

	"casebook/data"
)

// evidence lists the files attached to the case as evidence — name, size,
// who attached them and when, the note — and shows the pictures among them
// (JPEG, PNG) scaled to the page.
func (a *archiver) evidence(ctx context.Context, c data.Case) error {
	t, d := a.t, a.d
	a.part(t.fill("archive.part.evidence", "n", strconv.Itoa(len(c.Evidence))), keepTable)
	if len(c.Evidence) == 0 {
		d.para(t.get("archive.evidence.none"))
		return nil
	}
	type shown struct {
		p    picture
		name string
	}
	var pics []shown
	rows := make([][]string, 0, len(c.Evidence))
	for _, ev := range c.Evidence {
		if err := ctx.Err(); err != nil {
			return err
		}
		shownNote := ""
		p, known := a.pictures[ev.SHA256]
		if !known && a.src != nil && ev.SHA256 != "" {
			b, err := a.src.Blob(ctx, ev.SHA256)
			switch {
			case err == nil:
				if sniffPicture(b) {
					p, known = a.prepare(ev.SHA256, b), true
				}
			case ctx.Err() != nil:
				return ctx.Err()
			case errors.Is(err, data.ErrNotFound):
				shownNote = t.get("archive.att.missing")
			default:
				// One unreadable file must not cost the whole archive; it is listed as missing.
				slog.Warn("archive: evidence unreadable", "case", c.Number, "sha256", ev.SHA256, "err", err)
				shownNote = t.get("archive.att.missing")
			}
		}
		if known {
			switch {
			case p.broken:
				shownNote = t.get("archive.att.broken")
			case p.overflow:
				shownNote = t.get("archive.att.overflow")
			default:
				shownNote = t.get("archive.att.shown")
				pics = append(pics, shown{p, ev.Name})
			}
		}
		note := joinNonEmpty("; ", ev.Note, shownNote)
		rows = append(rows, []string{ev.Name, humanSize(ev.Size), ev.By, a.when(ev.At), note})
	}
	d.table([]column{
		{t.get("archive.att.col_name"), 0.28, "L"},
		{t.get("archive.att.col_size"), 0.1, "R"},
		{t.get("archive.evidence.col_by"), 0.12, "L"},
		{t.get("archive.evidence.col_when"), 0.24, "L"},
		{t.get("archive.att.col_note"), 0.26, "L"},
	}, rows)
	d.gap(2)
	for _, s := range pics {
		a.place(s.p, t.fill("archive.evidence.picture", "name", s.name))
	}
	return nil
}
