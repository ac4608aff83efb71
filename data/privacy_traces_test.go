package data

import (
	"encoding/json"
	"slices"
	"testing"
	"time"
)

func tracesFixture() (CustomerTraces, Customer) {
	at := time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC)
	a := Customer{ID: 3, Name: "张晓明", Phone: "13912345678", Email: "xm.zhang@163.com", WeChat: "zxm"}
	// On their own case their phone was corrected once: the old one is theirs too.
	own := Case{ID: 1, CustomerID: 3, Timeline: []Event{
		{At: at, By: "王芳", Type: EventEdited, Args: map[string]string{ArgField: "phone"}, Old: "13700000001", New: a.Phone},
		{At: at, By: "王芳", Type: EventEdited, Args: map[string]string{ArgField: "subject"}, Old: "张晓明的旧标题", New: "x"},
	}}
	return TracesOf(a, []Case{own}), a
}

func edit(at time.Time, field, old, new string) Event {
	return Event{At: at, By: "王芳", Type: EventEdited, Args: map[string]string{ArgField: field}, Old: old, New: new}
}

func publicDigests(evs []Event) []string {
	var out []string
	for _, ev := range evs {
		c, _ := EventDigests([]Event{ev}, nil)
		out = append(out, c)
	}
	return out
}

// A case opened for 张晓明, corrected, moved to 赵丽 and then to 李娜: his
// details go; 赵丽's and 李娜's, a similar name and the figures stay.
func TestEraseCaseTracesOnAMovedCase(t *testing.T) {
	tr, a := tracesFixture()
	if !tr.Phones["13700000001"] || !tr.Phones[a.Phone] || tr.Names["张晓明的旧标题"] {
		t.Fatalf("traces %+v", tr)
	}
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	t1, t2, t3 := t0.Add(time.Hour), t0.Add(2*time.Hour), t0.Add(3*time.Hour)
	c := Case{ID: 9, Number: "A-2026-0009", CustomerID: 5, Customer: Customer{ID: 5, Name: "李娜", Phone: "13600000000"},
		Timeline: []Event{
			{At: t0, By: "王芳", Type: EventCreated, Args: map[string]string{ArgKind: "complaint"}},
			edit(t0, "wechat", "", "zxm_old"), // typed while the case was his: his, though no record says so
			edit(t0, "amount", "100.00", "200.00"),
			edit(t1, EditCustomerMoved, "张晓明 #3", "赵丽 #4"),
			edit(t1, "customer", "张晓明", "赵丽"),
			edit(t1, "phone", "139 1234 5678", "13533334444"),
			edit(t1, "email", "XM.Zhang@163.com", "zhao.li@qq.com"),
			edit(t1, "wechat", "zxm_old", ""),
			edit(t2, "phone", "13533334444", "13700000001"), // his old phone typed on her case, then corrected
			edit(t2, "phone", "13700000001", "13533334444"),
			edit(t3, EditCustomerMoved, "赵丽 #4", "李娜 #5"),
			edit(t3, "customer", "赵丽", "李娜"),
			edit(t3, "phone", "13533334444", "13600000000"),
			{At: t3, By: "xm.zhang@163.com", Type: EventMailIn, Args: map[string]string{ArgSubject: "张晓明来信"}},
			{At: t3, By: "zhao.li@qq.com", Type: EventMailIn, Args: map[string]string{ArgSubject: "赵丽来信"}},
			{At: t3, By: "王芳", Type: EventMailOut, Args: map[string]string{ArgSubject: "回复", ArgTo: "zhao.li@qq.com, 张晓明 <xm.zhang@163.com>"}},
			{At: t3, By: "xm.zhang@163.com", Type: EventMentions, Args: map[string]string{ArgCase: "A-2026-0001", ArgFrom: "xm.zhang@163.com"}},
			{At: t3, By: "王芳", Type: EventNote, Note: "张晓敏也来过电话"},
			edit(t3, "customer", "张晓敏", "李娜"), // a similar name is not his
		}}
	before := slices.Clone(c.Timeline)
	if !EraseCaseTraces(&c, tr, map[string]bool{"张晓明来信": true}, false) {
		t.Fatal("nothing erased")
	}
	if !slices.Equal(publicDigests(before), publicDigests(c.Timeline)) {
		t.Error("a public part of an event changed")
	}
	anon, name := AnonymisedAddress(3), AnonymisedName(3)
	var got []string
	for _, ev := range c.Timeline {
		s := string(ev.Type) + " " + ev.By + " " + ev.Arg(ArgField) + ":" + ev.Old + "→" + ev.New
		for _, k := range []string{ArgSubject, ArgTo, ArgFrom} {
			if v, ok := ev.Args[k]; ok {
				s += " " + k + "=" + v
			}
		}
		got = append(got, s)
	}
	want := []string{
		"created 王芳 :→",
		"edited 王芳 wechat:→",
		"edited 王芳 amount:100.00→200.00",
		"edited 王芳 customer_moved:" + name + "→赵丽 #4",
		"edited 王芳 customer:" + name + "→赵丽",
		"edited 王芳 phone:→13533334444",
		"edited 王芳 email:" + anon + "→zhao.li@qq.com",
		"edited 王芳 wechat:→",
		"edited 王芳 phone:13533334444→",
		"edited 王芳 phone:→13533334444",
		"edited 王芳 customer_moved:赵丽 #4→李娜 #5",
		"edited 王芳 customer:赵丽→李娜",
		"edited 王芳 phone:13533334444→13600000000",
		"mail_in " + anon + " :→ subject=",
		"mail_in zhao.li@qq.com :→ subject=赵丽来信",
		"mail_out 王芳 :→ subject=回复 to=zhao.li@qq.com, " + anon,
		"mentions " + anon + " :→ from=" + anon,
		"note 王芳 :→",
		"edited 王芳 customer:张晓敏→李娜",
	}
	if !slices.Equal(got, want) {
		for i := range max(len(got), len(want)) {
			g, w := "", ""
			if i < len(got) {
				g = got[i]
			}
			if i < len(want) {
				w = want[i]
			}
			if g != w {
				t.Errorf("event %d:\n got %q\nwant %q", i+1, g, w)
			}
		}
	}
	if c.Timeline[17].Note != "张晓敏也来过电话" || before[1].New != "zxm_old" {
		t.Error("a note of someone else's changed, or the old timeline was written to")
	}
	// Twice: nothing left.
	if EraseCaseTraces(&c, tr, map[string]bool{"张晓明来信": true}, false) {
		t.Error("erased twice")
	}
	// Their own case is AnonymiseCase's; a case that never named them is untouched.
	own := Case{CustomerID: 3, Timeline: []Event{edit(t0, "customer", "张晓明", "张晓明")}}
	other := Case{CustomerID: 4, Timeline: []Event{edit(t0, "customer", "赵丽", "赵莉"), {At: t0, By: "zhao.li@qq.com", Type: EventMailIn}}}
	if EraseCaseTraces(&own, tr, nil, false) || EraseCaseTraces(&other, tr, nil, false) {
		t.Error("changed a case it should not touch")
	}
	// After their record is anonymised, nothing names them any more.
	if tr2 := TracesOf(AnonymiseCustomer(a), nil); !tr2.Empty() {
		t.Errorf("traces of an anonymised customer: %+v", tr2)
	}
}

func TestEraseMessageTraces(t *testing.T) {
	tr, _ := tracesFixture()
	anon := AnonymisedAddress(3)
	from := Message{From: "张晓明 <XM.Zhang@163.com>", FromAddress: "xm.zhang@163.com", To: []string{"kefu@agency.example"},
		Cc: []string{"赵丽 <zhao.li@qq.com>"}, Subject: "张晓明", Text: "电话 13912345678", HTML: "<p>张晓明</p>",
		Attachments: []Attachment{{Name: "张晓明.JPG", SHA256: "ab"}}, RawSHA256: "cd", MessageID: "x@163.com", Direction: DirectionIn}
	if !EraseMessageTraces(&from, tr) {
		t.Fatal("nothing erased")
	}
	if from.From != anon || from.FromAddress != anon || from.To[0] != "kefu@agency.example" || from.Cc[0] != "赵丽 <zhao.li@qq.com>" ||
		from.Subject+from.Text+from.HTML != "" || from.Attachments[0].Name != "attachment-1.jpg" || from.RawSHA256 != "cd" || from.MessageID != "x@163.com" {
		t.Errorf("%+v", from)
	}
	to := Message{From: "kefu@agency.example", FromAddress: "kefu@agency.example", To: []string{"zhao.li@qq.com", "xm.zhang@163.com"},
		Text: "张晓明您好", Direction: DirectionOut, Attempts: []Attempt{{Error: "550 xm.zhang@163.com unknown"}}}
	if !EraseMessageTraces(&to, tr) || !slices.Equal(to.To, []string{"zhao.li@qq.com", anon}) || to.Text != "" || to.Attempts[0].Error != "" || to.FromAddress != "kefu@agency.example" {
		t.Errorf("%+v", to)
	}
	// Her mail with a copy to him: his address goes, her words stay.
	cc := Message{From: "赵丽 <zhao.li@qq.com>", FromAddress: "zhao.li@qq.com", To: []string{"kefu@agency.example"},
		Cc: []string{"张晓明 <xm.zhang@163.com>"}, Subject: "赵丽的补充", Text: "赵丽写的", Direction: DirectionIn,
		Attachments: []Attachment{{Name: "赵丽.pdf"}}}
	if names, theirs := tr.MessageOf(&cc); !names || theirs {
		t.Errorf("a copy to him: names %v, theirs %v", names, theirs)
	}
	if !EraseMessageTraces(&cc, tr) || cc.Cc[0] != anon || cc.Text != "赵丽写的" || cc.Subject != "赵丽的补充" ||
		cc.Attachments[0].Name != "赵丽.pdf" || cc.FromAddress != "zhao.li@qq.com" {
		t.Errorf("%+v", cc)
	}
	hers := Message{From: "赵丽 <zhao.li@qq.com>", FromAddress: "zhao.li@qq.com", Text: "张晓明是我同事"}
	if EraseMessageTraces(&hers, tr) || hers.Text != "张晓明是我同事" {
		t.Errorf("her mail changed: %+v", hers)
	}
	if EraseMessageTraces(&from, tr) || EraseMessageTraces(&to, tr) {
		t.Error("erased twice")
	}
}

// Free text: their phone however written and their address, on any other
// case; their name only on a case linked to them (a namesake's case keeps
// it). Figures and other numbers stay.
func TestEraseTracesInFreeText(t *testing.T) {
	tr, _ := tracesFixture()
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	unlinked := Case{ID: 8, CustomerID: 6, Amount: 13912345678, Customer: Customer{ID: 6, Name: "张晓明", Phone: "13600000000"},
		Description: "同团的客人电话139-1234-5678，邮箱 XM.Zhang@163.com。订单 813912345678，电话１３９１２３４５６７８", Facts: "张晓明（同名）",
		Remedies: []Remedy{{Kind: "refund", Amount: 100, Note: "+86 139 1234 5678"}},
		Timeline: []Event{{At: at, By: "王芳", Type: EventNote, Note: "问了张晓明 13912345678"},
			edit(at, "description", "旧：13912345678", "新"), edit(at, "amount", "13912345678", "1.00")}}
	if !EraseCaseTraces(&unlinked, tr, nil, false) {
		t.Fatal("nothing erased")
	}
	anon := AnonymisedAddress(3)
	if want := "同团的客人电话，邮箱 " + anon + "。订单 813912345678，电话"; unlinked.Description != want {
		t.Errorf("description %q, want %q", unlinked.Description, want)
	}
	if unlinked.Facts != "张晓明（同名）" || unlinked.Customer.Name != "张晓明" || unlinked.Timeline[0].Note != "问了张晓明 " {
		t.Errorf("a namesake's case: %q %q %q", unlinked.Facts, unlinked.Customer.Name, unlinked.Timeline[0].Note)
	}
	if unlinked.Remedies[0].Note != "" || unlinked.Timeline[1].Old != "旧：" || unlinked.Timeline[2].Old != "13912345678" || unlinked.Amount != 13912345678 {
		t.Errorf("remedy %q, corrected text %q, corrected amount %q", unlinked.Remedies[0].Note, unlinked.Timeline[1].Old, unlinked.Timeline[2].Old)
	}
	linked := Case{ID: 9, CustomerID: 6, Subject: "张晓明投诉", Evidence: []Evidence{{Name: "张晓明-收据.png", Note: "zxm 的收据"}},
		Timeline: []Event{{At: at, By: "王芳", Type: EventNote, Note: "张晓明来电"},
			{At: at, By: "王芳", Type: EventEvidence, Args: map[string]string{ArgName: "张晓明-收据.png", ArgSize: "12"}}}}
	evArgs := linked.Timeline[1].Args
	if !EraseCaseTraces(&linked, tr, nil, true) {
		t.Fatal("nothing erased on a linked case")
	}
	if linked.Subject != AnonymisedName(3)+"投诉" || linked.Evidence[0].Name != AnonymisedName(3)+"-收据.png" || linked.Timeline[0].Note != AnonymisedName(3)+"来电" ||
		linked.Evidence[0].Note != "zxm 的收据" { // a WeChat id shorter than 4 is left: too likely a word
		t.Errorf("%q %+v %q", linked.Subject, linked.Evidence, linked.Timeline[0].Note)
	}
	if a := linked.Timeline[1].Args; a[ArgName] != AnonymisedName(3)+"-收据.png" || a[ArgSize] != "12" || evArgs[ArgName] != "张晓明-收据.png" {
		t.Errorf("the evidence event's args %v (the caller's %v)", a, evArgs)
	}
	// A linked case whose own customer's name holds theirs keeps it: 张晓明
	// is part of 张晓明明's name.
	longer := Case{ID: 10, CustomerID: 7, Customer: Customer{ID: 7, Name: "张晓明明"}, Subject: "张晓明明投诉，张晓明作证 13912345678"}
	if !EraseCaseTraces(&longer, tr, nil, true) || longer.Subject != "张晓明明投诉，张晓明作证 " {
		t.Errorf("%q", longer.Subject)
	}
	if EraseCaseTraces(&linked, tr, nil, true) || EraseCaseTraces(&unlinked, tr, nil, false) {
		t.Error("erased twice")
	}
}

// MayName lets anonymising skip decoding a record: it must be true for
// every record EraseCaseTraces or EraseMessageTraces would change.
func TestMayNameFindsEveryTrace(t *testing.T) {
	tr, _ := tracesFixture()
	for _, s := range []string{`"note":"电话 139 1234 5678"`, `"x":"+86-139-1234-5678"`, `"x":"１３９１２３４５６７８"`,
		`"x":"旧号 13700000001"`, `"by":"XM.Zhang@163.COM"`, `"old":"张晓明 #3"`, `"old":"#3"`, `"text":"张晓明"`, `"x":"zxm"`} {
		if !tr.MayName([]byte(s)) {
			t.Errorf("%s: not found", s)
		}
	}
	for _, s := range []string{`"note":"电话 139 1234 5679"`, `"old":"小明 #31"`, `"x":"xm.zhang@163.co"`, `"amount":1391234567`, `"x":"张晓敏"`} {
		if tr.MayName([]byte(s)) {
			t.Errorf("%s: found", s)
		}
	}
	// Every case the erasure tests change is found by its JSON.
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for _, c := range []Case{
		{CustomerID: 4, Timeline: []Event{edit(at, EditCustomerMoved, "小明 #3", "赵丽 #4"), edit(at, "phone", "", "")}},
		{CustomerID: 4, Description: "电话：+86 (139) 1234-5678"},
		{CustomerID: 4, Description: "电话：139.1234.5678"},
		{CustomerID: 4, Timeline: []Event{{At: at, By: "Xm.Zhang@163.com", Type: EventMailIn}}},
	} {
		js, _ := json.Marshal(c)
		if !EraseCaseTraces(&c, tr, nil, false) {
			t.Errorf("%s: nothing erased", js)
		}
		if !tr.MayName(js) {
			t.Errorf("%s: not found", js)
		}
	}
}
