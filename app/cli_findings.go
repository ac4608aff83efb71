package main

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"casebook/app/service"
	"casebook/data"
)

func (c *cli) caseFindingsCommand() *cobra.Command {
	var (
		remedies   []data.Remedy
		noRemedies bool
		by, amend  string
	)
	cmd := &cobra.Command{
		Use: "findings NUMBER [--facts T] [--investigation T] [--responsibility R] [--root-cause T] [--decision T] " +
			"[--remedy KIND:AMOUNT[:NOTE]]... [--no-remedies] [--payment-method T] [--payment-due YYYY-MM-DD] [--preventive T] [--evidence-needed T] [--amend-reason T]",
		Short:             c.tr(T("record the investigation's findings and the solution (remedies)")),
		Args:              c.oneNumber,
		ValidArgsFunction: c.completeNumbers,
	}
	fl := cmd.Flags()
	texts := []struct {
		name, help string
		field      func(f *data.Findings) *string
	}{
		{"investigation", c.tr(T("how it was investigated, who was asked")), func(f *data.Findings) *string { return &f.Investigation }},
		{"facts", c.tr(T("the facts found")), func(f *data.Findings) *string { return &f.Facts }},
		{"root-cause", c.tr(T("the root cause")), func(f *data.Findings) *string { return &f.RootCause }},
		{"decision", c.tr(T("the solution in words")), func(f *data.Findings) *string { return &f.Decision }},
		{"payment-method", c.tr(T("how compensation is paid")), func(f *data.Findings) *string { return &f.PaymentMethod }},
		{"payment-due", c.tr(T("date by which it is paid (YYYY-MM-DD)")), func(f *data.Findings) *string { return &f.PaymentDue }},
		{"preventive", c.tr(T("the preventive action taken")), func(f *data.Findings) *string { return &f.Preventive }},
		{"evidence-needed", c.tr(T("evidence still needed from the customer")), func(f *data.Findings) *string { return &f.EvidenceNeeded }},
	}
	values := make([]string, len(texts))
	for i, t := range texts {
		fl.StringVar(&values[i], t.name, "", t.help)
	}
	var responsibility string
	fl.StringVar(&responsibility, "responsibility", "", c.tr(T("agency, supplier, customer, force_majeure or shared (\"\" = not determined)")))
	fl.Func("remedy", c.tr(TF("KIND:AMOUNT[:NOTE], KIND one of {{.Kinds}}; repeatable, replaces the remedies", map[string]any{"Kinds": strings.Join(data.RemedyKinds, ", ")})), func(v string) error {
		r, err := c.parseRemedy(v)
		if err == nil {
			remedies = append(remedies, r)
		}
		return err
	})
	fl.BoolVar(&noRemedies, "no-remedies", false, c.tr(T("remove every remedy")))
	fl.StringVar(&amend, "amend-reason", "", c.tr(T("why findings are changed after the closure letter (recorded on the timeline; required then)")))
	byFlag(cmd, &by)
	enum(cmd, "responsibility", data.Responsibilities)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		set := cmd.Flags().Changed
		if set("responsibility") && responsibility != "" {
			if _, err := oneOf(c, "responsibility", responsibility, data.Responsibilities); err != nil {
				return err
			}
		}
		// Only the fields given change, as the findings are inside the transaction.
		edit := func(old *data.Findings) {
			for i, t := range texts {
				if set(t.name) {
					*t.field(old) = values[i]
				}
			}
			if set("responsibility") {
				old.Responsibility = data.Responsibility(responsibility)
			}
			if remedies != nil || noRemedies {
				old.Remedies = remedies
			}
		}
		return c.change(cmd.Context(), by, func(ctx context.Context, svc *service.Service, a data.Actor) (data.Case, error) {
			if set("amend-reason") {
				return svc.Cases.AmendFindings(ctx, a, args[0], amend, edit)
			}
			return svc.Cases.EditFindings(ctx, a, args[0], edit)
		})
	}
	return cmd
}

// parseRemedy reads KIND:AMOUNT[:NOTE], e.g. "refund:1280:玉龙雪山门票".
func (c *cli) parseRemedy(v string) (data.Remedy, error) {
	parts := strings.SplitN(v, ":", 3)
	if len(parts) < 2 {
		return data.Remedy{}, c.usage(T("use KIND:AMOUNT[:NOTE]"))
	}
	kind := strings.TrimSpace(parts[0])
	if _, err := oneOf(c, "remedy", kind, data.RemedyKinds); err != nil {
		return data.Remedy{}, err
	}
	amount, err := data.ParseMoney(parts[1])
	if err != nil {
		return data.Remedy{}, c.usage(TF("amount “{{.Value}}”: write it as 1200 or 1200.50", map[string]any{"Value": parts[1]}))
	}
	r := data.Remedy{Kind: kind, Amount: amount}
	if len(parts) == 3 {
		r.Note = strings.TrimSpace(parts[2])
	}
	return r, nil
}
