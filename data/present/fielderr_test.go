package present

import (
	"strings"
	"testing"

	"casebook/data"
)

// Every reason code of a field error is a sentence in every language that
// names the field and, where it has one, the limit.
func TestFieldReasonsInEveryLanguage(t *testing.T) {
	codes := []string{data.ReasonTooLong, data.ReasonControl, data.ReasonLineBreak, data.ReasonEncoding,
		data.ReasonPhoneChars, data.ReasonPhoneShort, data.ReasonPhoneLong, data.ReasonDateFormat,
		data.ReasonDateTooEarly, data.ReasonDateTooLate}
	fields := []string{"received", "departure", "payment_due"}
	for f := range data.TextLimits {
		fields = append(fields, f)
	}
	for _, lang := range data.Languages {
		p := For(lang)
		for _, f := range fields {
			name := p.FieldName(f)
			if name == f || name == "" {
				t.Errorf("%s: field %q has no name", lang, f)
			}
			for _, code := range codes {
				s := p.Error(&data.FieldError{Field: f, Code: code, Max: 200})
				if strings.Contains(s, "{{") || strings.Contains(s, "fielderr.") || !strings.Contains(strings.ToLower(s), strings.ToLower(name)) {
					t.Errorf("%s %s/%s: %q", lang, f, code, s)
				}
				if code == data.ReasonTooLong && !strings.Contains(s, "200") {
					t.Errorf("%s %s: the limit is not stated: %q", lang, f, s)
				}
			}
		}
	}
	en := For("en")
	for _, c := range []struct {
		fe   data.FieldError
		want string
	}{
		{data.FieldError{Field: "subject", Code: data.ReasonControl}, "The subject contains a control character"},
		{data.FieldError{Field: "subject", Code: data.ReasonTooLong, Max: 200}, "The subject may have at most 200 characters."},
		{data.FieldError{Field: "agency_phone", Code: data.ReasonPhoneShort}, "The agency's phone number has too few digits: a phone number has 5 to 15 digits."},
		{data.FieldError{Field: "received", Code: data.ReasonDateTooEarly}, "The received time is before the year 2000"},
		{data.FieldError{Field: "customer", Code: data.ReasonEncoding}, "The customer's name is not valid UTF-8"},
	} {
		if got := en.Error(&c.fe); !strings.HasPrefix(got, c.want) {
			t.Errorf("%+v: %q, want %q…", c.fe, got, c.want)
		}
	}
	if got := For("zh-Hans").Error(&data.FieldError{Field: "subject", Code: data.ReasonControl}); !strings.HasPrefix(got, "事由含有控制字符") {
		t.Errorf("zh-Hans: %q", got)
	}
}

func TestMailWarningsInEveryLanguage(t *testing.T) {
	for _, lang := range data.Languages {
		p := For(lang)
		for _, w := range []data.MailWarning{
			{Code: data.MailWarnTooManyParts, Count: 4502, Total: 5002, Limit: 500},
			{Code: data.MailWarnTooDeep, Limit: 16},
			{Code: data.MailWarnTooLarge, Count: 2, Total: 5, Limit: 64},
			{Code: "future_code"},
		} {
			s := p.MailWarning(w)
			if s == "" || strings.Contains(s, "{{") || strings.Contains(s, "mailwarn.") {
				t.Errorf("%s %+v: %q", lang, w, s)
			}
		}
	}
	if got := For("en").MailWarning(data.MailWarning{Code: data.MailWarnTooManyParts, Count: 4502, Total: 5002, Limit: 500}); !strings.HasPrefix(got, "4,502 of 5,002 parts of this message not shown: too many parts") {
		t.Errorf("en: %q", got)
	}
}
