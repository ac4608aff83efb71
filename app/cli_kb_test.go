package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casebook/data"
)

// A knowledge-base round trip on the command line: add (text and file),
// search with a two-character Chinese word, category first, show, edit,
// remove; the refusals say why.
func TestCLIKnowledgeBaseRoundTrip(t *testing.T) {
	tc := newTestCLI(t)
	tc.ok("staff", "add", "王芳", "--role", "owner", "--by", "王芳")
	tc.ok("staff", "add", "李蕾", "--role", "staff", "--by", "王芳")
	// A read-only look before the first use shows the default articles, unnumbered.
	if out := tc.ok("kb", "list", "--lang", "zh-Hans"); !strings.Contains(out, "服务失误致歉") || !strings.Contains(out, "\n-  ") {
		t.Errorf("list before the first use:\n%s", out)
	}
	out := tc.ok("kb", "add", "--title", "购物店退款", "--body", "强制购物的退款按人计算。", "--category", "forced_shopping",
		"--lang", "zh-Hans", "--tag", "退款,购物", "--by", "王芳")
	if !strings.Contains(out, "购物店退款") {
		t.Errorf("add: %s", out)
	}
	file := filepath.Join(t.TempDir(), "body.txt")
	os.WriteFile(file, []byte("退款原路退回，7 个工作日内到账。\n"), 0o644)
	tc.ok("kb", "add", "--title", "退款时限", "--body-file", file, "--kind", "policy", "--by", "王芳")

	var arts []data.Article
	if err := json.Unmarshal([]byte(tc.ok("kb", "list", "--search", "退款", "--category", "forced_shopping", "--json")), &arts); err != nil {
		t.Fatal(err)
	}
	if len(arts) < 2 || arts[0].Title != "购物店退款" || arts[0].CreatedBy != "王芳" {
		t.Fatalf("list: %+v", arts)
	}
	var timing data.Article
	for _, a := range arts {
		if a.Title == "退款时限" {
			timing = a
		}
	}
	if timing.Kind != data.ArticlePolicy || !strings.HasPrefix(timing.Body, "退款原路退回") {
		t.Fatalf("from the file: %+v", timing)
	}
	id := "#" + jsonID(timing.ID)
	if out := tc.ok("kb", "show", id); !strings.Contains(out, "7 个工作日内到账") {
		t.Errorf("show: %s", out)
	}
	tc.ok("kb", "edit", id, "--title", "退款到账时间", "--by", "王芳")
	if out := tc.ok("kb", "list", "--search", "到账"); !strings.Contains(out, "退款到账时间") {
		t.Errorf("after edit: %s", out)
	}
	// Staff may not change the knowledge base; a bad kind is a usage error.
	if _, errs, code := tc.run("kb", "remove", id, "--yes", "--by", "李蕾"); code != 1 || !strings.Contains(errs, "Supervisor") {
		t.Errorf("staff removes: %d %s", code, errs)
	}
	if _, _, code := tc.run("kb", "list", "--kind", "memo"); code != 2 {
		t.Errorf("bad kind: exit %d", code)
	}
	tc.ok("kb", "remove", id, "--yes", "--by", "王芳")
	if _, errs, code := tc.run("kb", "show", id); code == 0 || !strings.Contains(errs, "article") {
		t.Errorf("removed: %d %s", code, errs)
	}
}

func jsonID(id uint64) string { b, _ := json.Marshal(id); return string(b) }

// Templates: set from a file, refused with the placeholder named, preview,
// reset.
func TestCLITemplates(t *testing.T) {
	tc := newTestCLI(t)
	tc.ok("staff", "add", "王芳", "--role", "owner", "--by", "王芳")
	if out := tc.ok("template", "show", "followup", "--lang", "zh-Hans"); !strings.Contains(out, "非常不满意") {
		t.Errorf("followup: %s", out)
	}
	bad := filepath.Join(t.TempDir(), "bad.txt")
	os.WriteFile(bad, []byte("亲爱的{{.Custmer}}：案件编号：{{.Number}}\n"), 0o644)
	if _, errs, code := tc.run("template", "set", "reply", "--lang", "zh-Hans", "--body-file", bad, "--by", "王芳"); code == 0 || !strings.Contains(errs, "{{.Custmer}}") {
		t.Errorf("bad template: %d %s", code, errs)
	}
	good := filepath.Join(t.TempDir(), "good.txt")
	os.WriteFile(good, []byte("{{.CustomerName}}：\n{{.Text}}\n案件编号：{{.Number}}（本社格式）\n"), 0o644)
	tc.ok("template", "set", "reply", "--lang", "zh-Hans", "--body-file", good, "--by", "王芳")
	if out := tc.ok("template", "preview", "reply", "--lang", "zh-Hans", "--text", "已退款"); !strings.Contains(out, "本社格式") || !strings.Contains(out, "已退款") {
		t.Errorf("preview: %s", out)
	}
	if out := tc.ok("template", "list"); !strings.Contains(out, "王芳") {
		t.Errorf("list: %s", out)
	}
	tc.ok("template", "reset", "reply", "--lang", "zh-Hans", "--by", "王芳")
	if out := tc.ok("template", "show", "reply", "--lang", "zh-Hans"); strings.Contains(out, "本社格式") {
		t.Errorf("after reset: %s", out)
	}
}
