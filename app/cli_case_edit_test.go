package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"casebook/app/service"
	"casebook/data"
	"casebook/ui"
)

// newEditCase records the case the edit and attach tests work on.
func newEditCase(tc *testCLI) string {
	tc.t.Helper()
	return strings.TrimSpace(tc.ok("case", "new", "--customer", "王小明", "--phone", "138 0013 8000",
		"--email", "xm.wang@163.com", "--channel", "walkin", "--kind", "complaint", "--category", "forced_shopping",
		"--severity", "normal", "--subject", "云南六日游导游强制购物", "--description", "在大理玉石店停留两个多小时。",
		"--amount", "1200.50", "--booking", "TB20261101-0042", "--received", "2026-11-23T09:15:00+08:00", "--by", "王芳"))
}

func TestCaseEditGolden(t *testing.T) {
	tc := newTestCLI(t)
	number := newEditCase(tc)
	other := strings.TrimSpace(tc.ok("case", "new", "--customer", "李雷", "--phone", "13700001111", "--channel", "phone",
		"--kind", "complaint", "--severity", "low", "--subject", "退款慢", "--by", "王芳"))
	tc.now = tc.now.Add(time.Hour)
	var out bytes.Buffer
	step := func(args ...string) {
		out.WriteString("$ casebook " + strings.Join(args, " ") + "\n")
		o, e, code := tc.run(args...)
		out.WriteString(o)
		if e != "" {
			out.WriteString("stderr: " + e)
		}
		if code != 0 {
			out.WriteString("exit " + string(rune('0'+code)) + "\n")
		}
	}
	step("case", "edit", number, "--subject", "大理玉石店强制购物", "--amount", "1500", "--kind", "request",
		"--channel", "phone", "--received", "2026-11-23T08:00:00+08:00", "--departure", "2026-11-10", "--guide", "张导")
	step("case", "edit", number, "--subject", "大理玉石店强制购物")
	step("case", "edit", number, "--phone", "137-0000-1111")
	step("case", "edit", number, "--phone", "137-0000-1111", "--customer", "keep")
	step("case", "edit", number, "--email", "not-an-address")
	step("case", "edit", number, "--customer", "merge", "--name", "王晓明")
	step("case", "edit", number)
	step("case", "edit", other, "--phone", "138 0013 8000", "--customer", "move")
	step("case", "show", number)
	golden(t, "case_edit.txt", out.String())

	// Each refused edit changed nothing: the timeline has the events of the
	// two accepted edits only.
	var m struct {
		Timeline []struct{ Code string } `json:"timeline"`
	}
	if err := json.Unmarshal([]byte(tc.ok("case", "show", number, "--json")), &m); err != nil {
		t.Fatal(err)
	}
	edited := 0
	for _, e := range m.Timeline {
		if e.Code == "edited" {
			edited++
		}
	}
	if edited != 8 { // subject, amount, channel, kind, received, departure, guide; then phone
		t.Errorf("%d edited events", edited)
	}
}

func TestCaseAttachGolden(t *testing.T) {
	tc := newTestCLI(t)
	number := newEditCase(tc)
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	receipt := write("购物小票.jpg", append([]byte("\xff\xd8\xff\xe0"), bytes.Repeat([]byte("x"), 2000)...))
	copyOf := write("copy.jpg", append([]byte("\xff\xd8\xff\xe0"), bytes.Repeat([]byte("x"), 2000)...))
	contract := write("合同.pdf", []byte("%PDF-1.4 合同"))
	empty := write("empty.txt", nil)
	big, err := os.Create(filepath.Join(dir, "video.mp4"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(50<<20 + 1); err != nil { // sparse: no 50 MB written
		t.Fatal(err)
	}
	big.Close()
	tc.now = tc.now.Add(time.Hour)
	var out bytes.Buffer
	step := func(args ...string) {
		out.WriteString("$ casebook " + strings.Join(args, " ") + "\n")
		o, e, code := tc.run(args...)
		out.WriteString(o)
		if e != "" {
			out.WriteString("stderr: " + strings.ReplaceAll(e, dir, "DIR"))
		}
		if code != 0 {
			out.WriteString("exit " + string(rune('0'+code)) + "\n")
		}
	}
	rel := func(p string) string { return p }
	step("case", "attach", number, rel(receipt), rel(contract), "--note", "客户提供")
	step("case", "attach", number, rel(copyOf))
	step("case", "attach", number, rel(empty), rel(big.Name()), filepath.Join(dir, "gone.png"))
	step("case", "attach", number)
	step("case", "evidence", number)
	step("case", "evidence", number, "购物小票.jpg", "-o", filepath.Join(dir, "out.jpg"))
	step("case", "evidence", number, "没有.jpg", "-o", "-")
	step("case", "show", number)
	golden(t, "case_attach.txt", strings.ReplaceAll(out.String(), dir, "DIR"))

	if out, _ := os.ReadFile(filepath.Join(dir, "out.jpg")); !bytes.Equal(out, append([]byte("\xff\xd8\xff\xe0"), bytes.Repeat([]byte("x"), 2000)...)) {
		t.Error("case evidence -o did not write the file back byte for byte")
	}
	var m struct {
		Evidence []struct {
			Name, SHA256, By, At, Note string
			Size                       int64
		} `json:"evidence"`
	}
	if err := json.Unmarshal([]byte(tc.ok("case", "show", number, "--json")), &m); err != nil {
		t.Fatal(err)
	}
	if len(m.Evidence) != 2 || m.Evidence[0].Name != "购物小票.jpg" || m.Evidence[0].Size != 2004 ||
		m.Evidence[0].By != "王芳" || m.Evidence[0].Note != "客户提供" || len(m.Evidence[1].SHA256) != 64 {
		t.Errorf("evidence JSON: %+v", m.Evidence)
	}
}

func TestCaseEditSpeaksChinese(t *testing.T) {
	tc := newTestCLI(t)
	number := newEditCase(tc)
	tc.ok("case", "new", "--customer", "李雷", "--phone", "13700001111", "--channel", "phone",
		"--kind", "complaint", "--severity", "low", "--subject", "退款慢", "--by", "王芳")
	tc.lang = "zh-Hans"
	_, errs, code := tc.run("case", "edit", number, "--phone", "13700001111")
	if code != 1 || !strings.Contains(errs, "是另一位客户“李雷”的电话号码") || !strings.Contains(errs, "--customer keep") {
		t.Errorf("exit %d: %s", code, errs)
	}
	out := tc.ok("case", "edit", number, "--subject", "新事由")
	if !strings.Contains(out, "更正事由：“云南六日游导游强制购物” → “新事由”") {
		t.Errorf("zh-Hans: %s", out)
	}
	tc.lang = "zh-Hant"
	if _, errs, _ := tc.run("case", "attach", number, filepath.Join(t.TempDir(), "无.jpg")); !strings.Contains(errs, "沒有這個檔案") {
		t.Errorf("zh-Hant: %s", errs)
	}
}

// Editing and attaching through the command line and through the screens'
// interfaces leave the same case behind.
func TestEditAndAttachSameThroughBothFaces(t *testing.T) {
	ctx := context.Background()
	tc := newTestCLI(t)
	guiNow := tc.now
	svc, err := service.Open(ctx, filepath.Join(t.TempDir(), "gui.db"), service.Options{
		Now: func() time.Time { return guiNow }, Loc: tc.loc, DocsDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	screens := ui.Services{Cases: svc.Cases, Mail: svc.Mail, Documents: svc.Documents, Settings: svc.Settings}
	tc.ok("staff", "add", "陈静", "--role", "supervisor", "--by", "王芳")
	st := screens.Settings.Get()
	st.Staff = []data.Staff{{Name: "王芳", Role: data.RoleOwner}, {Name: "陈静", Role: data.RoleSupervisor}}
	if err := screens.Settings.Save(ctx, data.Actor{}, st); err != nil {
		t.Fatal(err)
	}
	chen, _ := screens.Settings.Actor("陈静")
	wang, _ := screens.Settings.Actor("王芳")

	number := newEditCase(tc)
	received, _ := time.Parse(time.RFC3339, "2026-11-23T09:15:00+08:00")
	amount, _ := data.ParseMoney("1200.50")
	if _, err := screens.Cases.Create(ctx, wang, data.NewCase{Kind: data.KindComplaint, Category: "forced_shopping",
		Severity: data.SeverityNormal, Channel: data.ChannelWalkIn, Subject: "云南六日游导游强制购物",
		Description: "在大理玉石店停留两个多小时。", Amount: amount, Booking: data.Booking{Ref: "TB20261101-0042"},
		ReceivedAt: received, Customer: data.Customer{Name: "王小明", Phone: "138 0013 8000", Email: "xm.wang@163.com"}}); err != nil {
		t.Fatal(err)
	}
	tc.now, guiNow = tc.now.Add(time.Hour), guiNow.Add(time.Hour)
	tc.ok("case", "edit", number, "--subject", "大理玉石店强制购物", "--kind", "request", "--guide", "张导", "--by", "陈静")
	subject, kind, guide := "大理玉石店强制购物", data.KindRequest, "张导"
	if _, err := screens.Cases.Edit(ctx, chen, number, data.CaseEdit{Subject: &subject, Kind: &kind, Guide: &guide}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "收据.jpg")
	if err := os.WriteFile(file, []byte("\xff\xd8\xff receipt"), 0o600); err != nil {
		t.Fatal(err)
	}
	tc.ok("case", "attach", number, file, "--note", "客户提供", "--by", "陈静")
	f, _ := os.Open(file)
	defer f.Close()
	if _, err := screens.Cases.Attach(ctx, chen, number, "收据.jpg", f, "客户提供"); err != nil {
		t.Fatal(err)
	}

	cliSvc, err := service.Open(ctx, tc.db, service.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer cliSvc.Close()
	byCLI, _ := cliSvc.Cases.Get(ctx, number)
	byGUI, _ := svc.Cases.Get(ctx, number)
	if got, want := caseJSON(t, byCLI), caseJSON(t, byGUI); got != want {
		t.Errorf("different cases:\n--- command line\n%s\n--- screens\n%s", got, want)
	}
	if len(byGUI.Evidence) != 1 || len(byGUI.Timeline) != 5 {
		t.Errorf("the flow did not run: %d files, %d events", len(byGUI.Evidence), len(byGUI.Timeline))
	}
}
