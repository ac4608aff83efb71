// Package ledgertest builds the test ledger: a complaint ledger in Chinese of
// 200 rows, some of them bad, written deterministically as GBK CSV, UTF-8
// CSV with a BOM, and XLSX, for the tests of data/ledger, app/service, the
// command line and the window.
package ledgertest

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Headers are the ledger's columns, as an agency writes them.
var Headers = []string{"编号", "投诉日期", "客户姓名", "联系电话", "邮箱", "线路", "出团日期", "目的地", "导游",
	"地接社", "团费", "投诉类型", "投诉内容", "诉求", "处理结果", "赔偿金额（元）", "状态", "处理人", "结案日期", "渠道"}

// Rows is the number of data rows.
const Rows = 200

// Bad is what is wrong in each bad row: its row number in the sheet (the
// header is row 1, data row i is row i+2) → the column header and the code.
var Bad = map[int][2]string{
	12:  {"投诉日期", "date_invalid"},     // 2026/13/01
	27:  {"赔偿金额（元）", "amount_format"}, // 约500元
	42:  {"客户姓名", "name_missing"},     // empty
	57:  {"投诉日期", "date_format"},      // 下周
	72:  {"状态", "status_unknown"},     // 作废
	87:  {"联系电话", "field"},            // letters in a phone
	102: {"结案日期", "date_order"},       // closed before received
	117: {"团费", "amount_format"},      // 三千
	132: {"投诉日期", "date_future"},      // 2027-05-01
	147: {"客户姓名", "name_missing"},     // blanks only
	162: {"邮箱", "field"},              // not an address
	177: {"出团日期", "date_invalid"},     // 2025-02-30
}

// Good is the number of rows that import.
const Good = Rows - 12

var (
	surnames = []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"}
	given    = []string{"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "建国"}
	routes   = []string{"云南昆大丽6日游", "桂林阳朔4日游", "海南三亚5日游", "北京故宫长城5日游", "西安兵马俑3日游", "九寨沟黄龙5日游", "日本东京大阪7日游", "泰国曼谷芭提雅6日游"}
	dests    = []string{"云南", "桂林", "三亚", "北京", "西安", "九寨沟", "日本", "泰国"}
	guides   = []string{"周导", "吴导", "郑导", "钱导"}
	agencies = []string{"彩云地接社", "漓江旅行社", "椰风假日酒店", "京华地接", "长安国旅"}
	types    = []string{"导游服务", "强制购物", "住宿", "餐饮", "航班延误", "行程变更", "导游态度差", "费用争议"}
	issues   = []string{"导游带团进购物店停留时间过长，强迫消费", "酒店房间有异味，与合同标准不符", "行程中擅自取消景点", "餐标不足，菜品量少",
		"航班延误六小时无人安排", "导游态度恶劣，言语粗鲁", "额外收取自费项目费用", "接送车辆迟到一个半小时"}
	demands  = []string{"退还部分团费", "书面道歉", "赔偿损失", "补偿差价", "给个说法"}
	statuses = []string{"已结案", "处理中", "已解决", "已受理", "待处理"}
	channels = []string{"电话", "来访", "12345转办", "微信", "邮件"}
	staff    = []string{"王芳", "陈静", "老李"}
)

// Row builds data row i (0-based) as the sheet's cells.
func Row(i int) []string {
	month, day := 1+i%12, 1+(i*7)%28
	var received string
	switch i % 4 {
	case 0:
		received = fmt.Sprintf("2025-%02d-%02d", month, day)
	case 1:
		received = fmt.Sprintf("2025/%d/%d", month, day)
	case 2:
		received = fmt.Sprintf("2025年%d月%d日", month, day)
	default:
		received = fmt.Sprintf("%d/%d/2025", month, day) // month first, as Excel writes it in the US form
	}
	k := i % 150 // rows 150+ are the same customers again
	name := surnames[k%len(surnames)] + given[(k/len(surnames)+k)%len(given)]
	phone := fmt.Sprintf("1380013%04d", k)
	email := ""
	if i%3 == 0 {
		email = fmt.Sprintf("guest%d@example.com", k)
	}
	fee := fmt.Sprintf("%d", 2000+(i%9)*500)
	if i%7 == 0 {
		fee = fmt.Sprintf("￥%d,%03d.50", 1+i%5, (i*37)%1000)
	}
	comp := ""
	switch i % 6 {
	case 0:
		comp = fmt.Sprintf("%d元", 100+(i%5)*100)
	case 3:
		comp = "￥1,200.50"
	}
	status := statuses[i%len(statuses)]
	closed := ""
	if status == "已结案" || status == "已解决" {
		closed = time.Date(2025, time.Month(month), day+3, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	}
	row := []string{fmt.Sprintf("TS-2025-%03d", i+1), received, name, phone, email,
		routes[i%len(routes)], fmt.Sprintf("2025-%02d-%02d", month, max(1, day-1)), dests[i%len(dests)],
		guides[i%len(guides)], agencies[i%len(agencies)], fee, types[i%len(types)], issues[i%len(issues)],
		demands[i%len(demands)], "", comp, status, staff[i%len(staff)], closed, channels[i%len(channels)]}
	if closed != "" {
		row[14] = "已与客户协商一致，" + demands[i%len(demands)]
	}
	switch i + 2 { // the bad rows, by sheet row number
	case 12:
		row[1] = "2026/13/01"
	case 27:
		row[15] = "约500元"
	case 42:
		row[2] = ""
	case 57:
		row[1] = "下周"
	case 72:
		row[16] = "作废"
	case 87:
		row[3] = "138-abcd-0000"
	case 102:
		row[16], row[18] = "已结案", "2024-01-01"
	case 117:
		row[10] = "三千"
	case 132:
		row[1] = "2027-05-01"
	case 147:
		row[2] = "   "
	case 162:
		row[4] = "guest-at-example"
	case 177:
		row[6] = "2025-02-30"
	}
	return row
}

// All is every data row.
func All() [][]string {
	out := make([][]string, Rows)
	for i := range out {
		out[i] = Row(i)
	}
	return out
}

// Edited is the ledger a month later: row 6's description reworded, row 9's
// status now closed, and n new rows at the end (references TS-2025-201 …).
func Edited(n int) [][]string {
	rows := All()
	rows[4][12] += "（客户补充：还有发票问题）"
	rows[7][16], rows[7][18] = "已结案", "2025-08-30"
	for i := Rows; i < Rows+n; i++ {
		rows = append(rows, Row(i))
	}
	return rows
}

// CSV writes rows under Headers as CSV: UTF-8 with a BOM, or GBK.
func CSV(rows [][]string, gbk bool) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	if err := w.Write(Headers); err != nil {
		return nil, err
	}
	if err := w.WriteAll(rows); err != nil {
		return nil, err
	}
	if !gbk {
		return append([]byte("\xef\xbb\xbf"), buf.Bytes()...), nil
	}
	out, err := simplifiedchinese.GBK.NewEncoder().Bytes(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("gbk: %w", err)
	}
	return out, nil
}

// XLSX writes rows under Headers on the first sheet, 投诉台账 (a second
// sheet, 说明, holds nothing). Received dates of
// the text form "yyyy-mm-dd" are written as date cells, as Excel keeps them;
// fees without symbols as numbers.
func XLSX(rows [][]string) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "投诉台账"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	if _, err := f.NewSheet("说明"); err != nil {
		return nil, err
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		return nil, err
	}
	if err := f.SetSheetRow(sheet, "A1", &Headers); err != nil {
		return nil, err
	}
	for i, r := range rows {
		cells := make([]any, len(r))
		for j, v := range r {
			cells[j] = v
		}
		if n, ok := number(r[10]); ok {
			cells[10] = n
		}
		line := i + 2
		if err := f.SetSheetRow(sheet, fmt.Sprintf("A%d", line), &cells); err != nil {
			return nil, err
		}
		if d := r[1]; len(d) == 10 && d[4] == '-' && !strings.HasPrefix(d, "2027") {
			var y, m, dd int
			if _, err := fmt.Sscanf(d, "%d-%d-%d", &y, &m, &dd); err == nil {
				serial := excelSerial(y, m, dd)
				cell := fmt.Sprintf("B%d", line)
				if err := f.SetCellValue(sheet, cell, serial); err != nil {
					return nil, err
				}
				if err := f.SetCellStyle(sheet, cell, cell, dateStyle); err != nil {
					return nil, err
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func number(s string) (int, bool) {
	var n int
	if _, err := fmt.Sscanf(s, "%d", &n); err != nil || fmt.Sprint(n) != s {
		return 0, false
	}
	return n, true
}

// excelSerial is the day number Excel stores for a date (1900 system).
func excelSerial(y, m, d int) int {
	// days from 1899-12-30, by the civil-from-days algorithm
	days := func(y, m, d int) int {
		if m <= 2 {
			y--
			m += 12
		}
		return 365*y + y/4 - y/100 + y/400 + (153*(m-3)+2)/5 + d
	}
	return days(y, m, d) - days(1899, 12, 30)
}
