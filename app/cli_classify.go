package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"casebook/data"
	"casebook/data/classify"
	"casebook/data/present"
)

// The classifier learned from closed cases: how good it is, and what it
// suggests for a text. The command line trains it on the spot (well under a
// second for 10,000 cases); the GUI keeps one trained in the background.

func (c *cli) classifyCommand() *cobra.Command {
	return c.group("classify", c.tr(T("suggestions learned from closed cases: evaluate, suggest")),
		c.classifyEvaluateCommand(), c.classifySuggestCommand())
}

func (c *cli) classifyEvaluateCommand() *cobra.Command {
	var asJSON bool
	var folds int
	var seed uint64
	cmd := &cobra.Command{
		Use:   "evaluate [--folds 5] [--seed 1] [--json]",
		Short: c.tr(T("cross-validate the classifier on the closed cases, next to the keyword rules")),
		Long: c.tr(T(`Cross-validate the classifier on the closed cases: they are shuffled (the same way for the same seed),
cut into folds, and each fold is classified by a model trained on the others. The keyword rules of the
settings classify the same cases; where no rule sets the field, the rules count as wrong.`)),
		Args: c.noArgs,
	}
	cmd.Flags().IntVar(&folds, "folds", 5, c.tr(T("number of folds (2 to 20)")))
	cmd.Flags().Uint64Var(&seed, "seed", 1, c.tr(T("seed of the shuffle")))
	cmd.Flags().BoolVar(&asJSON, "json", false, c.tr(T("print the figures as JSON")))
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if folds < 2 || folds > 20 {
			return c.usage(T("--folds must be from 2 to 20"))
		}
		svc, err := c.openRead(cmd.Context())
		if err != nil {
			return err
		}
		defer svc.Close()
		rep, err := svc.Classify.Evaluate(cmd.Context(), folds, seed)
		if err != nil {
			return err
		}
		st := svc.Settings.Get()
		if asJSON {
			return writeJSON(c.stdout, evaluateJSON{Report: rep, MinCases: st.Classify.Minimum(), Enough: rep.Cases >= st.Classify.Minimum() && rep.Cases >= folds})
		}
		if rep.Cases < st.Classify.Minimum() || rep.Cases < folds {
			return c.refuse(TF("Only {{.N}} closed cases: the classifier needs {{.Min}} before it learns anything (classify.min_cases), so there is nothing to evaluate.",
				map[string]any{"N": rep.Cases, "Min": st.Classify.Minimum()}))
		}
		c.printEvaluation(rep)
		return nil
	}
	return cmd
}

// evaluateJSON is the report with the minimum it was measured against.
type evaluateJSON struct {
	classify.Report
	MinCases int  `json:"min_cases"`
	Enough   bool `json:"enough_cases"`
}

func pct(n, of int) string {
	if of == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f %%", 100*float64(n)/float64(of))
}

func (c *cli) printEvaluation(r classify.Report) {
	n := r.Cases
	fmt.Fprintln(c.stdout, c.tr(TF("{{.N}} closed cases, {{.K}}-fold cross-validation (seed {{.Seed}}).",
		map[string]any{"N": n, "K": r.Folds, "Seed": r.Seed})))
	fmt.Fprintln(c.stdout)
	header := []string{"", c.tr(T("classifier")), c.tr(T("keyword rules")), c.tr(T("rules with defaults"))}
	var rows [][]string
	for _, f := range []struct {
		name string
		f    classify.Field
	}{{c.tr(T("Category")), r.Category}, {c.tr(T("Severity")), r.Severity}} {
		rows = append(rows, []string{f.name,
			fmt.Sprintf("%s (%d)", pct(f.f.Correct, n), f.f.Correct),
			fmt.Sprintf("%s (%d)", pct(f.f.RulesCorrect, n), f.f.RulesCorrect),
			fmt.Sprintf("%s (%d)", pct(f.f.RulesDefaultCorrect, n), f.f.RulesDefaultCorrect)})
	}
	writeTable(c.stdout, header, rows)
	fmt.Fprintln(c.stdout)
	fmt.Fprintln(c.stdout, c.tr(TF("Accuracy is the share of the {{.N}} cases classified right. The keyword rules set no category for {{.C}} of them and no severity for {{.S}}: those count as wrong. “Rules with defaults” gives those cases what intake gives them (other, normal).",
		map[string]any{"N": n, "C": r.Category.RulesNothing, "S": r.Severity.RulesNothing})))
	args := func(f classify.Field) map[string]any {
		return map[string]any{"T": present.Percent(r.Threshold), "Cov": pct(f.Suggested, n), "K": f.Suggested, "Acc": pct(f.SuggestedCorrect, f.Suggested)}
	}
	fmt.Fprintln(c.stdout, c.tr(TF("At the threshold of {{.T}}, a category is suggested for {{.Cov}} of the cases ({{.K}}), and {{.Acc}} of those suggestions are right.", args(r.Category))))
	fmt.Fprintln(c.stdout, c.tr(TF("At the threshold of {{.T}}, a severity is suggested for {{.Cov}} of the cases ({{.K}}), and {{.Acc}} of those suggestions are right.", args(r.Severity))))
}

func (c *cli) classifySuggestCommand() *cobra.Command {
	var subject, text string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "suggest --subject S --text T [--json]",
		Short: c.tr(T("what the classifier and the keyword rules suggest for a text")),
		Args:  c.noArgs,
	}
	cmd.Flags().StringVar(&subject, "subject", "", c.tr(T("the case's subject")))
	cmd.Flags().StringVar(&text, "text", "", c.tr(T("the case's description or message")))
	cmd.Flags().BoolVar(&asJSON, "json", false, c.tr(T("print the suggestion as JSON")))
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if strings.TrimSpace(subject+text) == "" {
			return c.usage(T("give a --subject or a --text to classify"))
		}
		svc, err := c.openRead(cmd.Context())
		if err != nil {
			return err
		}
		defer svc.Close()
		if err := svc.Classify.Train(cmd.Context()); err != nil {
			return err
		}
		st := svc.Settings.Get()
		s := svc.Classify.Suggest(subject, text)
		kind, cat, sev := data.RulesSet(st.MailRules, subject, text)
		if asJSON {
			return writeJSON(c.stdout, struct {
				Learned data.LearnedSuggestion `json:"learned"`
				Rules   struct {
					Kind     data.Kind     `json:"kind,omitzero"`
					Category string        `json:"category,omitzero"`
					Severity data.Severity `json:"severity,omitzero"`
				} `json:"rules"`
			}{Learned: s, Rules: struct {
				Kind     data.Kind     `json:"kind,omitzero"`
				Category string        `json:"category,omitzero"`
				Severity data.Severity `json:"severity,omitzero"`
			}{kind, cat, sev}})
		}
		p := present.For(c.lang)
		if s.Any() {
			fmt.Fprintln(c.stdout, c.tr(TF("Suggested: {{.S}}", map[string]any{"S": p.Learned(st, s)})))
			if s.Category == "" || s.Severity == "" {
				fmt.Fprintln(c.stdout, c.tr(T("(the other field is below the threshold)")))
			}
		} else {
			fmt.Fprintln(c.stdout, c.tr(T("No learned suggestion."))+" "+p.LearnedWhy(st, s))
		}
		var parts []string
		if cat != "" {
			parts = append(parts, p.Category(st, cat))
		}
		if sev != "" {
			parts = append(parts, p.Severity(sev))
		}
		if kind != "" {
			parts = append(parts, p.Kind(kind))
		}
		if len(parts) == 0 {
			fmt.Fprintln(c.stdout, c.tr(T("Keyword rules: no rule matches.")))
		} else {
			fmt.Fprintln(c.stdout, c.tr(TF("Keyword rules: {{.S}}", map[string]any{"S": strings.Join(parts, " · ")})))
		}
		return nil
	}
	return cmd
}
