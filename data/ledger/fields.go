package ledger

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Field is a case field a column can fill; "" leaves the column out.
type Field string

// The fields a ledger column can map to.
const (
	Ignore       Field = ""
	Ref          Field = "ref"          // 编号: the row's reference; a re-import matches on it
	Customer     Field = "customer"     // the customer's name (required)
	Phone        Field = "phone"        //
	Email        Field = "email"        //
	WeChat       Field = "wechat"       //
	Received     Field = "received"     // the complaint's date (required)
	Departure    Field = "departure"    // 出团日期
	TripEnd      Field = "trip_end"     // 回团日期
	Product      Field = "product"      // 线路/产品/团名
	Destination  Field = "destination"  //
	Guide        Field = "guide"        //
	Supplier     Field = "supplier"     // 供应商/地接社/酒店
	Fee          Field = "fee"          // 团费
	Subject      Field = "subject"      // 标题/事由摘要
	Description  Field = "description"  // 投诉内容/问题描述
	Demand       Field = "demand"       // 诉求
	Decision     Field = "decision"     // 处理结果
	Compensation Field = "compensation" // 赔偿金额
	Status       Field = "status"       //
	Owner        Field = "owner"        // 负责人/处理人
	Category     Field = "category"     //
	Channel      Field = "channel"      //
	Severity     Field = "severity"     //
	Closed       Field = "closed"       // 结案日期
	BookingRef   Field = "booking"      // 订单号
)

// Fields lists every field a column can map to, in the order a form shows them.
var Fields = []Field{Ref, Customer, Phone, Email, WeChat, Received, Departure, TripEnd, Product,
	Destination, Guide, Supplier, Fee, BookingRef, Subject, Description, Demand, Decision, Compensation,
	Status, Owner, Category, Channel, Severity, Closed}

// aliases are the headers each field is recognised by, compared after
// lower-casing and dropping spaces, brackets and their content ("金额（元）").
// The first match in Fields order wins; exact matches beat partial ones.
var aliases = map[Field][]string{
	Ref:          {"编号", "单号", "投诉编号", "序号编号", "登记号", "案件编号", "工单号", "ref", "reference", "no", "id", "caseno", "caseid", "number"},
	Customer:     {"客户", "姓名", "客人", "客户姓名", "投诉人", "游客", "游客姓名", "旅客", "联系人", "name", "customer", "customername", "client", "guest"},
	Phone:        {"电话", "手机", "联系电话", "手机号", "手机号码", "电话号码", "联系方式", "phone", "mobile", "tel", "telephone", "phonenumber"},
	Email:        {"邮箱", "email", "e-mail", "电子邮件", "电子邮箱", "mail"},
	WeChat:       {"微信", "微信号", "wechat", "weixin"},
	Received:     {"投诉日期", "日期", "受理日期", "投诉时间", "受理时间", "登记日期", "接收日期", "date", "received", "receiveddate", "complaintdate"},
	Departure:    {"出团日期", "出发日期", "出团时间", "出行日期", "departure", "departuredate", "traveldate"},
	TripEnd:      {"回团日期", "返回日期", "回程日期", "returndate", "tripend", "return"},
	Product:      {"线路", "产品", "团名", "线路名称", "产品名称", "团号", "旅游线路", "product", "tour", "route", "itinerary"},
	Destination:  {"目的地", "destination"},
	Guide:        {"导游", "领队", "导游姓名", "guide", "tourguide"},
	Supplier:     {"供应商", "地接社", "酒店", "地接", "合作方", "supplier", "hotel", "operator", "localagency"},
	Fee:          {"团费", "费用", "团款", "旅游费用", "fee", "price", "tourfee"},
	BookingRef:   {"订单号", "订单编号", "合同号", "booking", "order", "orderno", "bookingref"},
	Subject:      {"标题", "主题", "事由摘要", "subject", "title"},
	Description:  {"投诉内容", "问题描述", "事由", "内容", "投诉事由", "情况描述", "描述", "description", "complaint", "details", "issue"},
	Demand:       {"诉求", "要求", "客户诉求", "客户要求", "demand", "request", "claim"},
	Decision:     {"处理结果", "处理意见", "处理情况", "处理方案", "解决方案", "结果", "decision", "resolution", "outcome", "result"},
	Compensation: {"赔偿金额", "赔付", "赔偿", "赔付金额", "补偿金额", "退款金额", "compensation", "amountpaid", "refund"},
	Status:       {"状态", "处理状态", "进度", "status", "state"},
	Owner:        {"负责人", "处理人", "经办人", "受理人", "跟进人", "owner", "handler", "assignee", "staff"},
	Category:     {"类别", "投诉类型", "类型", "投诉类别", "分类", "category", "type"},
	Channel:      {"渠道", "来源", "投诉渠道", "投诉方式", "channel", "source"},
	Severity:     {"紧急程度", "严重程度", "级别", "优先级", "severity", "priority"},
	Closed:       {"结案日期", "完结日期", "关闭日期", "解决日期", "处理完成日期", "closed", "closeddate", "resolveddate", "closedate"},
}

// normHeader is how headers are compared.
func normHeader(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	for _, p := range [][2]string{{"（", "）"}, {"(", ")"}, {"[", "]"}} {
		if i := strings.Index(h, p[0]); i >= 0 {
			if j := strings.Index(h[i:], p[1]); j >= 0 {
				h = h[:i] + h[i+j+len(p[1]):]
			}
		}
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u3000', '_', '-', '.', ':', '：', '/', '*':
			return -1
		}
		return r
	}, h)
}

// Mapping says which field each column fills: Mapping[i] is column i's.
type Mapping []Field

// Detect maps headers to fields: an exact alias first, then a header that
// contains an alias of two or more characters (投诉日期 in "投诉日期（受理）").
// A field goes to one column only, the first that claims it.
func Detect(headers []string) Mapping {
	m := make(Mapping, len(headers))
	taken := map[Field]bool{}
	for pass := 0; pass < 2; pass++ {
		for i, h := range headers {
			if m[i] != Ignore {
				continue
			}
			n := normHeader(h)
			if n == "" {
				continue
			}
			for _, f := range Fields {
				if taken[f] {
					continue
				}
				if slices.ContainsFunc(aliases[f], func(a string) bool {
					a = normHeader(a)
					if pass == 0 {
						return n == a
					}
					return len([]rune(a)) >= 2 && strings.Contains(n, a) && !isASCII(a)
				}) {
					m[i], taken[f] = f, true
					break
				}
			}
		}
	}
	return m
}

func isASCII(s string) bool {
	for _, r := range s {
		if r > 127 {
			return false
		}
	}
	return true
}

// MappingError says a --map entry could not be applied.
type MappingError struct {
	Entry  string // as given
	Code   string // "form", "column", "field"
	Column string
}

func (e *MappingError) Error() string {
	switch e.Code {
	case "column":
		return fmt.Sprintf("mapping %q: no column %q", e.Entry, e.Column)
	case "field":
		return fmt.Sprintf("mapping %q: unknown field", e.Entry)
	}
	return fmt.Sprintf("mapping %q: write column=field", e.Entry)
}

// ParseField reads a field's name ("customer"), "-" or "ignore" for none.
func ParseField(s string) (Field, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "-" || s == "ignore" || s == "none" || s == "" {
		return Ignore, true
	}
	f := Field(s)
	return f, slices.Contains(Fields, f)
}

// Apply corrects m with entries "column=field": column is a header as
// written, its column letter (A, B, …) or its 1-based number. A field given
// to a column leaves any other column that had it.
func (m Mapping) Apply(headers []string, entries []string) (Mapping, error) {
	out := slices.Clone(m)
	if len(out) < len(headers) {
		out = append(out, make(Mapping, len(headers)-len(out))...)
	}
	for _, e := range entries {
		col, fs, ok := strings.Cut(e, "=")
		if !ok {
			return nil, &MappingError{Entry: e, Code: "form"}
		}
		col = strings.TrimSpace(col)
		i := ColumnIndex(headers, col)
		if i < 0 {
			return nil, &MappingError{Entry: e, Code: "column", Column: col}
		}
		f, ok := ParseField(fs)
		if !ok {
			return nil, &MappingError{Entry: e, Code: "field", Column: col}
		}
		if f != Ignore {
			for j := range out {
				if out[j] == f {
					out[j] = Ignore
				}
			}
		}
		out[i] = f
	}
	return out, nil
}

// ColumnIndex finds a column by its header, letter or 1-based number; -1 when none.
func ColumnIndex(headers []string, col string) int {
	for i, h := range headers {
		if h == col {
			return i
		}
	}
	for i, h := range headers {
		if normHeader(h) == normHeader(col) && normHeader(col) != "" {
			return i
		}
	}
	if n, err := strconv.Atoi(col); err == nil && n >= 1 && n <= len(headers) {
		return n - 1
	}
	if l := ColumnLetter(col); l >= 0 && l < len(headers) {
		return l
	}
	return -1
}

// ColumnLetter reads "A".."ZZ" as a 0-based index; -1 when it is not one.
func ColumnLetter(s string) int {
	s = strings.ToUpper(strings.TrimSpace(s))
	if s == "" || len(s) > 2 {
		return -1
	}
	n := 0
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return -1
		}
		n = n*26 + int(r-'A'+1)
	}
	return n - 1
}

// Letter is column i's letter (0 → A).
func Letter(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

// Column is the column of field f, -1 when no column has it.
func (m Mapping) Column(f Field) int { return slices.Index(m, f) }

// Strings writes the mapping as "column=field" entries, for the command line.
func (m Mapping) Strings(headers []string) []string {
	var out []string
	for i, f := range m {
		if f != Ignore && i < len(headers) {
			out = append(out, headers[i]+"="+string(f))
		}
	}
	return out
}
