package mailsync

import (
	"strings"
	"testing"
)

func TestParseDSN(t *testing.T) {
	cases := []struct {
		name, dsn string
		want      *Bounce
	}{
		{
			name: "failed among delivered",
			dsn: "Reporting-MTA: dns; mx.example\r\n\r\n" +
				"Final-Recipient: rfc822; ok@example.org\r\nAction: delivered\r\nStatus: 2.0.0\r\n\r\n" +
				"Final-Recipient: rfc822;<Bad@Example.org>\r\nAction: failed\r\nStatus: 5.1.1\r\n" +
				"Diagnostic-Code: smtp; 550 5.1.1 <bad@example.org>: user\r\n unknown\r\n",
			want: &Bounce{Recipient: "bad@example.org", Reason: "550 5.1.1 <bad@example.org>: user unknown", Permanent: true},
		},
		{
			name: "delayed without diagnostic",
			dsn:  "Reporting-MTA: dns; mx\n\nFinal-Recipient: rfc822; slow@example.org\nAction: delayed\nStatus: 4.4.7\n",
			want: &Bounce{Recipient: "slow@example.org", Reason: "4.4.7 delayed", Permanent: false},
		},
		{
			name: "no action, status only, original recipient",
			dsn:  "Original-Recipient: rfc822; x@y.cn\nStatus: 5.2.2 (mailbox full)\n",
			want: &Bounce{Recipient: "x@y.cn", Reason: "5.2.2", Permanent: true},
		},
		{
			name: "failed with a 4xx status after retries",
			dsn:  "Final-Recipient: rfc822; x@y.cn\nAction: failed\nStatus: 4.4.1\n",
			want: &Bounce{Recipient: "x@y.cn", Reason: "4.4.1 failed", Permanent: true},
		},
		{
			name: "only delivered",
			dsn:  "Final-Recipient: rfc822; ok@example.org\nAction: delivered\nStatus: 2.0.0\n",
		},
		{name: "garbage", dsn: "\x00\xff:\n\n::::\n \n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := parseDSN([]byte(c.dsn))
			switch {
			case c.want == nil && got != nil:
				t.Errorf("got %+v, want nil", *got)
			case c.want != nil && got == nil:
				t.Errorf("got nil, want %+v", *c.want)
			case c.want != nil && *got != *c.want:
				t.Errorf("got %+v, want %+v", *got, *c.want)
			}
		})
	}
}

func TestBounceNotFromCustomers(t *testing.T) {
	// A customer writing about a "退信" (returned letter) is a person, and
	// quoting a Message-ID does not make a bounce either.
	raw := "From: 张三 <zs@qq.com>\r\nSubject: 退信 Undeliverable 投诉\r\nMessage-ID: <c@qq.com>\r\n\r\n" +
		"你们的邮件退回了。\r\n> Message-ID: <case-A-2026-0001.abc123@casebook.local>\r\n550 5.1.1 用户不存在\r\n"
	p, err := Parse([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	if p.Bounce != nil || p.Automatic {
		t.Errorf("customer mail taken for a bounce: %+v %q", p.Bounce, p.AutoReason)
	}
}

func TestBounceNonStandard(t *testing.T) {
	cases := []struct {
		name, raw string
		want      Bounce
	}{
		{
			name: "QQ style, Chinese reason and recipient",
			raw: "From: \"PostMaster\" <MAILER-DAEMON@qq.com>\r\nSubject: =?utf-8?B?6YCA5L+h?=\r\nMessage-ID: <q@qq.com>\r\n" +
				"Content-Type: text/plain; charset=utf-8\r\n\r\n很抱歉您的邮件被退回来了。\r\n收件人：Nobody@QQ.com\r\n" +
				"退信原因：收件人邮箱地址不存在\r\n\r\n原邮件：\r\nMessage-Id: <case-A-2026-0030.x1@casebook.local>\r\n",
			want: Bounce{OriginalMessageID: "case-A-2026-0030.x1@casebook.local", Recipient: "nobody@qq.com",
				Reason: "收件人邮箱地址不存在", Permanent: true},
		},
		{
			name: "temporary, said by the remote server",
			raw: "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\r\nSubject: Delivery Status Notification (Delay)\r\n" +
				"Message-ID: <g@google>\r\n\r\nDelivery to the following recipient has been delayed:\r\n\r\n     guest@hotel.example\r\n\r\n" +
				"The recipient server did not accept our requests to connect. 421 4.7.0 Try again later\r\n",
			want: Bounce{Recipient: "guest@hotel.example", Reason: "421 4.7.0 Try again later", Permanent: false},
		},
		{
			name: "message id in an attached text part",
			raw: "From: postmaster@mail.example.cn\r\nSubject: Undeliverable: 回复\r\nMessage-ID: <u@x>\r\n" +
				"Content-Type: multipart/mixed; boundary=zz\r\n\r\n--zz\r\nContent-Type: text/plain\r\n\r\nDelivery has failed.\r\n" +
				"--zz\r\nContent-Type: text/plain; name=details.txt\r\nContent-Disposition: attachment; filename=details.txt\r\n\r\n" +
				"To: a@b.c\r\nMessage-ID: <case-A-2026-0031.y2@casebook.local>\r\n--zz--\r\n",
			want: Bounce{OriginalMessageID: "case-A-2026-0031.y2@casebook.local", Permanent: true},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := Parse([]byte(c.raw))
			if err != nil {
				t.Fatal(err)
			}
			if p.Bounce == nil {
				t.Fatalf("no bounce; automatic=%v %q", p.Automatic, p.AutoReason)
			}
			b := *p.Bounce
			if b.OriginalMessageID != c.want.OriginalMessageID || b.Recipient != c.want.Recipient ||
				b.Permanent != c.want.Permanent || !strings.Contains(b.Reason, c.want.Reason) {
				t.Errorf("got %+v, want %+v", b, c.want)
			}
			if !p.Automatic {
				t.Errorf("bounce not automatic")
			}
		})
	}
}
