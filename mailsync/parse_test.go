package mailsync

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// corpusCase lists what matters for one file of testdata/mail. Empty fields
// are not checked, except where a want* flag says so.
type corpusCase struct {
	file      string
	wantErr   bool
	subject   string
	fromName  string
	fromAddr  string
	messageID string
	noID      bool // MessageID must be empty
	textHas   []string
	textNot   []string
	htmlHas   []string
	htmlNot   []string
	noHTML    bool
	atts      []wantAtt // checked in order, and the count must match
	automatic string    // expected AutoReason prefix; "" means not automatic
	bounce    *Bounce   // compared field by field; Reason by substring
	check     func(t *testing.T, p *Parsed)
}

type wantAtt struct {
	name, contentType, contentID string
	inline                       bool
	size                         int
}

// Sizes of the files the corpus generator embedded.
const (
	pdfSize  = 125
	jpgSize  = 22
	pngSize  = 70
	docxSize = 68
)

var corpus = []corpusCase{
	{
		file: "01-utf8-plain-foxmail.eml", subject: "投诉：云南六日游导游强制购物",
		fromName: "王芳", fromAddr: "wangfang1988@qq.com", messageID: "202603071021434385231@qq.com",
		textHas: []string{"导游李某在大理强制购物，\n不进店", "手机：13800138000"}, textNot: []string{"\r"}, noHTML: true,
		check: func(t *testing.T, p *Parsed) {
			wantDate(t, p, time.Date(2026, 3, 7, 2, 21, 43, 0, time.UTC))
			if len(p.To) != 1 || p.To[0] != (Address{"客服中心", "service@example-travel.cn"}) {
				t.Errorf("To = %+v", p.To)
			}
			if strings.HasSuffix(p.Text, "\n") {
				t.Errorf("Text keeps trailing newline: %q", p.Text)
			}
		},
	},
	{
		file: "02-gbk-body-163.eml", subject: "普吉岛酒店与合同不符，要求退差价",
		fromName: "陈建明", fromAddr: "chenjm_1975@163.com",
		textHas: []string{"五星海景房", "合同编号 HT-2026-0214-17", "陈先生"},
	},
	{
		file: "03-gb2312-qp-outlook-express.eml", subject: "航班延误 领队失联",
		fromName: "刘伟", fromAddr: "liuwei@sina.com", messageID: "000801dcac5e$2f6a1b20$8e3f5160$@sina.com",
		textHas: []string{"航班延误了六个小时，领队一直联系不上", "请尽快答复处理方案。"},
	},
	{
		file: "04-gb18030.eml", subject: "机票姓名错误（𠮷）", fromName: "𠮷先生",
		textHas: []string{"我姓𠮷（音同“吉”）"},
	},
	{
		file: "05-big5-traditional.eml", subject: "投訴：行程被取消", fromName: "張美玲",
		fromAddr: "may.cheung@netvigator.com",
		textHas:  []string{"北海道冬季七天團", "導遊沒有任何解釋"},
		check: func(t *testing.T, p *Parsed) {
			if len(p.To) != 1 || p.To[0].Name != "客服部" {
				t.Errorf("To = %+v", p.To)
			}
		},
	},
	{file: "06-cp936-label.eml", subject: "签证材料被退回", fromName: "赵磊", textHas: []string{"在职证明"}},
	{file: "07-x-gbk-label.eml", subject: "行李在大巴上丢失", fromName: "孙丽", textHas: []string{"司机说不负责"}},
	{file: "08-euc-cn-label.eml", subject: "保险理赔", fromAddr: "zhou@example.org", textHas: []string{"旅游意外险"}},
	{
		file: "09-raw-utf8-subject.eml", subject: "退款申请：三亚五日游取消",
		fromName: "吴静", fromAddr: "wujing@example.com", textHas: []string{"三亚五日游并退款"},
		check: func(t *testing.T, p *Parsed) {
			want := []Address{{"客服", "service@example-travel.cn"}, {"王经理", "wang@example-travel.cn"}}
			if len(p.To) != 2 || p.To[0] != want[0] || p.To[1] != want[1] {
				t.Errorf("To = %+v", p.To)
			}
			if len(p.Cc) != 1 || p.Cc[0] != (Address{"李 四", "li4@qq.com"}) {
				t.Errorf("Cc = %+v", p.Cc)
			}
		},
	},
	{
		file: "10-raw-gbk-subject.eml", subject: "导游私自加收小费",
		fromName: "郑强", fromAddr: "zhengq@21cn.com", textHas: []string{"每人加收200元小费"},
	},
	{
		file: "11-html-only-qq.eml", subject: "桂林酒店有蟑螂", fromName: "黄军",
		textHas: []string{"您好，\n", "我们在桂林的酒店房间有蟑螂，前台拒绝换房。\n请看附件照片", "联系电话：13912345678", "黄先生"},
		textNot: []string{"alert", "font-size", "<div>", "steal"},
		htmlHas: []string{"<b>蟑螂</b>", "<div>"},
		htmlNot: []string{"<script", "alert(", "onclick", "onmouseover", "onerror", "<style", "font-size", "tel:"},
	},
	{
		file: "12-alternative-outlook.eml", subject: "咨询日本签证", fromName: "徐明",
		textHas: []string{"我想咨询一下日本签证需要哪些材料。\n\n谢谢\n徐明"}, textNot: []string{"<b>"},
		htmlHas: []string{"<b>日本签证</b>"},
	},
	{
		file: "13-mixed-pdf-rfc2231-gbk.eml", subject: "退款申请（附发票）", fromName: "冯宇",
		textHas: []string{"退款申请表见附件。"},
		atts:    []wantAtt{{name: "退款申请表.pdf", contentType: "application/pdf", size: pdfSize}},
		check: func(t *testing.T, p *Parsed) {
			if !strings.HasPrefix(string(p.Attachments[0].Data), "%PDF-1.4") {
				t.Errorf("PDF data not decoded: %q", p.Attachments[0].Data[:8])
			}
		},
	},
	{
		file: "14-rfc2231-continuation.eml", textHas: []string{"行程单和合同"},
		atts: []wantAtt{
			{name: "行程单-北京故宫长城五日游-2026年3月20日出发.pdf", contentType: "application/pdf", size: pdfSize},
			{name: "合同扫描件.jpg", contentType: "image/jpeg", size: jpgSize},
		},
	},
	{
		file: "15-go-mail-encoded-word-name.eml", subject: "[案件 A-2026-0001] 处理结果通知",
		fromName: "客服中心", fromAddr: "service@example-travel.cn", messageID: "case-A-2026-0001.res9@casebook.local",
		textHas: []string{"附件是处理结果通知书"}, htmlHas: []string{`src="cid:签名章.png"`},
		atts: []wantAtt{
			{name: "签名章.png", contentType: "image/png", contentID: "签名章.png", inline: true, size: pngSize},
			{name: "投诉处理结果通知书（A-2026-0001）.pdf", contentType: "application/pdf", size: 44},
		},
	},
	{
		file: "16-related-inline-image.eml", subject: "酒店房间不干净", fromName: "李静",
		textHas: []string{"房间的照片如下："}, htmlHas: []string{`src="cid:1A2B3C4D@foxmail.com"`},
		atts: []wantAtt{{name: "房间照片.png", contentType: "image/png", contentID: "1A2B3C4D@foxmail.com", inline: true, size: pngSize}},
	},
	{
		file: "17-nested-mixed-related-alt.eml", subject: "退改签申请", fromAddr: "mali@icloud.com",
		messageID: "A1B2C3D4-E5F6-4789-9ABC-DEF012345678@icloud.com",
		textHas:   []string{"请把航班改到3月25日。\n登机牌见图。"}, htmlHas: []string{"cid:F0E1D2C3-0017@icloud.com"},
		atts: []wantAtt{
			{name: "boarding.png", contentType: "image/png", contentID: "F0E1D2C3-0017@icloud.com", inline: true, size: pngSize},
			{name: "退改签申请表.docx", contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", size: docxSize},
		},
	},
	{
		file: "18-rfc822-attachment-gmail.eml", subject: "Fwd: 就在大理的事（证据）",
		textHas: []string{"转发给你们作为证据。"}, textNot: []string{"录音"},
		atts: []wantAtt{{name: "就在大理的事.eml", contentType: "message/rfc822", size: -1}},
		check: func(t *testing.T, p *Parsed) {
			if !strings.Contains(string(p.Attachments[0].Data), "Message-ID: <inner-0018@example.com>") {
				t.Errorf("rfc822 attachment lost its content")
			}
		},
	},
	{
		file: "19-missing-message-id.eml", noID: true, subject: "门店投诉记录",
		textHas: []string{"退款迟迟未到账"},
	},
	{
		file: "20-missing-date.eml", subject: "发票还没收到",
		check: func(t *testing.T, p *Parsed) { wantDate(t, p, time.Time{}) },
	},
	{
		file: "21-bad-date.eml", subject: "bad date",
		check: func(t *testing.T, p *Parsed) { wantDate(t, p, time.Time{}) },
	},
	{
		file: "22-reply-threading.eml", subject: "Re: [案件 A-2026-0001] 已受理您的投诉",
		fromName: "王芳", fromAddr: "wangfang1988@qq.com", textHas: []string{"好的，等你们回复。"},
		check: func(t *testing.T, p *Parsed) {
			if p.InReplyTo != "case-A-2026-0001.ack1@casebook.local" {
				t.Errorf("InReplyTo = %q", p.InReplyTo)
			}
			want := []string{"202603071021434385231@qq.com", "case-A-2026-0001.ack1@casebook.local"}
			if strings.Join(p.References, " ") != strings.Join(want, " ") {
				t.Errorf("References = %q", p.References)
			}
		},
	},
	{file: "23-auto-submitted-exmail.eml", automatic: "Auto-Submitted: auto-replied", subject: "收到：感谢您的来信"},
	{file: "24-x-autoreply-ooo.eml", automatic: "X-Autoreply", subject: "Out of Office: Re: 导游投诉"},
	{file: "25-qq-auto-reply-subject.eml", automatic: "subject 自动回复", fromName: "周女士", textHas: []string{"假期自动回复"}},
	{file: "26-mailing-list.eml", automatic: "Precedence: list", subject: "【通知】清明节出游提示"},
	{
		file: "27-dsn-failed-postfix.eml", automatic: "Content-Type: multipart/report",
		fromAddr: "mailer-daemon@mail.example-travel.cn", textHas: []string{"could not\nbe delivered"},
		bounce: &Bounce{OriginalMessageID: "case-A-2026-0001.abc123@casebook.local", Recipient: "nobody-here@qq.com",
			Reason: "550 5.1.1 Mailbox not found.", Permanent: true},
		atts: []wantAtt{{name: "[案件 A-2026-0001] 您的投诉已受理.eml", contentType: "message/rfc822", size: -1}},
	},
	{
		file: "28-dsn-delayed.eml", automatic: "Content-Type: multipart/report",
		bounce: &Bounce{OriginalMessageID: "case-A-2026-0007.def456@casebook.local", Recipient: "guest@slow-hotel.example",
			Reason: "Connection timed out", Permanent: false},
	},
	{
		file: "29-mailer-daemon-qmail.eml", automatic: "Return-Path: <>", subject: "failure notice",
		bounce: &Bounce{OriginalMessageID: "case-A-2026-0009.0a0b0c@casebook.local", Recipient: "lisi@old-isp.example",
			Reason: "no mailbox here", Permanent: true},
	},
	{
		file: "30-noreply-newsletter.eml", automatic: "sender noreply", fromAddr: "noreply@trip-promo.example.cn",
		textHas: []string{"清明特价 三亚 ¥1999 起", "退订 <https://trip-promo.example.cn/u?id=1>"},
	},
	{
		file: "31-truncated.eml", subject: "截断的邮件", textHas: []string{"邮件可能没发完整"},
		atts: []wantAtt{{name: "photo.jpg", contentType: "image/jpeg", size: -1}},
	},
	{
		file: "32-163-bounce.eml", automatic: "sender postmaster", subject: "系统退信",
		bounce: &Bounce{OriginalMessageID: "case-A-2026-0012.77aa88@casebook.local", Recipient: "wrong-address@163.com",
			Reason: "收件人邮箱地址不存在", Permanent: true},
		atts: []wantAtt{{name: "original.eml", contentType: "message/rfc822", size: -1}},
	},
	{
		file: "33-garbled-header.eml", subject: "This subject was folded without a leading space",
		messageID: "garbled-0033@example.com", fromAddr: "broken@example.com",
		textHas: []string{"body starts here without a blank line\nsecond body line"},
	},
	{
		file: "34-cst-date-bare-lf.eml", subject: "小孩半票", textHas: []string{"儿童票怎么算？"},
		check: func(t *testing.T, p *Parsed) { wantDate(t, p, time.Date(2026, 3, 30, 2, 11, 12, 0, time.UTC)) },
	},
	{
		file: "35-split-encoded-word.eml", subject: "酒店早餐不提供", textHas: []string{"早餐券没有给。"},
		check: func(t *testing.T, p *Parsed) {
			if p.From != (Address{"Zhang, San", "zs@example.com"}) {
				t.Errorf("From = %+v", p.From)
			}
			if len(p.To) != 2 || p.To[1].Address != "manager@example-travel.cn" {
				t.Errorf("To = %+v", p.To)
			}
		},
	},
	{
		file: "36-exim-x-failed-recipients.eml", automatic: "X-Failed-Recipients",
		bounce: &Bounce{OriginalMessageID: "case-A-2026-0015.ffee11@casebook.local", Recipient: "reservations@hotel-group.example",
			Reason: "550 5.7.1 Relaying denied", Permanent: true},
	},
	{
		file: "37-unnamed-attachments.eml", textHas: []string{"两张照片。"},
		atts: []wantAtt{
			{name: "attachment-1.jpg", contentType: "image/jpeg", size: jpgSize},
			{name: "attachment-2.bin", contentType: "application/octet-stream", size: 10},
		},
	},
	{
		file: "38-html-meta-charset-gbk.eml", subject: "导游态度恶劣", fromName: "孔先生",
		textHas: []string{"导游态度恶劣。\n\n请回电。"}, htmlHas: []string{"<p>请回电。</p>"}, htmlNot: []string{"<meta"},
	},
	{file: "39-dsn-delivered.eml", automatic: "Content-Type: multipart/report", textHas: []string{"successfully delivered"}},
	{file: "40-not-mail.eml", wantErr: true},
	{file: "41-raw-big5-subject.eml", subject: "退款進度查詢", fromName: "陳大文", textHas: []string{"請問退款何時到帳？"}},
}

func TestParseCorpus(t *testing.T) {
	files, err := filepath.Glob("testdata/mail/*.eml")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, c := range corpus {
		listed[c.file] = true
	}
	for _, f := range files {
		if !listed[filepath.Base(f)] {
			t.Errorf("%s has no entry in the corpus table", f)
		}
	}

	for _, c := range corpus {
		t.Run(c.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata/mail", c.file))
			if err != nil {
				t.Fatal(err)
			}
			p, err := Parse(raw)
			if c.wantErr {
				if err == nil || !errors.Is(err, ErrUnreadable) {
					t.Fatalf("Parse error = %v, want ErrUnreadable", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			checkCorpus(t, c, p)
		})
	}
}

func checkCorpus(t *testing.T, c corpusCase, p *Parsed) {
	t.Helper()
	if c.subject != "" && p.Subject != c.subject {
		t.Errorf("Subject = %q, want %q", p.Subject, c.subject)
	}
	if c.fromName != "" && p.From.Name != c.fromName {
		t.Errorf("From.Name = %q, want %q", p.From.Name, c.fromName)
	}
	if c.fromAddr != "" && p.From.Address != c.fromAddr {
		t.Errorf("From.Address = %q, want %q", p.From.Address, c.fromAddr)
	}
	if c.messageID != "" && p.MessageID != c.messageID {
		t.Errorf("MessageID = %q, want %q", p.MessageID, c.messageID)
	}
	if c.noID && p.MessageID != "" {
		t.Errorf("MessageID = %q, want none", p.MessageID)
	}
	if !c.noID && c.messageID == "" && p.MessageID == "" {
		t.Errorf("MessageID is empty")
	}
	for _, s := range c.textHas {
		if !strings.Contains(p.Text, s) {
			t.Errorf("Text lacks %q:\n%s", s, p.Text)
		}
	}
	for _, s := range c.textNot {
		if strings.Contains(p.Text, s) {
			t.Errorf("Text contains %q:\n%s", s, p.Text)
		}
	}
	for _, s := range c.htmlHas {
		if !strings.Contains(p.HTML, s) {
			t.Errorf("HTML lacks %q:\n%s", s, p.HTML)
		}
	}
	for _, s := range append([]string{"<script", "javascript:"}, c.htmlNot...) {
		if strings.Contains(strings.ToLower(p.HTML), strings.ToLower(s)) {
			t.Errorf("HTML contains %q:\n%s", s, p.HTML)
		}
	}
	if c.noHTML && p.HTML != "" {
		t.Errorf("HTML = %q, want none", p.HTML)
	}
	for _, s := range []string{p.Subject, p.Text, p.HTML, p.From.Name} {
		if !utf8.ValidString(s) || strings.ContainsRune(s, utf8.RuneError) {
			t.Errorf("not clean UTF-8: %q", s)
		}
	}

	if len(p.Attachments) != len(c.atts) {
		t.Errorf("%d attachments, want %d: %+v", len(p.Attachments), len(c.atts), attNames(p))
	} else {
		for i, w := range c.atts {
			a := p.Attachments[i]
			if a.Name != w.name || a.ContentType != w.contentType || a.ContentID != w.contentID || a.Inline != w.inline {
				t.Errorf("attachment %d = {%q %q cid=%q inline=%v}, want %+v", i, a.Name, a.ContentType, a.ContentID, a.Inline, w)
			}
			if w.size >= 0 && len(a.Data) != w.size {
				t.Errorf("attachment %d size = %d, want %d", i, len(a.Data), w.size)
			}
			if len(a.Data) == 0 {
				t.Errorf("attachment %d is empty", i)
			}
		}
	}

	switch {
	case c.automatic == "" && p.Automatic:
		t.Errorf("Automatic (%q), want a person's mail", p.AutoReason)
	case c.automatic != "" && (!p.Automatic || !strings.HasPrefix(p.AutoReason, c.automatic)):
		t.Errorf("Automatic = %v %q, want reason %q", p.Automatic, p.AutoReason, c.automatic)
	}

	switch {
	case c.bounce == nil && p.Bounce != nil:
		t.Errorf("Bounce = %+v, want none", *p.Bounce)
	case c.bounce != nil && p.Bounce == nil:
		t.Errorf("no Bounce, want %+v", *c.bounce)
	case c.bounce != nil:
		b := p.Bounce
		if b.OriginalMessageID != c.bounce.OriginalMessageID || b.Recipient != c.bounce.Recipient ||
			b.Permanent != c.bounce.Permanent || !strings.Contains(b.Reason, c.bounce.Reason) {
			t.Errorf("Bounce = %+v, want %+v", *b, *c.bounce)
		}
	}
	if c.check != nil {
		c.check(t, p)
	}
}

func attNames(p *Parsed) []string {
	var n []string
	for _, a := range p.Attachments {
		n = append(n, a.Name+" "+a.ContentType)
	}
	return n
}

func wantDate(t *testing.T, p *Parsed, want time.Time) {
	t.Helper()
	if !p.Date.Equal(want) {
		t.Errorf("Date = %v, want %v", p.Date, want)
	}
}

func TestParseDate(t *testing.T) {
	cst := time.FixedZone("", 8*3600)
	want := time.Date(2026, 3, 7, 10, 21, 43, 0, cst)
	for _, v := range []string{
		"Sat, 7 Mar 2026 10:21:43 +0800",
		"Sat,  7 Mar 2026 10:21:43 +0800 (CST)",
		"7 Mar 2026 10:21:43 +0800",
		"Sat, 07 Mar 2026 10:21:43 CST",
		"Sat, 7 Mar 2026 10:21:43 GMT+08:00",
		"Sat, 7 Mar 2026 02:21:43 GMT",
		"Sat, 7 Mar 2026 10:21:43 +08:00",
		"2026-03-07 10:21:43 +0800",
		"2026-03-07T10:21:43+08:00",
		"2026-03-07 10:21:43",
		"2026/3/7 10:21:43",
		"Sat Mar  7 10:21:43 2026",
		"Saturday, 7 March 2026 10:21:43 +0800",
	} {
		if got := parseDate(v); !got.Equal(want) {
			t.Errorf("parseDate(%q) = %v, want %v", v, got, want)
		}
	}
	for _, v := range []string{"", "tomorrow", "2026年3月7日", "Sat, 32 Mar 2026 10:21:43 +0800", "\xff\xfe"} {
		if got := parseDate(v); !got.IsZero() {
			t.Errorf("parseDate(%q) = %v, want zero", v, got)
		}
	}
}

func TestMsgIDList(t *testing.T) {
	cases := map[string][]string{
		"<a@x> <b@y>":             {"a@x", "b@y"},
		"<a@x>\r\n\t<b@y>":        {"a@x", "b@y"},
		"<a@x><b@y>":              {"a@x", "b@y"},
		"a@x b@y":                 {"a@x", "b@y"},
		"a@x, b@y":                {"a@x", "b@y"},
		"<a@x> (added by client)": {"a@x"},
		"<a @x>":                  {"a@x"},
		"":                        nil,
		"<>":                      nil,
	}
	for in, want := range cases {
		if got := msgIDList(in); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("msgIDList(%q) = %q, want %q", in, got, want)
		}
	}
	if got := firstID("bare-id-without-at"); got != "bare-id-without-at" {
		t.Errorf("firstID bare = %q", got)
	}
}

func TestParseAddressListLenient(t *testing.T) {
	cases := []struct {
		in   string
		want []Address
	}{
		{`"=?GBK?B?1cXI/Q==?=" <ZhangSan@QQ.com>`, []Address{{"张三", "zhangsan@qq.com"}}},
		{`=?GBK?B?1cXI/Q==?= <zs@qq.com>, =?big5?B?s6+kaqTl?= <b@x.hk>`, []Address{{"张三", "zs@qq.com"}, {"陳大文", "b@x.hk"}}},
		{`a@qq.com; B@163.com`, []Address{{"", "a@qq.com"}, {"", "b@163.com"}}},
		{`Zhang San.Jr. <zs@x.com>`, []Address{{"Zhang San.Jr.", "zs@x.com"}}},
		{`zs@x.com (张三)`, []Address{{"张三", "zs@x.com"}}},
		{`undisclosed-recipients:;`, nil},
		{`<zs@x.com>`, []Address{{"", "zs@x.com"}}},
		{`"zs@x.com" <zs@x.com>`, []Address{{"", "zs@x.com"}}},
		{`MAILER-DAEMON (Mail Delivery System) <MAILER-DAEMON>`, []Address{{"MAILER-DAEMON (Mail Delivery System)", "mailer-daemon"}}},
	}
	for _, c := range cases {
		got := parseAddressList(c.in, "")
		if len(got) != len(c.want) {
			t.Errorf("parseAddressList(%q) = %+v, want %+v", c.in, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("parseAddressList(%q)[%d] = %+v, want %+v", c.in, i, got[i], c.want[i])
			}
		}
	}
}

func TestParseUnreadable(t *testing.T) {
	for _, raw := range []string{"", "\r\n\r\n", "just some text\nwithout any header\n", "\x00\x01\x02"} {
		if p, err := Parse([]byte(raw)); err == nil || !errors.Is(err, ErrUnreadable) {
			t.Errorf("Parse(%q) = %+v, %v; want ErrUnreadable", raw, p, err)
		}
	}
}

func TestParseLenientStructure(t *testing.T) {
	cases := []struct {
		name, raw, textHas string
		atts               int
	}{
		{"mbox From line", "From someone@x Sat Mar  7 10:00:00 2026\nSubject: hi\n\nbody\n", "body", 0},
		{"multipart without boundary param", "Content-Type: multipart/mixed\n\n--xyz\nContent-Type: text/plain\n\nhello\n--xyz--\n", "hello", 0},
		{"boundary never found", "Content-Type: multipart/mixed; boundary=nope\n\nplain text after all\n", "plain text after all", 0},
		{"bad base64", "Subject: x\nContent-Transfer-Encoding: base64\n\n5L2g5aW9!!!\n", "你好", 0},
		{"bad qp", "Subject: x\nContent-Transfer-Encoding: quoted-printable\n\n=E4=BD=A0=ZZ=E5=A5=BD\n", "你", 0},
		{"unknown charset", "Subject: x\nContent-Type: text/plain; charset=x-unknown\n\n\xc4\xe3\xba\xc3\n", "你好", 0},
		{"mislabelled utf-8", "Subject: x\nContent-Type: text/plain; charset=gb2312\n\n你好\n", "你好", 0},
		{"duplicate params", "Content-Type: multipart/mixed; boundary=b; boundary=c\n\n--b\n\nhi\n--b\nContent-Type: image/gif\n\nGIF89a\n--b--\n", "hi", 1},
		{"path in file name", "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: application/msword; name=\"C:\\\\Users\\\\me\\\\a.doc\"\n\nx\n--b--\n", "", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := Parse([]byte(c.raw))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(p.Text, c.textHas) {
				t.Errorf("Text = %q, want %q", p.Text, c.textHas)
			}
			if len(p.Attachments) != c.atts {
				t.Errorf("attachments = %v", attNames(p))
			}
			for _, a := range p.Attachments {
				if strings.ContainsAny(a.Name, `/\`) {
					t.Errorf("name keeps a path: %q", a.Name)
				}
			}
		})
	}
}

func TestHTMLToText(t *testing.T) {
	in := `<div>第一行</div><div>第二行</div><div><br></div><div>第四行&nbsp;<a href="https://x.cn/a">链接</a></div>` +
		`<table><tr><td>A</td><td>B</td></tr><tr><td>C</td><td>D</td></tr></table><ul><li>一</li><li>二</li></ul>`
	got := htmlToText(htmlPolicy.Sanitize(in))
	for _, want := range []string{"第一行\n第二行\n\n第四行 链接 <https://x.cn/a>", "A B", "C D", "- 一", "- 二"} {
		if !strings.Contains(got, want) {
			t.Errorf("htmlToText lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "\n\n\n") {
		t.Errorf("more than one blank line:\n%q", got)
	}
}

func TestNormalizeText(t *testing.T) {
	if got := normalizeText("\uFEFFa\r\nb\rc  \r\n\r\n \t"); got != "a\nb\nc" {
		t.Errorf("normalizeText = %q", got)
	}
	if got := normalizeText("  keep leading\n"); got != "  keep leading" {
		t.Errorf("normalizeText = %q", got)
	}
}

func TestAttachmentNames(t *testing.T) {
	gbk := func(s string) string { b, _ := simplifiedchinese.GBK.NewEncoder().String(s); return b }
	cases := []struct{ name, headers, want string }{
		{"encoded word, GBK, quoted", "Content-Disposition: attachment; filename=\"=?GBK?B?" + testB64(gbk("合同.pdf")) + "?=\"", "合同.pdf"},
		{"encoded word, unquoted", "Content-Disposition: attachment; filename==?utf-8?B?" + testB64("合同.pdf") + "?=", "合同.pdf"},
		{"raw GBK, quoted", "Content-Disposition: attachment; filename=\"" + gbk("发票.jpg") + "\"", "发票.jpg"},
		{"raw UTF-8, unquoted", "Content-Disposition: attachment; filename=发票.jpg", "发票.jpg"},
		{"name only in Content-Type", "Content-Type: application/pdf; name=\"=?gb2312?Q?" + qEncode(gbk("行程.pdf")) + "?=\"", "行程.pdf"},
		{"disposition wins over type", "Content-Type: application/pdf; name*=gbk''" + pctEncode(gbk("甲.pdf")) + "\r\nContent-Disposition: attachment; filename=\"b.pdf\"", "b.pdf"},
		{"RFC 2231 UTF-8", "Content-Disposition: attachment; filename*=utf-8''%E4%BD%A0.txt", "你.txt"},
		{"RFC 2231 big5 in Content-Type", "Content-Type: image/png; name*=big5''%B0h%B4%DA.png", "退款.png"},
		{"no name", "Content-Type: image/png", "attachment-1.png"},
		{"unknown type, no name", "Content-Type: application/x-casebook-unknown", "attachment-1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			raw := "Subject: x\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nbody\r\n--b\r\n"
			if !strings.Contains(c.headers, "Content-Type:") {
				raw += "Content-Type: application/octet-stream\r\n"
			}
			raw += c.headers + "\r\n\r\ndata\r\n--b--\r\n"
			p, err := Parse([]byte(raw))
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Attachments) != 1 || p.Attachments[0].Name != c.want {
				t.Errorf("attachments = %q, want %q", attNames(p), c.want)
			}
		})
	}
	long := strings.Repeat("很长的名字", 100) + ".pdf"
	if got := cleanName(long); utf8.RuneCountInString(got) != maxNameRunes || !strings.HasSuffix(got, ".pdf") {
		t.Errorf("cleanName(long) = %q (%d runes)", got, utf8.RuneCountInString(got))
	}
}

func qEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, "=%02X", s[i])
	}
	return b.String()
}

func pctEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, "%%%02X", s[i])
	}
	return b.String()
}

func BenchmarkParseCorpus(b *testing.B) {
	files, _ := filepath.Glob("testdata/mail/*.eml")
	var raws [][]byte
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		raws = append(raws, raw)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, raw := range raws {
			_, _ = Parse(raw)
		}
	}
}

func TestParseLimits(t *testing.T) {
	many := "Content-Type: multipart/mixed; boundary=a\n\n" + strings.Repeat("--a\nContent-Type: image/png\n\nx\n", 5000)
	p, err := Parse([]byte(many))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Attachments) >= maxParts {
		t.Errorf("%d attachments, want fewer than %d", len(p.Attachments), maxParts)
	}
	deep := strings.Repeat("Content-Type: multipart/mixed; boundary=a\n\n--a\n", 5000)
	if _, err := Parse([]byte(deep)); err != nil {
		t.Fatal(err)
	}
}
