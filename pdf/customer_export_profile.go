package pdf

import (
	"strings"

	"casebook/data"
)

// customerProfile writes what the agency keeps about a customer beyond
// the contacts, in a customer's export: tags, the VIP flag, the notes and
// every change of their contact details.
func (a *archiver) customerProfile(p data.CustomerProfile) {
	d, t := a.d, a.t
	vip := ""
	if p.VIP {
		vip = t.get("export.vip_yes")
	}
	d.fields([]field{
		{t.get("export.tags"), strings.Join(p.Tags, "、")},
		{t.get("export.vip"), vip},
	})
	if len(p.Notes) > 0 {
		d.gap(2)
		d.heading(t.get("export.notes"))
		rows := make([][]string, 0, len(p.Notes))
		for _, n := range p.Notes {
			rows = append(rows, []string{a.when(n.At), n.By, n.Text})
		}
		d.table([]column{{t.get("archive.tl.col_time"), 0.22, "L"}, {t.get("archive.tl.col_by"), 0.16, "L"},
			{t.get("export.note"), 0.62, "L"}}, rows)
	}
	if len(p.History) > 0 {
		d.gap(2)
		d.heading(t.get("export.history"))
		rows := make([][]string, 0, len(p.History))
		for _, h := range p.History {
			field := h.Field
			if field == data.ContactName {
				field = "customer" // the archive's label of the name
			}
			rows = append(rows, []string{a.when(h.At), t.get("archive.f." + field), h.Old, h.New, h.Case})
		}
		d.table([]column{{t.get("archive.tl.col_time"), 0.2, "L"}, {t.get("export.field"), 0.12, "L"},
			{t.get("export.old"), 0.24, "L"}, {t.get("export.new"), 0.24, "L"}, {t.get("archive.f.number"), 0.2, "L"}}, rows)
	}
}
