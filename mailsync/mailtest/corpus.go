package mailtest

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"mime"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Complaints returns n realistic complaint mails addressed to Agency, the
// same for the same n and seed but for their dates: Chinese and English, UTF-8 and GBK bodies and
// encoded-word subjects, some HTML-only, some with a small attachment (RFC
// 2231 file names), some answers to earlier mails of the same sender
// (In-Reply-To, References), a few automatic replies. Dates run from about 60
// days ago up to now, in message order. Lines end in CRLF.
func Complaints(n int, seed uint64) [][]byte {
	r := rand.New(rand.NewPCG(seed, 0x636173656b6f6f6b))
	now := time.Now()
	start := now.Add(-60 * 24 * time.Hour)
	step := 60 * 24 * time.Hour / time.Duration(max(n, 1))
	cst := time.FixedZone("CST", 8*3600)

	type sent struct {
		id, subject string
		c           corpusCustomer
	}
	var earlier []sent
	out := make([][]byte, 0, n)
	for i := range n {
		date := start.Add(time.Duration(i)*step + time.Duration(r.Int64N(int64(step)))).In(cst)
		id := fmt.Sprintf("complaint-%06d.%08x@%s", i, r.Uint32(), "mail.example.test")
		c := corpusCustomers[r.IntN(len(corpusCustomers))]
		from := mailAddress(c.name, c.addr)

		var h headerList
		h.add("Return-Path", "<"+c.addr+">")
		h.add("From", from)
		h.add("To", mailAddress("阳光旅行社客服", Agency))
		h.add("Date", date.Format(time.RFC1123Z))
		h.add("Message-ID", "<"+id+">")
		h.add("MIME-Version", "1.0")

		kind := r.IntN(100)
		switch {
		case kind < 2: // an out-of-office reply
			h.add("Subject", mime.BEncoding.Encode("UTF-8", "自动回复: 休假中"))
			h.add("Auto-Submitted", "auto-replied")
			h.add("X-Autoreply", "yes")
			h.add("Content-Type", "text/plain; charset=utf-8")
			h.add("Content-Transfer-Encoding", "8bit")
			out = append(out, h.message([]byte("您好，我正在休假，8月20日后回复您的邮件。\r\n")))
			continue
		case kind < 12 && len(earlier) > 0: // an answer in an earlier thread
			prev := earlier[r.IntN(len(earlier))]
			h.set("Return-Path", "<"+prev.c.addr+">")
			h.set("From", mailAddress(prev.c.name, prev.c.addr))
			h.add("Subject", mime.BEncoding.Encode("UTF-8", "Re: "+prev.subject))
			h.add("In-Reply-To", "<"+prev.id+">")
			h.add("References", "<"+prev.id+">")
			h.add("Content-Type", "text/plain; charset=utf-8")
			h.add("Content-Transfer-Encoding", "base64")
			body := corpusFollowUps[r.IntN(len(corpusFollowUps))] + "\r\n\r\n> " + prev.subject + "\r\n"
			out = append(out, h.message(base64Lines([]byte(body))))
			earlier = append(earlier, sent{id, prev.subject, prev.c})
			continue
		}

		var subject, body string
		english := kind >= 90 || c.name[0] < 0x80
		if english {
			t := corpusEnglish[r.IntN(len(corpusEnglish))]
			subject, body = t.subject, t.body
		} else {
			t := corpusChinese[r.IntN(len(corpusChinese))]
			subject, body = t.subject, t.body
		}
		body = fmt.Sprintf(body, c.name) + "\r\n\r\n" + c.name + "\r\n" + date.Format("2006-01-02") + "\r\n"
		earlier = append(earlier, sent{id, subject, c})

		gbk := !english && kind >= 45 && kind < 70
		switch {
		case gbk:
			h.add("Subject", "=?GBK?B?"+base64.StdEncoding.EncodeToString(toGBK(subject))+"?=")
		case english:
			h.add("Subject", subject)
		default:
			h.add("Subject", mime.BEncoding.Encode("UTF-8", subject))
		}

		var part []byte
		var partHeader headerList
		switch {
		case gbk && kind%2 == 0:
			partHeader.add("Content-Type", "text/plain; charset=GBK")
			partHeader.add("Content-Transfer-Encoding", "8bit")
			part = toGBK(body)
		case gbk:
			partHeader.add("Content-Type", "text/plain; charset=gb2312")
			partHeader.add("Content-Transfer-Encoding", "base64")
			part = base64Lines(toGBK(body))
		case !english && kind >= 40 && kind < 45: // HTML only
			partHeader.add("Content-Type", "text/html; charset=utf-8")
			partHeader.add("Content-Transfer-Encoding", "base64")
			html := "<html><body><p>" + strings.ReplaceAll(body, "\r\n", "<br>\r\n") + "</p></body></html>\r\n"
			part = base64Lines([]byte(html))
		default:
			partHeader.add("Content-Type", "text/plain; charset=utf-8")
			partHeader.add("Content-Transfer-Encoding", "base64")
			part = base64Lines([]byte(body))
		}

		if kind%10 == 3 { // about one in ten: a small attachment
			boundary := fmt.Sprintf("=_casebook_%08x", r.Uint32())
			h.add("Content-Type", `multipart/mixed; boundary="`+boundary+`"`)
			name := corpusAttachments[r.IntN(len(corpusAttachments))]
			data := make([]byte, 2048+r.IntN(10240))
			for j := range data {
				data[j] = byte(r.Uint32())
			}
			copy(data, "\xff\xd8\xff\xe0\x00\x10JFIF\x00")
			var b bytes.Buffer
			b.WriteString("This is a multi-part message in MIME format.\r\n")
			b.WriteString("--" + boundary + "\r\n")
			b.Write(partHeader.bytes())
			b.WriteString("\r\n")
			b.Write(part)
			b.WriteString("--" + boundary + "\r\n")
			b.WriteString("Content-Type: image/jpeg\r\n")
			b.WriteString("Content-Transfer-Encoding: base64\r\n")
			b.WriteString("Content-Disposition: attachment; filename*=UTF-8''" + pathEscape(name) + "\r\n\r\n")
			b.Write(base64Lines(data))
			b.WriteString("--" + boundary + "--\r\n")
			out = append(out, h.message(b.Bytes()))
			continue
		}
		h = append(h, partHeader...)
		out = append(out, h.message(part))
	}
	return out
}

type headerList [][2]string

func (h *headerList) add(k, v string) { *h = append(*h, [2]string{k, v}) }

func (h *headerList) set(k, v string) {
	for i := range *h {
		if (*h)[i][0] == k {
			(*h)[i][1] = v
			return
		}
	}
	h.add(k, v)
}

func (h headerList) bytes() []byte {
	var b bytes.Buffer
	for _, f := range h {
		b.WriteString(f[0] + ": " + f[1] + "\r\n")
	}
	return b.Bytes()
}

func (h headerList) message(body []byte) []byte {
	b := h.bytes()
	b = append(b, "\r\n"...)
	return append(b, body...)
}

func mailAddress(name, addr string) string {
	return (&mail.Address{Name: name, Address: addr}).String()
}

func toGBK(s string) []byte {
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

func base64Lines(data []byte) []byte {
	enc := base64.StdEncoding.EncodeToString(data)
	var b bytes.Buffer
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n")
	return b.Bytes()
}

func pathEscape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_') {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

var writeSeq atomic.Uint64

// WriteMaildir writes raws as message files into maildir's new/ directory
// (through tmp/, as the Maildir convention wants), owned by uid:gid, in
// order: Dovecot assigns UIDs in the order of the names, which sort in
// writing order. Each file's time (IMAP's INTERNALDATE) is the message's
// Date header when it has one.
func WriteMaildir(maildir string, uid, gid int, raws [][]byte) error {
	if _, err := os.Stat(filepath.Join(maildir, "new")); err != nil {
		return fmt.Errorf("not a Maildir: %w", err)
	}
	host, _ := os.Hostname()
	host = strings.NewReplacer("/", "_", ":", "_").Replace(host)
	now := time.Now()
	for _, raw := range raws {
		n := writeSeq.Add(1)
		name := fmt.Sprintf("%d.M%06dP%dQ%09d.%s,S=%d", now.Unix(), now.Nanosecond()/1000, os.Getpid(), n, host, len(raw))
		tmp := filepath.Join(maildir, "tmp", name)
		if err := os.WriteFile(tmp, raw, 0o600); err != nil {
			return err
		}
		if err := os.Lchown(tmp, uid, gid); err != nil {
			return err
		}
		if msg, err := mail.ReadMessage(bytes.NewReader(raw)); err == nil {
			if d, err := msg.Header.Date(); err == nil {
				os.Chtimes(tmp, d, d)
			}
		}
		if err := os.Rename(tmp, filepath.Join(maildir, "new", name)); err != nil {
			return err
		}
	}
	return nil
}

type corpusCustomer struct{ name, addr string }

var corpusCustomers = []corpusCustomer{
	{"张伟", "zhangwei@example.test"}, {"王芳", "wangfang@mail.example.test"}, {"李娜", "lina88@example.test"},
	{"刘洋", "liuyang@qq.example.test"}, {"陈静", "chenjing@163.example.test"}, {"杨磊", "yanglei@example.test"},
	{"赵敏", "zhaomin@126.example.test"}, {"黄强", "huangqiang@example.test"}, {"周杰", "zhoujie@qq.example.test"},
	{"吴婷", "wuting@example.test"}, {"徐明", "xuming@163.example.test"}, {"孙丽", "sunli@example.test"},
	{"马超", "machao@qq.example.test"}, {"朱红", "zhuhong@example.test"}, {"胡军", "hujun@126.example.test"},
	{"郭晓梅", "guoxiaomei@example.test"}, {"林志强", "linzq@example.test"}, {"何丽娟", "helijuan@qq.example.test"},
	{"John Smith", "john.smith@example.test"}, {"Emily Chen", "emily.chen@example.test"},
	{"David Miller", "dmiller@mail.example.test"}, {"Sarah Wong", "sarah.wong@example.test"},
	{"Michael Brown", "mbrown@example.test"}, {"Anna Müller", "anna.mueller@example.test"},
}

var corpusAttachments = []string{"登机牌.jpg", "发票照片.jpg", "受伤照片.jpg", "房间照片.jpg", "receipt.jpg", "行李标签.jpg"}

type corpusText struct{ subject, body string }

var corpusChinese = []corpusText{
	{"航班延误投诉", "您好：\r\n\r\n我是%s，报名了贵社的三亚五日游。7月12日的航班延误了六个小时，期间没有任何人通知我们，也没有安排餐食。导游电话一直打不通。\r\n\r\n请给出合理的解释和赔偿方案。"},
	{"要求退款", "你好，\r\n\r\n我（%s）在贵社预订的桂林三日游因为家里有事无法成行，已经在出发前十天提出取消，但至今没有收到退款。订单号 GL20240712。\r\n\r\n请尽快处理退款，谢谢。"},
	{"导游强制购物", "您好！\r\n\r\n我是%s。这次云南六日游的导游每天带我们去三个购物点，不买东西就冷言冷语，还拖延行程。合同上写的是纯玩团。\r\n\r\n我们要求退还部分团费，并对导游进行处理。"},
	{"酒店卫生问题", "您好，\r\n\r\n我是%s。入住的酒店房间有蟑螂，床单上有污渍，前台拒绝换房。行程单上写的是四星级酒店，实际条件完全不符。\r\n\r\n附上照片，请核实并给予补偿。"},
	{"老人在景区摔伤", "紧急！\r\n\r\n我是%s。我母亲在张家界景区的台阶上摔伤，导游没有及时处理，只让我们自己去医院。现在诊断是右手骨折。\r\n\r\n请贵社立即联系我们，说明保险和后续处理。"},
	{"行李丢失", "你好：\r\n\r\n我是%s，在贵社安排的大巴上丢失了一个黑色行李箱，里面有药品和证件。司机说不关他的事。\r\n\r\n请帮忙查找并给出处理意见。"},
	{"行程被擅自更改", "您好，\r\n\r\n我是%s。出发前一天才通知我们行程有变，原定的漓江游船改成了普通景点，也没有退差价。\r\n\r\n请解释原因并退还差价。"},
	{"签证材料问题", "您好：\r\n\r\n我是%s。贵社的顾问告诉我材料齐全，结果签证被拒，理由是缺少在职证明。签证费和机票都损失了。\r\n\r\n希望贵社承担相应责任。"},
	{"对客服态度不满", "你好，\r\n\r\n我是%s，连续三天打客服电话，每次都说会有人回电，但没有任何人联系我。问题一直没有解决。\r\n\r\n请安排专人跟进。"},
}

var corpusEnglish = []corpusText{
	{"Complaint: flight delay on our Guilin tour", "Hello,\r\n\r\nMy name is %s. Our flight to Guilin on 12 July was delayed by six hours and nobody from your agency informed us or arranged meals.\r\n\r\nI expect an explanation and compensation."},
	{"Refund request for cancelled booking", "Dear team,\r\n\r\nI (%s) cancelled my booking ten days before departure as your terms allow, but I have not received the refund yet.\r\n\r\nPlease process it as soon as possible."},
	{"Hotel did not match the description", "Hi,\r\n\r\nThis is %s. The hotel on our itinerary was nothing like the four-star hotel described: dirty sheets, broken air conditioning, and the reception refused to move us.\r\n\r\nPlease review and compensate."},
	{"Injury during the excursion", "Urgent.\r\n\r\nThis is %s. My father fell on the steps at the scenic area and injured his wrist; the guide did not help. We had to find a hospital ourselves.\r\n\r\nPlease contact us about the insurance."},
	{"Lost luggage on the coach", "Hello,\r\n\r\nI am %s. A suitcase went missing from the coach you arranged on the second day. It contains medicine.\r\n\r\nPlease help us find it."},
}

var corpusFollowUps = []string{
	"您好，请问我的投诉有处理结果了吗？已经过去好几天了。",
	"补充一下情况：当时在场的还有另外两位游客，可以作证。",
	"我已经把相关照片和发票发给你们了，请查收。",
	"谢谢你们的回复，但赔偿金额我不能接受。",
	"Any update on my complaint? It has been a week.",
	"Thank you, I have attached the receipts you asked for.",
}
