package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"casebook/data"
	"casebook/data/store"
)

// caseFindings records the investigation's findings and the solution.
func (c *cli) caseFindings(ctx context.Context, args []string) error {
	fs := c.newFlags("case findings", "case findings NUMBER [--facts T] [--investigation T] [--responsibility R] [--root-cause T] [--decision T] [--remedy KIND:AMOUNT[:NOTE]]... [--no-remedies] [--payment-method T] [--payment-due YYYY-MM-DD] [--preventive T] [--evidence-needed T]")
	var investigation, facts, responsibility, rootCause, decision, method, due, preventive, evidence, by optString
	fs.Var(&investigation, "investigation", "how it was investigated, who was asked")
	fs.Var(&facts, "facts", "the facts found")
	fs.Var(&responsibility, "responsibility", "agency, supplier, customer, force_majeure or shared (\"\" = not determined)")
	fs.Var(&rootCause, "root-cause", "the root cause")
	fs.Var(&decision, "decision", "the solution in words")
	fs.Var(&method, "payment-method", "how compensation is paid")
	fs.Var(&due, "payment-due", "date by which it is paid (YYYY-MM-DD)")
	fs.Var(&preventive, "preventive", "the preventive action taken")
	fs.Var(&evidence, "evidence-needed", "evidence still needed from the customer")
	fs.Var(&by, "by", "who records it")
	var remedies []data.Remedy
	fs.Func("remedy", "KIND:AMOUNT[:NOTE], KIND one of "+strings.Join(data.RemedyKinds, ", ")+"; repeatable, replaces the remedies", func(v string) error {
		r, err := parseRemedy(v)
		if err == nil {
			remedies = append(remedies, r)
		}
		return err
	})
	noRemedies := fs.Bool("no-remedies", false, "remove every remedy")
	number, err := oneNumber(fs, args)
	if err != nil {
		return err
	}
	if responsibility.set && responsibility.v != "" {
		if _, err := oneOf("responsibility", responsibility.v, data.Responsibilities); err != nil {
			return err
		}
	}
	return c.change(ctx, func(s *store.Store) (data.Case, error) {
		return s.Update(ctx, number, func(cs *data.Case, _ data.Settings, now time.Time) error {
			f := cs.Findings()
			for _, o := range []struct {
				o   *optString
				dst *string
			}{{&investigation, &f.Investigation}, {&facts, &f.Facts}, {&rootCause, &f.RootCause}, {&decision, &f.Decision},
				{&method, &f.PaymentMethod}, {&due, &f.PaymentDue}, {&preventive, &f.Preventive}, {&evidence, &f.EvidenceNeeded}} {
				if o.o.set {
					*o.dst = o.o.v
				}
			}
			if responsibility.set {
				f.Responsibility = data.Responsibility(responsibility.v)
			}
			if remedies != nil || *noRemedies {
				f.Remedies = remedies
			}
			return cs.SetFindings(f, c.by(by.v), now)
		})
	})
}

// parseRemedy reads KIND:AMOUNT[:NOTE], e.g. "refund:1280:玉龙雪山门票".
func parseRemedy(v string) (data.Remedy, error) {
	parts := strings.SplitN(v, ":", 3)
	if len(parts) < 2 {
		return data.Remedy{}, fmt.Errorf("use KIND:AMOUNT[:NOTE]")
	}
	kind := strings.TrimSpace(parts[0])
	if _, err := oneOf("remedy", kind, data.RemedyKinds); err != nil {
		return data.Remedy{}, fmt.Errorf("kind %q: use one of %s", kind, strings.Join(data.RemedyKinds, ", "))
	}
	amount, err := data.ParseMoney(parts[1])
	if err != nil {
		return data.Remedy{}, err
	}
	r := data.Remedy{Kind: kind, Amount: amount}
	if len(parts) == 3 {
		r.Note = strings.TrimSpace(parts[2])
	}
	return r, nil
}
