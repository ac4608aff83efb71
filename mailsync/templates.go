package mailsync

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"text/template"

	"casebook/data"
	"casebook/data/present"
)

// TemplateData fills a mail template. Every field may be empty except Number;
// the templates read well either way.
type TemplateData struct {
	Number           string // the case number, e.g. "A-2026-0001"
	CustomerName     string // as the customer should be addressed, e.g. "张女士"
	Handler          string // the staff member handling the case
	Agency           string // the agency's name, for the signature
	Subject          string // the customer's subject; Re:/回复: prefixes and case tags are dropped
	FirstResponseDue string // formatted by the caller, e.g. "2026-03-05 18:00"
	ResolutionDue    string
	Text             string // free text the clerk adds (the reply itself for "reply")
}

// tmplNames are the mail templates, in the order a case uses them.
var tmplNames = []string{"acknowledge", "ask_evidence", "propose", "close", "followup", "reply"}

// tmplLangs are the languages with a full set of templates; the first
// that matches wins, and anything unknown falls back to English.
var tmplLangs = []string{"zh-Hans", "zh-Hant", "en"}

// TemplateNames lists the mail templates: acknowledge, ask_evidence,
// propose, close, followup (the return visit by mail, asking for a rating)
// and reply (a plain wrapper around the clerk's text).
func TemplateNames() []string { return slices.Clone(tmplNames) }

type tmplPair struct {
	subject, body *template.Template
}

// tmplLoad parses every template once, from the one catalogue
// (assets/translations, read through data/present): the keys
// mail.<name>.subject and mail.<name>.body, in text/template syntax.
var tmplLoad = sync.OnceValues(func() (map[string]tmplPair, error) {
	out := make(map[string]tmplPair)
	for _, lang := range tmplLangs {
		for _, name := range tmplNames {
			key := "mail." + name
			subject, ok1 := present.Text(lang, key+".subject")
			body, ok2 := present.Text(lang, key+".body")
			if !ok1 || !ok2 {
				return nil, fmt.Errorf("mail template %s/%s: not in the catalogue", lang, key)
			}
			st, err := template.New(lang + "/" + key + ".subject").Option("missingkey=error").Parse(strings.TrimSpace(subject))
			if err != nil {
				return nil, fmt.Errorf("mail template %s/%s: %w", lang, key, err)
			}
			bt, err := template.New(lang + "/" + key + ".body").Option("missingkey=error").Parse(body)
			if err != nil {
				return nil, fmt.Errorf("mail template %s/%s: %w", lang, key, err)
			}
			out[lang+"/"+name] = tmplPair{subject: st, body: bt}
		}
	}
	return out, nil
})

// tmplLang maps a language tag to the template set: zh-Hans (also zh,
// zh-CN, zh-SG), zh-Hant (also zh-TW, zh-HK, zh-MO), else en.
func tmplLang(lang string) string { return present.LanguageFromLocale(lang) }

// RenderTemplate fills the named template in lang ("zh-Hans", "zh-Hant" or
// "en"; unknown → en). The subject carries the case tag ("[案件 A-2026-0001]"
// or "[Case A-2026-0001]") and the body the case number as "案件编号：…" /
// "案件編號：…" / "Case number: …", which threading recognises. An unknown
// name is data.ErrNotFound; a missing case number data.ErrInvalid.
func RenderTemplate(lang, name string, v TemplateData) (subject, body string, err error) {
	all, err := tmplLoad()
	if err != nil {
		return "", "", err
	}
	t, ok := all[tmplLang(lang)+"/"+name]
	if !ok {
		return "", "", fmt.Errorf("mail template %q: %w", name, data.ErrNotFound)
	}
	return tmplExecute(t, name, v)
}

func tmplExecute(t tmplPair, name string, v TemplateData) (subject, body string, err error) {
	v = tmplCleanData(v)
	if v.Number == "" {
		return "", "", fmt.Errorf("mail template %q: no case number: %w", name, data.ErrInvalid)
	}
	var sb, bb bytes.Buffer
	if err := t.subject.Execute(&sb, v); err != nil {
		return "", "", fmt.Errorf("mail template %q: %w", name, err)
	}
	if err := t.body.Execute(&bb, v); err != nil {
		return "", "", fmt.Errorf("mail template %q: %w", name, err)
	}
	return outOneLine(sb.String()), tmplTidyBody(bb.String()), nil
}

var (
	// tmplReplyPrefix is a "Re:"-like prefix, in the forms Chinese mail programs write.
	tmplReplyPrefix = regexp.MustCompile(`(?i)^\s*(?:re|fw|fwd|aw|sv|回复|回覆|答复|答覆|转发|轉發|轉寄)\s*(?:\[\d+\])?\s*[:：]\s*`)
	// tmplAnyCaseTag is a case tag with any number in it.
	tmplAnyCaseTag = regexp.MustCompile(`(?i)[\[【]\s*(?:案件|case)\s*[^\]】]*[\]】]`)
	tmplBlankLines = regexp.MustCompile(`\n{3,}`)
)

func tmplCleanData(v TemplateData) TemplateData {
	for _, f := range []*string{&v.Number, &v.CustomerName, &v.Handler, &v.Agency, &v.FirstResponseDue, &v.ResolutionDue} {
		*f = outOneLine(*f)
	}
	v.Subject = tmplCleanSubject(v.Subject)
	v.Text = strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(v.Text, "\r\n", "\n"), "\r", "\n"))
	return v
}

// tmplCleanSubject drops reply and forward prefixes and case tags, so a subject
// built from it carries exactly one tag.
func tmplCleanSubject(s string) string {
	s = outOneLine(s)
	for {
		t := strings.TrimSpace(tmplAnyCaseTag.ReplaceAllString(tmplReplyPrefix.ReplaceAllString(s, ""), ""))
		if t == s {
			return outOneLine(s)
		}
		s = t
	}
}

// tmplTidyBody trims trailing spaces, collapses the blank lines that empty
// optional sections leave, and ends the text with one newline.
func tmplTidyBody(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	s = tmplBlankLines.ReplaceAllString(strings.Join(lines, "\n"), "\n\n")
	return strings.TrimSpace(s) + "\n"
}
