package main

import (
	"os"
	"strings"

	"github.com/spf13/cobra"

	"casebook/app/service"
	"casebook/data"
	"casebook/data/present"
)

func (c *cli) agencyCommand() *cobra.Command {
	return c.group("agency", c.tr(T("the agency's profile on letters: set, show")), c.agencySetCommand(), c.agencyShowCommand())
}

func (c *cli) agencySetCommand() *cobra.Command {
	var (
		name, address, phone, email, license, complaint, signatory, logo, seal, by string
		recourse                                                                   = map[string]string{}
	)
	cmd := &cobra.Command{
		Use: "set [--name NAME] [--address A] [--phone P] [--email E] [--license L] [--complaint-phone P] " +
			"[--signatory NAME] [--logo IMAGE] [--seal IMAGE] [--recourse LANG=TEXT]",
		Short: c.tr(T("change the agency's profile printed on letters")),
		Args:  c.noArgs,
	}
	fl := cmd.Flags()
	texts := []struct {
		name, help string
		v          *string
		field      func(a *data.Agency) *string
	}{
		{"name", c.tr(T("the agency's name as printed on letters")), &name, func(a *data.Agency) *string { return &a.Name }},
		{"address", c.tr(T("postal address")), &address, func(a *data.Agency) *string { return &a.Address }},
		{"phone", c.tr(T("main phone number")), &phone, func(a *data.Agency) *string { return &a.Phone }},
		{"email", c.tr(T("e-mail address")), &email, func(a *data.Agency) *string { return &a.Email }},
		{"license", c.tr(T("travel agency business licence number")), &license, func(a *data.Agency) *string { return &a.License }},
		{"complaint-phone", c.tr(T("complaint phone number")), &complaint, func(a *data.Agency) *string { return &a.ComplaintPhone }},
		{"signatory", c.tr(T("who signs letters (empty: the case's handler)")), &signatory, func(a *data.Agency) *string { return &a.Signatory }},
	}
	for _, t := range texts {
		fl.StringVar(t.v, t.name, "", t.help)
	}
	fl.StringVar(&logo, "logo", "", c.tr(T("PNG or JPEG logo for the letterhead (\"\" removes it)")))
	fl.StringVar(&seal, "seal", "", c.tr(T("PNG (transparent) or JPEG company seal printed over the signature (\"\" removes it)")))
	fl.Func("recourse", c.tr(T("where else customers can turn, per language: zh-Hans=TEXT, zh-Hant=TEXT or en=TEXT (TEXT empty: the standard text); repeatable")), func(v string) error {
		lang, text, ok := strings.Cut(v, "=")
		if !ok || lang == "" || c.checkLang(lang) != nil {
			return c.usage(T("use LANG=TEXT with LANG zh-Hans, zh-Hant or en"))
		}
		recourse[lang] = text
		return nil
	})
	byFlag(cmd, &by)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		set := cmd.Flags().Changed
		// Read the images before opening the database, so a wrong path changes nothing.
		images := map[string][]byte{}
		for flag, path := range map[string]string{"logo": logo, "seal": seal} {
			if !set(flag) || path == "" {
				continue
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return c.refuse(TF("read the image: {{.Err}}", map[string]any{"Err": err}), err)
			}
			if _, err := service.PrepareAgencyImage(b); err != nil {
				return c.refuse(TF("{{.Path}}: {{.Err}}", map[string]any{"Path": path, "Err": explain(c.lang, err)}), err)
			}
			images[flag] = b
		}
		ctx := cmd.Context()
		svc, a, err := c.openAs(ctx, by, true)
		if err != nil {
			return err
		}
		defer svc.Close()
		shas := map[string]string{}
		for flag, b := range images {
			if shas[flag], err = svc.Documents.PutAgencyImage(ctx, a, b); err != nil {
				return err
			}
		}
		ag, err := svc.Settings.SetAgency(ctx, a, func(ag *data.Agency) {
			for _, t := range texts {
				if set(t.name) {
					*t.field(ag) = strings.TrimSpace(*t.v)
				}
			}
			if set("logo") {
				ag.LogoSHA256 = shas["logo"]
			}
			if set("seal") {
				ag.SealSHA256 = shas["seal"]
			}
			for lang, text := range recourse {
				if ag.Recourse == nil {
					ag.Recourse = map[string]string{}
				}
				if strings.TrimSpace(text) == "" {
					delete(ag.Recourse, lang)
				} else {
					ag.Recourse[lang] = strings.TrimSpace(text)
				}
			}
		})
		if err != nil {
			return err
		}
		c.printAgency(ag)
		return nil
	}
	return cmd
}

func (c *cli) agencyShowCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show [--json]",
		Short: c.tr(T("show the agency's profile")),
		Args:  c.noArgs,
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, c.tr(T("print JSON")))
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		svc, err := c.openRead(cmd.Context())
		if err != nil {
			return err
		}
		defer svc.Close()
		if asJSON {
			return writeJSON(c.stdout, svc.Settings.Get().Agency)
		}
		c.printAgency(svc.Settings.Get().Agency)
		return nil
	}
	return cmd
}

func (c *cli) printAgency(a data.Agency) {
	p := present.For(c.lang)
	out := labelled{lang: c.lang}
	line := func(label, v string) { out.add(label, orDash(v)) }
	line(c.tr(T("Agency name")), a.Name)
	line(c.tr(T("Address")), a.Address)
	line(c.tr(T("Phone")), a.Phone)
	line(c.tr(T("E-mail")), a.Email)
	line(c.tr(T("Travel agency licence no.")), a.License)
	line(c.tr(T("Complaint phone")), a.ComplaintPhone)
	line(c.tr(T("Signatory")), a.Signatory)
	line(c.tr(T("Logo")), a.LogoSHA256)
	line(c.tr(T("Company seal")), a.SealSHA256)
	for _, l := range data.Languages {
		if t := a.Recourse[l]; t != "" {
			line(c.tr(T("Where else customers can turn"))+" ("+p.Language(l)+")", t)
		}
	}
	out.write(c.stdout)
}
