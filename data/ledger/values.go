package ledger

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"casebook/data"
)

// Problem codes: what is wrong with a cell. Errors refuse the row; warnings
// (Problem.Warning) say how a value was read and let the row in.
const (
	CodeNameMissing     = "name_missing"     // the customer's name is empty
	CodeDateMissing     = "date_missing"     // the complaint's date is empty
	CodeDateFormat      = "date_format"      // not a date in any shape we read
	CodeDateInvalid     = "date_invalid"     // no such day (2026/13/01, 2026-02-30)
	CodeDateAmbiguous   = "date_ambiguous"   // 3/11/2026: read as month/day (warning)
	CodeDateFuture      = "date_future"      // the complaint's date is after today
	CodeDateOrder       = "date_order"       // closed before it was received
	CodeAmountFormat    = "amount_format"    // not an amount (约500元)
	CodeStatusUnknown   = "status_unknown"   // a status we cannot place
	CodeStatusClosest   = "status_closest"   // read as the closest status (warning)
	CodeCategoryClosest = "category_closest" // read as the closest category (warning)
	CodeCategoryOther   = "category_other"   // no category near it: "other" (warning)
	CodeChannelUnknown  = "channel_unknown"  // no channel near it: left as walk-in (warning)
	CodeSeverityUnknown = "severity_unknown" // left normal (warning)
	CodeOwnerUnknown    = "owner_unknown"    // not on the staff list: left unassigned, kept on the timeline (warning)
	CodeClosedNoDate    = "closed_no_date"   // a finished row without a closing date: the complaint's date is used (warning)
	CodeNothing         = "nothing"          // no description, demand, subject or product: nothing says what happened
	CodeDuplicateRef    = "duplicate_ref"    // the same reference twice in the file: the later row is refused
	CodeField           = "field"            // a value the case refuses (Problem.Err says why: too long, not a phone…)
)

// dateRe matches year-first dates: 2026-11-03, 2026/11/3, 2026.11.3, 2026年11月3日, with an optional time.
var (
	ymdRe = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$`)
	mdyRe = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$`)
	numRe = regexp.MustCompile(`^\d+(\.\d+)?$`)
)

// DayOrder is how a column's d/m/yyyy dates are read: decided per column
// from the values that can only be one way (a first number above 12 is a day).
type DayOrder int

const (
	MonthFirst DayOrder = iota // 11/3/2026 is 3 November (Excel's US form)
	DayFirst                   // 3/11/2026 is 3 November
)

// ColumnDayOrder looks at a column's values: a first number above 12 says
// day first, a second above 12 month first; with neither, month first.
func ColumnDayOrder(values []string) (order DayOrder, sure bool) {
	dayFirst, monthFirst := 0, 0
	for _, v := range values {
		m := mdyRe.FindStringSubmatch(strings.TrimSpace(v))
		if m == nil {
			continue
		}
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		switch {
		case a > 12 && b <= 12:
			dayFirst++
		case b > 12 && a <= 12:
			monthFirst++
		}
	}
	if dayFirst > monthFirst {
		return DayFirst, true
	}
	return MonthFirst, monthFirst > 0
}

// ParseDate reads a date in the shapes ledgers hold, in loc: year first
// (2026-11-03, 2026/11/3, 2026年11月3日, with or without a time), d/m/yyyy
// by the column's order, or an Excel serial day number (46329). code is ""
// when it read cleanly, CodeDateAmbiguous when it read a d/m/yyyy date the
// column could not tell apart, else the error's code.
func ParseDate(s string, order DayOrder, sure bool, loc *time.Location) (t time.Time, code string) {
	s = strings.TrimSpace(fullToHalf(s))
	if s == "" {
		return time.Time{}, CodeDateMissing
	}
	if m := ymdRe.FindStringSubmatch(s); m != nil {
		return build(m[1], m[2], m[3], m[4], m[5], m[6], loc)
	}
	if m := mdyRe.FindStringSubmatch(s); m != nil {
		a, b := m[1], m[2]
		mo, d := a, b
		if order == DayFirst {
			mo, d = b, a
		}
		t, code := build(m[3], mo, d, m[4], m[5], m[6], loc)
		if code == "" && !sure && a != b {
			ai, _ := strconv.Atoi(a)
			bi, _ := strconv.Atoi(b)
			if ai <= 12 && bi <= 12 {
				code = CodeDateAmbiguous
			}
		}
		return t, code
	}
	if numRe.MatchString(s) {
		f, err := strconv.ParseFloat(s, 64)
		if err == nil && f >= 20000 && f < 80000 { // 1954 … 2119
			days := math.Floor(f)
			secs := math.Round((f - days) * 86400)
			base := time.Date(1899, 12, 30, 0, 0, 0, 0, loc)
			return base.AddDate(0, 0, int(days)).Add(time.Duration(secs) * time.Second), ""
		}
	}
	return time.Time{}, CodeDateFormat
}

func build(y, mo, d, h, mi, sec string, loc *time.Location) (time.Time, string) {
	yi, _ := strconv.Atoi(y)
	moi, _ := strconv.Atoi(mo)
	di, _ := strconv.Atoi(d)
	hi, _ := strconv.Atoi(h)
	mii, _ := strconv.Atoi(mi)
	si, _ := strconv.Atoi(sec)
	if moi < 1 || moi > 12 || di < 1 || di > 31 || hi > 23 || mii > 59 || si > 59 || yi < 1900 {
		return time.Time{}, CodeDateInvalid
	}
	t := time.Date(yi, time.Month(moi), di, hi, mii, si, 0, loc)
	if t.Day() != di { // 2026-02-30 rolled over
		return time.Time{}, CodeDateInvalid
	}
	return t, ""
}

// fullToHalf turns full-width digits and punctuation an input method typed into ASCII.
func fullToHalf(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '！' && r <= '～' {
			return r - '！' + '!'
		}
		if r == '\u3000' {
			return ' '
		}
		return r
	}, s)
}

// ParseAmount reads "¥1,200.50", "1200元", "RMB 300", "300.00"; anything
// else ("约500元", "500左右") is an error: a ledger's guess is not an amount.
func ParseAmount(s string) (data.Money, bool) {
	s = strings.TrimSpace(fullToHalf(s))
	if s == "" {
		return 0, true
	}
	for _, suf := range []string{"元整", "元", "rmb", "cny", "人民币"} {
		if strings.HasSuffix(strings.ToLower(s), suf) {
			s = strings.TrimSpace(s[:len(s)-len(suf)])
		}
	}
	for _, pre := range []string{"rmb", "cny", "人民币"} {
		if strings.HasPrefix(strings.ToLower(s), pre) {
			s = strings.TrimSpace(s[len(pre):])
		}
	}
	if numRe.MatchString(s) && strings.Contains(s, ".") && len(s)-strings.Index(s, ".")-1 > 2 {
		// a workbook's raw number (1200.4999999) : round to cents
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return 0, false
		}
		return data.Money(math.Round(f * 100)), true
	}
	m, err := data.ParseMoney(s)
	return m, err == nil
}

// statusWords are the words ledgers write for each status, most specific first.
var statusWords = []struct {
	s     data.Status
	words []string
}{
	{data.StatusDeclined, []string{"不予受理", "不受理", "驳回", "拒绝", "已拒绝", "不成立", "declined", "rejected"}},
	{data.StatusClosed, []string{"已结案", "结案", "已关闭", "关闭", "已完结", "完结", "归档", "已归档", "closed", "done", "archived"}},
	{data.StatusResolved, []string{"已解决", "解决", "已处理", "处理完毕", "已完成", "完成", "已赔付", "resolved", "solved", "completed"}},
	{data.StatusAgreed, []string{"已同意", "客户同意", "同意", "agreed", "accepted"}},
	{data.StatusProposed, []string{"已提方案", "方案", "待确认", "proposed"}},
	{data.StatusInvestigating, []string{"未解决", "未完成", "处理中", "调查中", "核实中", "跟进中", "进行中", "待回复", "investigating", "inprogress", "in progress", "open", "pending"}},
	{data.StatusAcknowledged, []string{"已受理", "受理", "已回复", "已联系", "acknowledged"}},
	{data.StatusNew, []string{"新", "新建", "待处理", "未处理", "new", "todo"}},
}

// ParseStatus reads a status: exact words and the codes of data.Statuses,
// else the status whose word the value contains (closest, a warning), else
// unknown. Empty means none given.
func ParseStatus(s string) (st data.Status, code string) {
	v := strings.ToLower(strings.TrimSpace(s))
	if v == "" {
		return "", ""
	}
	for _, x := range data.Statuses {
		if v == string(x) {
			return x, ""
		}
	}
	for _, sw := range statusWords {
		for _, w := range sw.words {
			if v == w {
				return sw.s, ""
			}
		}
	}
	for _, sw := range statusWords {
		for _, w := range sw.words {
			if len([]rune(w)) >= 2 && strings.Contains(v, w) {
				return sw.s, CodeStatusClosest
			}
		}
	}
	return "", CodeStatusUnknown
}

// ParseCategory finds the agency's category for a ledger's value: its slug or
// a name in any language; else the active category sharing most characters
// with it (at least half, a warning); else "other" (a warning).
func ParseCategory(st data.Settings, s string) (slug, code string) {
	v := strings.ToLower(strings.TrimSpace(s))
	if v == "" {
		return "", ""
	}
	active := func(c data.Category) bool { return !c.Retired }
	for _, c := range st.Categories {
		if !active(c) {
			continue
		}
		if v == c.Slug {
			return c.Slug, ""
		}
		for _, n := range c.Names {
			if strings.ToLower(n) == v {
				return c.Slug, ""
			}
		}
	}
	best, bestScore := "", 0.0
	for _, c := range st.Categories {
		if !active(c) || c.Slug == "other" {
			continue
		}
		for _, n := range c.Names {
			n = strings.ToLower(n)
			score := overlap(v, n)
			if strings.Contains(n, v) || strings.Contains(v, n) {
				score = 1
			}
			if score > bestScore {
				best, bestScore = c.Slug, score
			}
		}
	}
	if bestScore >= 0.5 {
		return best, CodeCategoryClosest
	}
	return "other", CodeCategoryOther
}

// overlap is the share of the shorter text's characters (letters, Han) the
// other has too: 导游态度差 and 导游服务 share half of 导游服务.
func overlap(a, b string) float64 {
	count := func(s string) int {
		n := 0
		for _, r := range s {
			if !strings.ContainsRune(" /、,，", r) {
				n++
			}
		}
		return n
	}
	hit := 0
	for _, r := range a {
		if !strings.ContainsRune(" /、,，", r) && strings.ContainsRune(b, r) {
			hit++
		}
	}
	n := min(count(a), count(b))
	if n == 0 {
		return 0
	}
	return float64(hit) / float64(n)
}

var channelWords = []struct {
	c     data.Channel
	words []string
}{
	{data.ChannelHotline, []string{"12345", "12301", "热线", "旅游局", "文旅", "监管", "转办", "hotline", "regulator"}},
	{data.ChannelEmail, []string{"邮件", "邮箱", "email", "e-mail", "mail"}},
	{data.ChannelChat, []string{"微信", "在线", "客服", "qq", "chat", "wechat", "online"}},
	{data.ChannelSocial, []string{"微博", "抖音", "小红书", "点评", "社交", "网评", "social", "weibo", "review"}},
	{data.ChannelLetter, []string{"信件", "来信", "意见箱", "书面", "letter"}},
	{data.ChannelPhone, []string{"电话", "来电", "phone", "call", "tel"}},
	{data.ChannelWalkIn, []string{"来访", "到店", "现场", "门店", "面谈", "walkin", "walk-in", "visit", "counter"}},
}

// ParseChannel reads a channel by its code or the words ledgers use.
func ParseChannel(s string) (data.Channel, bool) {
	v := strings.ToLower(strings.TrimSpace(s))
	if v == "" {
		return "", true
	}
	for _, c := range data.Channels {
		if v == string(c) {
			return c, true
		}
	}
	for _, cw := range channelWords {
		for _, w := range cw.words {
			if strings.Contains(v, w) {
				return cw.c, true
			}
		}
	}
	return "", false
}

// ParseSeverity reads urgent / normal / low and their Chinese words.
func ParseSeverity(s string) (data.Severity, bool) {
	v := strings.ToLower(strings.TrimSpace(s))
	switch {
	case v == "":
		return "", true
	case v == "urgent" || strings.Contains(v, "紧急") || strings.Contains(v, "急") || v == "高" || strings.Contains(v, "重大") || v == "high":
		return data.SeverityUrgent, true
	case v == "low" || v == "低" || strings.Contains(v, "轻微") || strings.Contains(v, "一般建议"):
		return data.SeverityLow, true
	case v == "normal" || v == "中" || v == "一般" || v == "普通" || v == "medium":
		return data.SeverityNormal, true
	}
	return "", false
}
