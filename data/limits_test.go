package data

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var limitsNow = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func validNewCase() NewCase {
	return NewCase{Kind: KindComplaint, Severity: SeverityNormal, Channel: ChannelPhone,
		Subject: "团餐标准不符", Customer: Customer{Name: "李雷", Phone: "139 1234 5678"}}
}

// wantFieldError fails unless err is a *FieldError of field with code.
func wantFieldError(t *testing.T, what string, err error, field, code string) *FieldError {
	t.Helper()
	var fe *FieldError
	if !errors.As(err, &fe) {
		t.Fatalf("%s: error %v, want a field error of %s (%s)", what, err, field, code)
	}
	if fe.Field != field || fe.Code != code {
		t.Fatalf("%s: field error %s/%s (%v), want %s/%s", what, fe.Field, fe.Code, fe.Reason, field, code)
	}
	if !errors.Is(err, ErrInvalid) {
		t.Errorf("%s: %v is not ErrInvalid", what, err)
	}
	return fe
}

func TestNewCaseRefusesControlCharactersNamingTheField(t *testing.T) {
	set := map[string]func(n *NewCase, v string){
		"subject":     func(n *NewCase, v string) { n.Subject = v },
		"customer":    func(n *NewCase, v string) { n.Customer.Name = v },
		"wechat":      func(n *NewCase, v string) { n.Customer.WeChat = v },
		"description": func(n *NewCase, v string) { n.Description = v },
		"demand":      func(n *NewCase, v string) { n.Demand = v },
		"booking":     func(n *NewCase, v string) { n.Booking.Ref = v },
		"product":     func(n *NewCase, v string) { n.Booking.Product = v },
		"destination": func(n *NewCase, v string) { n.Booking.Destination = v },
		"guide":       func(n *NewCase, v string) { n.Booking.Guide = v },
		"supplier":    func(n *NewCase, v string) { n.Booking.Supplier = v },
	}
	st := DefaultSettings()
	for field, f := range set {
		for _, bad := range []string{"a\x1b[31mRED\x07", "bell\a", "nul\x00x", "c1\u009bx", "bidi\u202Egnp.exe", "x\x7f"} {
			n := validNewCase()
			f(&n, bad)
			wantFieldError(t, field+" "+bad, n.Normalize(st, limitsNow), field, ReasonControl)
		}
		n := validNewCase()
		f(&n, "bad \xff\xfe utf-8")
		wantFieldError(t, field+" invalid UTF-8", n.Normalize(st, limitsNow), field, ReasonEncoding)
	}
	// The issue's own subject: an escape, a bell and a trailing CR.
	n := validNewCase()
	n.Subject = "a\x1b[31mRED\x07\r"
	wantFieldError(t, "issue subject", n.Normalize(st, limitsNow), "subject", ReasonControl)
	// One-line fields allow no line break; texts do, with tabs.
	n = validNewCase()
	n.Subject = "第一行\n第二行"
	wantFieldError(t, "subject with a newline", n.Normalize(st, limitsNow), "subject", ReasonLineBreak)
	n = validNewCase()
	n.Customer.Name = "李\t雷"
	wantFieldError(t, "name with a tab", n.Normalize(st, limitsNow), "customer", ReasonLineBreak)
	n = validNewCase()
	n.Description = "第一行\r\n\t第二行\r\n"
	if err := n.Normalize(st, limitsNow); err != nil {
		t.Fatalf("a description with lines and a tab: %v", err)
	}
	if n.Description != "第一行\n\t第二行" {
		t.Errorf("CRLF not made newlines: %q", n.Description)
	}
	// Phone and e-mail are checked too.
	n = validNewCase()
	n.Customer.Phone = "139\x1b1234"
	wantFieldError(t, "phone", n.Normalize(st, limitsNow), "phone", ReasonControl)
	n = validNewCase()
	n.Customer.Email = "a\x1b@example.com"
	wantFieldError(t, "email", n.Normalize(st, limitsNow), "email", ReasonControl)
}

func TestLengthLimitsAreStatedInTheError(t *testing.T) {
	st := DefaultSettings()
	for field, lim := range TextLimits {
		if err := CheckText(field, strings.Repeat("字", lim.Max)); err != nil {
			t.Errorf("%s: %d characters refused: %v", field, lim.Max, err)
		}
		fe := wantFieldError(t, field, CheckText(field, strings.Repeat("字", lim.Max+1)), field, ReasonTooLong)
		if fe.Max != lim.Max {
			t.Errorf("%s: Max %d, want %d", field, fe.Max, lim.Max)
		}
	}
	n := validNewCase()
	n.Subject = strings.Repeat("长", 201)
	fe := wantFieldError(t, "subject", n.Normalize(st, limitsNow), "subject", ReasonTooLong)
	if fe.Max != 200 {
		t.Errorf("subject limit %d", fe.Max)
	}
	n = validNewCase()
	n.Description = strings.Repeat("述", TextLimits["description"].Max+1)
	wantFieldError(t, "description", n.Normalize(st, limitsNow), "description", ReasonTooLong)
}

func TestPhoneErrorsSayWhatIsWrong(t *testing.T) {
	for _, c := range []struct{ phone, code string }{
		{"010-1", ReasonPhoneShort}, {"1234", ReasonPhoneShort}, {"1234567890123456", ReasonPhoneLong},
		{"12ab", ReasonPhoneChars}, {"139-1234-5678 转 2", ReasonPhoneChars},
	} {
		wantFieldError(t, c.phone, ValidatePhone(c.phone), "phone", c.code)
	}
	for _, ok := range []string{"010-12345", "+86 139 1234 5678", "(010) 6512 3456", "１３９１２３４５６７８"} {
		if err := ValidatePhone(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	// The agency's phones keep the reason, under their own field.
	wantFieldError(t, "agency 010-1", Agency{Phone: "010-1"}.Validate(), "agency_phone", ReasonPhoneShort)
	wantFieldError(t, "complaint phone", Agency{ComplaintPhone: "12345x"}.Validate(), "agency_complaint_phone", ReasonPhoneChars)
	wantFieldError(t, "agency name", Agency{Name: "旅行社\x1b[2J"}.Validate(), "agency_name", ReasonControl)
}

func TestDatesOutOfRangeAreRefusedNotReplaced(t *testing.T) {
	st := DefaultSettings()
	// A received time given as the zero time or before 2000.
	for _, tm := range []time.Time{{}, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1999, 12, 31, 23, 0, 0, 0, time.UTC)} {
		wantFieldError(t, "received "+tm.String(), CheckReceived(tm, limitsNow), "received", ReasonDateTooEarly)
	}
	n := validNewCase()
	n.ReceivedAt = time.Date(1999, 12, 31, 0, 0, 0, 0, time.UTC)
	wantFieldError(t, "received 1999", n.Normalize(st, limitsNow), "received", ReasonDateTooEarly)
	if err := CheckReceived(limitsNow.Add(time.Hour), limitsNow); err == nil {
		t.Error("a received time in the future was accepted")
	}
	if err := CheckReceived(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), limitsNow); err != nil {
		t.Errorf("1 January 2000: %v", err)
	}
	// Not given (zero in NewCase): now, as before.
	n = validNewCase()
	if err := n.Normalize(st, limitsNow); err != nil || !n.ReceivedAt.Equal(limitsNow) {
		t.Errorf("default received: %v %v", n.ReceivedAt, err)
	}
	// Departure: the form, the year 2000, a year ahead.
	for d, code := range map[string]string{"1999-12-31": ReasonDateTooEarly, "0001-01-01": ReasonDateTooEarly,
		"2028-01-01": ReasonDateTooLate, "2026/12/01": ReasonDateFormat} {
		n = validNewCase()
		n.Booking.Departure = d
		wantFieldError(t, "departure "+d, n.Normalize(st, limitsNow), "departure", code)
	}
	n = validNewCase()
	n.Booking.Departure = "2027-10-01"
	if err := n.Normalize(st, limitsNow); err != nil {
		t.Errorf("a departure next year: %v", err)
	}
	// Payment due.
	c := Case{Currency: "CNY"}
	wantFieldError(t, "payment 1990", c.SetFindings(Findings{PaymentDue: "1990-01-01"}, "王芳", limitsNow), "payment_due", ReasonDateTooEarly)
	wantFieldError(t, "payment 2030", c.SetFindings(Findings{PaymentDue: "2030-01-01"}, "王芳", limitsNow), "payment_due", ReasonDateTooLate)
	if err := c.SetFindings(Findings{PaymentDue: "2026-12-31"}, "王芳", limitsNow); err != nil {
		t.Errorf("payment next month: %v", err)
	}
}

func TestNotesAndFindingsRefuseControlCharacters(t *testing.T) {
	c := Case{Status: StatusNew, Kind: KindComplaint, Currency: "CNY"}
	wantFieldError(t, "note", c.AddNote("王芳", "已联系\x1b]0;pwned\x07", limitsNow), "note", ReasonControl)
	if err := c.AddNote("王芳", "第一行\r\n第二行", limitsNow); err != nil {
		t.Fatalf("a two-line note: %v", err)
	}
	if got := c.Timeline[len(c.Timeline)-1].Note; got != "第一行\n第二行" {
		t.Errorf("note %q", got)
	}
	wantFieldError(t, "decline reason", c.Move(DefaultSettings(), StatusDeclined, "王芳", "不属于\x1b受理范围", limitsNow), "reason", ReasonControl)
	wantFieldError(t, "long note", c.AddNote("王芳", strings.Repeat("记", 10001), limitsNow), "note", ReasonTooLong)
	wantFieldError(t, "facts", c.SetFindings(Findings{Facts: "导游\x1b[8m"}, "王芳", limitsNow), "facts", ReasonControl)
	wantFieldError(t, "payment method", c.SetFindings(Findings{PaymentMethod: "银行\n转账"}, "王芳", limitsNow), "payment_method", ReasonLineBreak)
	wantFieldError(t, "remedy note", c.SetFindings(Findings{Remedies: []Remedy{{Kind: RemedyRefund, Note: "\x07"}}}, "王芳", limitsNow), "remedy", ReasonControl)
	st := DefaultSettings()
	st.Staff = []Staff{{Name: "王芳\x1b[31m", Role: RoleOwner}}
	wantFieldError(t, "staff name", st.Validate(), "staff_name", ReasonControl)
}

func TestFitMakesMailIntakeValid(t *testing.T) {
	long := strings.Repeat("很长的邮件正文。", 5000)
	n := validNewCase()
	n.Channel = ChannelEmail
	n.Subject = "投诉\x1b[31m 导游\r\n\t态度 \xff"
	n.Customer.Name = "钱\x07女士\u202e"
	n.Customer.Phone = ""
	n.Description = "第一段\r\n\x1b[2J第二段\x00" + long
	n.ReceivedAt = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	n.Fit(limitsNow)
	if n.Subject != "投诉[31m 导游   态度 \uFFFD" {
		t.Errorf("subject %q", n.Subject)
	}
	if strings.ContainsAny(n.Subject, "\x1b\r\n\t") || !utf8.ValidString(n.Subject) {
		t.Errorf("subject keeps controls: %q", n.Subject)
	}
	if n.Customer.Name != "钱女士" {
		t.Errorf("name %q", n.Customer.Name)
	}
	if got := utf8.RuneCountInString(n.Description); got != TextLimits["description"].Max || !strings.HasSuffix(n.Description, "…") ||
		!strings.HasPrefix(n.Description, "第一段\n[2J第二段") {
		t.Errorf("description: %d characters, starts %q", got, n.Description[:40])
	}
	if !n.ReceivedAt.Equal(limitsNow) {
		t.Errorf("a 1970 Date header kept: %v", n.ReceivedAt)
	}
	if err := n.Normalize(DefaultSettings(), limitsNow); err != nil {
		t.Fatalf("fitted intake refused: %v", err)
	}
}
