package main

import (
	"encoding/json"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"casebook/app/service"
	"casebook/data/present"
)

// walk calls fn with every command under root, root included.
func walk(cmd *cobra.Command, fn func(*cobra.Command)) {
	fn(cmd)
	for _, sub := range cmd.Commands() {
		walk(sub, fn)
	}
}

// args turns a command's path into the arguments that name it.
func args(cmd *cobra.Command) []string { return strings.Fields(cmd.CommandPath())[1:] }

func TestEveryCommandHasHelp(t *testing.T) {
	tc := newTestCLI(t)
	n := 0
	walk((&cli{}).commands(), func(cmd *cobra.Command) {
		n++
		for _, help := range []string{"--help", "-h"} {
			a := append(args(cmd), help)
			out, errs, code := tc.run(a...)
			if code != 0 || !strings.Contains(out, "Usage:") {
				t.Errorf("casebook %s: exit %d, stdout %q, stderr %q", strings.Join(a, " "), code, out, errs)
			}
		}
	})
	if n < 30 {
		t.Errorf("only %d commands in the tree", n)
	}
	if _, errs, code := tc.run("help", "mail", "retry"); code != 0 {
		t.Errorf("casebook help mail retry: exit %d: %s", code, errs)
	}
}

func TestTopLevelHelpListsEveryCommand(t *testing.T) {
	tc := newTestCLI(t)
	help := tc.ok("--help")
	walk((&cli{}).commands(), func(cmd *cobra.Command) {
		if cmd.HasParent() && !cmd.HasSubCommands() && cmd.Name() != "help" && cmd.Parent().Name() != "completion" {
			if path := strings.Join(args(cmd), " "); !strings.Contains(help, "  "+path+" ") {
				t.Errorf("casebook --help does not list %q", path)
			}
		}
	})
	for _, want := range []string{"mail retry", "staff add", "settings set", "completion", "--by", "Exit codes"} {
		if !strings.Contains(help, want) {
			t.Errorf("casebook --help lacks %q", want)
		}
	}
}

func TestShellCompletion(t *testing.T) {
	tc := newTestCLI(t)
	for _, shell := range []string{"bash", "zsh"} {
		if out := tc.ok("completion", shell); len(out) < 1000 || !strings.Contains(out, "casebook") {
			t.Errorf("completion %s: %d bytes", shell, len(out))
		}
	}
	num := strings.TrimSpace(tc.ok("case", "new", "--customer", "李雷", "--channel", "phone", "--kind", "complaint",
		"--severity", "low", "--subject", "行程变更"))
	// Case numbers come from the database, enumerated values from the domain.
	if out := tc.ok("__complete", "case", "show", "A-"); !strings.Contains(out, num+"\t行程变更") {
		t.Errorf("case numbers not completed:\n%s", out)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"case", "move", num, "--to", ""}, "closed"},
		{[]string{"case", "new", "--severity", ""}, "urgent"},
		{[]string{"case", "new", "--channel", ""}, "hotline"},
		{[]string{"case", "new", "--kind", ""}, "incident"},
		{[]string{"letter", num, "--type", ""}, "closure"},
		{[]string{"letter", num, "--lang", ""}, "zh-Hant"},
		{[]string{"staff", "add", "x", "--role", ""}, "supervisor"},
		{[]string{"settings", "set", ""}, "policy.urgent.first_response"},
	} {
		if out := tc.ok(append([]string{"__complete"}, c.args...)...); !strings.Contains(out, c.want) {
			t.Errorf("__complete %v lacks %q:\n%s", c.args, c.want, out)
		}
	}
}

func TestExitCodes(t *testing.T) {
	tc := newTestCLI(t)
	num := strings.TrimSpace(tc.ok("case", "new", "--customer", "x", "--channel", "phone", "--kind", "complaint",
		"--severity", "low", "--subject", "s"))
	for _, c := range []struct {
		code int
		args []string
	}{
		{2, []string{"nonsense"}},
		{2, []string{"case"}},
		{2, []string{"case", "frobnicate"}},
		{2, []string{"case", "show"}},
		{2, []string{"case", "show", num, "extra"}},
		{2, []string{"case", "list", "--bogus"}},
		{2, []string{"case", "list", "--limit", "many"}},
		{2, []string{"case", "move", num}},
		{2, []string{"case", "move", num, "--to"}},
		{2, []string{"case", "move", num, "--to", "elsewhere"}},
		{2, []string{"case", "new", "--customer", "x"}},
		{2, []string{"staff", "add"}},
		{2, []string{"staff", "add", "x", "--role", "boss"}},
		{2, []string{"settings", "set", "currency"}},
		{2, []string{"--db"}},
		{1, []string{"case", "show", "A-2026-9999"}},
		{1, []string{"case", "move", num, "--to", "closed"}},
		{1, []string{"case", "note", num, "--text", "x", "--by", "nobody"}},
		{1, []string{"settings", "set", "no.such.key", "1"}},
		{1, []string{"settings", "set", "counter_code", "toolong"}},
		{1, []string{"staff", "remove", "nobody"}},
		{0, []string{"case", "show", num}},
		{0, []string{"case", "show", "--json", num}}, // flags before or after the number
	} {
		out, errs, code := tc.run(c.args...)
		if code != c.code {
			t.Errorf("casebook %s: exit %d, want %d: %s", strings.Join(c.args, " "), code, c.code, errs)
		}
		if code != 0 && (out != "" || !strings.HasPrefix(errs, "casebook: ")) {
			t.Errorf("casebook %s: stdout %q, stderr %q", strings.Join(c.args, " "), out, errs)
		}
	}
	// No command starts the desktop app.
	started := ""
	c := &cli{stdout: &strings.Builder{}, stderr: &strings.Builder{}, dbPath: tc.db, lang: "en",
		startGUI: func(path string) error { started = path; return nil }}
	if code := c.run(t.Context(), nil); code != 0 || started != tc.db {
		t.Errorf("casebook with no command: exit %d, GUI started on %q", code, started)
	}
}

func TestStaffAndSettingsRoundTrip(t *testing.T) {
	tc := newTestCLI(t)
	tc.login = "tester"
	if _, errs, code := tc.run("staff", "list"); code != 1 || !strings.Contains(errs, "no database") {
		t.Fatalf("staff list without a database: exit %d: %s", code, errs)
	}
	// Nobody on the list yet: the first changing command's --by becomes the owner, and is told so.
	_, errs, code := tc.run("staff", "add", "李雷", "--role", "supervisor", "--by", "王芳")
	if code != 0 || !strings.Contains(errs, "王芳 is now the owner of this database") {
		t.Fatalf("first staff add: exit %d: %s", code, errs)
	}
	tc.ok("staff", "add", "韩梅梅", "--role", "staff", "--by", "王芳")
	if _, _, code := tc.run("staff", "add", "韩梅梅", "--by", "王芳"); code != 1 {
		t.Errorf("the same name twice: exit %d", code)
	}
	// On a new database, adding oneself as the first makes one the owner.
	other := newTestCLI(t)
	if out := other.ok("staff", "add", "陈静", "--role", "owner", "--by", "陈静"); !strings.Contains(out, "陈静 added as Owner") {
		t.Errorf("first staff add of oneself: %s", out)
	}
	tc.ok("staff", "set", "李雷", "--role", "staff", "--name", "李蕾", "--by", "王芳")
	tc.ok("staff", "remove", "韩梅梅", "--by", "王芳")
	var staff []struct{ Name, Role string }
	if err := json.Unmarshal([]byte(tc.ok("staff", "list", "--json")), &staff); err != nil {
		t.Fatal(err)
	}
	if len(staff) != 2 || staff[0] != (struct{ Name, Role string }{"王芳", "owner"}) ||
		staff[1] != (struct{ Name, Role string }{"李蕾", "staff"}) {
		t.Errorf("staff list: %+v", staff)
	}
	// The login name is not on the list: a clear refusal that says what to do.
	if _, errs, code := tc.run("settings", "set", "currency", "HKD"); code != 1 ||
		!strings.Contains(errs, `Your login name “tester” is not on the staff list`) || !strings.Contains(errs, "--by") {
		t.Errorf("login not on the staff list: exit %d: %s", code, errs)
	}
	// Only the owner changes settings or staff.
	if _, errs, code := tc.run("settings", "set", "currency", "HKD", "--by", "李蕾"); code != 1 ||
		!strings.Contains(errs, "李蕾 (Staff) may not change the settings: this needs the Owner role or higher.") {
		t.Errorf("staff changing settings: exit %d: %s", code, errs)
	}
	if _, errs, code := tc.run("staff", "add", "x", "--by", "李蕾"); code != 1 || !strings.Contains(errs, "李蕾 (Staff) may not change") {
		t.Errorf("staff adding staff: exit %d: %s", code, errs)
	}

	for _, kv := range [][2]string{{"counter_code", "B"}, {"currency", "HKD"}, {"policy.urgent.resolution", "12h"},
		{"business_hours", "08:30-17:30"}, {"holidays", "2026-10-01,2026-10-02"}, {"category.cruise.name.zh-Hans", "邮轮"},
		{"category.cruise.resolution", "48h"}} {
		key, value := kv[0], kv[1]
		if out := tc.ok("settings", "set", key, value, "--by", "王芳"); !strings.HasPrefix(out, key+" = ") {
			t.Errorf("settings set %s: %q", key, out)
		}
	}
	show := tc.ok("settings", "show")
	for _, want := range []string{"counter_code = B", "currency = HKD", "policy.urgent.resolution = 12h", "business_hours = 08:30-17:30",
		"holidays = 2026-10-01,2026-10-02", "category.cruise.name.zh-Hans = 邮轮", "category.cruise.resolution = 48h"} {
		if !strings.Contains(squeeze(show), want) {
			t.Errorf("settings show lacks %q", want)
		}
	}
	for _, k := range service.Keys() { // every key is shown (categories by their slug)
		if !strings.Contains(k[0], "SLUG") && !strings.Contains(show, k[0]) {
			t.Errorf("settings show lacks %s", k[0])
		}
	}
	var st struct {
		CounterCode string `json:"counter_code"`
		Currency    string `json:"currency"`
	}
	if err := json.Unmarshal([]byte(tc.ok("settings", "show", "--json")), &st); err != nil || st.CounterCode != "B" || st.Currency != "HKD" {
		t.Errorf("settings show --json: %+v %v", st, err)
	}
	keys := tc.ok("settings", "keys")
	for _, k := range service.Keys() {
		if !strings.Contains(keys, k[0]) || !strings.Contains(keys, k[1]) {
			t.Errorf("settings keys lacks %s", k[0])
		}
	}
	if num := strings.TrimSpace(tc.ok("case", "new", "--customer", "x", "--channel", "phone", "--kind", "complaint",
		"--severity", "low", "--subject", "s", "--by", "李蕾")); !strings.HasPrefix(num, "B-") {
		t.Errorf("the counter code did not apply: %s", num)
	}
}

// squeeze makes "key   = value" into "key = value".
func squeeze(s string) string {
	for strings.Contains(s, "  =") {
		s = strings.ReplaceAll(s, "  =", " =")
	}
	return s
}

func TestMessagesFollowTheLocale(t *testing.T) {
	for env, want := range map[[3]string]string{
		{"", "", "zh_CN.UTF-8"}:            "zh-Hans",
		{"", "", "zh_TW.UTF-8"}:            "zh-Hant",
		{"", "", "zh_HK.UTF-8"}:            "zh-Hant",
		{"", "zh_MO.UTF-8", "en_US"}:       "zh-Hant",
		{"C", "", "zh_CN.UTF-8"}:           "en",
		{"zh_CN.GB18030", "", "en_GB"}:     "zh-Hans",
		{"", "", "de_DE.UTF-8"}:            "en",
		{"", "", ""}:                       "en",
		{"", "", "zh_Hant_TW.UTF-8"}:       "zh-Hant",
		{"en_US.UTF-8", "", "zh_CN.UTF-8"}: "en",
	} {
		got := langFromEnv(func(k string) string {
			return map[string]string{"LC_ALL": env[0], "LC_MESSAGES": env[1], "LANG": env[2]}[k]
		})
		if got != want {
			t.Errorf("LC_ALL=%q LC_MESSAGES=%q LANG=%q: %s, want %s", env[0], env[1], env[2], got, want)
		}
	}

	tc := newTestCLI(t)
	tc.lang = langFromEnv(func(k string) string { return map[string]string{"LANG": "zh_CN.UTF-8"}[k] })
	num := strings.TrimSpace(tc.ok("case", "new", "--customer", "刘女士", "--channel", "walkin", "--kind", "suggestion",
		"--severity", "low", "--subject", "希望增加老年团", "--by", "王芳"))
	tc.ok("staff", "add", "小李", "--role", "staff", "--by", "王芳")
	tc.ok("case", "move", num, "--to", "acknowledged", "--by", "小李")
	out, errs, code := tc.run("case", "move", num, "--to", "closed", "--by", "小李")
	if code != 1 || out != "" || strings.TrimSpace(errs) != "casebook: 小李（员工）无权关闭案件：需要主管或以上权限。" {
		t.Errorf("a staff member closing: exit %d: %q", code, errs)
	}
	if _, errs, code := tc.run("case", "move", num, "--to", "agreed", "--by", "王芳"); code != 1 ||
		!strings.Contains(errs, "建议案件不能从“已受理”转到“客户已确认”；现在可以转到：调查中、已结案。") {
		t.Errorf("a step the workflow does not allow: exit %d: %s", code, errs)
	}
	if _, errs, code := tc.run("case", "move", num, "--to", "nowhere"); code != 2 || !strings.Contains(errs, "必须是") {
		t.Errorf("a wrong value: exit %d: %s", code, errs)
	}
	if _, errs, code := tc.run("case", "show", "A-2026-9999"); code != 1 || !strings.Contains(errs, "未找到") {
		t.Errorf("not found: exit %d: %s", code, errs)
	}
	if _, errs, code := tc.run("nonsense"); code != 2 || !strings.Contains(errs, "未知命令") {
		t.Errorf("unknown command: exit %d: %s", code, errs)
	}
	if _, errs, code := tc.run("case", "list", "--bogus"); code != 2 || !strings.Contains(errs, "未知选项 --bogus") {
		t.Errorf("unknown option: exit %d: %s", code, errs)
	}
	tc.lang = "zh-Hant"
	if _, errs, _ := tc.run("case", "move", num, "--to", "closed", "--by", "小李"); !strings.Contains(errs, "小李（員工）無權關閉案件") {
		t.Errorf("Traditional Chinese: %s", errs)
	}
}

// The command line is a face of the application layer: no file of it
// reaches for the store or the mail code.
func TestCommandLineUsesOnlyTheApplicationLayer(t *testing.T) {
	files, err := filepath.Glob("cli*.go")
	if err != nil || len(files) < 8 {
		t.Fatalf("found %d files: %v", len(files), err)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		file, err := parser.ParseFile(token.NewFileSet(), f, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range file.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			forbidden := path == "casebook/data/store" || strings.HasPrefix(path, "casebook/data/store/")
			if !strings.HasSuffix(f, "_test.go") {
				forbidden = forbidden || path == "casebook/mailsync" || strings.HasPrefix(path, "casebook/mailsync/") ||
					path == "casebook/pdf"
			}
			if forbidden {
				t.Errorf("%s imports %s: the command line goes through casebook/app/service", f, path)
			}
		}
		if !strings.HasSuffix(f, "_test.go") && strings.Contains(string(src), "store.") {
			t.Errorf("%s calls the store", f)
		}
	}
}

// hasHan reports whether s has a Chinese character.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// englishRun finds three English words in a row, once the commands one
// types (casebook settings keys) are taken out: an English sentence left in
// a Chinese text.
var (
	englishRun   = regexp.MustCompile(`[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}`)
	typedCommand = regexp.MustCompile(`casebook(?: [a-z-]+)*`)
)

func englishSentence(s string) string {
	return englishRun.FindString(typedCommand.ReplaceAllString(s, ""))
}

// helpLang is the command line's language under LANG=locale, as main picks it.
func helpLang(locale string) string {
	return langFromEnv(func(k string) string { return map[string]string{"LANG": locale}[k] })
}

// Under a Chinese locale every summary, description and option of every
// command is Chinese; cobra's own words too.
func TestHelpFollowsTheLocale(t *testing.T) {
	for _, locale := range []string{"zh_CN.UTF-8", "zh_TW.UTF-8"} {
		lang := helpLang(locale)
		n := 0
		walk((&cli{lang: lang}).commands(), func(cmd *cobra.Command) {
			n++
			path := cmd.CommandPath()
			if !hasHan(cmd.Short) || englishSentence(cmd.Short) != "" {
				t.Errorf("%s: %s: Short %q is not Chinese", locale, path, cmd.Short)
			}
			// The shells' own instructions under completion are cobra's (shell scripts).
			if cmd.Parent() == nil || cmd.Parent().Name() != "completion" {
				if cmd.Long != "" && (!hasHan(cmd.Long) || englishSentence(cmd.Long) != "") {
					t.Errorf("%s: %s: Long is not Chinese (%q)", locale, path, englishSentence(cmd.Long))
				}
			}
			cmd.InheritedFlags().VisitAll(func(f *pflag.Flag) {
				if !hasHan(f.Usage) {
					t.Errorf("%s: %s --%s: %q is not Chinese", locale, path, f.Name, f.Usage)
				}
			})
			cmd.LocalFlags().VisitAll(func(f *pflag.Flag) {
				if !hasHan(f.Usage) {
					t.Errorf("%s: %s --%s: %q is not Chinese", locale, path, f.Name, f.Usage)
				}
			})
		})
		if n < 30 {
			t.Errorf("%s: only %d commands in the tree", locale, n)
		}
	}

	// What cobra prints, in each language: the same structure, its words translated.
	for _, c := range []struct {
		locale    string
		want, not []string
	}{
		{"zh_CN.UTF-8",
			[]string{"用法：\n  casebook case [flags]\n  casebook case [command]", "\n可用命令：\n  approve ", "\n选项：\n  -h, --help   显示 casebook case 的帮助",
				"\n全局选项：\n      --db string ", "\n运行“casebook case [command] --help”查看某个命令的详细说明。"},
			[]string{"Usage:", "Available Commands:", "Flags:", "Global Flags:", "for more information", "help for"}},
		{"zh_TW.UTF-8",
			[]string{"用法：\n  casebook case [flags]\n  casebook case [command]", "\n可用命令：\n", "\n選項：\n", "\n全域選項：\n", "\n執行「casebook case [command] --help」查看某個命令的詳細說明。"},
			[]string{"Usage:", "Available Commands:", "Flags:", "Global Flags:", "for more information", "help for"}},
		{"C",
			[]string{"Usage:\n  casebook case [flags]\n  casebook case [command]", "\nAvailable Commands:\n  approve ", "\nFlags:\n  -h, --help   help for casebook case",
				"\nGlobal Flags:\n      --db string ", "\nUse \"casebook case [command] --help\" for more information about a command."},
			[]string{"用法", "选项", "選項"}},
	} {
		tc := newTestCLI(t)
		tc.lang = helpLang(c.locale)
		out, errs, code := tc.run("case", "--help")
		if code != 0 || errs != "" {
			t.Fatalf("LANG=%s casebook case --help: exit %d: %s", c.locale, code, errs)
		}
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("LANG=%s casebook case --help lacks %q:\n%s", c.locale, w, out)
			}
		}
		for _, w := range c.not {
			if strings.Contains(out, w) {
				t.Errorf("LANG=%s casebook case --help has %q:\n%s", c.locale, w, out)
			}
		}
	}

	// The top-level help lists every command with its summary, in the language.
	tc := newTestCLI(t)
	tc.lang = helpLang("zh_CN.UTF-8")
	help := tc.ok("--help")
	zh := (&cli{lang: tc.lang}).commands()
	walk(zh, func(cmd *cobra.Command) {
		if cmd.HasParent() && !cmd.HasSubCommands() && cmd.Name() != "help" && cmd.Parent().Name() != "completion" {
			if line := "  " + strings.Join(args(cmd), " ") + " "; !strings.Contains(help, line) ||
				!strings.Contains(help, cmd.Short+"\n") {
				t.Errorf("casebook --help (zh-Hans) does not list %q with %q", line, cmd.Short)
			}
		}
	})
	for _, want := range []string{"用法：", "可用命令：", "选项：", "退出码", "--by 姓名", "运行“casebook [command] --help”查看某个命令的详细说明。",
		"  help        显示任一命令的帮助"} {
		if !strings.Contains(help, want) {
			t.Errorf("casebook --help (zh-Hans) lacks %q:\n%s", want, help)
		}
	}
	// pflag's "(default …)" too.
	if out := tc.ok("case", "new", "--help"); !strings.Contains(out, `(默认 "other")`) || strings.Contains(out, "(default") {
		t.Errorf("casebook case new --help (zh-Hans): the default is not translated:\n%s", out)
	}

	// Under LANG=C nothing of it is Chinese.
	en := newTestCLI(t)
	if help := en.ok("--help"); hasHan(help) {
		t.Errorf("casebook --help under LANG=C has Chinese:\n%s", help)
	}
	walk((&cli{lang: helpLang("C")}).commands(), func(cmd *cobra.Command) {
		if hasHan(cmd.Short) {
			t.Errorf("LANG=C: %s: %q", cmd.CommandPath(), cmd.Short)
		}
		cmd.LocalFlags().VisitAll(func(f *pflag.Flag) {
			if hasHan(f.Usage) {
				t.Errorf("LANG=C: %s --%s: %q", cmd.CommandPath(), f.Name, f.Usage)
			}
		})
	})
}

// Every command's help is printed in each language: the translated
// templates parse and run for all of them.
func TestEveryCommandHasHelpInChinese(t *testing.T) {
	for _, lang := range []string{"zh-Hans", "zh-Hant"} {
		tc := newTestCLI(t)
		tc.lang = lang
		walk((&cli{lang: lang}).commands(), func(cmd *cobra.Command) {
			a := append(args(cmd), "-h")
			out, errs, code := tc.run(a...)
			if code != 0 || errs != "" || !strings.HasPrefix(out[strings.Index(out, "用法：")+len("用法："):], "\n  casebook") {
				t.Errorf("%s: casebook %s: exit %d, stdout %q, stderr %q", lang, strings.Join(a, " "), code, out, errs)
			}
		})
	}
}

// The settings' keys are explained in the language too, each from the
// catalogue's setting.KEY.
func TestSettingKeysAreExplainedInChinese(t *testing.T) {
	for _, lang := range []string{"zh-Hans", "zh-Hant"} {
		p := present.For(lang)
		for _, k := range service.Keys() {
			if !p.Has("setting." + k[0]) {
				t.Errorf("%s: the catalogue lacks setting.%s (%s)", lang, k[0], k[1])
			}
		}
		tc := newTestCLI(t)
		tc.lang = lang
		lines := strings.Split(strings.TrimRight(tc.ok("settings", "keys"), "\n"), "\n")
		if len(lines) != len(service.Keys()) {
			t.Errorf("%s: settings keys printed %d lines for %d keys", lang, len(lines), len(service.Keys()))
		}
		for _, l := range lines {
			if !hasHan(l) {
				t.Errorf("%s: settings keys: %q", lang, l)
			}
		}
	}
}
