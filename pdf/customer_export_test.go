package pdf

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"casebook/data"
)

// The customer's export reads in each language: the customer, their cases
// listed and each case's dossier, the chain's head in the footer.
func TestCustomerExportInEachLanguage(t *testing.T) {
	head := "0123456789abcdef" + strings.Repeat("e", 48)
	for lang, want := range map[string][]string{
		"zh-Hans": {"的个人信息", "案件（2件）", "审计链0123456789abcdef"},
		"zh-Hant": {"的個人資料", "案件（2件）", "0123456789abcdef"},
		"en":      {"Personal data held about customer #7", "Cases (2)", "Audit chain 0123456789abcdef"},
	} {
		a := sampleCase(t, lang, data.StatusClosed)
		b := sampleCase(t, lang, data.StatusNew)
		b.Number, b.ID = "A-2026-0099", 99
		cust := a.Customer
		cust.ID = 7
		opt := testOptions(t, lang)
		opt.AuditHead = head
		unfiled := []data.Message{{Direction: data.DirectionIn, From: cust.Email, Subject: "再次来信", Text: "没有编号的来信", Status: data.MessageReceived}}
		var buf bytes.Buffer
		at := a.ReceivedAt
		profile := data.CustomerProfile{Tags: []string{"常客", "亲子游"}, VIP: true,
			Notes:   []data.CustomerNote{{At: at, By: "王芳", Text: "只接受电话联系"}},
			History: []data.ContactChange{{At: at, By: "王芳", Field: data.ContactPhone, Old: "13800000000", New: cust.Phone, Source: data.ContactByEdit, Case: a.Number}}}
		if err := CustomerExport(context.Background(), &buf, cust, profile, []data.Case{a, b}, unfiled, nil, opt); err != nil {
			t.Fatal(err)
		}
		text := squeeze(pdfText(t, buf.Bytes()))
		cat, _ := catalog(lang)
		for _, w := range append(want, a.Number, b.Number, squeeze(cust.Name), "没有编号的来信", "常客", "亲子游", "只接受电话联系", "13800000000",
			cat.get("export.vip_yes"), cat.get("export.history")) {
			if !strings.Contains(text, squeeze(w)) {
				t.Errorf("%s: no %q in the export", lang, w)
			}
		}
	}
}
