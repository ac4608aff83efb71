package data

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"strings"
	"testing"
	"time"
)

func TestSetFindingsRecordsOnlyWhatChanged(t *testing.T) {
	c := Case{Currency: "CNY"}
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	f := Findings{Facts: "  导游擅自更改行程 ", Responsibility: ResponsibilityAgency,
		Remedies: []Remedy{{Kind: RemedyRefund, Amount: 128000}, {Kind: RemedyPenalty, Amount: 59800, Note: " 合同第十二条 "}}}
	if err := c.SetFindings(f, "王芳", now); err != nil {
		t.Fatal(err)
	}
	if c.Facts != "导游擅自更改行程" || c.Remedies[1].Note != "合同第十二条" {
		t.Errorf("not trimmed: %q %q", c.Facts, c.Remedies[1].Note)
	}
	if len(c.Timeline) != 1 {
		t.Fatalf("timeline: %+v", c.Timeline)
	}
	ev := c.Timeline[0]
	if ev.Type != EventFindings || ev.By != "王芳" || ev.New != "agency" || !strings.Contains(ev.Arg(ArgFields), "facts") ||
		ev.Arg(ArgTotal) != "1878.00" || ev.Arg(ArgCurrency) != "CNY" || strings.Contains(ev.Arg(ArgFields), "preventive") || ev.Note != "" {
		t.Errorf("event %+v", ev)
	}
	// The same findings again change nothing and add no event.
	if err := c.SetFindings(c.Findings(), "王芳", now); err != nil || len(c.Timeline) != 1 {
		t.Errorf("unchanged findings: %v, %d events", err, len(c.Timeline))
	}
	g := c.Findings()
	g.Preventive = "暂停与该地接社合作"
	if err := c.SetFindings(g, "李建国", now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if last := c.Timeline[len(c.Timeline)-1]; last.Arg(ArgFields) != "preventive" || last.Old != "" || last.Arg(ArgTotal) != "" {
		t.Errorf("second event %+v", last)
	}
}

func TestSetFindingsRefusesBadInput(t *testing.T) {
	now := time.Now()
	for name, f := range map[string]Findings{
		"responsibility": {Responsibility: "aliens"},
		"remedy":         {Remedies: []Remedy{{Kind: "cash"}}},
		"negative":       {Remedies: []Remedy{{Kind: RemedyRefund, Amount: -1}}},
		"payment_due":    {PaymentDue: "2026/13/01"},
	} {
		c := Case{Facts: "kept"}
		err := c.SetFindings(f, "x", now)
		var fe *FieldError
		if !errors.As(err, &fe) || !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v", name, err)
		}
		if c.Facts != "kept" || len(c.Timeline) != 0 {
			t.Errorf("%s: case changed", name)
		}
	}
}

func TestLetterReadiness(t *testing.T) {
	for _, tc := range []struct {
		status   Status
		remedies bool
		ready    []LetterType
	}{
		{StatusNew, false, nil},
		{StatusAcknowledged, false, []LetterType{LetterAck}},
		{StatusDeclined, false, []LetterType{LetterDecline}},
		{StatusProposed, false, []LetterType{LetterAck}},
		{StatusProposed, true, []LetterType{LetterAck, LetterSolution}},
		{StatusClosed, true, []LetterType{LetterAck, LetterSolution, LetterClosure}},
	} {
		c := Case{Status: tc.status}
		if tc.remedies {
			c.Remedies = []Remedy{{Kind: RemedyApology}}
		}
		for _, lt := range LetterTypes {
			err := c.LetterReadiness(lt)
			want := false
			for _, r := range tc.ready {
				want = want || r == lt
			}
			if (err == nil) != want {
				t.Errorf("%s remedies=%v %s: %v", tc.status, tc.remedies, lt, err)
			}
			var nr *NotReadyError
			if err != nil && (!errors.Is(err, ErrNotReady) || !errors.As(err, &nr) || nr.Code == "") {
				t.Errorf("%s %s: error %v is not a NotReadyError", tc.status, lt, err)
			}
		}
	}
}

func TestStatusSinceAndNote(t *testing.T) {
	st := DefaultSettings()
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	c := NewCaseFrom(NewCase{Kind: KindComplaint, Severity: SeverityNormal, Channel: ChannelPhone, Category: st.Categories[0].Slug,
		Subject: "s", ReceivedAt: t0}, 1, "A-1", 1, st, t0)
	if err := c.Move(st, StatusDeclined, "王芳", "不属于本社业务范围", t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if !c.StatusSince(StatusDeclined).Equal(t0.Add(time.Hour)) || c.StatusNote(StatusDeclined) != "不属于本社业务范围" {
		t.Errorf("since %v note %q", c.StatusSince(StatusDeclined), c.StatusNote(StatusDeclined))
	}
	if !c.StatusSince(StatusClosed).IsZero() {
		t.Error("never closed, yet a closing time")
	}
	c.Language = ""
	st.Language = "en"
	if c.LetterLanguage(st) != "en" {
		t.Error("letter language does not follow the settings")
	}
	c.Language = "zh-Hant"
	if c.LetterLanguage(st) != "zh-Hant" {
		t.Error("letter language does not follow the case")
	}
}

func TestAgencyValidate(t *testing.T) {
	if err := (Agency{Name: "晴空", Email: "service@example.cn", Phone: "010-8590 1234"}).Validate(); err != nil {
		t.Fatal(err)
	}
	for field, a := range map[string]Agency{
		"agency_email":           {Email: "not an address"},
		"agency_phone":           {Phone: "call us"},
		"agency_complaint_phone": {ComplaintPhone: "x"},
		"recourse":               {Recourse: map[string]string{"fr": "..."}},
	} {
		var fe *FieldError
		if err := a.Validate(); !errors.As(err, &fe) || fe.Field != field {
			t.Errorf("%s: %v", field, err)
		}
	}
}

func TestCheckImage(t *testing.T) {
	var buf bytes.Buffer
	img := image.NewNRGBA(image.Rect(0, 0, 40, 40))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	if err := CheckImage(good); err != nil {
		t.Fatalf("a good PNG: %v", err)
	}
	// Damage the compressed pixels but keep the header: only a full decode notices.
	bad := bytes.Clone(good)
	i := bytes.Index(bad, []byte("IDAT"))
	for j := i + 6; j < i+60 && j < len(bad)-12; j++ {
		bad[j] ^= 0x5a
	}
	for name, tc := range map[string]struct {
		b    []byte
		want error
	}{
		"damaged":   {bad, ErrImageDamaged},
		"truncated": {good[:len(good)/2], ErrImageDamaged},
		"text":      {[]byte("hello, not an image"), ErrImageFormat},
		"huge":      {make([]byte, MaxImageSize+1), ErrImageTooLarge},
	} {
		if err := CheckImage(tc.b); !errors.Is(err, tc.want) || !IsImageError(err) || !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// After the closure letter the findings are what the letter printed: a change
// is refused until the case is reopened, or recorded as an amendment with a
// reason. Reopening needs a reason too.
func TestFindingsLockedAfterTheClosureLetter(t *testing.T) {
	st := DefaultSettings()
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	c := Case{Kind: KindComplaint, Status: StatusResolved, Currency: "CNY", Severity: SeverityNormal}
	if err := c.SetFindings(Findings{Facts: "房间漏水"}, "王芳", now); err != nil {
		t.Fatal(err)
	}
	if err := c.RecordFollowUp(st, FollowUp{Channel: FollowUpPhone, Reached: true, Rating: 5}, "王芳", now); err != nil {
		t.Fatal(err)
	}
	if err := c.Move(st, StatusClosed, "李建国", "", now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	// Closed without a letter: still editable.
	if c.FindingsLocked() {
		t.Fatal("locked without a closure letter")
	}
	c.AddLetter(Letter{Type: LetterAck, IssuedAt: now.Add(2 * time.Hour)})
	if c.FindingsLocked() {
		t.Fatal("an acknowledgement locks the findings")
	}
	c.AddLetter(Letter{Type: LetterClosure, IssuedAt: now.Add(2 * time.Hour)})
	if !c.FindingsLocked() {
		t.Fatal("not locked after the closure letter")
	}
	events := len(c.Timeline)
	if err := c.SetFindings(Findings{Facts: "改了"}, "王芳", now.Add(3*time.Hour)); !errors.Is(err, ErrFindingsLocked) || !errors.Is(err, ErrTransition) {
		t.Fatalf("locked findings changed: %v", err)
	}
	if c.Facts != "房间漏水" || len(c.Timeline) != events {
		t.Fatalf("a refused change left traces: %q, %d events", c.Facts, len(c.Timeline))
	}
	// An amendment needs a reason; blank is not one.
	var fe *FieldError
	if err := c.AmendFindings(Findings{Facts: "改了"}, " \n ", "王芳", now.Add(3*time.Hour)); !errors.As(err, &fe) || fe.Field != "amend_reason" {
		t.Fatalf("amendment without a reason: %v", err)
	}
	if err := c.AmendFindings(Findings{Facts: "房间漏水，客户补交了照片"}, "客户补交照片", "李建国", now.Add(3*time.Hour)); err != nil {
		t.Fatal(err)
	}
	last := c.Timeline[len(c.Timeline)-1]
	if c.Facts != "房间漏水，客户补交了照片" || last.Type != EventFindingsAmended || last.Note != "客户补交照片" ||
		last.By != "李建国" || last.Arg(ArgFields) != "facts" {
		t.Fatalf("amendment: facts %q, event %+v", c.Facts, last)
	}
	if !c.FindingsLocked() {
		t.Fatal("an amendment unlocked the findings")
	}
	// Reopening needs a reason, then the findings are editable again.
	if err := c.Move(st, StatusInvestigating, "李建国", "  ", now.Add(4*time.Hour)); !errors.As(err, &fe) || fe.Field != "reopen_reason" || c.Status != StatusClosed {
		t.Fatalf("reopened without a reason: %v, status %s", err, c.Status)
	}
	if err := c.Move(st, StatusInvestigating, "李建国", "客户对退款金额有异议", now.Add(4*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if c.FindingsLocked() {
		t.Fatal("still locked after reopening")
	}
	// Closed again: the old closure letter no longer speaks for the case
	// until a new one is issued.
	c.Status = StatusResolved
	if err := c.Move(st, StatusClosed, "李建国", "", now.Add(5*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if c.FindingsLocked() {
		t.Fatal("the closure letter from before the reopening locks the findings")
	}
	c.AddLetter(Letter{Type: LetterClosure, IssuedAt: now.Add(6 * time.Hour)})
	if !c.FindingsLocked() {
		t.Fatal("the new closure letter does not lock the findings")
	}
}
