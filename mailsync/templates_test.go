package mailsync

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"casebook/data"
	"casebook/data/present"
)

var templateFull = TemplateData{
	Number:           "A-2026-0001",
	CustomerName:     "张伟先生",
	Handler:          "王芳",
	Agency:           "春秋国际旅行社",
	Subject:          "回复: [案件 A-2026-0001] 云南六日游导游强制购物",
	FirstResponseDue: "2026-03-04 18:00",
	ResolutionDue:    "2026-03-07 18:00",
	Text:             "经与地接社核实，我们将退还购物店停留期间的团费差额 ¥600。\n退款将在 3 个工作日内原路退回。",
}

// The case tag and marker as threading (thread.go) looks for them; copied so
// these tests do not depend on another file's names.
var (
	tmplTestTag    = regexp.MustCompile(`(?i)[\[【]\s*(?:案件|case)\s*([A-Z0-9]{1,4}-\d{4}-\d{4,})\s*[\]】]`)
	tmplTestMarker = regexp.MustCompile(`(?i)(?:案件编号|案件編號|case (?:number|no\.?|ref))\s*[:：#]?\s*([A-Z0-9]{1,4}-\d{4}-\d{4,})`)
)

// tagFor is the subject tag each language must carry.
var tagFor = map[string]string{"zh-Hans": "[案件 A-2026-0001]", "zh-Hant": "[案件 A-2026-0001]", "en": "[Case A-2026-0001]"}

func TestTemplatesRenderEverywhere(t *testing.T) {
	for _, lang := range []string{"zh-Hans", "zh-Hant", "en"} {
		for _, name := range TemplateNames() {
			for variant, v := range map[string]TemplateData{
				"full":    templateFull,
				"minimal": {Number: "A-2026-0001"},
			} {
				subject, body, err := RenderTemplate(lang, name, v)
				if err != nil {
					t.Errorf("%s/%s %s: %v", lang, name, variant, err)
					continue
				}
				where := lang + "/" + name + " " + variant
				if strings.Count(subject, tagFor[lang]) != 1 {
					t.Errorf("%s: subject %q does not carry %s exactly once", where, subject, tagFor[lang])
				}
				if m := tmplTestTag.FindStringSubmatch(subject); m == nil || m[1] != "A-2026-0001" {
					t.Errorf("%s: threading does not find the case in the subject %q", where, subject)
				}
				if m := tmplTestMarker.FindStringSubmatch(body); m == nil || m[1] != "A-2026-0001" {
					t.Errorf("%s: threading does not find the case marker in the body:\n%s", where, body)
				}
				for _, s := range []string{subject, body} {
					if strings.Contains(s, "<no value>") || strings.Contains(s, "{{") || strings.Contains(s, "}}") {
						t.Errorf("%s: unfilled placeholder:\n%s\n%s", where, subject, body)
					}
				}
				if strings.ContainsAny(subject, "\r\n") {
					t.Errorf("%s: subject spans lines: %q", where, subject)
				}
				if strings.Contains(body, "\n\n\n") || !strings.HasSuffix(body, "\n") || strings.HasSuffix(body, "\n\n") {
					t.Errorf("%s: untidy blank lines:\n%q", where, body)
				}
				if lang != "en" && regexp.MustCompile(`[ 　]$|^[ 　]`).MatchString(strings.Split(body, "\n")[0]) {
					t.Errorf("%s: first line has stray spaces", where)
				}
				if variant == "full" {
					for _, want := range []string{"王芳", "春秋国际旅行社", "张伟先生"} {
						if !strings.Contains(body, want) {
							t.Errorf("%s: body lacks %q:\n%s", where, want, body)
						}
					}
					if strings.Contains(subject, "回复: ") || strings.Count(subject, "回复") > 1 || strings.Contains(subject, "  ") {
						t.Errorf("%s: the customer's reply prefix or tag leaked into the subject: %q", where, subject)
					}
					if !strings.Contains(subject, "云南六日游导游强制购物") && name != "ask_evidence" {
						t.Errorf("%s: subject %q lacks the customer's subject", where, subject)
					}
				}
			}
		}
	}
}

func TestTemplateDeadlinesAndTextAppear(t *testing.T) {
	for _, lang := range []string{"zh-Hans", "zh-Hant", "en"} {
		_, body, err := RenderTemplate(lang, "acknowledge", templateFull)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"2026-03-04 18:00", "2026-03-07 18:00", "王芳", "¥600"} {
			if !strings.Contains(body, want) {
				t.Errorf("%s acknowledge lacks %q:\n%s", lang, want, body)
			}
		}
		for _, name := range []string{"propose", "reply", "ask_evidence", "close"} {
			_, body, err := RenderTemplate(lang, name, templateFull)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(body, "退款将在 3 个工作日内原路退回。") {
				t.Errorf("%s %s lacks the clerk's text:\n%s", lang, name, body)
			}
		}
	}
}

func TestTemplateLanguages(t *testing.T) {
	for lang, want := range map[string]string{
		"zh-Hans": "尊敬的", "zh-CN": "客户服务部", "zh": "客户服务部", "zh_SG": "客户服务部",
		"zh-Hant": "客戶服務部", "zh-TW": "客戶服務部", "zh-HK": "客戶服務部", "zh-Hant-TW": "客戶服務部",
		"en": "Dear Customer", "": "Dear Customer", "fr": "Dear Customer", "ja": "Dear Customer",
	} {
		_, body, err := RenderTemplate(lang, "acknowledge", TemplateData{Number: "A-2026-0001"})
		if err != nil || !strings.Contains(body, want) {
			t.Errorf("lang %q: %v, body lacks %q:\n%s", lang, err, want, body)
		}
	}
}

func TestTemplateErrors(t *testing.T) {
	if _, _, err := RenderTemplate("en", "no_such", TemplateData{Number: "A-2026-0001"}); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("unknown template: %v, want data.ErrNotFound", err)
	}
	if _, _, err := RenderTemplate("en", "reply", TemplateData{Number: " "}); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("no case number: %v, want data.ErrInvalid", err)
	}
}

func TestTemplateNamesMatchTheFiles(t *testing.T) {
	names := TemplateNames()
	if strings.Join(names, ",") != "acknowledge,ask_evidence,propose,close,followup,reply" {
		t.Errorf("TemplateNames = %v", names)
	}
	names[0] = "changed"
	if TemplateNames()[0] != "acknowledge" {
		t.Error("TemplateNames returns shared state")
	}
	// The catalogue has exactly these templates, subject and body, in every language.
	for _, lang := range tmplLangs {
		cat, err := present.Catalogue(lang)
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for k := range cat {
			if strings.HasPrefix(k, "mail.") {
				keys = append(keys, k)
			}
		}
		if len(keys) != 2*len(tmplNames) {
			t.Errorf("%s has %d mail.* keys, want %d (subject and body per template): %v", lang, len(keys), 2*len(tmplNames), keys)
		}
		for _, n := range tmplNames {
			if cat["mail."+n+".subject"] == "" || cat["mail."+n+".body"] == "" {
				t.Errorf("%s: template %s lacks its subject or body", lang, n)
			}
		}
	}
}

func TestTemplateCleanSubject(t *testing.T) {
	for in, want := range map[string]string{
		"Re: 退款": "退款",
		"RE: 回复：[案件 A-2026-0001] 退款申请":                  "退款申请",
		"回覆: 【案件 A-2026-0001】行程变更":                      "行程变更",
		"Fwd: Re: [Case A-2026-0001] refund\r\n please": "refund please",
		"Reisen nach Peking":                            "Reisen nach Peking",
		"":                                              "",
	} {
		if got := tmplCleanSubject(in); got != want {
			t.Errorf("tmplCleanSubject(%q) = %q, want %q", in, got, want)
		}
	}
}
