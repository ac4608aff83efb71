package mailsync

import (
	"strings"
	"testing"
)

func TestAutomaticReasons(t *testing.T) {
	const base = "From: Zhang San <zs@qq.com>\r\nTo: service@example-travel.cn\r\nSubject: 投诉\r\nMessage-ID: <a@b>\r\n"
	cases := []struct {
		name, headers, reason string // reason "" = a person's mail
	}{
		{"plain mail", "", ""},
		{"auto-submitted no", "Auto-Submitted: no\r\n", ""},
		{"auto-submitted auto-generated", "Auto-Submitted: auto-generated\r\n", "Auto-Submitted: auto-generated"},
		{"auto-submitted with comment", "Auto-Submitted: auto-replied (vacation)\r\n", "Auto-Submitted: auto-replied"},
		{"x-autoreply", "X-Autoreply: yes\r\n", "X-Autoreply"},
		{"x-autorespond", "X-Autorespond: vacation\r\n", "X-Autorespond"},
		{"precedence bulk", "Precedence: bulk\r\n", "Precedence: bulk"},
		{"precedence junk", "Precedence: JUNK\r\n", "Precedence: junk"},
		{"precedence auto_reply", "Precedence: auto_reply\r\n", "Precedence: auto_reply"},
		{"precedence first-class", "Precedence: first-class\r\n", ""},
		{"x-auto-response-suppress", "X-Auto-Response-Suppress: All\r\n", "X-Auto-Response-Suppress"},
		{"list-id", "List-Id: <travel.lists.example>\r\n", "List-Id"},
		{"list-unsubscribe", "List-Unsubscribe: <mailto:leave@x>\r\n", "List-Unsubscribe"},
		{"empty return-path", "Return-Path: <>\r\n", "Return-Path: <>"},
		{"normal return-path", "Return-Path: <zs@qq.com>\r\n", ""},
		{"x-failed-recipients", "X-Failed-Recipients: a@b.c\r\n", "X-Failed-Recipients"},
		{"sender header no-reply", "Sender: no-reply@notify.example\r\n", "sender no-reply"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := Parse([]byte(c.headers + base + "\r\nbody\r\n"))
			if err != nil {
				t.Fatal(err)
			}
			checkAuto(t, p, c.reason)
		})
	}
}

func TestAutomaticSenders(t *testing.T) {
	for addr, auto := range map[string]bool{
		"MAILER-DAEMON@qq.com":           true,
		"Postmaster@163.com":             true,
		"noreply@ctrip.example":          true,
		"NoReply-Alerts@bank.example":    true,
		"no-reply@accounts.example":      true,
		"no_reply@x.cn":                  true,
		"DoNotReply@x.cn":                true,
		"do-not-reply@x.cn":              true,
		"noreply+tag@x.cn":               true,
		"noreplyguy@x.cn":                false, // a name, not the noreply family
		"postmaster.zhang@x.cn":          false,
		"zs@qq.com":                      false,
		"service@example-travel.cn":      false,
		"mailer-daemon-fan@example.cn":   false,
		"reply@x.cn":                     false,
		"postmaster@mail.example-travel": true,
	} {
		_, got := systemSender(strings.ToLower(addr))
		if got != auto {
			t.Errorf("systemSender(%q) = %v, want %v", addr, got, auto)
		}
	}
}

func TestAutomaticSubjects(t *testing.T) {
	for subj, auto := range map[string]bool{
		"自动回复: Re: 案件 A-2026-0003":    true,
		"自动回复：您好":                     true,
		"【自动回复】感谢来信":                  true,
		"自動回覆：休假中":                    true,
		"Auto reply: complaint":       true,
		"Automatic reply: 投诉":         true,
		"AutoReply: hi":               true,
		"Out of Office: Re: 导游":       true,
		"[Out of Office] back Monday": true,
		"Re: 自动回复的问题":                 false,
		"关于自动回复功能的投诉":                 false,
		"Outing of the office team":   false,
		"Auto insurance claim (车险理赔)": false,
	} {
		_, got := autoReplySubject(subj)
		if got != auto {
			t.Errorf("autoReplySubject(%q) = %v, want %v", subj, got, auto)
		}
	}
}

func checkAuto(t *testing.T, p *Parsed, reason string) {
	t.Helper()
	switch {
	case reason == "" && p.Automatic:
		t.Errorf("automatic (%q), want a person's mail", p.AutoReason)
	case reason != "" && !p.Automatic:
		t.Errorf("not automatic, want %q", reason)
	case reason != "" && !strings.HasPrefix(p.AutoReason, reason):
		t.Errorf("AutoReason = %q, want prefix %q", p.AutoReason, reason)
	}
}
