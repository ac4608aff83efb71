package pdf

import (
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// wrapTestMeasure is the fixed measure of these tests: CJK and fullwidth runes are
// 1.0 wide, everything else 0.5. Both are exact in binary, so sums are exact.
func wrapTestMeasure(r rune) float64 {
	switch {
	case r < 0x1100:
		return 0.5
	case r >= 0x3000 && r <= 0x30ff, // CJK punctuation and kana (ー is script Common)
		r >= 0x4e00 && r <= 0x9fff, // the common ideographs, without a table look-up
		r >= 0xff01 && r <= 0xff60, r >= 0xffe0 && r <= 0xffe6,
		unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
		return 1
	}
	return 0.5
}

func wrapMeasure(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += wrapTestMeasure(r)
	}
	return w
}

const (
	wrapZhLetter = "尊敬的王先生：您好！您于二〇二六年十一月二十三日通过本社客服热线提交的投诉已经受理。" +
		"经核实，您所参加的《华东五市七日游》旅行团在杭州段确实存在擅自更改行程、减少景点的情况，" +
		"导游亦未事先征得全体团员同意。对此，我社深表歉意。根据《旅游法》及双方签订的旅游合同" +
		"（第十二条、第十五条），我社决定：一、退还被取消景点的门票费用；二、另行补偿每位团员人民币" +
		"三百元整；三、对相关导游予以停岗培训处理。如您对上述处理结果仍有异议，可于收到本函之日起" +
		"十五日内向当地旅游质监所申请调解，或依法向人民法院提起诉讼。“我们始终把游客满意放在首位”" +
		"——这是本社的承诺，也是我们努力的方向。再次感谢您的监督与支持！本函一式两份，由双方签字" +
		"确认后各执一份，具有同等法律效力。若您需要补充材料，请携带身份证件、行程单、付款凭证及相关" +
		"照片，于工作日上午九时至下午五时前往本社门市部办理。届时我们将安排专人接待，当面说明处理" +
		"过程并解答您的疑问。为保护您的个人信息，本函所涉资料仅用于本次投诉处理，不会向任何第三方" +
		"披露。我们也注意到，您在行程中多次向领队反映住宿条件不符合合同约定，却未能得到及时回应，" +
		"这是我们服务上的明显疏漏。今后，本社将加强对领队和导游的培训与考核，完善投诉快速响应机制，" +
		"确保类似问题不再发生。特此函告。"
	wrapZhHant = "旅客投訴處理結果通知書，貴公司於二〇二六年十一月二十三日提交之投訴（案號：A-20261123-0001）" +
		"業經本會調查完畢。茲將處理結果通知如下：一、旅行社同意退還全部團費差額；二、另行賠償新臺幣" +
		"伍仟元整。如對本結果有異議，請於收到本通知書之日起三十日內，以書面向本會申請複議。"
	wrapMixed   = "请于2026年12月1日前致电 +86 10 1234 5678 或写信至 complaints@example-travel.com.cn，谢谢。"
	wrapEnglish = "Dear Ms. Li, thank you for your letter of 23 November 2026 about tour A-20261123-0001. " +
		"We have refunded the museum tickets (EUR 48.00) and apologise for the change of hotel."
	wrapURL   = "https://example-travel.com.cn/complaints/2026/A-20261123-0001?lang=zh-Hans&ref=letter"
	wrapEmail = "customer.service.department@example-travel.com.cn"
)

// wrapZh500 is a 500-character Chinese paragraph without a single space.
var wrapZh500 = string([]rune(wrapZhLetter)[:500])

// wrapLatin500 is 500 characters of Latin without a space or a separator.
var wrapLatin500 = strings.Repeat("Loremipsumdolorsitamet", 23)[:500]

// wrapSamples are the inputs every invariant is checked on (and fuzz seeds).
var wrapSamples = []string{
	"",
	"a",
	"中",
	wrapZh500,
	wrapZhLetter,
	wrapZhHant,
	wrapMixed,
	wrapEnglish,
	wrapURL,
	wrapEmail,
	wrapLatin500,
	"详见（" + wrapURL + "）。",
	"投诉人：张伟\n电话：+86 138 0013 8000\n\n事由：行程擅自变更。\r\n\r\n处理意见：退还差价。\r",
	"\tIndented\twith tabs\t",
	"  two  spaces  between  words  ",
	"      ",
	"中文字，好。一二三。」四五「六七（八九",
	"他说：“好的。”然后离开了。请见附件(一)和附件(二)。",
	"ちょっと待ってください。テーブルの上にコーヒーがあります。",
	"한국어 문장도 줄바꿈이 됩니다. 고객센터에 문의하세요.",
	"Really ? Yes ! foo ) bar ( baz [ qux ]",
	"（（（（（（（（（开））））））））。。。。。。",
	"e\u0301te\u0301 cafe\u0301 👩\u200d👩\u200d👧 中\u0301文",
	"bad \xff\xfe utf8 中\x80文",
	"a\u3000b\u3000中\u3000文",
}

// wrapWidths are the widths every sample is wrapped at.
var wrapWidths = []float64{0.5, 1, 1.5, 2, 3, 4.5, 7, 10, 16.5, 20, 37, 100}

// wrapWithin wraps text, failing the test instead of hanging if wrapText
// does not return.
func wrapWithin(t testing.TB, text string, width float64, runeWidth func(rune) float64) []string {
	t.Helper()
	done := make(chan []string, 1)
	go func() { done <- wrapText(text, width, runeWidth) }()
	select {
	case lines := <-done:
		return lines
	case <-time.After(10 * time.Second):
		t.Fatalf("wrapText(%q, %v) does not return", text, width)
		return nil
	}
}

// checkWrap checks lines, the result of wrapping text at width with
// wrapTestMeasure, against the rules that hold for any input.
func checkWrap(t testing.TB, text string, width float64, lines []string) {
	t.Helper()
	norm := strings.ReplaceAll(text, "\r\n", "\n")
	norm = strings.ReplaceAll(norm, "\r", "\n")
	norm = strings.ReplaceAll(norm, "\t", " ")

	// The spec's check: nothing but spaces and line ends is lost or added.
	squash := strings.NewReplacer(" ", "", "\n", "")
	if got, want := squash.Replace(strings.Join(lines, "")), squash.Replace(norm); got != want {
		t.Fatalf("wrapText(%q, %v) = %q\nrejoined without spaces: %q\nwant %q", text, width, lines, got, want)
	}

	// Hard breaks: the text wraps as its paragraphs do one at a time.
	paras := strings.Split(norm, "\n")
	var all []string
	perPara := make([][]string, len(paras))
	for i, p := range paras {
		perPara[i] = wrapText(p, width, wrapTestMeasure)
		all = append(all, perPara[i]...)
	}
	if !slices.Equal(all, lines) {
		t.Fatalf("wrapText(%q, %v) = %q, but paragraph by paragraph %q", text, width, lines, all)
	}

	checkWidth := width > 0 && !math.IsInf(width, 1)
	for pi, p := range paras {
		pl := perPara[pi]
		if len(pl) == 0 {
			t.Fatalf("paragraph %q at %v gives no line", p, width)
		}
		// Each line is the next piece of the paragraph; only spaces at a break
		// (and an indent too wide for any line) may be skipped.
		pos := 0
		for k, l := range pl {
			if strings.ContainsAny(l, "\n\r\t") {
				t.Fatalf("line %q of %q holds a control character", l, p)
			}
			if k > 0 || !strings.HasPrefix(p[pos:], l) {
				for pos < len(p) && p[pos] == ' ' {
					pos++
				}
			}
			if !strings.HasPrefix(p[pos:], l) {
				t.Fatalf("wrapText(%q, %v) = %q: line %d %q is not what follows in the text: %q",
					p, width, pl, k, l, p[pos:])
			}
			pos += len(l)
			if k > 0 && strings.HasPrefix(l, " ") {
				t.Errorf("wrapText(%q, %v) = %q: line %d starts with a space", p, width, pl, k)
			}
			if k < len(pl)-1 && strings.HasSuffix(l, " ") {
				t.Errorf("wrapText(%q, %v) = %q: line %d ends with a space", p, width, pl, k)
			}
			if l == "" && strings.Trim(p, " ") != "" {
				t.Errorf("wrapText(%q, %v) = %q: line %d is empty", p, width, pl, k)
			}
			if checkWidth && wrapMeasure(l) > width && !wrapUnbreakable(l) {
				t.Errorf("wrapText(%q, %v) = %q: line %d %q is %v wide", p, width, pl, k, l, wrapMeasure(l))
			}
		}
		if rest := p[pos:]; strings.Trim(rest, " ") != "" {
			t.Fatalf("wrapText(%q, %v) = %q: %q is lost", p, width, pl, rest)
		}
	}
}

// wrapUnbreakable reports lines that may be wider than the line width: those
// held together by kinsoku, and a single character (a rune with its marks, or
// an emoji joined with ZWJ; with the paragraph's indent).
func wrapUnbreakable(l string) bool {
	n, prev := 0, rune(0)
	for _, r := range l {
		if isOpening(r) || isClosing(r) {
			return true
		}
		if r != ' ' && !joinsPrevious(r) && prev != zwj {
			n++
		}
		prev = r
	}
	return n <= 1
}

func TestWrapTextInvariants(t *testing.T) {
	for _, s := range wrapSamples {
		for _, w := range wrapWidths {
			checkWrap(t, s, w, wrapWithin(t, s, w, wrapTestMeasure))
		}
	}
}

func TestWrapTextChineseParagraph(t *testing.T) {
	if n := utf8.RuneCountInString(wrapZh500); n != 500 || strings.Contains(wrapZh500, " ") {
		t.Fatalf("the sample has %d runes", n)
	}
	lines := wrapText(wrapZh500, 37, wrapTestMeasure)
	if got := strings.Join(lines, ""); got != wrapZh500 {
		t.Fatalf("rejoined:\n%s\nwant\n%s", got, wrapZh500)
	}
	for i, l := range lines {
		w := wrapMeasure(l)
		if w > 37 {
			t.Errorf("line %d %q is %v wide", i, l, w)
		}
		// Kinsoku pulls down a character or two, never half a line.
		if i < len(lines)-1 && w < 34 {
			t.Errorf("line %d %q is only %v wide", i, l, w)
		}
		first, _ := utf8.DecodeRuneInString(l)
		last, _ := utf8.DecodeLastRuneInString(l)
		if isClosing(first) || isOpening(last) {
			t.Errorf("line %d %q breaks kinsoku", i, l)
		}
	}
	checkWrap(t, wrapZh500, 37, lines)
}

type wrapCase struct {
	name  string
	text  string
	width float64
	want  []string
}

func runWrapCases(t *testing.T, cases []wrapCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := wrapWithin(t, c.text, c.width, wrapTestMeasure)
			if !slices.Equal(got, c.want) {
				t.Errorf("wrapText(%q, %v)\n got %q\nwant %q", c.text, c.width, got, c.want)
			}
			checkWrap(t, c.text, c.width, got)
		})
	}
}

func TestWrapTextKinsoku(t *testing.T) {
	runWrapCases(t, []wrapCase{
		{"comma pulls one down", "中文字，好", 3, []string{"中文", "字，好"}},
		{"closing run stays together", "一二三。」四五", 4, []string{"一二", "三。」四", "五"}},
		{"corner bracket pushed down", "一二三「四五", 4, []string{"一二三", "「四五"}},
		{"parenthesis pushed down", "一二三（四五", 4, []string{"一二三", "（四五"}},
		{"curly quotes", "他说：“好的。”然后离开了。", 6.5, []string{"他说：“好", "的。”然后离开", "了。"}},
		{"ASCII parentheses", "请见附件(一)和附件(二)。", 4.5, []string{"请见附件", "(一)和附", "件(二)。"}},
		{"small kana and prolonged mark", "テーブル", 1, []string{"テー", "ブ", "ル"}},
		{"small kana run", "ちょっと", 2, []string{"ちょっ", "と"}},
		{"hang the comma", "字，", 1, []string{"字，"}},
		{"hang after the opening", "（字", 1, []string{"（字"}},
		{"hang on a narrow line", "一，二", 1, []string{"一，", "二"}},
		{"space before a question mark", "Really ? Yes", 3.5, []string{"Really ?", "Yes"}},
		{"space before a parenthesis", "foo ) bar", 2, []string{"foo )", "bar"}},
		{"word kept with its comma", "complaints@example-travel.com.cn，谢谢。", 16.5,
			[]string{"complaints@example-travel.com.cn，", "谢谢。"}},
	})
}

func TestWrapTextTraditional(t *testing.T) {
	runWrapCases(t, []wrapCase{
		{"notice", wrapZhHant, 15, []string{
			"旅客投訴處理結果通知書，貴公司",
			"於二〇二六年十一月二十三日提交",
			"之投訴（案號：",
			"A-20261123-0001）業經本會調查",
			"完畢。茲將處理結果通知如下：",
			"一、旅行社同意退還全部團費差",
			"額；二、另行賠償新臺幣伍仟元",
			"整。如對本結果有異議，請於收到",
			"本通知書之日起三十日內，以書面",
			"向本會申請複議。",
		}},
	})
}

func TestWrapTextLatin(t *testing.T) {
	runWrapCases(t, []wrapCase{
		{"words stay whole", "The quick brown fox jumps over the lazy dog", 5,
			[]string{"The quick", "brown fox", "jumps over", "the lazy", "dog"}},
		{"letter", wrapEnglish, 20, []string{
			"Dear Ms. Li, thank you for your letter",
			"of 23 November 2026 about tour",
			"A-20261123-0001. We have refunded the",
			"museum tickets (EUR 48.00) and apologise",
			"for the change of hotel.",
		}},
		{"spaces inside a line kept", "a  b   c", 10, []string{"a  b   c"}},
		{"spaces at a break dropped", "aaaa   bbbb", 2, []string{"aaaa", "bbbb"}},
		{"indent kept", "  Dear Sir", 10, []string{"  Dear Sir"}},
		{"indent wider than the line dropped", "      ab", 1, []string{"ab"}},
		{"only spaces", "      ", 1, []string{""}},
		{"long URL", wrapURL, 10, []string{
			"https://example-",
			"travel.com.cn/",
			"complaints/2026/A-",
			"20261123-0001?lang=",
			"zh-Hans&ref=letter",
		}},
		{"long e-mail address", wrapEmail, 8, []string{
			"customer.",
			"service.",
			"department@",
			"example-travel.",
			"com.cn",
		}},
		{"URL in brackets", "详见（" + wrapURL + "）。", 20, []string{
			"详见",
			"（https://example-travel.com.cn/",
			"complaints/2026/A-20261123-0001?lang=zh-",
			"Hans&ref=letter）。",
		}},
	})

	// 500 characters without a space or separator: split anywhere, every
	// line but the last exactly full.
	lines := wrapText(wrapLatin500, 7.5, wrapTestMeasure)
	if got := strings.Join(lines, ""); got != wrapLatin500 {
		t.Fatalf("rejoined %q", got)
	}
	for i, l := range lines[:len(lines)-1] {
		if len(l) != 15 {
			t.Errorf("line %d %q has %d characters, want 15", i, l, len(l))
		}
	}
	if len(lines) != 34 {
		t.Errorf("%d lines, want 34", len(lines))
	}

	// URLs and addresses split after a separator and rejoin exactly.
	for _, s := range []string{wrapURL, wrapEmail} {
		for _, w := range []float64{3, 5, 8, 10, 15} {
			lines := wrapText(s, w, wrapTestMeasure)
			if got := strings.Join(lines, ""); got != s {
				t.Errorf("wrapText(%q, %v) = %q rejoins as %q", s, w, lines, got)
			}
			for _, l := range lines[:len(lines)-1] {
				if wrapMeasure(l) > w {
					t.Errorf("wrapText(%q, %v): line %q is too wide", s, w, l)
				}
			}
			if w >= 8 {
				for _, l := range lines[:len(lines)-1] {
					if !strings.ContainsAny(l[len(l)-1:], "/.@-_?&=#") {
						t.Errorf("wrapText(%q, %v): line %q does not end at a separator", s, w, l)
					}
				}
			}
		}
	}
}

func TestWrapTextMixed(t *testing.T) {
	runWrapCases(t, []wrapCase{
		{"width 7", wrapMixed, 7, []string{
			"请于2026年12月",
			"1日前致电 +86",
			"10 1234 5678",
			"或写信至",
			"complaints@",
			"example-",
			"travel.com.",
			"cn，谢谢。",
		}},
		{"width 10", wrapMixed, 10, []string{
			"请于2026年12月1日前",
			"致电 +86 10 1234",
			"5678 或写信至",
			"complaints@example-",
			"travel.com.cn，谢",
			"谢。",
		}},
		{"width 20", wrapMixed, 20, []string{
			"请于2026年12月1日前致电 +86 10 1234 5678",
			"或写信至",
			"complaints@example-travel.com.cn，谢谢。",
		}},
	})
	// Latin and digit runs never split when they fit; CJK breaks anywhere.
	runs := []string{"2026", "12", "+86", "10", "1234", "5678", "complaints@example-travel.com.cn"}
	for w := 2.0; w <= 40; w += 0.5 {
		lines := wrapText(wrapMixed, w, wrapTestMeasure)
		checkWrap(t, wrapMixed, w, lines)
		joined := strings.Join(lines, "\n")
		for _, r := range runs {
			if wrapMeasure(r) <= w && !strings.Contains(joined, r) {
				t.Errorf("wrapText(wrapMixed, %v) splits %q: %q", w, r, lines)
			}
		}
	}
}

func TestWrapTextHardBreaks(t *testing.T) {
	runWrapCases(t, []wrapCase{
		{"blank lines survive", "第一段\n\n第二段\n", 10, []string{"第一段", "", "第二段", ""}},
		{"CRLF and CR", "甲\r\n乙\r\r丙", 10, []string{"甲", "乙", "", "丙"}},
		{"tabs become spaces", "a\tb\t\tc", 10, []string{"a b  c"}},
		{"empty", "", 10, []string{""}},
		{"soft and hard breaks", "一二三四五\n六七", 2, []string{"一二", "三四", "五", "六七"}},
	})
}

func TestWrapTextDegenerate(t *testing.T) {
	text := "第一段 with words，还有标点。\r\n\r\n" + wrapURL
	paras := []string{"第一段 with words，还有标点。", "", wrapURL}
	for _, w := range []float64{0, -1, math.Inf(-1), math.NaN(), math.Inf(1)} {
		if got := wrapWithin(t, text, w, wrapTestMeasure); !slices.Equal(got, paras) {
			t.Errorf("width %v: %q, want the paragraphs", w, got)
		}
	}
	for name, m := range map[string]func(rune) float64{
		"zero":     func(rune) float64 { return 0 },
		"negative": func(rune) float64 { return -1 },
		"NaN":      func(rune) float64 { return math.NaN() },
		"nil":      nil,
	} {
		if got := wrapWithin(t, text, 10, m); !slices.Equal(got, paras) {
			t.Errorf("%s measure: %q, want the paragraphs", name, got)
		}
	}
	// Every rune wider than the line: one unit per line, nothing lost.
	for _, m := range []func(rune) float64{
		func(rune) float64 { return math.Inf(1) },
		func(rune) float64 { return math.MaxFloat64 },
		func(rune) float64 { return 100 },
	} {
		got := wrapWithin(t, text, 1, m)
		squash := strings.NewReplacer(" ", "", "\n", "", "\r", "")
		if squash.Replace(strings.Join(got, "")) != squash.Replace(text) {
			t.Fatalf("%q loses text", got)
		}
		for _, l := range got {
			if !wrapUnbreakable(l) {
				t.Errorf("line %q holds more than one unit", l)
			}
		}
	}
	// Narrower than every rune with the test measure.
	for _, s := range wrapSamples {
		checkWrap(t, s, 0.25, wrapWithin(t, s, 0.25, wrapTestMeasure))
		checkWrap(t, s, 1e-300, wrapWithin(t, s, 1e-300, wrapTestMeasure))
	}
}

// TestWrapTextMeasuresOnce checks the work is linear: each rune measured once.
func TestWrapTextMeasuresOnce(t *testing.T) {
	text := wrapBenchText(20000)
	calls := 0
	count := func(r rune) float64 { calls++; return wrapTestMeasure(r) }
	lines := wrapText(text, 37, count)
	if n := utf8.RuneCountInString(text); calls != n {
		t.Errorf("%d calls to runeWidth for %d runes", calls, n)
	}
	checkWrap(t, text, 37, lines)
}

// TestWrapTextConcurrent wraps from several goroutines at once, as documents
// are built in parallel; the pooled buffers must not be shared (run -race).
func TestWrapTextConcurrent(t *testing.T) {
	want := make([][]string, len(wrapSamples))
	for i, s := range wrapSamples {
		want[i] = wrapText(s, 7, wrapTestMeasure)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for k := range 20 {
				i := (g + k) % len(wrapSamples)
				if got := wrapText(wrapSamples[i], 7, wrapTestMeasure); !slices.Equal(got, want[i]) {
					t.Errorf("wrapText(%q) = %q, alone %q", wrapSamples[i], got, want[i])
				}
			}
		})
	}
	wg.Wait()
}

func FuzzWrapText(f *testing.F) {
	for _, s := range wrapSamples {
		// Short seeds keep the inputs the fuzzer finds (and minimises) short.
		if rs := []rune(s); len(rs) > 60 {
			s = string(rs[:60])
		}
		f.Add(s, uint8(148))
		f.Add(s, uint8(6))
	}
	f.Add("一二三。」四五", uint8(16))
	f.Add("Really ? Yes", uint8(14))
	f.Fuzz(func(t *testing.T, text string, w uint8) {
		width := float64(w) / 4 // 0 (unwrapped) to 63.75, in steps of half a Latin rune
		checkWrap(t, text, width, wrapWithin(t, text, width, wrapTestMeasure))
	})
}

// wrapBenchText is n runes of mixed Chinese and English in one paragraph.
func wrapBenchText(n int) string {
	unit := []rune(wrapZhLetter + " " + wrapMixed + " " + wrapEnglish + " " + wrapZhHant + " " + wrapURL + " ")
	rs := make([]rune, 0, n)
	for len(rs) < n {
		rs = append(rs, unit...)
	}
	return string(rs[:n])
}

func BenchmarkWrapText(b *testing.B) {
	text := wrapBenchText(100000)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		wrapText(text, 37, wrapTestMeasure)
	}
}
