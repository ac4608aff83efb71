package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"casebook/data"
)

// agency shows or changes the agency profile printed on letters.
func (c *cli) agency(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("agency needs a subcommand: set, show: %w", errUsage)
	}
	switch args[0] {
	case "set":
		return c.agencySet(ctx, args[1:])
	case "show":
		return c.agencyShow(ctx, args[1:])
	}
	return fmt.Errorf("unknown agency subcommand %q (set, show): %w", args[0], errUsage)
}

func (c *cli) agencySet(ctx context.Context, args []string) error {
	fs := c.newFlags("agency set", "agency set [--name NAME] [--address A] [--phone P] [--email E] [--license L] [--complaint-phone P] [--signatory NAME] [--logo IMAGE] [--seal IMAGE] [--recourse LANG=TEXT]")
	var name, address, phone, email, license, complaint, signatory, logo, seal optString
	fs.Var(&name, "name", "the agency's name as printed on letters")
	fs.Var(&address, "address", "postal address")
	fs.Var(&phone, "phone", "main phone number")
	fs.Var(&email, "email", "e-mail address")
	fs.Var(&license, "license", "travel agency business licence number")
	fs.Var(&complaint, "complaint-phone", "complaint phone number")
	fs.Var(&signatory, "signatory", "who signs letters (empty: the case's handler)")
	fs.Var(&logo, "logo", "PNG or JPEG logo for the letterhead (\"\" removes it)")
	fs.Var(&seal, "seal", "PNG (transparent) or JPEG company seal printed over the signature (\"\" removes it)")
	recourse := map[string]string{}
	fs.Func("recourse", "where else customers can turn, per language: zh-Hans=TEXT, zh-Hant=TEXT or en=TEXT (TEXT empty: the standard text); repeatable", func(v string) error {
		lang, text, ok := strings.Cut(v, "=")
		if !ok || checkLanguage(lang) != nil || lang == "" {
			return fmt.Errorf("use LANG=TEXT with LANG zh-Hans, zh-Hant or en")
		}
		recourse[lang] = text
		return nil
	})
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return fmt.Errorf("agency set: unexpected %q: %w", pos[0], errUsage)
	}
	// Read the images before opening the database, so a wrong path changes nothing.
	images := map[*optString][]byte{}
	for _, img := range []*optString{&logo, &seal} {
		if !img.set || img.v == "" {
			continue
		}
		b, err := readImage(img.v)
		if err != nil {
			return err
		}
		images[img] = b
	}
	s, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	st := s.Settings()
	a := &st.Agency
	for _, f := range []struct {
		o   *optString
		dst *string
	}{{&name, &a.Name}, {&address, &a.Address}, {&phone, &a.Phone}, {&email, &a.Email}, {&license, &a.License},
		{&complaint, &a.ComplaintPhone}, {&signatory, &a.Signatory}} {
		if f.o.set {
			*f.dst = strings.TrimSpace(f.o.v)
		}
	}
	for _, f := range []struct {
		o   *optString
		dst *string
	}{{&logo, &a.LogoSHA256}, {&seal, &a.SealSHA256}} {
		if !f.o.set {
			continue
		}
		*f.dst = ""
		if b := images[f.o]; b != nil {
			if *f.dst, err = s.PutBlob(ctx, b); err != nil {
				return err
			}
		}
	}
	for lang, text := range recourse {
		if a.Recourse == nil {
			a.Recourse = map[string]string{}
		}
		if strings.TrimSpace(text) == "" {
			delete(a.Recourse, lang)
		} else {
			a.Recourse[lang] = strings.TrimSpace(text)
		}
	}
	if err := s.SaveSettings(ctx, st); err != nil {
		return err
	}
	return c.printAgency(st.Agency)
}

// readImage reads a logo or seal and checks it is a PNG or JPEG.
func readImage(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read image: %w", err)
	}
	prepared, err := prepareAgencyImage(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return prepared, nil
}

func (c *cli) agencyShow(ctx context.Context, args []string) error {
	fs := c.newFlags("agency show", "agency show [--json]")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	s, err := c.openExisting(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if *asJSON {
		return writeJSON(c.stdout, s.Settings().Agency)
	}
	return c.printAgency(s.Settings().Agency)
}

func (c *cli) printAgency(a data.Agency) error {
	line := func(k, v string) { fmt.Fprintf(c.stdout, "%-16s %s\n", k+":", orDash(v)) }
	line("Name", a.Name)
	line("Address", a.Address)
	line("Phone", a.Phone)
	line("E-mail", a.Email)
	line("Licence", a.License)
	line("Complaint phone", a.ComplaintPhone)
	line("Signatory", a.Signatory)
	line("Logo", a.LogoSHA256)
	line("Seal", a.SealSHA256)
	for _, l := range data.Languages {
		if t := a.Recourse[l]; t != "" {
			line("Recourse "+l, t)
		}
	}
	return nil
}
