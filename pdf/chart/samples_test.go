package chart

import (
	"flag"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"testing"
)

var chartOut = flag.String("chart.out", "", "also write every sample chart as PNG to this directory, at print and screen size")

// words holds the sample's labels in each language, as the figures' caller
// would write them.
type words struct {
	months                          []string
	thisYear, lastYear              string
	trend, byCategory, hotspots     string
	slaFirst, slaResolve, onTime    string
	comp, compNone                  string
	categories, suppliers, remedies []string
	recovered, paid, recoveredName  string
}

var sampleWords = map[string]words{
	"zh-Hans": {
		months:   []string{"1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"},
		thisYear: "2026年", lastYear: "2025年",
		trend: "月度投诉量趋势", byCategory: "按类别", hotspots: "热点供应商（较上期）",
		slaFirst: "首次响应按时率", slaResolve: "解决按时率", onTime: "48 件中 45 件按时",
		comp: "按类别和补偿方式的补偿金额", compNone: "补偿金额",
		categories: []string{"行程变更", "导游服务态度", "强制购物", "住宿条件与宣传不符", "餐饮", "交通/航班延误", "退改签", "费用争议", "团队取消", "签证/证件", "行李", "安全/受伤/疾病"},
		suppliers:  []string{"云南昆明春城国际旅行社有限公司（地接）", "东方航空", "桂林漓江大瀑布饭店", "海南三亚亚龙湾度假酒店管理有限公司", "张家界天门山索道", "西安古都假日酒店", "北京首都旅游集团车队", "厦门鼓浪屿家庭旅馆", "丽江古城客栈", "成都熊猫基地票务"},
		remedies:   []string{"退款", "违约金", "善意补偿", "代金券"},
		recovered:  "向供应商追偿", paid: "已赔付客户", recoveredName: "已追回",
	},
	"zh-Hant": {
		months:   []string{"1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"},
		thisYear: "2026年", lastYear: "2025年",
		trend: "每月投訴量趨勢", byCategory: "按類別", hotspots: "熱點供應商（較上期）",
		slaFirst: "首次回應準時率", slaResolve: "解決準時率", onTime: "48 件中 45 件準時",
		comp: "按類別和補償方式的補償金額", compNone: "補償金額",
		categories: []string{"行程變更", "導遊服務態度", "強迫購物", "住宿條件與宣傳不符", "餐飲", "交通/航班延誤", "退改簽", "費用爭議", "團隊取消", "簽證/證件", "行李", "安全/受傷/疾病"},
		suppliers:  []string{"雲南昆明春城國際旅行社有限公司（地接）", "東方航空", "桂林灕江大瀑布飯店", "海南三亞亞龍灣度假酒店管理有限公司", "張家界天門山索道", "西安古都假日酒店", "北京首都旅遊集團車隊", "廈門鼓浪嶼家庭旅館", "麗江古城客棧", "成都熊貓基地票務"},
		remedies:   []string{"退款", "違約金", "善意補償", "代金券"},
		recovered:  "向供應商追償", paid: "已賠付客戶", recoveredName: "已追回",
	},
	"en": {
		months:   []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
		thisYear: "2026", lastYear: "2025",
		trend: "Complaints per month", byCategory: "By category", hotspots: "Supplier hotspots (vs. last period)",
		slaFirst: "First responses on time", slaResolve: "Resolutions on time", onTime: "45 of 48 on time",
		comp: "Compensation by category and remedy", compNone: "Compensation",
		categories: []string{"Itinerary change", "Guide conduct", "Forced shopping", "Accommodation not as advertised", "Meals", "Transport / flight delay", "Refund / change", "Fee dispute", "Tour cancellation", "Visa / documents", "Luggage", "Safety / injury / illness"},
		suppliers:  []string{"Kunming Spring City International Travel Service Co., Ltd. (ground agent)", "China Eastern Airlines", "Guilin Lijiang Waterfall Hotel", "Hainan Sanya Yalong Bay Resort Management Co., Ltd.", "Zhangjiajie Tianmen Mountain Cableway", "Xi'an Ancient Capital Holiday Inn", "Beijing Capital Tourism Group Coaches", "Gulangyu Family Guesthouse", "Lijiang Old Town Inn", "Chengdu Panda Base Tickets"},
		remedies:   []string{"Refund", "Penalty", "Goodwill", "Voucher"},
		recovered:  "Recovered from suppliers", paid: "Paid to customers", recoveredName: "Recovered",
	},
}

type sample struct {
	name  string
	chart *Chart
}

// samples are every chart, with realistic numbers of a small agency, and
// each one's empty state.
func samples(lang string) []sample {
	w := sampleWords[lang]
	nan := func() float64 { var z float64; return z / z }()
	thisYear := []float64{38, 41, 35, 52, 61, 74, 96, 103, 67, 88, 47, nan}
	lastYear := []float64{31, 36, 40, 44, 58, 69, 81, 92, 60, 79, 45, 39}
	byCat := []float64{87, 64, 23, 58, 19, 112, 71, 33, 12, 9, 14, 6}
	hot := []float64{41, 36, 28, 22, 17, 12, 9, 7, 4, 3}
	hotDelta := []float64{12, -4, 5, 0, 3, -2, 1, -1, 0, 2}
	comp := []Series{
		{Name: w.remedies[0], Values: []float64{12800, 4500, 0, 26400, 1200, 38650, 21000, 3600, 15800, 0, 2400, 9500}},
		{Name: w.remedies[1], Values: []float64{6400, 2000, 3000, 8800, 0, 12000, 0, 1500, 9600, 0, 0, 20000}},
		{Name: w.remedies[2], Values: []float64{1500, 2500, 1800, 3000, 600, 4200, 500, 800, 1000, 300, 500, 5000}},
		{Name: w.remedies[3], Values: []float64{2000, 1000, 500, 2500, 400, 3000, 0, 0, 1500, 0, 200, 0}},
	}
	byKind := []float64{133850, 63300, 21700, 11100}
	return []sample{
		{"trend", Trend(lang, w.trend, w.months, Series{w.thisYear, thisYear}, Series{w.lastYear, lastYear})},
		{"trend-one", Trend(lang, w.trend, w.months, Series{w.thisYear, thisYear})},
		{"by-category", Bars(lang, w.byCategory, w.categories, byCat, BarOpts{Max: 8})},
		{"hotspots", Bars(lang, w.hotspots, w.suppliers, hot, BarOpts{Max: 6, Delta: hotDelta})},
		{"sla-met", Gauge(lang, w.slaFirst, 93.75, 90, w.onTime)},
		{"sla-missed", Gauge(lang, w.slaResolve, 71.4, 85, "")},
		{"compensation", Stacked(lang, w.comp, w.categories, comp, BarOpts{Max: 7, Unit: Unit{Currency: "CNY"}})},
		{"recovered", Stacked(lang, w.recovered, w.suppliers[:5], []Series{
			{Name: w.paid, Values: []float64{18600, 9400, 12800, 6100, 3000}},
			{Name: w.recoveredName, Values: []float64{12000, 9400, 4000, 0, 1500}},
		}, BarOpts{Unit: Unit{Currency: "CNY"}, Grouped: true})},
		{"compensation-kind", Bars(lang, w.compNone, w.remedies, byKind, BarOpts{Unit: Unit{Currency: "CNY"}})},
		{"empty-trend", Trend(lang, w.trend, w.months, Series{w.thisYear, make([]float64, 12)})},
		{"empty-bars", Bars(lang, w.byCategory, nil, nil, BarOpts{})},
		{"empty-gauge", Gauge(lang, w.slaFirst, nan, 90, "")},
		{"empty-stacked", Stacked(lang, w.comp, w.categories, nil, BarOpts{})},
	}
}

// sizes are the sizes the report and the screen use.
var sizes = []struct {
	name string
	size Size
}{
	{"print", Print(180, 75)},
	{"print-half", Print(88, 65)},
	{"screen", Screen(640, 300, 1)},
	{"screen-dark", darkScreen()},
}

// darkScreen is the screen size on the GUI's dark theme background.
func darkScreen() Size {
	s := Screen(640, 300, 1)
	s.Background = color.NRGBA{0x17, 0x17, 0x18, 0xFF}
	return s
}

// TestWriteSamples draws every sample in every language at every size; with
// -chart.out DIR it writes them there for review.
func TestWriteSamples(t *testing.T) {
	if *chartOut != "" {
		if err := os.MkdirAll(*chartOut, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, lang := range []string{"zh-Hans", "zh-Hant", "en"} {
		for _, s := range samples(lang) {
			for _, sz := range sizes {
				b, err := s.chart.PNG(sz.size)
				if err != nil {
					t.Fatalf("%s %s %s: %v", lang, s.name, sz.name, err)
				}
				if *chartOut != "" {
					name := filepath.Join(*chartOut, fmt.Sprintf("%s-%s-%s.png", s.name, lang, sz.name))
					if err := os.WriteFile(name, b, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
}

// BenchmarkRender is the time to draw one chart and encode it as PNG.
func BenchmarkRender(b *testing.B) {
	for _, s := range samples("zh-Hans")[:8] {
		for _, sz := range []struct {
			name string
			size Size
		}{sizes[0], sizes[2]} {
			b.Run(s.name+"/"+sz.name, func(b *testing.B) {
				for b.Loop() {
					if _, err := s.chart.PNG(sz.size); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
