package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"casebook/data"
)

// Shared by the letter and archive tests: realistic cases in each language,
// an agency profile with a logo and a seal, and checks through poppler.

var shanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		return time.FixedZone("CST", 8*3600)
	}
	return loc
}()

// printedAt is the fixed date of golden documents.
var printedAt = time.Date(2026, 11, 23, 15, 30, 0, 0, shanghai)

func testSettings() data.Settings {
	st := data.DefaultSettings()
	st.Staff = []data.Staff{{Name: "王芳", Role: data.RoleStaff}, {Name: "李建国", Role: data.RoleOwner}}
	st.Agency = data.Agency{
		Name:           "北京晴空国际旅行社有限公司",
		Address:        "北京市朝阳区建国路 88 号 SOHO 现代城 B 座 1203 室",
		Phone:          "010-8590 1234",
		Email:          "service@qingkong-travel.example.cn",
		License:        "L-BJ-CJ00123",
		ComplaintPhone: "400-810-1234",
		Signatory:      "李建国",
	}
	return st
}

// testOptions prints in lang with a generated logo and seal.
func testOptions(t testing.TB, lang string) Options {
	return Options{Settings: testSettings(), Logo: testLogo(t), Seal: testSeal(t), Lang: lang,
		Loc: shanghai, Now: printedAt, By: "王芳"}
}

// testLogo is a small blue square; testSeal a red ring on transparency, as a
// scanned seal would be.
func testLogo(t testing.TB) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 120, 120))
	for y := 0; y < 120; y++ {
		for x := 0; x < 120; x++ {
			img.Set(x, y, color.RGBA{20, 80, 160, 255})
		}
	}
	return encodePNG(t, img)
}

func testSeal(t testing.TB) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 200, 200))
	for y := 0; y < 200; y++ {
		for x := 0; x < 200; x++ {
			dx, dy := float64(x-100), float64(y-100)
			r2 := dx*dx + dy*dy
			if (r2 < 95*95 && r2 > 85*85) || (dx*dx+dy*dy < 20*20) {
				img.Set(x, y, color.NRGBA{200, 20, 20, 230})
			}
		}
	}
	return encodePNG(t, img)
}

func encodePNG(t testing.TB, img image.Image) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// caseTexts are the words of a sample case in one language.
type caseTexts struct {
	customer, subject, description, demand, product, destination, guide, supplier  string
	investigation, facts, rootCause, decision, payment, preventive, evidence, note string
	remedyNotes                                                                    [3]string
}

var sampleTexts = map[string]caseTexts{
	"zh-Hans": {
		customer: "张晓明", subject: "云南六日游行程被擅自更改，导游强制购物",
		description: "2026年10月3日，导游未经全团同意取消了玉龙雪山行程，改为前往两家玉石店购物，每家停留超过两小时。团员提出异议后，导游态度恶劣，并称不购物就不安排返程车辆。",
		demand:      "退还玉龙雪山门票及索道费用，赔偿精神损失，导游书面道歉。",
		product:     "云南昆明—大理—丽江六日游（纯玩团）", destination: "丽江", guide: "赵磊", supplier: "丽江彩云地接社",
		investigation: "调取了团队行程单和导游日志，询问了地接社计调及同团三位游客，核对了玉石店的进店记录。",
		facts:         "导游赵磊在未征得游客书面同意的情况下变更行程，安排两次进店购物，合计停留 4 小时 20 分钟，违反了合同约定的“纯玩”条款。",
		rootCause:     "地接社与购物店存在返佣安排，我社对地接社的行程监督不到位。",
		decision:      "我社承担全部责任，退还未履行项目费用，并按合同约定支付违约金，另赠送代金券表示歉意。",
		payment:       "原路退回至您的支付宝账户", preventive: "已暂停与该地接社的合作，所有纯玩团增加行程变更须经领队书面确认的流程，并对导游进行培训。",
		evidence: "请补充提供购物店小票或照片、与导游沟通的聊天记录截图。", note: "已电话联系客户，确认诉求。",
		remedyNotes: [3]string{"玉龙雪山门票及索道费用", "按合同第十二条，团费的 10%", "下次出游可用"},
	},
	"zh-Hant": {
		customer: "陳美玲", subject: "台北五日遊飯店降級，與合約不符",
		description: "2026年9月12日入住時，飯店由合約所列的五星級「君悅酒店」更換為三星級商務旅館，房間狹小且有異味。領隊表示是地接社安排，無法處理。",
		demand:      "退還飯店差價，並賠償違約金。",
		product:     "台北、九份、日月潭五日遊", destination: "台北", guide: "林志豪", supplier: "寶島假期地接社",
		investigation: "核對了合約附件中的飯店名單及地接社的訂房記錄，並與飯店前台確認入住資料。",
		facts:         "地接社因超額訂房，未經告知將旅客改住三星級旅館，每晚差價約新臺幣 3,200 元。",
		rootCause:     "地接社訂房管理疏失，我社未要求其提前確認房源。",
		decision:      "本社承擔責任，退還飯店差價並支付違約金。",
		payment:       "匯入您提供的銀行帳戶", preventive: "要求所有地接社於出發前七日提供飯店確認函，並由本社抽查。",
		evidence: "請提供旅館收據或入住照片。", note: "已致電客戶說明處理進度。",
		remedyNotes: [3]string{"四晚飯店差價", "依合約第九條", "致歉禮券"},
	},
	"en": {
		customer: "Emily Carter", subject: "Flight cancelled, rebooking fee charged twice",
		description: "Our CA1234 flight to Beijing on 2 October 2026 was cancelled. The agency rebooked us on the next day's flight but charged the rebooking fee twice to the same card, and the hotel night in Beijing was lost.",
		demand:      "Refund the duplicate fee and the lost hotel night.",
		product:     "Beijing and Xi'an, 7 days", destination: "Beijing", guide: "Wang Lei", supplier: "Air China; Beijing Grand Hotel",
		investigation: "We checked the payment records with our bank, the airline's cancellation notice and the hotel's no-show policy.",
		facts:         "The rebooking fee of CNY 450.00 was charged twice because of a timeout at our payment terminal. The hotel charged one night as a no-show.",
		rootCause:     "Our payment terminal retried a transaction it had reported as failed.",
		decision:      "We refund the duplicate fee and the lost hotel night, and offer a goodwill voucher.",
		payment:       "Refund to the card used for payment", preventive: "The payment terminal's software was updated and staff now check for duplicate charges before confirming a rebooking.",
		evidence: "Please send the card statement showing both charges.", note: "Called the customer to confirm the details.",
		remedyNotes: [3]string{"Duplicate rebooking fee", "Lost hotel night", "Goodwill voucher for a future trip"},
	},
}

// sampleCase builds a complaint in lang and walks it to status to, with
// findings and remedies recorded on the way.
// sampleFollowUpRemarks are what the customer said at the sample case's follow-up.
var sampleFollowUpRemarks = map[string]string{"zh-Hans": "退款已收到，谢谢", "zh-Hant": "退款已收到，謝謝", "en": "Refund received, thank you"}

func sampleCase(t testing.TB, lang string, to data.Status) data.Case {
	st := testSettings()
	tx := sampleTexts[lang]
	received := time.Date(2026, 10, 8, 9, 30, 0, 0, shanghai)
	n := data.NewCase{Kind: data.KindComplaint, Category: "forced_shopping", Severity: data.SeverityNormal,
		Channel: data.ChannelWalkIn, Subject: tx.subject, Description: tx.description, Demand: tx.demand,
		Amount: 380000, Currency: "CNY",
		Customer: data.Customer{Name: tx.customer, Phone: "138 0013 8000", Email: "customer@example.com"},
		Booking: data.Booking{Ref: "QK-2026-09871", Product: tx.product, Departure: "2026-09-30",
			Destination: tx.destination, Guide: tx.guide, Supplier: tx.supplier},
		ReceivedAt: received, Owner: "王芳", By: "王芳", Language: lang}
	if _, ok := st.Category(n.Category); !ok {
		n.Category = st.Categories[0].Slug
	}
	c := data.NewCaseFrom(n, 42, "A-20261008-0007", 7, st, received)
	at := received
	step := func(s data.Status, note string) {
		at = at.Add(26 * time.Hour)
		if s == data.StatusClosed && c.Status == data.StatusResolved { // closing needs a follow-up
			if err := c.RecordFollowUp(st, data.FollowUp{Channel: data.FollowUpPhone, Reached: true, Rating: 5, Remarks: sampleFollowUpRemarks[lang],
				AcceptsClosing: true}, "王芳", at); err != nil {
				t.Fatalf("follow-up: %v", err)
			}
		}
		if err := c.Move(st, s, "王芳", note, at); err != nil {
			t.Fatalf("move to %s: %v", s, err)
		}
	}
	if to == data.StatusNew {
		return c
	}
	if to == data.StatusDeclined {
		step(data.StatusDeclined, "超出受理范围：投诉事项发生于合同签订之前。")
		return c
	}
	step(data.StatusAcknowledged, "")
	if err := c.AddNote("王芳", tx.note, at.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	f := data.Findings{EvidenceNeeded: tx.evidence}
	if err := c.SetFindings(f, "王芳", at.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if to == data.StatusAcknowledged {
		return c
	}
	step(data.StatusInvestigating, "")
	f = data.Findings{Investigation: tx.investigation, Facts: tx.facts, Responsibility: data.ResponsibilityAgency,
		RootCause: tx.rootCause, Decision: tx.decision, PaymentMethod: tx.payment, PaymentDue: "2026-10-20",
		Preventive: tx.preventive, EvidenceNeeded: tx.evidence,
		Remedies: []data.Remedy{
			{Kind: data.RemedyRefund, Amount: 128000, Note: tx.remedyNotes[0]},
			{Kind: data.RemedyPenalty, Amount: 59800, Note: tx.remedyNotes[1]},
			{Kind: data.RemedyGoodwill, Amount: 50000, Note: tx.remedyNotes[2]},
			{Kind: data.RemedyApology},
		}}
	if err := c.SetFindings(f, "李建国", at.Add(3*time.Hour)); err != nil {
		t.Fatal(err)
	}
	for _, s := range []data.Status{data.StatusProposed, data.StatusAgreed, data.StatusResolved, data.StatusClosed} {
		if c.Status == to {
			break
		}
		step(s, "")
	}
	if c.Status != to {
		t.Fatalf("sample case reached %s, not %s", c.Status, to)
	}
	return c
}

// needPoppler fails with a clear message when poppler-utils is missing
// (make test installs it when run as root).
func needPoppler(t testing.TB) {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdffonts", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is missing: install poppler-utils (make test does, as root)", tool)
		}
	}
}

// pdfText extracts a document's words with pdftotext in reading order.
func pdfText(t testing.TB, doc []byte) string {
	t.Helper()
	needPoppler(t)
	path := writeTemp(t, doc)
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// squeeze drops all white space, so text can be compared across line breaks.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || r == '\u00a0' || r == '\u3000' {
			return -1
		}
		return r
	}, s)
}

var subsetName = regexp.MustCompile(`^[A-Z]{6}\+`)

// checkFontsEmbedded asserts that every font is embedded as a subset.
func checkFontsEmbedded(t testing.TB, doc []byte) {
	t.Helper()
	needPoppler(t)
	out, err := exec.Command("pdffonts", writeTemp(t, doc)).Output()
	if err != nil {
		t.Fatalf("pdffonts: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no font:\n%s", out)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type... emb sub uni object ID: emb and sub are the 5th and 4th fields from the end.
		if len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" || !subsetName.MatchString(f[0]) {
			t.Errorf("font not embedded as a subset: %q", l)
		}
	}
}

// checkPagesInked renders every page at low resolution and fails on a blank one.
func checkPagesInked(t testing.TB, doc []byte) int {
	t.Helper()
	needPoppler(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(path, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-r", "20", "-png", path, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "page*.png"))
	if len(pages) == 0 {
		t.Fatal("pdftoppm rendered no page")
	}
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		inked := 0
		bounds := img.Bounds()
		for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
			for x := bounds.Min.X; x < bounds.Max.X; x++ {
				r, g, b, _ := img.At(x, y).RGBA()
				if r+g+b < 3*0xc000 {
					inked++
				}
			}
		}
		if inked < 50 {
			t.Errorf("%s is blank (%d dark pixels)", filepath.Base(p), inked)
		}
	}
	return len(pages)
}

func writeTemp(t testing.TB, doc []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
