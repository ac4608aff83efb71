package pdf

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"casebook/data"
)

// CustomerExport writes, as one PDF, everything held about one customer
// (PIPL art. 45): a first page with the customer and the list of their
// cases, then each case's dossier as in a case archive (fields, deadlines,
// findings, timeline, evidence, mail with attachments, the letters issued),
// then their mail on no case. profile is the agency's record of them (tags,
// VIP, notes, the history of their contact details); cases are the
// customer's cases, sorted by the caller; unfiled their messages on no case.
func CustomerExport(ctx context.Context, w io.Writer, cust data.Customer, profile data.CustomerProfile, cases []data.Case, unfiled []data.Message, src Source, opt Options) (err error) {
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
	if cust, err = printableCopy(cust); err != nil {
		return err
	}
	if profile, err = printableCopy(profile); err != nil {
		return err
	}
	if unfiled, err = printableCopy(unfiled); err != nil {
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
	d, err := newDoc(opt, t.fill("export.title", "customer", data.CustomerRef(cust.ID)))
	if err != nil {
		return err
	}
	a := newArchiver(d, src, 1)
	f := d.f
	f.Bookmark(t.get("export.cover"), 0, 0)
	d.title(t.fill("export.title", "customer", data.CustomerRef(cust.ID)))
	printed := t.fill("archive.printed_anon", "date", a.when(d.opt.Now))
	if d.opt.By != "" {
		printed = t.fill("archive.printed", "date", a.when(d.opt.Now), "by", d.opt.By)
	}
	f.SetTextColor(70, 70, 70)
	d.textAt(printed, smallSize, 0, "C")
	f.SetTextColor(0, 0, 0)
	d.gap(3)
	d.para(t.get("export.intro"))
	d.gap(2)
	d.fields([]field{
		a.fl("customer", cust.Name), a.fl("phone", cust.Phone), a.fl("email", cust.Email), a.fl("wechat", cust.WeChat),
		{t.get("export.reference"), data.CustomerRef(cust.ID)},
	})
	a.customerProfile(profile) // customer_export_profile.go
	d.gap(3)
	d.heading(t.fill("export.cases", "n", strconv.Itoa(len(cases))))
	if len(cases) == 0 {
		d.para(t.get("export.no_cases"))
	} else {
		rows := make([][]string, 0, len(cases))
		for _, c := range cases {
			rows = append(rows, []string{c.Number, a.when(c.ReceivedAt), t.enum("status", string(c.Status)), c.Subject})
		}
		d.table([]column{{t.get("archive.f.number"), 0.2, "L"}, {t.get("archive.f.received"), 0.25, "L"},
			{t.get("archive.f.status"), 0.15, "L"}, {t.get("archive.f.subject"), 0.4, "L"}}, rows)
	}
	for _, c := range cases {
		if err := ctx.Err(); err != nil {
			return err
		}
		f.AddPage()
		f.Bookmark(c.Number, 0, f.GetY())
		if err := a.writeCase(ctx, c); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fmt.Errorf("customer export, case %s: %w", c.Number, err)
		}
	}
	if len(unfiled) > 0 {
		f.AddPage()
		f.Bookmark(t.get("export.unfiled"), 0, f.GetY())
		d.heading(t.fill("export.unfiled_n", "n", strconv.Itoa(len(unfiled))))
		for i, m := range unfiled {
			if err := a.message(ctx, i+1, m); err != nil {
				return err
			}
		}
	}
	a.finish()
	if err := d.err(); err != nil {
		return fmt.Errorf("customer export: %w", err)
	}
	return d.output(w)
}
