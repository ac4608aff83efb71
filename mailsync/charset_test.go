package mailsync

import (
	"encoding/base64"
	"io"
	"strings"
	"testing"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/mail"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

func gbkBytes(s string) string {
	b, _ := simplifiedchinese.GBK.NewEncoder().String(s)
	return b
}

func big5Bytes(s string) string {
	b, _ := traditionalchinese.Big5.NewEncoder().String(s)
	return b
}

// The aliases must reach go-message's own decoding paths, not only ours.
func TestCharsetAliasesRegistered(t *testing.T) {
	gb := []string{"GBK", "gb2312", "cp936", "x-gbk", "gb_2312-80", "euc-cn", "x-euc-cn", "GB18030", "gb18030-2022", "windows-936"}
	for _, l := range gb {
		r, err := message.CharsetReader(strings.ToLower(l), strings.NewReader(gbkBytes("投诉")))
		if err != nil {
			t.Errorf("%s: %v", l, err)
			continue
		}
		if b, _ := io.ReadAll(r); string(b) != "投诉" {
			t.Errorf("%s decodes to %q", l, b)
		}
	}
	for _, l := range []string{"big5", "cp950", "x-big5", "big5-hkscs", "ms950"} {
		r, err := message.CharsetReader(l, strings.NewReader(big5Bytes("投訴")))
		if err != nil {
			t.Errorf("%s: %v", l, err)
			continue
		}
		if b, _ := io.ReadAll(r); string(b) != "投訴" {
			t.Errorf("%s decodes to %q", l, b)
		}
	}
	for _, l := range []string{"utf8", "UTF8", "x-utf8"} {
		if !knownCharset(l) {
			t.Errorf("%s unknown", l)
		}
	}
}

func TestGoMessageHeaderDecodesGBK(t *testing.T) {
	var h mail.Header
	h.Set("Subject", "=?GBK?B?"+testB64(gbkBytes("退款申请"))+"?=")
	h.Set("From", "=?cp936?B?"+testB64(gbkBytes("张三"))+"?= <zs@qq.com>")
	if s, err := h.Subject(); err != nil || s != "退款申请" {
		t.Errorf("Subject = %q, %v", s, err)
	}
	if l, err := h.AddressList("From"); err != nil || len(l) != 1 || l[0].Name != "张三" {
		t.Errorf("From = %+v, %v", l, err)
	}
}

func TestFixRaw(t *testing.T) {
	cases := []struct{ in, hint, want string }{
		{"plain ascii", "", "plain ascii"},
		{"已经是UTF-8", "", "已经是UTF-8"},
		{gbkBytes("导游私自加收小费"), "", "导游私自加收小费"},
		{gbkBytes("郑强"), "gbk", "郑强"},                             // valid UTF-8 by accident, the hint decides
		{big5Bytes("退款進度查詢"), "big5", "退款進度查詢"},                   // Big5 wins only with a hint
		{"Jos\u00e9 Garc\u00eda", "gbk", "Jos\u00e9 Garc\u00eda"}, // real UTF-8 Latin stays
	}
	for _, c := range cases {
		if got := fixRaw([]byte(c.in), c.hint); got != c.want {
			t.Errorf("fixRaw(%q, %q) = %q, want %q", c.in, c.hint, got, c.want)
		}
	}
	if got := fixRaw([]byte{0xff, 0xfe, 0x81}, ""); !strings.ContainsRune(got, '\uFFFD') {
		t.Errorf("garbage should become replacement characters, got %q", got)
	}
}

func TestDecodeWords(t *testing.T) {
	gbk := []byte(gbkBytes("酒店早餐"))
	cases := []struct{ in, want string }{
		{"=?utf-8?B?5L2g5aW9?=", "你好"},
		{"=?UTF-8?Q?=E4=BD=A0=E5=A5=BD_x?=", "你好 x"},
		{"Re: =?gb2312?B?" + testB64(gbkBytes("投诉")) + "?= again", "Re: 投诉 again"},
		// A character split across two words.
		{"=?GBK?B?" + testB64(string(gbk[:3])) + "?= =?GBK?B?" + testB64(string(gbk[3:])) + "?=", "酒店早餐"},
		// Whitespace between words disappears, elsewhere it stays.
		{"=?utf-8?B?5L2g?=\r\n =?utf-8?B?5aW9?= !", "你好 !"},
		{"=?unknown-8bit?B?" + testB64(gbkBytes("投诉")) + "?=", "投诉"},
		{"=?utf-8*zh?B?5L2g5aW9?=", "你好"},
		{"=?utf-8?B?5L2g5aW9?", "=?utf-8?B?5L2g5aW9?"}, // not a word
		{"=?utf-8?X?abc?=", "=?utf-8?X?abc?="},
	}
	for _, c := range cases {
		if got := decodeWords(c.in, ""); got != c.want {
			t.Errorf("decodeWords(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestRFC2231Value(t *testing.T) {
	cases := []struct {
		params map[string]string
		want   string
	}{
		{map[string]string{"filename*": "gbk''%CD%CB%BF%EE.pdf"}, "退款.pdf"},
		{map[string]string{"filename*": "UTF-8'zh-cn'%E9%80%80%E6%AC%BE.pdf"}, "退款.pdf"},
		{map[string]string{"filename*0*": "big5''%B0h", "filename*1*": "%B4%DA", "filename*2": ".pdf"}, "退款.pdf"},
		{map[string]string{"filename*1": "b.txt", "filename*0": "a"}, "ab.txt"},
		{map[string]string{"filename*": "%CD%CB%BF%EE.pdf"}, "退款.pdf"}, // no charset: guessed
		{map[string]string{"filename": "plain.pdf"}, "plain.pdf"},
	}
	for _, c := range cases {
		if got := rfc2231Value(c.params, "filename", ""); got != c.want {
			t.Errorf("rfc2231Value(%v) = %q, want %q", c.params, got, c.want)
		}
	}
}

func testB64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
