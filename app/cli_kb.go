package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"casebook/data"
	"casebook/data/present"
)

// The knowledge base on the command line: casebook kb add|list|show|edit|remove.

func (c *cli) kbCommand() *cobra.Command {
	g := c.group("kb", c.tr(T("the knowledge base: policies, FAQ, canned answers, emergency plans")),
		c.kbAddCommand(), c.kbListCommand(), c.kbShowCommand(), c.kbEditCommand(), c.kbRemoveCommand())
	g.Long = c.tr(T(`The knowledge base: the agency's policies, answers to frequent questions, canned answers to
insert into replies and the emergency plans for incidents during a trip. Each article has a
title, a text, a kind, and optionally a case category (offered first on cases of that category),
a language and tags. Everyone may read it; supervisors and the owner add, edit and remove.`))
	return g
}

// kbFields are the flags add and edit share.
type kbFields struct {
	title, body, bodyFile, category, lang, kind string
	tags                                        []string
}

func (c *cli) kbFlags(cmd *cobra.Command, f *kbFields) {
	cmd.Flags().StringVar(&f.title, "title", "", c.tr(T("the article's title")))
	cmd.Flags().StringVar(&f.body, "body", "", c.tr(T("the article's text")))
	cmd.Flags().StringVar(&f.bodyFile, "body-file", "", c.tr(T("read the article's text from this UTF-8 file (- for standard input)")))
	cmd.Flags().StringVar(&f.category, "category", "", c.tr(T("the case category it is for (a code from casebook settings show; none: every case)")))
	cmd.Flags().StringVar(&f.lang, "lang", "", c.tr(T("its language: zh-Hans, zh-Hant or en (none: any)")))
	cmd.Flags().StringVar(&f.kind, "kind", "", c.tr(T("canned (a canned answer, the default), policy, faq or emergency")))
	cmd.Flags().StringSliceVar(&f.tags, "tag", nil, c.tr(T("a tag; repeat or separate with commas")))
	enum(cmd, "kind", data.ArticleKinds)
	enum(cmd, "lang", data.Languages)
}

// text is --body or the contents of --body-file; set tells whether either was given.
func (c *cli) kbText(f kbFields) (text string, set bool, err error) {
	if f.body != "" && f.bodyFile != "" {
		return "", false, c.usage(T("give --body or --body-file, not both"))
	}
	if f.bodyFile == "" {
		return f.body, f.body != "", nil
	}
	var b []byte
	if f.bodyFile == "-" {
		b, err = readAllStdin(c)
	} else {
		b, err = os.ReadFile(f.bodyFile)
	}
	if err != nil {
		return "", false, c.refuse(TF("Cannot read {{.File}}: {{.Err}}", map[string]any{"File": f.bodyFile, "Err": err}), err)
	}
	return string(b), true, nil
}

func readAllStdin(c *cli) ([]byte, error) {
	if c.stdin == nil {
		return nil, nil
	}
	return io.ReadAll(c.stdin)
}

// articleID reads "12" or "#12".
func (c *cli) articleID(s string) (uint64, error) {
	id, err := strconv.ParseUint(strings.TrimPrefix(strings.TrimSpace(s), "#"), 10, 64)
	if err != nil || id == 0 {
		return 0, c.usage(TF("“{{.Arg}}” is not an article number (casebook kb list shows them)", map[string]any{"Arg": s}))
	}
	return id, nil
}

func (c *cli) kbAddCommand() *cobra.Command {
	var f kbFields
	var by string
	cmd := &cobra.Command{
		Use:   "add --title T --body TEXT|--body-file F [--category SLUG] [--lang L] [--tag T] [--kind K]",
		Short: c.tr(T("add an article or canned answer (supervisor)")),
		Args:  c.noArgs,
	}
	c.kbFlags(cmd, &f)
	byFlag(cmd, &by)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		body, _, err := c.kbText(f)
		if err != nil {
			return err
		}
		ctx := cmd.Context()
		svc, a, err := c.openAs(ctx, by, false)
		if err != nil {
			return err
		}
		defer svc.Close()
		art, err := svc.KB.Add(ctx, a, data.Article{Title: f.title, Body: body, Category: f.category, Language: f.lang,
			Tags: f.tags, Kind: data.ArticleKind(f.kind)})
		if err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, c.tr(TF("Article #{{.ID}} added: {{.Title}}", map[string]any{"ID": art.ID, "Title": art.Title})))
		return nil
	}
	return cmd
}

func (c *cli) kbListCommand() *cobra.Command {
	var search, category, lang, kind string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list [--search Q] [--category SLUG] [--json]",
		Short: c.tr(T("list or search the knowledge base")),
		Long:  c.tr(T("Lists the articles, those of --category first (then those for every category), then those in --lang. --search keeps the articles whose title, text or tags contain every word of it; Chinese words of one or two characters work too.")),
		Args:  c.noArgs,
	}
	cmd.Flags().StringVar(&search, "search", "", c.tr(T("words the title, text or tags must contain")))
	cmd.Flags().StringVar(&category, "category", "", c.tr(T("a case category: its articles first")))
	cmd.Flags().StringVar(&lang, "lang", "", c.tr(T("a language: its articles before the others")))
	cmd.Flags().StringVar(&kind, "kind", "", c.tr(T("only this kind: canned, policy, faq or emergency")))
	cmd.Flags().BoolVar(&asJSON, "json", false, c.tr(T("print JSON: the articles, best first")))
	enum(cmd, "kind", data.ArticleKinds)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if kind != "" {
			if _, err := oneOf(c, "kind", kind, data.ArticleKinds); err != nil {
				return err
			}
		}
		ctx := cmd.Context()
		svc, err := c.openRead(ctx)
		if err != nil {
			return err
		}
		defer svc.Close()
		arts, err := svc.KB.List(ctx, data.ArticleQuery{Text: search, Category: category, Language: lang, Kind: data.ArticleKind(kind)})
		if err != nil {
			return err
		}
		if asJSON {
			if arts == nil {
				arts = []data.Article{}
			}
			return writeJSON(c.stdout, arts)
		}
		p := present.For(c.lang)
		st := svc.Settings.Get()
		rows := make([][]string, len(arts))
		for i, a := range arts {
			cat := ""
			if a.Category != "" {
				cat = p.Category(st, a.Category)
			}
			no := "#" + strconv.FormatUint(a.ID, 10)
			if a.ID == 0 {
				no = "-" // a default article not stored yet (a read-only look before the first use)
			}
			rows[i] = []string{no, a.Title, p.ArticleKind(a.Kind), cat, a.Language, strings.Join(a.Tags, ", ")}
		}
		writeTable(c.stdout, []string{c.tr(T("No.")), c.tr(T("Title")), c.tr(T("Kind")), c.tr(T("Category")), c.tr(T("Language")), c.tr(T("Tags"))}, rows)
		if len(arts) == 0 {
			c.say(T("No articles found."))
		}
		return nil
	}
	return cmd
}

func (c *cli) kbShowCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show ID [--json]",
		Short: c.tr(T("print one article")),
		Args:  c.exactly(1, c.tr(T("one article number"))),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, c.tr(T("print JSON")))
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		id, err := c.articleID(args[0])
		if err != nil {
			return err
		}
		ctx := cmd.Context()
		svc, err := c.openRead(ctx)
		if err != nil {
			return err
		}
		defer svc.Close()
		a, err := svc.KB.Get(ctx, id)
		if err != nil {
			return err
		}
		if asJSON {
			return writeJSON(c.stdout, a)
		}
		p := present.For(c.lang)
		fmt.Fprintf(c.stdout, "#%d %s\n", a.ID, a.Title)
		meta := []string{p.ArticleKind(a.Kind)}
		if a.Category != "" {
			meta = append(meta, p.Category(svc.Settings.Get(), a.Category))
		}
		if a.Language != "" {
			meta = append(meta, a.Language)
		}
		if len(a.Tags) > 0 {
			meta = append(meta, strings.Join(a.Tags, ", "))
		}
		fmt.Fprintln(c.stdout, strings.Join(meta, " · "))
		fmt.Fprintln(c.stdout, c.tr(TF("Updated {{.When}} by {{.By}}", map[string]any{"When": p.DateTime(a.Updated.In(c.loc)), "By": orDashCLI(a.UpdatedBy)})))
		fmt.Fprintln(c.stdout)
		fmt.Fprintln(c.stdout, a.Body)
		return nil
	}
	return cmd
}

func orDashCLI(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func (c *cli) kbEditCommand() *cobra.Command {
	var f kbFields
	var by string
	cmd := &cobra.Command{
		Use:   "edit ID [--title T] [--body TEXT|--body-file F] [--category SLUG] [--lang L] [--tag T] [--kind K]",
		Short: c.tr(T("change an article (supervisor); only the flags given change")),
		Long:  c.tr(T("Changes only what the flags give. --tag replaces the tags (--tag \"\" removes them); --category none and --lang none make the article fit every case or language.")),
		Args:  c.exactly(1, c.tr(T("one article number"))),
	}
	c.kbFlags(cmd, &f)
	byFlag(cmd, &by)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		id, err := c.articleID(args[0])
		if err != nil {
			return err
		}
		body, bodySet, err := c.kbText(f)
		if err != nil {
			return err
		}
		fl := cmd.Flags()
		ctx := cmd.Context()
		svc, a, err := c.openAs(ctx, by, false)
		if err != nil {
			return err
		}
		defer svc.Close()
		none := func(s string) string {
			if s == "none" {
				return ""
			}
			return s
		}
		art, err := svc.KB.Edit(ctx, a, id, func(x *data.Article) {
			if fl.Changed("title") {
				x.Title = f.title
			}
			if bodySet {
				x.Body = body
			}
			if fl.Changed("category") {
				x.Category = none(f.category)
			}
			if fl.Changed("lang") {
				x.Language = none(f.lang)
			}
			if fl.Changed("kind") {
				x.Kind = data.ArticleKind(f.kind)
			}
			if fl.Changed("tag") {
				x.Tags = f.tags
			}
		})
		if err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, c.tr(TF("Article #{{.ID}} changed: {{.Title}}", map[string]any{"ID": art.ID, "Title": art.Title})))
		return nil
	}
	return cmd
}

func (c *cli) kbRemoveCommand() *cobra.Command {
	var by string
	var yes bool
	cmd := &cobra.Command{
		Use:   "remove ID [--yes]",
		Short: c.tr(T("remove an article (supervisor)")),
		Args:  c.exactly(1, c.tr(T("one article number"))),
	}
	byFlag(cmd, &by)
	cmd.Flags().BoolVar(&yes, "yes", false, c.tr(T("remove without asking")))
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		id, err := c.articleID(args[0])
		if err != nil {
			return err
		}
		ctx := cmd.Context()
		svc, a, err := c.openAs(ctx, by, false)
		if err != nil {
			return err
		}
		defer svc.Close()
		art, err := svc.KB.Get(ctx, id)
		if err != nil {
			return err
		}
		if !c.confirmed(yes, TF("Remove article #{{.ID}} “{{.Title}}”?", map[string]any{"ID": art.ID, "Title": art.Title})) {
			return c.refuse(T("Nothing was removed."))
		}
		if err := svc.KB.Remove(ctx, a, id); err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, c.tr(TF("Article #{{.ID}} removed.", map[string]any{"ID": id})))
		return nil
	}
	return cmd
}
