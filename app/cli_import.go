package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"casebook/app/service"
	"casebook/data"
	"casebook/data/ledger"
	"casebook/data/present"
)

// casebook import FILE: the spreadsheet ledgers agencies keep today, as the
// window's File → Import spreadsheet… does (app/service/import.go).

func (c *cli) importCommand() *cobra.Command {
	var (
		dryRun     bool
		maps       []string
		sheet, by  string
		lang       string
		quietWarns bool
	)
	cmd := &cobra.Command{
		Use:   "import FILE [--dry-run] [--map 'column=field' …] [--sheet NAME] [--lang L]",
		Short: c.tr(T("import cases from a spreadsheet ledger (XLSX, or CSV in UTF-8 or GBK)")),
		Long: c.tr(T(`Imports the complaint ledger an agency keeps today: an Excel workbook (.xlsx) or CSV text
in UTF-8, UTF-8 with BOM or GBK, separated by commas, tabs or semicolons. Columns are mapped from
their headers (客户/姓名, 电话/手机, 投诉日期, 线路, 投诉内容, 处理结果, 赔偿金额, 状态, 负责人, 编号 …);
--map 'column=field' corrects the mapping (column: its header, letter or number; field - leaves
it out). It prints the mapping, every row's problems by row and column, then the counts.
--dry-run writes nothing. Rows imported before (the same reference 编号, or the same cells) are
skipped, so importing a file again adds nothing. Exit 1 when no row can be imported.`)),
		Args: c.exactly(1, "FILE"),
	}
	fl := cmd.Flags()
	fl.BoolVar(&dryRun, "dry-run", false, c.tr(T("check every row and count what would be added; write nothing")))
	fl.StringArrayVar(&maps, "map", nil, c.tr(T("correct the mapping: 'column=field' (repeatable; field - leaves the column out)")))
	fl.StringVar(&sheet, "sheet", "", c.tr(T("the workbook's sheet to read (default the first)")))
	fl.StringVar(&lang, "lang", "", c.tr(T("language of the report: en, zh-Hans or zh-Hant (default the locale's)")))
	fl.BoolVar(&quietWarns, "no-warnings", false, c.tr(T("list only the problems that keep rows out")))
	byFlag(cmd, &by)
	enum(cmd, "lang", data.Languages)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if lang != "" {
			l, err := oneOf(c, "lang", lang, data.Languages)
			if err != nil {
				return err
			}
			c.lang = l
		}
		ctx := cmd.Context()
		var (
			svc *service.Service
			a   data.Actor
			err error
		)
		if dryRun {
			svc, err = c.openRead(ctx)
			if err == nil {
				a, err = c.actor(ctx, svc, by)
				if err != nil {
					svc.Close()
				}
			}
		} else {
			svc, a, err = c.openAs(ctx, by, false)
		}
		if err != nil {
			return err
		}
		defer svc.Close()
		return c.runImport(ctx, svc, a, service.ImportRequest{Path: args[0], Sheet: sheet, Map: maps}, dryRun, !quietWarns)
	}
	return cmd
}

func (c *cli) runImport(ctx context.Context, svc *service.Service, a data.Actor, req service.ImportRequest, dryRun, warnings bool) error {
	p := present.For(c.lang)
	var (
		r   service.ImportReport
		err error
	)
	if dryRun {
		r, err = svc.Import.DryRun(ctx, a, req)
	} else {
		r, err = svc.Import.Run(ctx, a, req)
	}
	if err != nil {
		if s, ok := ledger.ErrorText(p, err); ok {
			if pv, perr := svc.Import.Preview(ctx, req); perr == nil && errors.As(err, new(*ledger.MissingError)) {
				c.printMapping(pv)
			}
			return c.refuse(TF("{{.File}}: {{.Reason}}", map[string]any{"File": req.Path, "Reason": s}), err)
		}
		return err
	}
	c.printMapping(r.Preview)
	st := svc.Settings.Get()
	var lines []string
	for _, warn := range []bool{false, true} { // what keeps rows out first, then how values were read
		for _, row := range r.Rows {
			for _, pr := range row.Problems {
				if pr.Warning != warn || pr.Warning && !warnings {
					continue
				}
				args := map[string]any{"Row": row.Line, "Problem": ledger.Describe(p, st, pr)}
				m := TF("row {{.Row}}: {{.Problem}}", args)
				if pr.Warning {
					m = TF("row {{.Row}} (imported): {{.Problem}}", args)
				}
				lines = append(lines, "  "+termLine(c.tr(m)))
			}
		}
	}
	if len(lines) > 0 {
		fmt.Fprintln(c.stdout, c.tr(T("Problems:")))
		fmt.Fprintln(c.stdout, strings.Join(lines, "\n"))
	}
	counts := map[string]any{"Rows": len(r.Rows), "New": r.New(), "Known": len(r.Known), "Refused": r.Refused}
	if dryRun {
		fmt.Fprintln(c.stdout, c.tr(TF("{{.Rows}} rows: {{.New}} would be added, {{.Known}} skipped as already imported, {{.Refused}} refused (nothing was written).", counts)))
	} else {
		fmt.Fprintln(c.stdout, c.tr(TF("{{.Rows}} rows: {{.New}} added, {{.Known}} skipped as already imported, {{.Refused}} refused.", counts)))
		if len(r.Added) > 0 {
			fmt.Fprintln(c.stdout, c.tr(TF("New cases: {{.First}} … {{.Last}}", map[string]any{"First": r.Added[0], "Last": r.Added[len(r.Added)-1]})))
		}
	}
	if r.Good == 0 {
		return c.refuse(TF("{{.File}}: no row can be imported.", map[string]any{"File": req.Path}))
	}
	return nil
}

// printMapping prints which field each column fills.
func (c *cli) printMapping(pv service.ImportPreview) {
	p := present.For(c.lang)
	t := pv.Table
	where := pv.File
	switch t.Format {
	case "xlsx":
		where = c.tr(TF("{{.File}}, sheet {{.Sheet}}", map[string]any{"File": pv.File, "Sheet": t.Sheet}))
	case "csv":
		delim := map[rune]string{',': ",", '\t': "TAB", ';': ";"}[t.Delimiter]
		where = c.tr(TF("{{.File}}, CSV in {{.Encoding}}, separated by {{.Delimiter}}", map[string]any{"File": pv.File, "Encoding": strings.ToUpper(t.Encoding), "Delimiter": delim}))
	}
	fmt.Fprintln(c.stdout, termLine(c.tr(TF("Mapping ({{.Where}}):", map[string]any{"Where": where}))))
	for i, h := range t.Headers {
		f := ledger.Ignore
		if i < len(pv.Mapping) {
			f = pv.Mapping[i]
		}
		code := string(f)
		if code == "" {
			code = "-"
		}
		fmt.Fprintln(c.stdout, termLine(fmt.Sprintf("  %-3s %s → %s (%s)", ledger.Letter(i), h, p.ImportField(string(f)), code)))
	}
}
