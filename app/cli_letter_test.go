package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestLettersAndArchivesFromTheCommandLine walks a walk-in complaint through
// every letter: refused while not ready, issued and recorded when ready,
// reprinted byte for byte, and archived alone and with the month's closures.
func TestLettersAndArchivesFromTheCommandLine(t *testing.T) {
	tc := newTestCLI(t)
	dir := t.TempDir()
	out := func(name string) string { return filepath.Join(dir, name) }
	number := strings.TrimSpace(tc.ok("case", "new", "--customer", "张晓明", "--phone", "138 0013 8000",
		"--channel", "walkin", "--kind", "complaint", "--category", "forced_shopping", "--severity", "normal",
		"--subject", "云南六日游导游强制购物", "--description", "在大理玉石店停留两个多小时，不购物不让离开。",
		"--demand", "退还费用并道歉", "--amount", "1200", "--booking", "QK-2026-09871", "--departure", "2026-11-10",
		"--owner", "王芳", "--by", "王芳"))

	tc.ok("staff", "add", "李建国", "--role", "staff") // 王芳 is the owner: she recorded the first case
	// No agency yet: a clear refusal, nothing recorded.
	tc.ok("case", "move", number, "--to", "acknowledged", "--by", "王芳")
	_, errs, code := tc.run("letter", number, "--type", "ack", "-o", out("x.pdf"))
	if code != 1 || !strings.Contains(errs, "agency set --name") {
		t.Fatalf("letter without agency: exit %d: %s", code, errs)
	}
	tc.ok("agency", "set", "--name", "北京晴空国际旅行社有限公司", "--license", "L-BJ-CJ00123",
		"--complaint-phone", "400-810-1234", "--email", "service@example.cn", "--recourse", "zh-Hans=可拨打 12345 热线。")
	if _, errs, code := tc.run("agency", "set", "--email", "not-an-address"); code != 1 || !strings.Contains(errs, "e-mail") {
		t.Errorf("bad agency e-mail: exit %d: %s", code, errs)
	}
	if _, errs, code := tc.run("agency", "set", "--logo", filepath.Join(dir, "missing.png")); code == 0 {
		t.Errorf("missing logo accepted: %s", errs)
	}
	notImage := out("logo.txt")
	os.WriteFile(notImage, []byte("hello"), 0o644)
	if _, errs, code := tc.run("agency", "set", "--logo", notImage); code != 1 || !strings.Contains(errs, "not a PNG or JPEG") {
		t.Errorf("text as logo: exit %d: %s", code, errs)
	}

	// A closure letter for an open case is refused, not printed.
	_, errs, code = tc.run("letter", number, "--type", "closure", "-o", out("closure.pdf"))
	if code != 1 || !strings.Contains(errs, "Only a closed case has a closure letter") {
		t.Errorf("closure of an open case: exit %d: %s", code, errs)
	}
	if _, err := os.Stat(out("closure.pdf")); err == nil {
		t.Error("a refused letter left a file")
	}
	if _, errs, code := tc.run("letter", number, "--type", "thanks"); code != 2 {
		t.Errorf("unknown type: exit %d: %s", code, errs)
	}
	if _, errs, code := tc.run("letter", number, "--type", "ack", "--lang", "fr"); code != 2 {
		t.Errorf("unknown language: exit %d: %s", code, errs)
	}

	// An output folder that does not exist is found out before anything is issued.
	if _, errs, code := tc.run("letter", number, "--type", "ack", "-o", filepath.Join(dir, "missing", "ack.pdf")); code != 1 || !strings.Contains(errs, "cannot write") {
		t.Errorf("unwritable output: exit %d: %s", code, errs)
	}
	tc.ok("letter", number, "--type", "ack", "-o", out("ack.pdf"), "--by", "王芳")
	tc.ok("letter", number, "--type", "ack", "--lang", "en", "-o", out("ack-en.pdf"), "--by", "王芳")
	first, _ := os.ReadFile(out("ack.pdf"))
	if !bytes.HasPrefix(first, []byte("%PDF-")) {
		t.Fatal("the letter is not a PDF")
	}
	text := pdftotext(t, out("ack.pdf"))
	for _, want := range []string{number, "张晓明", "北京晴空国际旅行社有限公司", "可拨打 12345 热线"} {
		if !strings.Contains(text, want) {
			t.Errorf("acknowledgement lacks %q", want)
		}
	}
	if en := pdftotext(t, out("ack-en.pdf")); !strings.Contains(en, number) || strings.Contains(en, "受理确认函") {
		t.Error("the English acknowledgement is not in English")
	}
	// Reprint gives the Simplified Chinese letter exactly as issued, even a day later.
	tc.now = tc.now.Add(24 * time.Hour)
	tc.ok("letter", number, "--type", "ack", "--lang", "zh-Hans", "--reprint", "-o", out("again.pdf"))
	again, _ := os.ReadFile(out("again.pdf"))
	if !bytes.Equal(first, again) {
		t.Error("the reprint differs from the issued letter")
	}
	var shown struct {
		Letters []struct {
			Type, Language, Name, SHA256 string
		} `json:"letters"`
		Timeline []struct{ Type string } `json:"timeline"`
	}
	if err := json.Unmarshal([]byte(tc.ok("case", "show", number, "--json")), &shown); err != nil {
		t.Fatal(err)
	}
	if len(shown.Letters) != 2 || // the refused ones left no trace
		shown.Letters[0].Type != "ack" || shown.Letters[1].Language != "en" {
		t.Errorf("letters on the case: %+v", shown.Letters)
	}

	// Findings and remedies, then the solution confirmation and, once closed, the closure letter.
	tc.ok("case", "move", number, "--to", "investigating", "--by", "王芳")
	if _, errs, code := tc.run("case", "findings", number, "--remedy", "refund:abc"); code != 2 {
		t.Errorf("bad remedy amount: exit %d: %s", code, errs)
	}
	if _, errs, code := tc.run("case", "findings", number, "--payment-due", "2026/13/01"); code != 1 {
		t.Errorf("bad payment date: exit %d: %s", code, errs)
	}
	tc.ok("case", "findings", number, "--facts", "导游擅自安排两次进店购物", "--responsibility", "agency",
		"--decision", "退还费用并支付违约金", "--remedy", "refund:1280:门票及索道", "--remedy", "penalty:598",
		"--payment-method", "原路退回", "--payment-due", "2026-12-01", "--preventive", "暂停与该地接社合作", "--by", "李建国")
	if shown := tc.ok("case", "show", number); !strings.Contains(shown, "Refund · CNY 1,280.00 · 门票及索道") ||
		!strings.Contains(shown, "Total:") || !strings.Contains(shown, "Acknowledgement letter · Simplified Chinese") {
		t.Errorf("case show lacks the findings or letters:\n%s", shown)
	}
	tc.ok("case", "move", number, "--to", "proposed", "--by", "王芳")
	tc.ok("letter", number, "--type", "solution", "-o", out("solution.pdf"))
	sol := pdftotext(t, out("solution.pdf"))
	for _, want := range []string{"1,280.00", "598.00", "导游擅自安排两次进店购物"} {
		if !strings.Contains(sol, want) {
			t.Errorf("solution confirmation lacks %q", want)
		}
	}
	for _, to := range []string{"agreed", "resolved"} {
		tc.ok("case", "move", number, "--to", to, "--by", "王芳")
	}
	tc.ok("case", "followup", number, "--channel", "phone", "--reached", "yes", "--rating", "4", "--remark", "退款已收到", "--by", "王芳")
	tc.ok("case", "move", number, "--to", "closed", "--by", "王芳")
	tc.ok("letter", number, "--type", "closure", "-o", out("closure.pdf"))
	if !strings.Contains(pdftotext(t, out("closure.pdf")), "暂停与该地接社合作") {
		t.Error("closure letter lacks the preventive action")
	}

	// Archives: the case alone, and every case closed that day.
	tc.ok("archive", "--case", number, "-o", out("archive.pdf"))
	arch := pdftotext(t, out("archive.pdf"))
	for _, want := range []string{number, "在大理玉石店停留两个多小时", "导游擅自安排两次进店购物"} {
		if !strings.Contains(arch, want) {
			t.Errorf("archive lacks %q", want)
		}
	}
	day := tc.now.Format(time.DateOnly)
	dayBefore := tc.now.AddDate(0, 0, -1).Format(time.DateOnly)
	res := tc.ok("archive", "--closed-from", dayBefore, "--closed-to", day, "-o", out("month.pdf"))
	month := pdftotext(t, out("month.pdf"))
	if !strings.HasPrefix(res, "1 cases") || !strings.Contains(month, number) {
		t.Errorf("bulk archive: %q", res)
	}
	zhDay := func(t time.Time) string { return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day()) }
	period := "结案日期：" + zhDay(tc.now.AddDate(0, 0, -1)) + " 至 " + zhDay(tc.now)
	if !strings.Contains(month, period) {
		t.Errorf("bulk archive does not name the period %s:\n%s", period, month[:min(len(month), 400)])
	}
	if _, errs, code := tc.run("archive", "--closed-from", "2020-01-01", "--closed-to", "2020-01-31", "-o", out("none.pdf")); code != 1 || !strings.Contains(errs, "no case was closed") {
		t.Errorf("empty period: exit %d: %s", code, errs)
	}
	if _, errs, code := tc.run("archive", "--closed-from", day, "-o", out("x.pdf")); code != 2 {
		t.Errorf("half a period: exit %d: %s", code, errs)
	}
	if _, errs, code := tc.run("archive", "--case", number, "--closed-from", day, "--closed-to", day, "-o", out("x.pdf")); code != 2 {
		t.Errorf("case and period together: exit %d: %s", code, errs)
	}
}

func pdftotext(t *testing.T, path string) string {
	t.Helper()
	b, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v (install poppler-utils; make test does)", path, err)
	}
	return string(b)
}

// At the counter the acknowledgement letter is the first response: issuing
// it for a new case acknowledges the case, and the command says so.
func TestAcknowledgementLetterAcknowledgesANewCase(t *testing.T) {
	tc := newTestCLI(t)
	number := strings.TrimSpace(tc.ok("case", "new", "--customer", "赵女士", "--channel", "walkin", "--kind", "complaint",
		"--severity", "normal", "--subject", "导游迟到一小时"))
	tc.ok("agency", "set", "--name", "北京晴空国际旅行社有限公司")
	out, errs, code := tc.run("letter", number, "--type", "ack", "-o", filepath.Join(t.TempDir(), "ack.pdf"))
	if code != 0 || !strings.Contains(errs, number+" is now acknowledged") || !strings.Contains(out, number+" ack zh-Hans") {
		t.Fatalf("letter --type ack: exit %d\n%s%s", code, out, errs)
	}
	var cs struct{ Status string }
	json.Unmarshal([]byte(tc.ok("case", "show", number, "--json")), &cs)
	if cs.Status != "acknowledged" {
		t.Errorf("status %q after the acknowledgement letter", cs.Status)
	}
	// Issued again, it acknowledges nothing.
	_, errs, _ = tc.run("letter", number, "--type", "ack", "-o", filepath.Join(t.TempDir(), "ack.pdf"))
	if strings.Contains(errs, "acknowledged") {
		t.Errorf("a second acknowledgement: %s", errs)
	}
}
