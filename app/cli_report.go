package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"casebook/app/service"
	"casebook/data"
	"casebook/data/present"
	"casebook/data/report"
)

// reportFormats are the formats `casebook report` writes: text and json
// to the screen or a file, pdf, xlsx and csv to a file only.
var reportFormats = []string{"text", "json", "pdf", "xlsx", "csv"}

// reportCasesFormats are the formats of `casebook report cases`.
var reportCasesFormats = []string{"text", "json"}

// reportFileFormats are written only to a file (-o FILE): a workbook, a PDF
// or a spreadsheet's rows are no use on a terminal.
var reportFileFormats = []string{"pdf", "xlsx", "csv"}

// reportFlags are the flags report and report cases share.
type reportFlags struct {
	period, from, to, format, lang, out, by string
	formats                                 []string
}

func (c *cli) reportFlagsOn(cmd *cobra.Command, f *reportFlags, formats []string, formatHelp, outputHelp msg) {
	f.formats = formats
	fl := cmd.Flags()
	fl.StringVar(&f.period, "period", "", c.tr(T("a month (2026-11), a quarter (2026-Q4) or a year (2026); default this month")))
	fl.StringVar(&f.from, "from", "", c.tr(T("first day of a custom period (YYYY-MM-DD)")))
	fl.StringVar(&f.to, "to", "", c.tr(T("last day of a custom period (YYYY-MM-DD)")))
	fl.StringVar(&f.format, "format", "text", c.tr(formatHelp))
	fl.StringVar(&f.lang, "lang", "", c.tr(T("language of the text: zh-Hans, zh-Hant or en (default: the command line's)")))
	fl.StringVarP(&f.out, "output", "o", "-", c.tr(outputHelp))
	enum(cmd, "format", formats)
	enum(cmd, "lang", data.Languages)
	byFlag(cmd, &f.by)
}

func (c *cli) reportCommand() *cobra.Command {
	var f reportFlags
	var force bool
	cmd := &cobra.Command{
		Use:   "report [--period 2026-11|2026-Q4|2026] [--from DATE --to DATE] [--format text|json|pdf|xlsx|csv] [--lang L] [-o FILE] [--force]",
		Short: c.tr(T("the figures of a period: volume, timeliness, outcomes, satisfaction, compensation, staff, hotspots, trend")),
		Long:  c.tr(T("report.cli.long")),
		Args:  c.noArgs,
	}
	c.reportFlagsOn(cmd, &f, reportFormats, T("report.cli.flag.format"), T("report.cli.flag.output"))
	cmd.Flags().BoolVar(&force, "force", false, c.tr(T("export.flag.force")))
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		ctx := cmd.Context()
		if !cmd.Flags().Changed("format") && f.out != "-" { // from the file's extension
			if ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(f.out)), "."); slices.Contains(reportFormats, ext) {
				f.format = ext
			}
		}
		if _, err := oneOf(c, "format", f.format, f.formats); err != nil {
			return err
		}
		toFile := slices.Contains(reportFileFormats, f.format)
		if toFile && f.out == "-" {
			return c.usage(TF("report.cli.need_file", map[string]any{"Format": f.format}))
		}
		if f.out != "-" && !force {
			if _, err := os.Stat(f.out); err == nil {
				return c.refuse(TF("export.exists", map[string]any{"File": f.out}), fs.ErrExist)
			}
		}
		svc, who, p, err := c.openReport(cmd, &f)
		if err != nil {
			return err
		}
		defer svc.Close()
		if toFile {
			// Through a temporary file renamed once complete: a failed
			// report leaves nothing half-written under the name.
			if err := svc.Reports.WriteTo(ctx, who, p, data.ReportFormat(f.format), c.reportLang(f.lang), f.out); err != nil {
				return c.exportFailed(err)
			}
			if fi, err := os.Stat(f.out); err == nil {
				fmt.Fprintln(c.stdout, c.tr(TF("report.cli.done", map[string]any{"Period": p.Label(), "Format": f.format, "File": f.out, "Size": fi.Size()})))
			}
			return nil
		}
		fig, err := svc.Reports.Figures(ctx, who, p)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if f.format == "json" {
			if err := writeJSON(&buf, fig); err != nil {
				return err
			}
		} else {
			buf.WriteString(reportText(present.For(c.reportLang(f.lang)), svc.Settings.Get(), fig))
		}
		return c.writeOutput(f.out, buf.Bytes())
	}
	cmd.AddCommand(c.reportCasesCommand())
	return cmd
}

func (c *cli) reportCasesCommand() *cobra.Command {
	var f reportFlags
	cmd := &cobra.Command{
		Use:   "cases KEY [--period P] [--from DATE --to DATE] [--format text|json]",
		Short: c.tr(T("list the cases behind a figure: KEY is the figure's key in casebook report --format json")),
		Args:  c.exactly(1, c.tr(T("a figure's key, such as received or first_response:overdue_now"))),
	}
	c.reportFlagsOn(cmd, &f, reportCasesFormats, T("report.cli.flag.cases_format"), T("write to this file instead of the screen"))
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		ctx := cmd.Context()
		svc, who, p, err := c.openReport(cmd, &f)
		if err != nil {
			return err
		}
		defer svc.Close()
		facts, err := svc.Reports.Cases(ctx, who, p, args[0])
		if service.IsUnknownFigure(err) {
			return c.refuse(TF("No figure of {{.Period}} has the key “{{.Key}}”: the keys are in casebook report --format json.",
				map[string]any{"Period": p.Label(), "Key": args[0]}), err)
		}
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if f.format == "json" {
			if facts == nil {
				facts = []report.Fact{}
			}
			if err := writeJSON(&buf, facts); err != nil {
				return err
			}
			return c.writeOutput(f.out, buf.Bytes())
		}
		pr, st, loc := present.For(c.reportLang(f.lang)), svc.Settings.Get(), svc.Settings.Get().Calendar.Zone()
		if c.loc != nil {
			loc = c.loc
		}
		tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
		for _, x := range facts {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", x.Number, pr.DateTime(x.Received.In(loc)), pr.Kind(x.Kind),
				termLine(pr.ReportValue(st, "category", x.Category)), pr.Status(x.Status), termLine(x.Owner))
		}
		tw.Flush()
		return c.writeOutput(f.out, buf.Bytes())
	}
	return cmd
}

// openReport checks the flags, opens the database to read and finds who asks.
func (c *cli) openReport(cmd *cobra.Command, f *reportFlags) (*service.Service, data.Actor, report.Period, error) {
	if _, err := oneOf(c, "format", f.format, f.formats); err != nil {
		return nil, data.Actor{}, report.Period{}, err
	}
	if err := c.checkLang(f.lang); err != nil {
		return nil, data.Actor{}, report.Period{}, err
	}
	// The workbook and the CSV hold personal data: writing them adds an
	// audit entry, so the database opens to write.
	open := c.openRead
	if f.format == string(data.ReportXLSX) || f.format == string(data.ReportCSV) {
		open = func(ctx context.Context) (*service.Service, error) { return c.open(ctx, false) }
	}
	svc, err := open(cmd.Context())
	if err != nil {
		return nil, data.Actor{}, report.Period{}, err
	}
	fail := func(err error) (*service.Service, data.Actor, report.Period, error) {
		svc.Close()
		return nil, data.Actor{}, report.Period{}, err
	}
	p, err := svc.Reports.Period(f.period, f.from, f.to)
	if err != nil {
		value := f.period
		if value == "" {
			value = f.from + " … " + f.to
		}
		return fail(c.refuse(TF("“{{.Value}}” is not a period: write a month (2026-11), a quarter (2026-Q4), a year (2026), or --from and --to dates (YYYY-MM-DD, both needed).",
			map[string]any{"Value": value}), err))
	}
	name := strings.TrimSpace(f.by)
	fromLogin := name == ""
	if fromLogin {
		name = c.loginName()
	}
	who, err := svc.Settings.Actor(name)
	var unknown *data.UnknownStaffError
	switch {
	case errors.As(err, &unknown) && fromLogin:
		return fail(c.refuse(TF("Your login name “{{.Name}}” is not on the staff list: pass --by NAME with a staff member's name (casebook staff list), or ask the owner to add you with casebook staff add {{.Name}} --role staff.",
			map[string]any{"Name": name}), err))
	case errors.As(err, &unknown):
		return fail(c.refuse(TF("“{{.Name}}” is not on the staff list: check the name (casebook staff list), or ask the owner to add them with casebook staff add.",
			map[string]any{"Name": name}), err))
	case err != nil:
		return fail(err)
	}
	return svc, who, p, nil
}

func (c *cli) reportLang(lang string) string {
	if lang != "" {
		return lang
	}
	return c.lang
}

// settingsTravellersCommand is `casebook settings travellers [MONTH COUNT]`.
func (c *cli) settingsTravellersCommand() *cobra.Command {
	var by string
	cmd := &cobra.Command{
		Use:   "travellers [MONTH COUNT]",
		Short: c.tr(T("travellers served per month, for the report's complaints per 1,000 travellers")),
		Long:  c.tr(T("Without arguments: the months entered. With a month (2026-11) and a number: that month's travellers served; 0 removes the month's figure. The owner's, like the other settings.")),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 0 && len(args) != 2 {
				return c.usage(TF("{{.Command}} needs {{.What}}", map[string]any{"Command": cmd.CommandPath(), "What": c.tr(T("nothing, or a month and a number of travellers"))}))
			}
			return nil
		},
	}
	byFlag(cmd, &by)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		ctx := cmd.Context()
		if len(args) == 0 {
			svc, err := c.openRead(ctx)
			if err != nil {
				return err
			}
			defer svc.Close()
			for _, kv := range svc.Settings.Travellers() {
				fmt.Fprintf(c.stdout, "%s = %s\n", kv[0], kv[1])
			}
			return nil
		}
		n, err := data.ParseTravellers(args[1])
		if err != nil {
			return err
		}
		svc, a, err := c.openAs(ctx, by, true)
		if err != nil {
			return err
		}
		defer svc.Close()
		if err := svc.Settings.SetTravellers(ctx, a, args[0], n); err != nil {
			return err
		}
		month, _ := data.ParseTravellersMonth(args[0])
		fmt.Fprintf(c.stdout, "%s = %d\n", month, n)
		return nil
	}
	return cmd
}

// reportText is the text summary of the figures in p's language.
func reportText(p *present.P, st data.Settings, f report.Figures) string {
	var b strings.Builder
	line := func(indent int, label, value string) {
		fmt.Fprintf(&b, "%s%s: %s\n", strings.Repeat("  ", indent), label, value)
	}
	head := func(name string) { fmt.Fprintf(&b, "\n%s\n", p.ReportLabel(name)) }
	money := func(m data.Money) string { return p.Money(m, f.Currency) }
	fmt.Fprintf(&b, "%s: %s (%s – %s), %s %s\n", p.ReportLabel("period"), f.Period.Label, f.Period.From, f.Period.To,
		p.ReportLabel("previous"), f.Previous.Label)

	v := f.Volume
	line(0, p.ReportLabel("received"), strconv.Itoa(v.Received.N))
	for _, d := range v.Dimensions() {
		var parts []string
		for _, x := range d.Buckets {
			if x.N > 0 && len(parts) < 8 {
				parts = append(parts, termLine(p.ReportValue(st, d.Of, x.Value))+" "+strconv.Itoa(x.N))
			}
		}
		if len(parts) > 0 {
			line(1, p.ReportLabel(d.Name), strings.Join(parts, " · "))
		}
	}
	line(0, p.ReportLabel("declined"), strconv.Itoa(v.Declined.N))
	line(0, p.ReportLabel("open_at_end"), strconv.Itoa(v.OpenAtEnd.N))
	line(1, p.ReportLabel("backlog"), num(v.Backlog.MedianDays)+" / "+num(v.Backlog.P90Days)+" / "+num(v.Backlog.OldestDays))

	head("timeliness")
	for _, c := range []struct {
		time, sla string
		cf        report.ClockFigures
	}{{"first_response_time", "sla_first_response", f.Timeliness.FirstResponse}, {"resolution_time", "sla_resolution", f.Timeliness.Resolution}} {
		line(1, p.ReportLabel(c.time), fmt.Sprintf("%s / %s (%d) — %s %s / %s · %s %s / %s", num(c.cf.All.MedianHours), num(c.cf.All.P90Hours), c.cf.All.N,
			p.ReportLabel("urgent"), num(c.cf.Urgent.MedianHours), num(c.cf.Urgent.P90Hours),
			p.ReportLabel("non_urgent"), num(c.cf.NonUrgent.MedianHours), num(c.cf.NonUrgent.P90Hours)))
		line(1, p.ReportLabel(c.sla), rate(c.cf.SLA))
		line(2, p.ReportLabel("overdue_now"), strconv.Itoa(c.cf.Overdue.N))
	}

	head("outcomes")
	o := f.Outcomes
	line(1, p.ReportLabel("resolution_rate"), rate(o.Resolution))
	line(1, p.ReportLabel("reopen_rate"), rate(o.Reopen))
	line(1, p.ReportLabel("repeat_rate"), rate(o.Repeat))
	line(1, p.ReportLabel("first_contact_resolution"), rate(o.FirstContact))

	head("satisfaction")
	s := f.Satisfaction
	if s.None {
		fmt.Fprintf(&b, "  %s\n", p.ReportLabel("satisfaction_none"))
	} else {
		line(1, p.ReportLabel("mean_rating"), fmt.Sprintf("%s (%d)", num(s.MeanRating), s.Rated.N))
		line(1, p.ReportLabel("rating_4_5"), rate(s.Rating45))
		line(1, p.ReportLabel("followup_response_rate"), rate(s.Response))
	}

	head("compensation")
	k := f.Compensation
	line(1, p.ReportLabel("compensation"), fmt.Sprintf("%s (%d)", money(k.Total.Amount), k.Total.N))
	for _, d := range []struct {
		name, dim string
		as        []report.Amount
	}{{"compensation_by_kind", "remedy", k.ByKind}, {"compensation_by_category", "category", k.ByCategory}, {"compensation_by_supplier", "", k.BySupplier}} {
		var parts []string
		for _, a := range d.as {
			if len(parts) < 8 {
				parts = append(parts, termLine(p.ReportValue(st, d.dim, a.Value))+" "+money(a.Amount))
			}
		}
		if len(parts) > 0 {
			line(2, p.ReportLabel(d.name), strings.Join(parts, " · "))
		}
	}
	line(1, p.ReportLabel("recovered"), money(k.Recovered.Amount))
	line(1, p.ReportLabel("net_cost"), money(k.Net))
	if k.OtherCurrency.N > 0 {
		line(1, p.ReportLabel("other_currency"), strconv.Itoa(k.OtherCurrency.N))
	}

	head("staff")
	for _, r := range f.Staff {
		if r.Handled.N == 0 && r.SLA.Of == 0 {
			continue
		}
		fmt.Fprintf(&b, "  %s: %s %d · %s %s · %s %s · %s %s\n", termLine(r.Name), p.ReportLabel("handled"), r.Handled.N,
			p.ReportLabel("median_first_hours"), num(r.MedianFirstResponseHrs), p.ReportLabel("on_time"), rate(r.SLA),
			p.ReportLabel("mean_rating"), num(r.MeanRating))
	}

	head("hotspots")
	for _, h := range []struct {
		name, dim string
		l         report.HotList
	}{{"hot_categories", "category", f.Hotspots.Categories}, {"hot_suppliers", "", f.Hotspots.Suppliers},
		{"hot_guides", "", f.Hotspots.Guides}, {"hot_products", "", f.Hotspots.Products}, {"hot_destinations", "", f.Hotspots.Destinations}} {
		var byN, byAmt []string
		for _, x := range h.l.ByComplaints {
			byN = append(byN, fmt.Sprintf("%s %d (%d)", termLine(p.ReportValue(st, h.dim, x.Value)), x.N, x.PrevN))
		}
		for _, x := range h.l.ByCompensation {
			byAmt = append(byAmt, fmt.Sprintf("%s %s (%s)", termLine(p.ReportValue(st, h.dim, x.Value)), money(x.Amount), money(x.PrevAmount)))
		}
		if len(byN)+len(byAmt) == 0 {
			continue
		}
		fmt.Fprintf(&b, "  %s\n", p.ReportLabel(h.name))
		if len(byN) > 0 {
			line(2, p.ReportLabel("by_complaints"), strings.Join(byN, " · "))
		}
		if len(byAmt) > 0 {
			line(2, p.ReportLabel("by_compensation"), strings.Join(byAmt, " · "))
		}
	}

	head("trend")
	var months []string
	for _, t := range f.Trend {
		months = append(months, fmt.Sprintf("%s %d/%d", t.Month, t.Received, t.Complaints))
	}
	fmt.Fprintf(&b, "  %s\n", strings.Join(months, " · "))

	tr := f.Travellers
	if tr.Per1000 != nil {
		line(0, "\n"+p.ReportLabel("per_1000_travellers"), fmt.Sprintf("%s (%d / %d)", num(tr.Per1000), tr.Complaints.N, tr.Travellers))
	} else {
		line(0, "\n"+p.ReportLabel("per_1000_travellers"), p.ReportLabel("travellers_missing", "Months", strings.Join(tr.Missing, ", ")))
	}
	return b.String()
}

// num and rate write as every output of the report does (data/present).
func num(v *float64) string { return present.For("en").ReportNumber(v) }

func rate(r report.Rate) string { return present.For("en").ReportRate(r.N, r.Of, r.Pct) }
