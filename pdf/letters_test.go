package pdf

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"casebook/data"
	"casebook/data/present"
)

var (
	update     = flag.Bool("update", false, "rewrite the golden files under testdata")
	lettersOut = flag.String("letters.out", "", "also write the 12 sample letters as PDF to this directory")
)

// letterStatus is the status a sample case needs for each letter.
var letterStatus = map[data.LetterType]data.Status{
	data.LetterAck:      data.StatusAcknowledged,
	data.LetterDecline:  data.StatusDeclined,
	data.LetterSolution: data.StatusProposed,
	data.LetterClosure:  data.StatusClosed,
	data.LetterBureau:   data.StatusProposed,
}

// sampleReferral is the referral the sample case of a bureau letter has.
var sampleReferral = data.ReferralInput{Source: data.ReferralHotline, Number: "12345-2026-100188", Notice: "2026-10-09"}

var declineReason = "超出受理范围：投诉事项发生于合同签订之前。" // as sampleCase records it

func renderSample(t testing.TB, typ data.LetterType, lang string) (data.Case, []byte) {
	t.Helper()
	c := sampleCase(t, lang, letterStatus[typ])
	opt := testOptions(t, lang)
	if typ == data.LetterBureau {
		if err := c.RecordReferral(sampleReferral, testSettings(), "王芳", c.ReceivedAt.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	if typ == data.LetterAck {
		// An acknowledgement goes out when the case is acknowledged.
		opt.Now = c.StatusSince(data.StatusAcknowledged).Add(time.Hour)
	}
	b, err := Letter(c, typ, opt)
	if err != nil {
		t.Fatalf("%s in %s: %v", typ, lang, err)
	}
	return c, b
}

// wantIn fails for each expected text missing from got; both sides are squeezed.
func wantIn(t *testing.T, got string, want ...string) {
	t.Helper()
	sq := squeeze(got)
	for _, w := range want {
		if w == "" {
			t.Errorf("empty expectation (a sample field is missing)")
			continue
		}
		if !strings.Contains(sq, squeeze(w)) {
			t.Errorf("missing %q", w)
		}
	}
}

// rawKey matches a catalogue key printed instead of its text.
var rawKey = regexp.MustCompile(`\b(letter|ack|decline|solution|closure|remedy|responsibility|channel|status|kind|head|sign)\.[a-z_]+`)

func TestLetterContent(t *testing.T) {
	for _, typ := range data.LetterTypes {
		for _, lang := range data.Languages {
			t.Run(string(typ)+"-"+lang, func(t *testing.T) {
				c, doc := renderSample(t, typ, lang)
				text := pdfText(t, doc)
				tx := sampleTexts[lang]
				ag := testSettings().Agency
				title := LetterTitle(typ, lang)
				if typ == data.LetterBureau {
					title = LetterTitle(typ, "zh-Hans")
				}
				wantIn(t, text, title, c.Number, tx.customer, ag.Name, ag.ComplaintPhone)
				switch typ {
				case data.LetterAck:
					wantIn(t, text, tx.subject, tx.description, tx.demand, "3,800.00", tx.evidence, c.Owner,
						ag.Email, c.Booking.Ref, tx.product, "12345")
					due, ok := c.Resolution.Deadline()
					if !ok {
						t.Fatal("the sample case has no resolution deadline")
					}
					cat, _ := catalog(lang)
					wantIn(t, text, cat.date(due.In(shanghai)), cat.fill("ack.followup", "days", "3"), cat.get("ack.followup_reply"))
				case data.LetterDecline:
					wantIn(t, text, tx.subject, declineReason, "12345")
				case data.LetterSolution:
					wantIn(t, text, tx.subject, tx.demand, tx.facts, tx.rootCause, tx.decision, tx.investigation,
						tx.payment, tx.remedyNotes[0], tx.remedyNotes[1], tx.remedyNotes[2],
						"1,280.00", "598.00", "500.00", "2,378.00", ag.Signatory)
				case data.LetterClosure:
					wantIn(t, text, tx.subject, tx.description, tx.facts, tx.decision, tx.preventive, tx.payment,
						"1,280.00", "598.00", "500.00", "2,378.00", "12345")
					// The follow-up took place before closing: reported, not promised.
					cat, _ := catalog(lang)
					wantIn(t, text, cat.get("closure.h_followup"), cat.p.Rating(5), sampleFollowUpRemarks[lang], cat.get("closure.thanks_after"))
					if strings.Contains(squeeze(text), squeeze(cat.fill("closure.thanks", "days", "3"))) {
						t.Error("the closure notice still promises the follow-up that took place")
					}
				case data.LetterBureau: // always in Simplified Chinese: the facts are the case's own words
					wantIn(t, text, sampleReferral.Number, "12345热线", "书面答复", tx.subject, tx.facts, tx.decision,
						tx.investigation, tx.remedyNotes[1], "2,378.00", "游客意见", "正等待游客确认", "特此答复")
				}
				if k := rawKey.FindString(text); k != "" {
					t.Errorf("a catalogue key is printed as such: %q", k)
				}
				checkFontsEmbedded(t, doc)
				if n := checkPagesInked(t, doc); n > 2 {
					t.Errorf("%d pages; a sample letter should fit on 2", n)
				}
			})
		}
	}
}

// TestLetterGolden compares each sample letter's text with
// testdata/letters/<type>-<lang>.txt (go test ./pdf -run Golden -update
// rewrites them) and checks that a letter renders to the same bytes twice.
func TestLetterGolden(t *testing.T) {
	for _, typ := range data.LetterTypes {
		for _, lang := range data.Languages {
			name := string(typ) + "-" + lang
			t.Run(name, func(t *testing.T) {
				_, doc := renderSample(t, typ, lang)
				_, again := renderSample(t, typ, lang)
				if !bytes.Equal(doc, again) {
					t.Error("the same letter rendered twice gives different PDFs")
				}
				if *lettersOut != "" {
					if err := os.MkdirAll(*lettersOut, 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(filepath.Join(*lettersOut, name+".pdf"), doc, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				got := pdfText(t, doc)
				path := filepath.Join("testdata", "letters", name+".txt")
				if *update {
					if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test ./pdf -run Golden -update)", err)
				}
				if got != string(want) {
					t.Errorf("text differs from %s (-update rewrites it):\n%s", path, firstDiff(string(want), got))
				}
			})
		}
	}
}

// firstDiff shows the first line where two texts differ.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(wl), len(gl)) {
		if at(wl, i) != at(gl, i) {
			return fmt.Sprintf("line %d:\nwant %q\ngot  %q", i+1, at(wl, i), at(gl, i))
		}
	}
	return "(same lines)"
}

func TestLetterNotReady(t *testing.T) {
	for _, tc := range []struct {
		typ    data.LetterType
		status data.Status
		code   string
	}{
		{data.LetterClosure, data.StatusAcknowledged, "not-closed"},
		{data.LetterDecline, data.StatusNew, "not-declined"},
		{data.LetterDecline, data.StatusInvestigating, "not-declined"},
		{data.LetterSolution, data.StatusNew, "no-proposal"},
		{data.LetterAck, data.StatusNew, "acknowledge"},
		{data.LetterAck, data.StatusDeclined, "declined"},
	} {
		t.Run(string(tc.typ)+"-"+string(tc.status), func(t *testing.T) {
			c := sampleCase(t, "zh-Hans", tc.status)
			doc, err := Letter(c, tc.typ, testOptions(t, "zh-Hans"))
			if doc != nil {
				t.Error("a refused letter still returned a document")
			}
			if !errors.Is(err, data.ErrNotReady) {
				t.Fatalf("err = %v, want data.ErrNotReady", err)
			}
			var nr *data.NotReadyError
			if !errors.As(err, &nr) {
				t.Fatalf("err = %T, want *data.NotReadyError", err)
			}
			if nr.Code != tc.code {
				t.Errorf("code = %q, want %q", nr.Code, tc.code)
			}
		})
	}
	t.Run("unknown type", func(t *testing.T) {
		c := sampleCase(t, "zh-Hans", data.StatusClosed)
		if _, err := Letter(c, "invoice", testOptions(t, "zh-Hans")); !errors.Is(err, data.ErrInvalid) {
			t.Errorf("err = %v, want data.ErrInvalid", err)
		}
	})
}

func TestLetterNoAgency(t *testing.T) {
	for _, name := range []string{"", "   "} {
		opt := testOptions(t, "zh-Hans")
		opt.Settings.Agency.Name = name
		c := sampleCase(t, "zh-Hans", data.StatusAcknowledged)
		if _, err := Letter(c, data.LetterAck, opt); !errors.Is(err, ErrNoAgency) {
			t.Errorf("agency name %q: err = %v, want ErrNoAgency", name, err)
		}
	}
}

func TestLetterUnknownLanguage(t *testing.T) {
	c := sampleCase(t, "zh-Hans", data.StatusAcknowledged)
	if _, err := Letter(c, data.LetterAck, testOptions(t, "fr")); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("err = %v, want data.ErrInvalid", err)
	}
	// No language: the case's.
	c = sampleCase(t, "en", data.StatusAcknowledged)
	opt := testOptions(t, "")
	doc, err := Letter(c, data.LetterAck, opt)
	if err != nil {
		t.Fatal(err)
	}
	wantIn(t, pdfText(t, doc), "Acknowledgement of your complaint")
}

// longChinese is n CJK characters with punctuation and no space.
func longChinese(n int) string {
	const base = "导游未经全团同意擅自取消行程，改为前往玉石店购物，停留超过两小时。团员提出异议后（多次），导游态度恶劣：“不购物就不安排返程车辆！”"
	rs := []rune(base)
	var b strings.Builder
	for i := range n {
		b.WriteRune(rs[i%len(rs)])
	}
	return b.String()
}

// bodyText extracts the words between the letterhead and the footer of
// every page, so that a text broken by a page break reads as one, with
// pdftotext -raw, which keeps a hyphen at the end of a line (the default
// mode joins "A-20261008-" and "0007" to "A-202610080007").
func bodyText(t testing.TB, doc []byte) string {
	t.Helper()
	needPoppler(t)
	// Points at pdftotext's default 72 dpi: the letterhead's rule is at about
	// 28 mm (79 pt), the footer's at 281.5 mm (798 pt).
	out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", "-x", "0", "-y", "82", "-W", "595", "-H", "710",
		writeTemp(t, doc), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func TestLetterLongText(t *testing.T) {
	long := longChinese(500)
	if n := len([]rune(long)); n != 500 || strings.ContainsAny(long, " \u3000") {
		t.Fatalf("the test text has %d runes or a space", n)
	}
	url := "https://www.qingkong-travel.example.cn/complaints/evidence/2026/10/08/A-20261008-0007/photos-of-the-jade-shop-receipts-and-the-guide-schedule.html?case=A-20261008-0007&lang=zh-Hans&token=9f8e7d6c5b4a39281706#evidence"
	mail := "zhang.xiaoming.travel-complaints.2026@customer-mailbox.example.com.cn"
	mixed := "照片和收据已上传至" + url + "，请查收；如需原件，请发邮件至" + mail + "与我联系，谢谢。导游的微信号是zhaolei_guide_lijiang_2026，聊天记录截图也在上述链接中。"
	trad := "入住當晚發現房間與合約所列不符：飯店由五星級「君悅酒店」更換為三星級商務旅館，房間狹小、有霉味，浴室排水不良。領隊表示是地接社安排，無法處理；我們多次致電地接社，均無人接聽。翌日早餐亦未依合約提供，只能自費在外用餐。"
	for _, tc := range []struct {
		name, lang, text string
	}{
		{"500 CJK without space", "zh-Hans", long},
		{"URL and e-mail", "zh-Hans", mixed},
		{"Traditional", "zh-Hant", trad + trad},
		{"English with URL", "en", "Photos are at " + url + " and my e-mail is " + mail + "."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := sampleCase(t, tc.lang, data.StatusAcknowledged)
			c.Description = tc.text
			c.Demand = tc.text
			doc, err := Letter(c, data.LetterAck, testOptions(t, tc.lang))
			if err != nil {
				t.Fatal(err)
			}
			if *lettersOut != "" {
				if err := os.WriteFile(filepath.Join(*lettersOut, "long-"+strings.ReplaceAll(tc.name, " ", "_")+".pdf"), doc, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			text := squeeze(bodyText(t, doc))
			if want := squeeze(tc.text); strings.Count(text, want) != 2 {
				t.Errorf("the text is not complete twice (description and demand) in:\n%s", text)
			}
			checkPagesInked(t, doc)
		})
	}
}

// TestLetterSections checks that a case with little recorded gets a letter
// without empty sections or labels.
func TestLetterSections(t *testing.T) {
	c := sampleCase(t, "zh-Hans", data.StatusAcknowledged)
	c.EvidenceNeeded, c.Booking, c.Demand, c.Amount, c.Channel = "", data.Booking{}, "", 0, ""
	opt := testOptions(t, "zh-Hans")
	opt.Settings.Agency.Email = ""
	doc, err := Letter(c, data.LetterAck, opt)
	if err != nil {
		t.Fatal(err)
	}
	text := squeeze(pdfText(t, doc))
	cat, _ := catalog("zh-Hans")
	for _, key := range []string{"ack.h_evidence", "letter.booking_ref", "letter.product", "letter.demand",
		"letter.amount", "letter.channel", "letter.email"} {
		if strings.Contains(text, squeeze(cat.get(key))) {
			t.Errorf("%s (%q) is printed with nothing to say", key, cat.get(key))
		}
	}
	wantIn(t, text, cat.get("ack.h_receipt"), cat.get("ack.h_contact"), cat.get("ack.h_next"))

	// A closed case without findings or remedies.
	c = sampleCase(t, "en", data.StatusClosed)
	c.Investigation, c.Facts, c.Responsibility, c.RootCause, c.Decision = "", "", "", "", ""
	c.Remedies, c.Preventive, c.PaymentMethod, c.PaymentDue = nil, "", "", ""
	doc, err = Letter(c, data.LetterClosure, testOptions(t, "en"))
	if err != nil {
		t.Fatal(err)
	}
	text = squeeze(pdfText(t, doc))
	cat, _ = catalog("en")
	for _, key := range []string{"closure.h_investigation", "closure.h_findings", "closure.h_decision",
		"closure.h_compensation", "closure.h_preventive", "solution.payment_method"} {
		if strings.Contains(text, squeeze(cat.get(key))) {
			t.Errorf("%s (%q) is printed with nothing to say", key, cat.get(key))
		}
	}
	wantIn(t, text, cat.get("closure.h_disagree"), "12345")
}

// TestLetterRecourse prints the agency's own recourse text instead of the standard one.
func TestLetterRecourse(t *testing.T) {
	own := "您也可以向北京市朝阳区文化和旅游局旅游质量监督管理所投诉，电话 010-1234 5678。"
	opt := testOptions(t, "zh-Hans")
	opt.Settings.Agency.Recourse = map[string]string{"zh-Hans": own, "en": "Not this one."}
	c := sampleCase(t, "zh-Hans", data.StatusDeclined)
	doc, err := Letter(c, data.LetterDecline, opt)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, doc)
	wantIn(t, text, own)
	cat, _ := catalog("zh-Hans")
	if strings.Contains(squeeze(text), squeeze(cat.get("letter.recourse"))) || strings.Contains(text, "Not this one") {
		t.Error("the standard or another language's recourse text is printed too")
	}
}

// TestLetterSignatory signs with the case's handler when the agency names no signatory.
func TestLetterSignatory(t *testing.T) {
	opt := testOptions(t, "zh-Hans")
	opt.Settings.Agency.Signatory = ""
	c := sampleCase(t, "zh-Hans", data.StatusProposed)
	c.Owner = "周立"
	doc, err := Letter(c, data.LetterSolution, opt)
	if err != nil {
		t.Fatal(err)
	}
	wantIn(t, pdfText(t, doc), "签字周立", "客户（签字）", "旅行社（盖章）")
}

func TestLetterSize(t *testing.T) {
	for _, typ := range data.LetterTypes {
		for _, lang := range data.Languages {
			_, doc := renderSample(t, typ, lang)
			t.Logf("%s-%s: %d bytes (%.1f KB)", typ, lang, len(doc), float64(len(doc))/1024)
			if typ == data.LetterAck && len(doc) > 100*1024 {
				t.Errorf("the %s acknowledgement is %d bytes, over 100 KB", lang, len(doc))
			}
		}
	}
}

func TestLetterFileName(t *testing.T) {
	for _, tc := range []struct {
		typ             data.LetterType
		lang, num, want string
	}{
		{data.LetterAck, "zh-Hans", "A-20261008-0007", "受理确认函-A-20261008-0007.pdf"},
		{data.LetterAck, "en", "A-20261008-0007", "Acknowledgement-A-20261008-0007.pdf"},
		{data.LetterDecline, "zh-Hant", "A-1", "不予受理通知書-A-1.pdf"},
		{data.LetterSolution, "zh-Hans", "A/1", "处理方案确认书-A_1.pdf"},
		{data.LetterClosure, "en", "", "Case-closure-notice.pdf"},
		{data.LetterClosure, "xx", "A-1", "结案通知书-A-1.pdf"},
	} {
		if got := LetterFileName(tc.typ, tc.lang, tc.num); got != tc.want {
			t.Errorf("LetterFileName(%s, %s, %q) = %q, want %q", tc.typ, tc.lang, tc.num, got, tc.want)
		}
	}
}

func TestLetterTitle(t *testing.T) {
	want := map[string][]string{
		"zh-Hans": {"受理确认函", "不予受理通知书", "处理方案确认书", "结案通知书", "书面答复"},
		"zh-Hant": {"受理確認函", "不予受理通知書", "處理方案確認書", "結案通知書", "書面答覆"},
		"en":      {"Acknowledgement of your complaint", "Notice of non-acceptance", "Solution confirmation", "Case closure notice", "Written reply to the regulator"},
	}
	for lang, titles := range want {
		for i, typ := range data.LetterTypes {
			if got := LetterTitle(typ, lang); got != titles[i] {
				t.Errorf("LetterTitle(%s, %s) = %q, want %q", typ, lang, got, titles[i])
			}
		}
	}
}

// TestLetterCatalog checks that letters.json has the same keys in every
// language and that every key the letters' code names exists.
// letterOnlyKey matches the keys only letters use.
var letterOnlyKey = regexp.MustCompile(`^(ack|decline|solution|closure|bureau)\.`)

func TestLetterCatalog(t *testing.T) {
	keys := map[string][]string{}
	for _, lang := range data.Languages {
		m, err := present.Catalogue(lang)
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range m {
			if !letterOnlyKey.MatchString(k) {
				continue
			}
			keys[lang] = append(keys[lang], k)
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: %s is empty", lang, k)
			}
		}
		slices.Sort(keys[lang])
	}
	for _, lang := range data.Languages[1:] {
		for _, k := range keys[data.Languages[0]] {
			if _, ok := slices.BinarySearch(keys[lang], k); !ok {
				t.Errorf("%s is missing from the %s catalogue", k, lang)
			}
		}
		for _, k := range keys[lang] {
			if _, ok := slices.BinarySearch(keys[data.Languages[0]], k); !ok {
				t.Errorf("the %s catalogue has %s, %s has not", lang, k, data.Languages[0])
			}
		}
	}

	// Every string literal in the letters' code that looks like a key, and
	// the keys it builds from the data's closed sets.
	used := map[string]bool{}
	fset := token.NewFileSet()
	files, _ := filepath.Glob("letter*.go")
	looksLikeKey := regexp.MustCompile(`^(letter|ack|decline|solution|closure|bureau|remedy|responsibility|channel)\.[a-z_.]+$`)
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil && looksLikeKey.MatchString(s) {
					used[s] = true
				}
			}
			return true
		})
	}
	if len(used) < 40 {
		t.Fatalf("found only %d keys in %v: the scan is broken", len(used), files)
	}
	for _, typ := range data.LetterTypes {
		used["letter."+string(typ)+".title"], used["letter."+string(typ)+".file"] = true, true
	}
	for _, k := range data.RemedyKinds {
		used["remedy."+k] = true
	}
	for _, r := range data.Responsibilities {
		used["responsibility."+string(r)] = true
	}
	for _, ch := range data.Channels {
		used["channel."+string(ch)] = true
	}
	for _, src := range data.ReferralSources {
		used["referral_source."+string(src)] = true
	}
	for _, lang := range data.Languages {
		cat, err := catalog(lang)
		if err != nil {
			t.Fatal(err)
		}
		for k := range used {
			if cat.get(k) == k {
				t.Errorf("%s: the code uses %s, which no catalogue has", lang, k)
			}
		}
	}
	// And the other way: no key only letters use is left unused.
	for _, k := range keys["en"] {
		if !used[k] {
			t.Errorf("the catalogue has %s, which no letter uses", k)
		}
	}
}

// TestLetterTraditional guards against Simplified characters in the
// Traditional letters' own words.
func TestLetterTraditional(t *testing.T) {
	m, err := present.Catalogue("zh-Hant")
	if err != nil {
		t.Fatal(err)
	}
	// Characters whose Simplified form differs and that letters use often.
	const simplified = "们这来时对发经处说问题认过应关与给将为进请况户签约费还务论权联络护国际电话书证责见议诉讼确个于门预间开实现"
	for k, v := range m {
		if i := strings.IndexAny(v, simplified); i >= 0 {
			t.Errorf("%s: Simplified character %q in %q", k, []rune(v[i:])[0], v)
		}
	}
}

func BenchmarkLetter(b *testing.B) {
	c := sampleCase(b, "zh-Hans", data.StatusAcknowledged)
	opt := testOptions(b, "zh-Hans")
	b.ReportAllocs()
	var size int
	for b.Loop() {
		doc, err := Letter(c, data.LetterAck, opt)
		if err != nil {
			b.Fatal(err)
		}
		size = len(doc)
	}
	b.ReportMetric(float64(size)/1024, "KB/letter")
}

// An acknowledgement printed after its resolution date has passed promises
// no date at all rather than one in the past.
func TestAckNeverPromisesAPastDate(t *testing.T) {
	c := sampleCase(t, "zh-Hans", data.StatusAcknowledged)
	due, ok := c.Resolution.Deadline()
	if !ok {
		t.Fatal("the sample has no resolution deadline")
	}
	opt := testOptions(t, "zh-Hans")
	opt.Now = due.Add(24 * time.Hour)
	doc, err := Letter(c, data.LetterAck, opt)
	if err != nil {
		t.Fatal(err)
	}
	text := squeeze(pdfText(t, doc))
	dueText := fmt.Sprintf("%d年%d月%d日", due.Year(), due.Month(), due.Day())
	if strings.Contains(text, dueText) {
		t.Errorf("the letter promises %s, which has passed", dueText)
	}
}
