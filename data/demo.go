package data

import (
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// DemoCase is one generated case: what intake records, and how far it went through the workflow.
type DemoCase struct {
	New   NewCase    // ReceivedAt set; By set to a staff name
	Steps []DemoStep // transitions to apply in order, each at a later time
}

// DemoStep is one status change of a demo case.
type DemoStep struct {
	To   Status
	At   time.Time
	By   string
	Note string
}

// DemoStaff lists the demo staff names the generator uses, with roles "staff",
// "supervisor" and "owner".
var DemoStaff = []struct{ Name, Role string }{
	{"王芳", "staff"},
	{"李强", "staff"},
	{"赵敏", "staff"},
	{"Emily Chen", "staff"},
	{"陈静", "supervisor"},
	{"张伟", "owner"},
}

// Indexes into DemoStaff.
const (
	demoStaffWang = iota
	demoStaffLi
	demoStaffZhao
	demoStaffEmily
	demoStaffChen
	demoStaffZhang
)

// demoLoc is Asia/Shanghai; China has had no daylight saving time since 1991, so a
// fixed zone is exact and needs no zone database.
var demoLoc = time.FixedZone("CST", 8*60*60)

// GenerateDemo returns n cases received over the two years before now, oldest first
// (ReceivedAt non-decreasing), reproducible for a given seed.
func GenerateDemo(seed int64, n int, now time.Time) []DemoCase {
	if n <= 0 {
		return nil
	}
	g := &demoGen{r: rand.New(rand.NewPCG(uint64(seed), 0x63617365626f6f6b))} // "casebook"
	now = now.In(demoLoc)
	times := g.receivedTimes(n, now)
	g.makeCustomers(max(1, n/3))
	out := make([]DemoCase, n)
	for i := range out {
		out[i] = g.oneCase(time.Unix(times[i], 0).In(demoLoc), now)
	}
	return out
}

// ---------------------------------------------------------------------------
// Generator state and small helpers

type demoGen struct {
	r         *rand.Rand
	customers []demoCustomer
	slots     [26]string      // template slots {A}…{Z}
	text      strings.Builder // the texts of recent cases; strings are slices of it
	buf       []byte          // scratch
	notes     [16]demoSpan    // the current case's step notes in text
	arena     []DemoStep      // backing array for the steps handed out
}

type demoCustomer struct {
	c    Customer
	en   bool
	addr string // how staff refer to them: 王女士, Ms Smith
}

// demoWeights is a cumulative weight table for weighted picks.
type demoWeights []int

func demoW(ws ...int) demoWeights {
	cum := make(demoWeights, len(ws))
	t := 0
	for i, w := range ws {
		t += w
		cum[i] = t
	}
	return cum
}

func (g *demoGen) pickW(w demoWeights) int {
	x := g.r.IntN(w[len(w)-1])
	for i, c := range w {
		if x < c {
			return i
		}
	}
	return len(w) - 1
}

func (g *demoGen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *demoGen) chance(p float64) bool { return g.r.Float64() < p }

// between returns a random int in [lo, hi].
func (g *demoGen) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

// minutes returns a duration between lo and hi minutes, skewed towards lo when skew
// is set, with random seconds so that times do not look machine-made.
func (g *demoGen) minutes(lo, hi int, skew bool) time.Duration {
	u := g.r.Float64()
	if skew {
		u *= u
	}
	m := lo + int(u*float64(hi-lo))
	return time.Duration(m)*time.Minute + time.Duration(g.r.IntN(60))*time.Second
}

func (g *demoGen) set(slot byte, v string) { g.slots[slot-'A'] = v }

// expandTo writes tpl with every {X} replaced by slot X.
func (g *demoGen) expandTo(b *strings.Builder, tpl string) {
	for {
		i := strings.IndexByte(tpl, '{')
		if i < 0 {
			b.WriteString(tpl)
			return
		}
		if i+2 < len(tpl) && tpl[i+2] == '}' && tpl[i+1] >= 'A' && tpl[i+1] <= 'Z' {
			b.WriteString(tpl[:i])
			b.WriteString(g.slots[tpl[i+1]-'A'])
			tpl = tpl[i+3:]
			continue
		}
		b.WriteString(tpl[:i+1])
		tpl = tpl[i+1:]
	}
}

// demoSpan is a text of the current case: a constant, or a range of demoGen.text.
type demoSpan struct {
	s    string
	a, b int
}

func (sp demoSpan) in(all string) string {
	if sp.a == sp.b {
		return sp.s
	}
	return all[sp.a:sp.b]
}

// span expands tpl into the case's text buffer; templates without slots are used as they are.
func (g *demoGen) span(tpl string) demoSpan {
	if strings.IndexByte(tpl, '{') < 0 {
		return demoSpan{s: tpl}
	}
	a := g.text.Len()
	g.expandTo(&g.text, tpl)
	return demoSpan{a: a, b: g.text.Len()}
}

func demoDigits(b []byte, v, width int) []byte {
	var tmp [20]byte
	s := strconv.AppendInt(tmp[:0], int64(v), 10)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// demoAppendISO appends t's date as YYYY-MM-DD.
func demoAppendISO(b []byte, t time.Time) []byte {
	y, m, d := t.Date()
	b = demoDigits(b, y, 4)
	b = append(b, '-')
	b = demoDigits(b, int(m), 2)
	b = append(b, '-')
	return demoDigits(b, d, 2)
}

var demoMonthsEn = [...]string{"", "January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}

// demoAppendDay appends a date the way a customer writes it: 7月12日, 12 July.
func demoAppendDay(b []byte, t time.Time, en bool) []byte {
	_, m, d := t.Date()
	if en {
		b = strconv.AppendInt(b, int64(d), 10)
		b = append(b, ' ')
		return append(b, demoMonthsEn[m]...)
	}
	b = strconv.AppendInt(b, int64(m), 10)
	b = append(b, "月"...)
	b = strconv.AppendInt(b, int64(d), 10)
	return append(b, "日"...)
}

// put copies b into the text buffer and returns it as a string without allocating.
func (g *demoGen) put(b []byte) string {
	a := g.text.Len()
	g.text.Write(b)
	g.buf = b[:0]
	return g.text.String()[a:]
}

var demoCNNum = [...]string{"", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"}

func demoMidnight(t time.Time, addDays int) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d+addDays, 0, 0, 0, 0, demoLoc)
}

// ---------------------------------------------------------------------------
// When cases arrive

// Month factors: summer holidays, the October Golden Week and Spring Festival are busy.
var demoMonthWeight = [13]float64{0, 0.95, 1.05, 0.8, 0.9, 1.1, 0.95, 1.35, 1.45, 0.95, 1.3, 0.8, 0.8}

// receivedTimes returns n sorted Unix times in (now-2y, now].
func (g *demoGen) receivedTimes(n int, now time.Time) []int64 {
	start := now.AddDate(-2, 0, 0)
	lo, hi := start.Unix(), now.Unix()
	first := demoMidnight(start, 0)
	var days []int64
	var cum []float64
	total := 0.0
	for i := 0; ; i++ {
		day := demoMidnight(first, i)
		if day.After(now) {
			break
		}
		w := demoMonthWeight[day.Month()]
		if d := day.Day(); day.Month() == time.October && d <= 8 {
			w *= 1.4
		} else if day.Month() == time.May && d <= 5 {
			w *= 1.3
		}
		if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
			w *= 0.7
		}
		w *= 0.85 + 0.3*float64(i)/730 // the agency grows
		total += w
		days = append(days, day.Unix())
		cum = append(cum, total)
	}
	out := make([]int64, 0, n)
	for len(out) < n {
		i := sort.SearchFloat64s(cum, g.r.Float64()*total)
		if i >= len(days) {
			i = len(days) - 1
		}
		sec := days[i] + int64(g.secondOfDay())
		if sec <= lo || sec > hi {
			continue
		}
		out = append(out, sec)
	}
	slices.Sort(out)
	return out
}

// secondOfDay is mostly office hours, some evenings, a few early or late ones.
func (g *demoGen) secondOfDay() int {
	u := g.r.Float64()
	switch {
	case u < 0.80:
		return 9*3600 + g.r.IntN(10*3600)
	case u < 0.92:
		return 19*3600 + g.r.IntN(3*3600+1800)
	case u < 0.97:
		return 7*3600 + 1800 + g.r.IntN(5400)
	default:
		return (22*3600 + 1800 + g.r.IntN(9*3600)) % 86400
	}
}

// ---------------------------------------------------------------------------
// Customers

type demoName struct {
	han, py string
	g       byte // 'm', 'f', or 'u' (either)
}

// Common surnames, most common first.
var demoSurnames = []demoName{
	{"王", "wang", 0}, {"李", "li", 0}, {"张", "zhang", 0}, {"刘", "liu", 0}, {"陈", "chen", 0},
	{"杨", "yang", 0}, {"黄", "huang", 0}, {"赵", "zhao", 0}, {"吴", "wu", 0}, {"周", "zhou", 0},
	{"徐", "xu", 0}, {"孙", "sun", 0}, {"马", "ma", 0}, {"朱", "zhu", 0}, {"胡", "hu", 0},
	{"郭", "guo", 0}, {"何", "he", 0}, {"高", "gao", 0}, {"林", "lin", 0}, {"罗", "luo", 0},
	{"郑", "zheng", 0}, {"梁", "liang", 0}, {"谢", "xie", 0}, {"宋", "song", 0}, {"唐", "tang", 0},
	{"许", "xu", 0}, {"韩", "han", 0}, {"冯", "feng", 0}, {"邓", "deng", 0}, {"曹", "cao", 0},
	{"彭", "peng", 0}, {"曾", "zeng", 0}, {"肖", "xiao", 0}, {"田", "tian", 0}, {"董", "dong", 0},
	{"袁", "yuan", 0}, {"潘", "pan", 0}, {"于", "yu", 0}, {"蒋", "jiang", 0}, {"蔡", "cai", 0},
	{"余", "yu", 0}, {"杜", "du", 0}, {"叶", "ye", 0}, {"程", "cheng", 0}, {"苏", "su", 0},
	{"魏", "wei", 0}, {"吕", "lv", 0}, {"丁", "ding", 0}, {"任", "ren", 0}, {"沈", "shen", 0},
}

var demoGivenNames = []demoName{
	{"伟", "wei", 'm'}, {"芳", "fang", 'f'}, {"娜", "na", 'f'}, {"敏", "min", 'f'}, {"静", "jing", 'f'},
	{"丽", "li", 'f'}, {"强", "qiang", 'm'}, {"磊", "lei", 'm'}, {"军", "jun", 'm'}, {"洋", "yang", 'u'},
	{"勇", "yong", 'm'}, {"艳", "yan", 'f'}, {"杰", "jie", 'm'}, {"娟", "juan", 'f'}, {"涛", "tao", 'm'},
	{"明", "ming", 'm'}, {"超", "chao", 'm'}, {"秀英", "xiuying", 'f'}, {"霞", "xia", 'f'}, {"平", "ping", 'u'},
	{"刚", "gang", 'm'}, {"桂英", "guiying", 'f'}, {"建华", "jianhua", 'm'}, {"文", "wen", 'u'}, {"华", "hua", 'u'},
	{"玉兰", "yulan", 'f'}, {"红", "hong", 'f'}, {"建国", "jianguo", 'm'}, {"志强", "zhiqiang", 'm'}, {"晓燕", "xiaoyan", 'f'},
	{"海燕", "haiyan", 'f'}, {"丹", "dan", 'f'}, {"萍", "ping", 'f'}, {"鹏", "peng", 'm'}, {"辉", "hui", 'm'},
	{"婷", "ting", 'f'}, {"雪", "xue", 'f'}, {"琳", "lin", 'f'}, {"欣怡", "xinyi", 'f'}, {"子涵", "zihan", 'u'},
	{"浩然", "haoran", 'm'}, {"宇轩", "yuxuan", 'm'}, {"梓萱", "zixuan", 'f'}, {"一诺", "yinuo", 'u'}, {"思远", "siyuan", 'm'},
	{"佳怡", "jiayi", 'f'}, {"俊杰", "junjie", 'm'}, {"雨桐", "yutong", 'f'}, {"志明", "zhiming", 'm'}, {"春梅", "chunmei", 'f'},
	{"国庆", "guoqing", 'm'}, {"淑芬", "shufen", 'f'}, {"凤英", "fengying", 'f'}, {"晓东", "xiaodong", 'm'}, {"慧", "hui", 'f'},
}

var demoFirstNames = []demoName{
	{"Sarah", "sarah", 'f'}, {"Jessica", "jessica", 'f'}, {"Laura", "laura", 'f'}, {"Hannah", "hannah", 'f'},
	{"Olivia", "olivia", 'f'}, {"Sophie", "sophie", 'f'}, {"Rachel", "rachel", 'f'}, {"Anna", "anna", 'f'},
	{"Grace", "grace", 'f'}, {"Chloe", "chloe", 'f'}, {"Megan", "megan", 'f'}, {"Lucy", "lucy", 'f'},
	{"Priya", "priya", 'f'}, {"Maria", "maria", 'f'}, {"James", "james", 'm'}, {"David", "david", 'm'},
	{"Michael", "michael", 'm'}, {"Daniel", "daniel", 'm'}, {"Thomas", "thomas", 'm'}, {"Matthew", "matthew", 'm'},
	{"Andrew", "andrew", 'm'}, {"Ryan", "ryan", 'm'}, {"Mark", "mark", 'm'}, {"Peter", "peter", 'm'},
	{"Kevin", "kevin", 'm'}, {"Ben", "ben", 'm'}, {"Lukas", "lukas", 'm'}, {"Hiroshi", "hiroshi", 'm'},
	{"Alex", "alex", 'u'}, {"Sam", "sam", 'u'},
}

var demoLastNames = []string{"Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans",
	"Walker", "Wright", "Thompson", "White", "Harris", "Martin", "Clarke", "Lewis", "Robinson",
	"Hughes", "Green", "Wood", "Hall", "Wong", "Lee", "Tan", "Lim", "Kim", "Patel", "Nguyen",
	"Garcia", "Schmidt", "Rossi", "Murphy", "O'Brien", "Cooper", "Miller"}

// Mobile prefixes of the three carriers (all 1[3-9]x).
var demoPhonePrefixes = []string{"130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
	"147", "150", "151", "152", "153", "155", "156", "157", "158", "159", "166", "173", "176", "177",
	"178", "180", "181", "182", "183", "184", "185", "186", "187", "188", "189", "191", "193", "195",
	"198", "199"}

var (
	demoZhMailDomains = []string{"qq.com", "qq.com", "qq.com", "qq.com", "163.com", "163.com", "163.com",
		"126.com", "126.com", "gmail.com", "outlook.com"}
	demoEnMailDomains = []string{"gmail.com", "gmail.com", "gmail.com", "outlook.com", "outlook.com", "qq.com", "163.com"}
)

const demoAlnum = "abcdefghijklmnopqrstuvwxyz0123456789"

func (g *demoGen) makeCustomers(k int) {
	g.customers = make([]demoCustomer, k)
	phones := make(map[string]bool, k)
	emails := make(map[string]bool, k/2)
	buf := make([]byte, 0, 32)
	for i := range g.customers {
		c := &g.customers[i]
		c.en = g.r.IntN(4) == 0
		var first, last demoName
		if c.en {
			first = demoFirstNames[g.r.IntN(len(demoFirstNames))]
			ln := g.pick(demoLastNames)
			last = demoName{ln, strings.ToLower(strings.ReplaceAll(ln, "'", "")), 0}
			c.c.Name = first.han + " " + last.han
		} else {
			u := g.r.Float64()
			last = demoSurnames[int(u*u*float64(len(demoSurnames)))]
			first = demoGivenNames[g.r.IntN(len(demoGivenNames))]
			c.c.Name = last.han + first.han
		}
		female := first.g == 'f' || (first.g == 'u' && g.r.IntN(2) == 0)
		switch {
		case c.en && female:
			c.addr = "Ms " + last.han
		case c.en:
			c.addr = "Mr " + last.han
		case female:
			c.addr = last.han + "女士"
		default:
			c.addr = last.han + "先生"
		}

		for {
			buf = append(buf[:0], g.pick(demoPhonePrefixes)...)
			buf = demoDigits(buf, g.r.IntN(100000000), 8)
			if p := string(buf); !phones[p] {
				phones[p] = true
				c.c.Phone = p
				break
			}
		}

		if g.chance(0.5) || (c.en && g.chance(0.6)) {
			domains := demoZhMailDomains
			if c.en {
				domains = demoEnMailDomains
			}
			domain := g.pick(domains)
			for try := 0; ; try++ {
				buf = buf[:0]
				switch v := g.r.IntN(4); {
				case domain == "qq.com" && !c.en && v < 2:
					buf = demoDigits(buf, g.between(10000, 3999999999), 0) // QQ number
				case v == 0:
					buf = append(buf, last.py...)
					buf = append(buf, first.py...)
					buf = demoDigits(buf, g.between(1960, 2006), 0)
				case v == 1:
					buf = append(buf, first.py...)
					buf = append(buf, '.')
					buf = append(buf, last.py...)
				case v == 2:
					buf = append(buf, first.py[0], '.')
					buf = append(buf, last.py...)
					buf = demoDigits(buf, g.r.IntN(100), 2)
				default:
					buf = append(buf, last.py...)
					buf = append(buf, '_')
					buf = append(buf, first.py...)
					buf = demoDigits(buf, g.r.IntN(1000), 0)
				}
				if try > 0 {
					buf = demoDigits(buf, g.r.IntN(1000), 0)
				}
				buf = append(buf, '@')
				buf = append(buf, domain...)
				if e := string(buf); !emails[e] {
					emails[e] = true
					c.c.Email = e
					break
				}
			}
		}

		if (!c.en && g.chance(0.35)) || (c.en && g.chance(0.12)) {
			buf = buf[:0]
			if g.chance(0.5) {
				buf = append(buf, "wxid_"...)
				for range 14 {
					buf = append(buf, demoAlnum[g.r.IntN(len(demoAlnum))])
				}
			} else {
				buf = append(buf, last.py...)
				if g.chance(0.5) {
					buf = append(buf, '_')
				}
				buf = append(buf, first.py...)
				buf = demoDigits(buf, g.r.IntN(10000), 0)
			}
			c.c.WeChat = string(buf)
		}
	}
}

// ---------------------------------------------------------------------------
// Destinations, suppliers, guides

type demoProduct struct {
	name string
	days int
}

type demoDest struct {
	name     string
	cities   []string      // {C}: where things happen
	sights   []string      // {E}: what the tour visits
	airlines []demoAirline // nil: the language's domestic carriers
	products []demoProduct
	hotels   []string
	shops    []string
	agencies []string
	guides   []string // nil: the shared Chinese guide list
	abroad   bool
	weight   int
}

var demoZhGuides = []string{"李军", "刘洋", "赵磊", "孙丽", "周杰", "吴涛", "郑海燕", "马晓东", "黄莉",
	"何斌", "罗娟", "高翔", "林小燕", "徐刚", "唐明", "韩雪", "冯超", "曹磊", "杨帆", "许婷"}

var demoZhDests = []demoDest{
	{name: "云南", cities: []string{"大理", "丽江", "昆明", "香格里拉"},
		sights:   []string{"玉龙雪山", "洱海", "泸沽湖", "崇圣寺三塔", "束河古镇"},
		products: []demoProduct{{"云南大理丽江6日游", 6}, {"昆明大理丽江香格里拉8日游", 8}, {"丽江泸沽湖5日游", 5}},
		hotels:   []string{"大理洱海云栖酒店", "丽江古城青瓦客栈", "昆明春城假日酒店"},
		shops:    []string{"玉石店", "普洱茶店", "银器店", "鲜花饼店"},
		agencies: []string{"云南彩云地接社", "大理风花雪月旅行社"}, weight: 14},
	{name: "三亚", cities: []string{"三亚", "亚龙湾", "海棠湾"},
		sights:   []string{"蜈支洲岛", "天涯海角", "南山寺", "大小洞天"},
		products: []demoProduct{{"三亚双飞5日游", 5}, {"三亚亚龙湾亲子6日游", 6}},
		hotels:   []string{"亚龙湾椰风度假酒店", "三亚湾海景公寓酒店", "大东海听涛酒店"},
		shops:    []string{"珍珠店", "海产品店", "黄花梨店", "乳胶店"},
		agencies: []string{"海南椰岛地接社"}, weight: 12},
	{name: "西安", cities: []string{"西安", "华阴", "延安"},
		sights:   []string{"兵马俑", "大雁塔", "华山", "华清宫", "回民街"},
		products: []demoProduct{{"西安兵马俑华山4日游", 4}, {"陕西西安延安5日游", 5}},
		hotels:   []string{"西安钟鼓楼假日酒店", "曲江唐韵酒店"},
		shops:    []string{"玉器店", "字画店", "兵马俑工艺品店"},
		agencies: []string{"西安长安地接社"}, weight: 8},
	{name: "桂林", cities: []string{"桂林", "阳朔", "龙胜"},
		sights:   []string{"漓江", "龙脊梯田", "象鼻山", "遇龙河", "银子岩"},
		products: []demoProduct{{"桂林阳朔漓江4日游", 4}, {"桂林龙脊阳朔5日游", 5}},
		hotels:   []string{"阳朔西街山水酒店", "桂林两江四湖酒店"},
		shops:    []string{"茶叶店", "乳胶店", "玉石店"},
		agencies: []string{"桂林山水地接社"}, weight: 8},
	{name: "张家界", cities: []string{"张家界", "凤凰", "武陵源"},
		sights:   []string{"天门山", "袁家界", "玻璃栈道", "天子山", "凤凰古城"},
		products: []demoProduct{{"张家界凤凰古城5日游", 5}, {"张家界天门山4日游", 4}},
		hotels:   []string{"武陵源山居酒店", "凤凰古城沱江客栈"},
		shops:    []string{"乳胶店", "土特产店", "银器店"},
		agencies: []string{"湘西武陵地接社"}, weight: 8},
	{name: "九寨沟", cities: []string{"成都", "九寨沟", "松潘"},
		sights:   []string{"九寨沟景区", "黄龙", "都江堰", "五花海"},
		products: []demoProduct{{"成都九寨沟黄龙6日游", 6}, {"九寨沟黄龙双飞5日游", 5}},
		hotels:   []string{"九寨沟沟口藏家酒店", "成都宽窄悦来酒店"},
		shops:    []string{"藏药店", "牦牛肉店", "银器店"},
		agencies: []string{"四川熊猫地接社"}, weight: 6},
	{name: "日本大阪", cities: []string{"大阪", "京都", "奈良"},
		sights:   []string{"心斋桥", "岚山", "清水寺", "奈良公园", "环球影城"},
		airlines: []demoAirline{{"东方航空", "MU"}, {"中国国航", "CA"}, {"全日空", "NH"}, {"春秋航空", "9C"}},
		products: []demoProduct{{"日本大阪京都奈良6日游", 6}, {"日本本州经典7日游", 7}},
		hotels:   []string{"大阪难波城市酒店", "京都四条町家旅馆"},
		shops:    []string{"免税店", "药妆店", "珍珠店"},
		agencies: []string{"大阪樱花地接社"}, abroad: true, weight: 9},
	{name: "泰国曼谷", cities: []string{"曼谷", "芭提雅"},
		sights:   []string{"大皇宫", "沙美岛", "湄南河", "四面佛", "珊瑚岛"},
		airlines: []demoAirline{{"泰国航空", "TG"}, {"南方航空", "CZ"}, {"东方航空", "MU"}},
		products: []demoProduct{{"泰国曼谷芭提雅6日游", 6}, {"泰国曼谷沙美岛7日游", 7}},
		hotels:   []string{"曼谷素坤逸城市酒店", "芭提雅海滩度假酒店"},
		shops:    []string{"乳胶店", "珠宝店", "燕窝店", "蛇药店"},
		agencies: []string{"曼谷金象地接社"}, abroad: true, weight: 9},
	{name: "新加坡", cities: []string{"新加坡", "马六甲", "吉隆坡"},
		sights:   []string{"圣淘沙", "滨海湾花园", "鱼尾狮公园", "双子塔"},
		airlines: []demoAirline{{"新加坡航空", "SQ"}, {"东方航空", "MU"}, {"南方航空", "CZ"}},
		products: []demoProduct{{"新加坡马来西亚6日游", 6}, {"新加坡4日亲子游", 4}},
		hotels:   []string{"新加坡乌节路城市酒店", "吉隆坡双子塔景观酒店"},
		shops:    []string{"免税店", "珠宝店", "保健品店"},
		agencies: []string{"星马联合地接社"}, abroad: true, weight: 6},
	{name: "欧洲四国", cities: []string{"巴黎", "罗马", "琉森", "法兰克福", "威尼斯"},
		sights:   []string{"卢浮宫", "铁力士雪山", "梵蒂冈", "圣马可广场", "埃菲尔铁塔"},
		airlines: []demoAirline{{"中国国航", "CA"}, {"法国航空", "AF"}, {"东方航空", "MU"}},
		products: []demoProduct{{"欧洲法意瑞德四国12日游", 12}, {"欧洲四国经典10日游", 10}},
		hotels:   []string{"巴黎郊区宜居酒店", "罗马城郊商务酒店"},
		shops:    []string{"手表店", "奥特莱斯", "皮具店"},
		agencies: []string{"欧洲环球地接社"}, abroad: true, weight: 6},
	{name: "北京", cities: []string{"北京", "延庆"},
		sights:   []string{"故宫", "八达岭长城", "颐和园", "天坛", "恭王府"},
		products: []demoProduct{{"北京双飞5日游", 5}, {"北京亲子研学4日游", 4}},
		hotels:   []string{"北京前门四合院酒店", "北京南站商务酒店"},
		shops:    []string{"玉器店", "茶叶店", "丝绸店"},
		agencies: []string{"北京京华地接社"}, weight: 7},
	{name: "厦门", cities: []string{"厦门", "南靖"},
		sights:   []string{"鼓浪屿", "南普陀寺", "土楼", "曾厝垵"},
		products: []demoProduct{{"厦门鼓浪屿土楼4日游", 4}},
		hotels:   []string{"鼓浪屿海景客栈", "厦门中山路酒店"},
		shops:    []string{"茶叶店", "海产品店"},
		agencies: []string{"厦门鹭岛地接社"}, weight: 5},
	{name: "新疆", cities: []string{"乌鲁木齐", "喀纳斯", "禾木", "伊宁"},
		sights:   []string{"天山天池", "喀纳斯湖", "赛里木湖", "五彩滩"},
		products: []demoProduct{{"新疆北疆环线10日游", 10}},
		hotels:   []string{"喀纳斯木屋山庄", "乌鲁木齐天山酒店"},
		shops:    []string{"玉石店", "干果店"},
		agencies: []string{"新疆天山地接社"}, weight: 4},
}

var demoEnDests = []demoDest{
	{name: "Bali", cities: []string{"Ubud", "Kuta", "Seminyak", "Uluwatu"},
		sights:   []string{"Nusa Penida", "Tanah Lot", "the Tegallalang rice terraces", "Mount Batur"},
		airlines: []demoAirline{{"Garuda Indonesia", "GA"}, {"Singapore Airlines", "SQ"}, {"China Eastern", "MU"}},
		products: []demoProduct{{"Bali 6-day island escape", 6}, {"Bali & Nusa Penida 5-day tour", 5}},
		hotels:   []string{"Ubud Green Valley Resort", "Kuta Seaside Hotel"},
		shops:    []string{"silver workshop", "batik shop", "coffee plantation shop"},
		agencies: []string{"Bali Nusantara Tours"},
		guides:   []string{"Made Wirawan", "Komang Putra", "Ketut Sari"}, abroad: true, weight: 12},
	{name: "Tokyo", cities: []string{"Tokyo", "Hakone", "Kamakura"},
		sights:   []string{"Mount Fuji", "Senso-ji", "Lake Ashi", "the Tsukiji outer market"},
		airlines: []demoAirline{{"ANA", "NH"}, {"Japan Airlines", "JL"}, {"Air China", "CA"}},
		products: []demoProduct{{"Tokyo 5-day city tour", 5}, {"Tokyo, Hakone & Fuji 6-day tour", 6}},
		hotels:   []string{"Shinjuku Central Hotel", "Hakone Onsen Ryokan Kiri"},
		shops:    []string{"duty-free store", "cosmetics store", "pearl shop"},
		agencies: []string{"Sakura Japan Tours"},
		guides:   []string{"Kenji Sato", "Yuki Tanaka", "Lina Zhou"}, abroad: true, weight: 12},
	{name: "Paris", cities: []string{"Paris", "Versailles", "Tours"},
		sights:   []string{"the Louvre", "the Eiffel Tower", "Chambord", "Mont Saint-Michel"},
		airlines: []demoAirline{{"Air France", "AF"}, {"Air China", "CA"}},
		products: []demoProduct{{"Paris & Loire 7-day tour", 7}, {"Paris 5-day city break", 5}},
		hotels:   []string{"Hotel Rive Gauche", "Loire Valley Chateau Inn"},
		shops:    []string{"perfume outlet", "leather shop", "watch shop"},
		agencies: []string{"Paris Euro Travel"},
		guides:   []string{"Julien Martin", "Claire Dubois"}, abroad: true, weight: 9},
	{name: "Phuket", cities: []string{"Phuket Town", "Patong", "Krabi"},
		sights:   []string{"Phi Phi Island", "James Bond Island", "the Big Buddha"},
		airlines: []demoAirline{{"Thai Airways", "TG"}, {"China Southern", "CZ"}},
		products: []demoProduct{{"Phuket 5-day beach holiday", 5}, {"Phuket & Phi Phi 6-day tour", 6}},
		hotels:   []string{"Patong Bay Resort", "Kata Palm Hotel"},
		shops:    []string{"gem factory", "latex shop", "cashew shop"},
		agencies: []string{"Andaman Local Tours"},
		guides:   []string{"Somchai Boonmee", "Nok Srisuk"}, abroad: true, weight: 10},
	{name: "Iceland", cities: []string{"Reykjavik", "Vik", "Hofn", "Akureyri"},
		sights:   []string{"the Golden Circle", "the Blue Lagoon", "Jokulsarlon", "Skogafoss"},
		airlines: []demoAirline{{"Icelandair", "FI"}, {"Finnair", "AY"}},
		products: []demoProduct{{"Iceland 8-day ring road tour", 8}, {"Iceland 5-day northern lights tour", 5}},
		hotels:   []string{"Reykjavik Harbour Hotel", "Vik Black Sand Lodge"},
		shops:    []string{"wool sweater shop", "souvenir shop"},
		agencies: []string{"Nordic Trails Iceland"},
		guides:   []string{"Gunnar Olafsson", "Sigrid Jonsdottir"}, abroad: true, weight: 6},
	{name: "Singapore", cities: []string{"Singapore", "Sentosa"},
		sights:   []string{"Gardens by the Bay", "Universal Studios", "Marina Bay", "the Night Safari"},
		airlines: []demoAirline{{"Singapore Airlines", "SQ"}, {"Scoot", "TR"}},
		products: []demoProduct{{"Singapore 4-day family trip", 4}},
		hotels:   []string{"Orchard Garden Hotel", "Sentosa Beach Resort"},
		shops:    []string{"jewellery shop", "health products store"},
		agencies: []string{"Lion City Tours"},
		guides:   []string{"Tan Wei Ming", "Priya Nair"}, abroad: true, weight: 7},
	{name: "Yunnan", cities: []string{"Dali", "Lijiang", "Kunming", "Shangri-La"},
		sights:   []string{"Jade Dragon Snow Mountain", "Erhai Lake", "the Stone Forest", "Tiger Leaping Gorge"},
		products: []demoProduct{{"Yunnan 7-day Dali & Lijiang tour", 7}},
		hotels:   []string{"Dali Old Town Inn", "Lijiang Courtyard Hotel"},
		shops:    []string{"jade shop", "tea shop", "silver shop"},
		agencies: []string{"Yunnan Caiyun Tours"},
		guides:   []string{"Kevin Zhao", "Li Jun"}, weight: 8},
	{name: "Guilin", cities: []string{"Guilin", "Yangshuo", "Longsheng"},
		sights:   []string{"the Li River cruise", "the Longji rice terraces", "Reed Flute Cave", "Elephant Trunk Hill"},
		products: []demoProduct{{"Guilin & Yangshuo 4-day tour", 4}},
		hotels:   []string{"Yangshuo River View Hotel", "Guilin Lakeside Hotel"},
		shops:    []string{"tea shop", "latex shop"},
		agencies: []string{"Guilin Landscape Tours"},
		guides:   []string{"Tony Huang", "Amy Tang"}, weight: 6},
	{name: "Xi'an", cities: []string{"Xi'an", "Huayin"},
		sights:   []string{"the Terracotta Warriors", "the City Wall", "Mount Hua", "the Big Wild Goose Pagoda"},
		products: []demoProduct{{"Xi'an 3-day Terracotta Warriors tour", 3}},
		hotels:   []string{"Bell Tower Heritage Hotel"},
		shops:    []string{"jade factory", "terracotta replica workshop"},
		agencies: []string{"Chang'an Local Tours"},
		guides:   []string{"Jack Wang", "Helen Ma"}, weight: 6},
	{name: "Beijing", cities: []string{"Beijing"},
		sights:   []string{"the Forbidden City", "the Great Wall at Mutianyu", "the Summer Palace", "the Temple of Heaven"},
		products: []demoProduct{{"Beijing 4-day Great Wall tour", 4}},
		hotels:   []string{"Qianmen Courtyard Hotel", "Wangfujing City Hotel"},
		shops:    []string{"jade factory", "silk shop", "tea house"},
		agencies: []string{"Capital Local Tours"},
		guides:   []string{"Sunny Liu", "David Gao"}, weight: 7},
}

type demoAirline struct{ name, code string }

var (
	demoZhAirlines = []demoAirline{{"东方航空", "MU"}, {"南方航空", "CZ"}, {"中国国航", "CA"},
		{"海南航空", "HU"}, {"春秋航空", "9C"}, {"四川航空", "3U"}, {"吉祥航空", "HO"}}
	demoEnAirlines = []demoAirline{{"Air China", "CA"}, {"China Eastern", "MU"}, {"China Southern", "CZ"},
		{"Hainan Airlines", "HU"}}
)

var (
	demoZhDestW, demoEnDestW               = demoDestWeights(demoZhDests, false), demoDestWeights(demoEnDests, false)
	demoZhAbroadW, demoEnAbroadW           = demoDestWeights(demoZhDests, true), demoDestWeights(demoEnDests, true)
	demoZhHours                            = []string{"两个多", "三个", "近三个", "一个半", "两个"}
	demoEnHours                            = []string{"two", "nearly three", "over two", "three", "one and a half"}
	demoRoundYuan                          = []int{200, 300, 500, 600, 800, 1000, 1200, 1500, 1800, 2000, 2500, 3000, 3600, 4000, 5000, 6000, 6800, 8000, 9800, 10000, 12000, 15000, 16800, 20000}
	demoFees                               = []string{"180", "280", "380", "480", "680", "800", "1200"}
	demoKinds                              = [...]Kind{KindComplaint, KindRequest, KindSuggestion, KindPraise, KindIncident}
	demoKindW                              = demoW(65, 15, 8, 6, 6)
	demoZhChannelW                         = demoW(33, 28, 7, 17, 5, 3, 7) // order of Channels
	demoEnChannelW                         = demoW(24, 20, 28, 18, 6, 2, 2)
	demoSeverityOrder                      = [...]Severity{SeverityUrgent, SeverityNormal, SeverityLow}
	demoIntakeZhW, demoIntakeEnW           = demoW(30, 30, 28, 12), demoW(10, 10, 10, 70) // Wang, Li, Zhao, Emily
	demoHandlerZhW, demoHandlerEnW         = demoW(32, 32, 28, 8), demoW(12, 12, 11, 65)
	demoStuckShare                 float64 = 0.02 // old cases still open (waiting on a supplier, disputes)
)

// demoDestWeights weights destinations; abroadOnly zeroes the domestic ones.
func demoDestWeights(ds []demoDest, abroadOnly bool) demoWeights {
	ws := make([]int, len(ds))
	for i, d := range ds {
		if !abroadOnly || d.abroad {
			ws[i] = d.weight
		}
	}
	return demoW(ws...)
}

// ---------------------------------------------------------------------------
// Kinds, categories, severities

// Kind indexes (order of demoKinds).
const (
	demoKComplaint = iota
	demoKRequest
	demoKSuggestion
	demoKPraise
	demoKIncident
	demoNumKinds
)

// Category indexes (order of demoCategorySlugs).
const (
	demoCatItinerary = iota
	demoCatGuide
	demoCatShopping
	demoCatHotel
	demoCatMeals
	demoCatTransport
	demoCatRefund
	demoCatFee
	demoCatCancel
	demoCatVisa
	demoCatLuggage
	demoCatSafety
	demoCatInsurance
	demoCatBooking
	demoCatPrivacy
	demoCatOther
	demoNumCats
)

var demoCategorySlugs = [demoNumCats]string{"itinerary_change", "guide_conduct", "forced_shopping",
	"accommodation", "meals", "transport_delay", "refund_change", "fee_dispute", "tour_cancellation",
	"visa_documents", "luggage", "safety_injury", "insurance", "booking_error", "privacy", "other"}

// Category weights per kind, in category order.
var demoCatW = [demoNumKinds]demoWeights{
	demoKComplaint:  demoW(10, 12, 10, 12, 7, 10, 8, 8, 4, 3, 4, 2, 2, 4, 1, 3),
	demoKRequest:    demoW(0, 0, 0, 0, 0, 0, 45, 0, 12, 12, 0, 0, 8, 10, 0, 13),
	demoKSuggestion: demoW(25, 15, 0, 15, 15, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 20),
	demoKPraise:     demoW(13, 60, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 15),
	demoKIncident:   demoW(0, 0, 0, 0, 0, 18, 0, 0, 0, 9, 15, 50, 0, 0, 0, 8),
}

// Severity weights (urgent, normal, low) per kind.
var demoSevW = [demoNumKinds]demoWeights{
	demoKComplaint:  demoW(6, 84, 10),
	demoKRequest:    demoW(3, 77, 20),
	demoKSuggestion: demoW(0, 20, 80),
	demoKPraise:     demoW(0, 10, 90),
	demoKIncident:   demoW(80, 20, 0),
}

var demoSafetySevW = demoW(80, 20, 0)

// Share of cases with an amount claimed, per kind and category.
var demoAmountP = [demoNumKinds][demoNumCats]float64{
	demoKComplaint: {0.7, 0.4, 0.6, 0.7, 0.5, 0.7, 0.9, 1, 0.85, 0.6, 0.8, 0.7, 0.8, 0.6, 0.15, 0.25},
	demoKRequest:   {demoCatRefund: 0.9, demoCatCancel: 0.8, demoCatInsurance: 0.7},
	demoKIncident:  {demoCatSafety: 0.3, demoCatLuggage: 0.4},
}

// Range of the amount claimed in yuan, per category.
var demoAmountRange = [demoNumCats][2]int{
	{300, 5000}, {200, 3000}, {300, 5000}, {300, 6000}, {200, 2000}, {300, 8000}, {1000, 20000},
	{200, 3000}, {500, 8000}, {2000, 20000}, {300, 5000}, {500, 20000}, {500, 20000}, {500, 8000},
	{1000, 10000}, {200, 5000},
}

// Timing of the trip relative to the case.
const (
	demoAfterTrip  = iota // the trip is over; the customer complains after coming back
	demoBeforeTrip        // the departure is still ahead (refunds, changes, visas)
	demoCancelled         // something went wrong around the departure (cancellations, refunds)
	demoDuringTrip        // reported from the trip (incidents)
)

func demoTiming(kind, cat int) int {
	switch kind {
	case demoKIncident:
		return demoDuringTrip
	case demoKRequest:
		if cat == demoCatInsurance {
			return demoAfterTrip
		}
		return demoBeforeTrip
	case demoKComplaint:
		switch cat {
		case demoCatRefund, demoCatCancel, demoCatVisa:
			return demoCancelled
		}
	}
	return demoAfterTrip
}

// ---------------------------------------------------------------------------
// One case

func (g *demoGen) oneCase(recv, now time.Time) DemoCase {
	// The texts of many cases share one buffer: a Builder only ever appends, so the
	// strings already taken from it stay valid. A case writes well under 4 KB.
	if g.text.Cap()-g.text.Len() < 4096 {
		g.text.Reset()
		g.text.Grow(256 << 10)
	}
	cust := &g.customers[g.r.IntN(len(g.customers))]
	en := cust.en
	kind := g.pickW(demoKindW)
	cat := g.pickW(demoCatW[kind])
	sevW := demoSevW[kind]
	if cat == demoCatSafety {
		sevW = demoSafetySevW
	}
	sev := demoSeverityOrder[g.pickW(sevW)]

	// Channel: e-mail needs an address; nobody walks in at night; the 12345
	// hotline refers complaints only.
	chW := demoZhChannelW
	if en {
		chW = demoEnChannelW
	}
	ch := Channels[g.pickW(chW)]
	if kind == demoKSuggestion && g.chance(0.2) {
		ch = ChannelLetter
	}
	if ch == ChannelHotline && kind != demoKComplaint {
		ch = ChannelPhone
	}
	if ch == ChannelEmail && cust.c.Email == "" {
		ch = ChannelPhone
	}
	if h := recv.Hour(); (ch == ChannelWalkIn || ch == ChannelLetter) && (h < 9 || h >= 21) {
		ch = ChannelPhone
		if en && cust.c.Email != "" {
			ch = ChannelEmail
		}
	}

	// Destination and the people and places of the trip.
	dests, dw := demoZhDests, demoZhDestW
	airlines := demoZhAirlines
	if en {
		dests, dw, airlines = demoEnDests, demoEnDestW, demoEnAirlines
	}
	if cat == demoCatVisa {
		dw = demoZhAbroadW
		if en {
			dw = demoEnAbroadW
		}
	}
	d := &dests[g.pickW(dw)]
	prod := d.products[g.r.IntN(len(d.products))]
	guides := d.guides
	if guides == nil {
		guides = demoZhGuides
	}
	guide := g.pick(guides)
	hotel := g.pick(d.hotels)
	agency := g.pick(d.agencies)
	if d.airlines != nil {
		airlines = d.airlines
	}
	air := airlines[g.r.IntN(len(airlines))]
	flight := g.put(strconv.AppendInt(append(g.buf[:0], air.code...), int64(g.between(1000, 9899)), 10))
	dayN := 1 + g.r.IntN(prod.days)

	// Dates: departure, the day things happened, the day it was booked.
	today := demoMidnight(recv, 0)
	var dep, when time.Time
	switch demoTiming(kind, cat) {
	case demoBeforeTrip:
		dep = demoMidnight(today, g.between(3, 60))
		when = demoMidnight(today, -g.r.IntN(5))
	case demoCancelled:
		when = demoMidnight(today, -g.between(3, 45))
		dep = demoMidnight(when, g.between(2, 30))
	case demoDuringTrip:
		dep = demoMidnight(today, -(dayN - 1))
		when = today
	default:
		dep = demoMidnight(today, -(prod.days + g.between(1, 25)))
		when = demoMidnight(dep, dayN-1)
	}
	booked := demoMidnight(dep, -g.between(7, 75))
	if booked.After(when) {
		booked = when
	}
	if booked.After(today) {
		booked = today
	}

	// Amount claimed.
	yuan := 0
	if g.chance(demoAmountP[kind][cat]) {
		yuan = g.amount(demoAmountRange[cat][0], demoAmountRange[cat][1])
	}

	// Template slots.
	g.set('A', g.put(strconv.AppendInt(g.buf[:0], int64(yuan), 10)))
	g.set('B', g.put(strconv.AppendInt(g.buf[:0], int64(yuan/20*10), 10)))
	g.set('C', g.pick(d.cities))
	g.set('D', d.name)
	g.set('E', g.pick(d.sights))
	g.set('F', g.pick(demoFees))
	g.set('G', guide)
	g.set('I', strconv.Itoa(g.between(2, 6)))
	g.set('J', strconv.Itoa(g.between(3, 5)))
	g.set('K', agency)
	g.set('L', air.name)
	g.set('N', strconv.Itoa(dayN))
	g.set('O', hotel)
	g.set('Q', flight)
	g.set('R', prod.name)
	g.set('S', g.pick(d.shops))
	g.set('T', g.put(demoAppendDay(g.buf[:0], when, en)))
	g.set('V', g.put(demoAppendDay(g.buf[:0], dep, en)))
	g.set('W', cust.addr)
	g.set('X', strconv.Itoa(g.between(3, 9)))
	g.set('Y', strconv.Itoa(g.between(16, 42)))
	if en {
		g.set('H', g.pick(demoEnHours))
		g.set('U', d.name+" tour")
	} else {
		g.set('H', g.pick(demoZhHours))
		g.set('U', d.name+demoCNNum[prod.days]+"日游")
	}

	lang := 0
	if en {
		lang = 1
	}
	ts := demoTextTable[lang][kind][cat]
	nc := NewCase{
		Kind:     demoKinds[kind],
		Category: demoCategorySlugs[cat],
		Severity: sev,
		Channel:  ch,
		Amount:   Money(yuan) * 100,
		Currency: "CNY",
		Customer: cust.c,
		Booking: Booking{
			Product:     prod.name,
			Departure:   g.put(demoAppendISO(g.buf[:0], dep)),
			Destination: d.name,
		},
		ReceivedAt: recv,
	}
	subj := g.span(g.pick(ts.subj))
	desc := g.description(ts, lang, kind, ch)
	var demand demoSpan
	switch {
	case yuan > 0 && len(ts.demandAmt) > 0:
		demand = g.span(g.pick(ts.demandAmt))
	case len(ts.demandNo) > 0 && !((kind == demoKSuggestion || kind == demoKPraise) && g.chance(0.4)):
		demand = g.span(g.pick(ts.demandNo))
	}

	// Booking details: most customers bring their contract; suggestions often have none.
	noRef := 0.05
	if kind == demoKSuggestion {
		noRef = 0.4
	}
	if !g.chance(noRef) {
		b := g.buf[:0]
		b = append(b, "TB"...)
		y, m, dd := booked.Date()
		b = demoDigits(b, y, 4)
		b = demoDigits(b, int(m), 2)
		b = demoDigits(b, dd, 2)
		b = append(b, '-')
		b = demoDigits(b, g.r.IntN(10000), 4)
		nc.Booking.Ref = g.put(b)
	}
	if g.chance(0.85) || cat == demoCatGuide || cat == demoCatShopping || cat == demoCatItinerary || cat == demoCatFee {
		nc.Booking.Guide = guide
	}
	switch cat {
	case demoCatHotel:
		nc.Booking.Supplier = hotel
	case demoCatTransport, demoCatLuggage:
		nc.Booking.Supplier = air.name
	default:
		if g.chance(0.7) {
			nc.Booking.Supplier = agency
		}
	}

	// Staff: who recorded it, who handles it.
	intakeW, handlerW := demoIntakeZhW, demoHandlerZhW
	if en {
		intakeW, handlerW = demoIntakeEnW, demoHandlerEnW
	}
	nc.By = DemoStaff[g.pickW(intakeW)].Name
	handler := DemoStaff[g.pickW(handlerW)].Name
	if (sev == SeverityUrgent || ch == ChannelHotline) && g.chance(0.4) {
		handler = DemoStaff[demoStaffChen].Name
	}
	nc.Owner = handler

	steps := g.steps(kind, cat, lang, sev == SeverityUrgent, yuan, handler, recv, now)
	all := g.text.String()
	nc.Subject, nc.Description, nc.Demand = subj.in(all), desc.in(all), demand.in(all)
	for i := range steps {
		steps[i].Note = g.notes[i].in(all)
	}
	return DemoCase{New: nc, Steps: steps}
}

// amount picks a claim in yuan: mostly round figures, some exact-looking ones.
func (g *demoGen) amount(lo, hi int) int {
	if g.chance(0.8) {
		for range 30 {
			if v := demoRoundYuan[g.r.IntN(len(demoRoundYuan))]; v >= lo && v <= hi {
				return v
			}
		}
	}
	return lo + g.r.IntN((hi-lo)/50+1)*50
}

func (g *demoGen) description(ts *demoTextSet, lang, kind int, ch Channel) demoSpan {
	b := &g.text
	start := b.Len()
	sep := ""
	if lang == 1 {
		sep = " "
	}
	if ch == ChannelHotline {
		b.WriteString(demoHotlinePrefix[lang])
	}
	g.expandTo(b, g.pick(ts.lead))
	if len(ts.detail) > 0 && g.chance(0.5) {
		b.WriteString(sep)
		g.expandTo(b, g.pick(ts.detail))
	}
	if kind == demoKComplaint && g.chance(0.4) {
		b.WriteString(sep)
		g.expandTo(b, g.pick(demoClosers[lang]))
	}
	return demoSpan{a: start, b: b.Len()}
}

// ---------------------------------------------------------------------------
// The workflow

// demoPath builds one case's steps.
type demoPath struct {
	g       *demoGen
	t       time.Time
	urgent  bool
	kind    int
	cat     int
	yuan    int
	handler string
	notes   *demoNoteSet
	out     []DemoStep
}

// add appends a step d after the previous one; staff act in working hours unless the
// case is urgent. With probability noteP the step gets a note from list.
func (p *demoPath) add(to Status, d time.Duration, by string, noteP float64, list []string) {
	g := p.g
	p.t = p.t.Add(d)
	if !p.urgent {
		p.t = g.workTime(p.t)
	}
	var note demoSpan
	if len(list) > 0 && g.chance(noteP) {
		note = g.span(g.pick(list))
	}
	if i := len(p.out); i < len(g.notes) {
		g.notes[i] = note
	}
	p.out = append(p.out, DemoStep{To: to, At: p.t, By: by})
}

// ackDelay is the time to the first response: minutes for urgent cases, mostly hours
// for the others, now and then a day or two.
func (p *demoPath) ackDelay() time.Duration {
	g := p.g
	switch u := g.r.Float64(); {
	case p.urgent:
		return g.minutes(3, 60, true)
	case u < 0.7:
		return g.minutes(10, 240, true)
	case u < 0.95:
		return g.minutes(240, 1440, false)
	default:
		return g.minutes(1440, 4320, false)
	}
}

// steps plans the case's way through the workflow, then keeps what happened by now.
func (g *demoGen) steps(kind, cat, lang int, urgent bool, yuan int, handler string, recv, now time.Time) []DemoStep {
	// Steps go straight into a shared backing array: one allocation per few thousand
	// cases. A case has at most 15 steps.
	const room = 16
	if cap(g.arena)-len(g.arena) < room {
		g.arena = make([]DemoStep, 0, 16384)
	}
	n0 := len(g.arena)
	p := demoPath{g: g, t: recv, urgent: urgent, kind: kind, cat: cat, yuan: yuan, handler: handler,
		notes: &demoNotes[lang], out: g.arena[n0 : n0 : n0+room]}
	notes := p.notes
	sup := DemoStaff[demoStaffChen].Name
	switch {
	case (kind == demoKComplaint || kind == demoKRequest) && g.chance(0.0375):
		by := handler
		if g.chance(0.5) {
			by = sup
		}
		p.add(StatusDeclined, p.ackDelay(), by, 1, notes.declined)
	case kind == demoKSuggestion || kind == demoKPraise:
		ack := notes.suggestionAck
		if kind == demoKPraise {
			ack = notes.praiseAck
		}
		p.add(StatusAcknowledged, p.ackDelay(), handler, 0.7, ack)
		p.add(StatusClosed, g.minutes(60, 14400, true), handler, 0.5, notes.suggestionClose)
	default:
		p.add(StatusAcknowledged, p.ackDelay(), handler, 0.6, notes.acknowledged)
		p.investigate()
		p.propose(true)
		if g.chance(0.94) { // the rest stay resolved, waiting for the follow-up call
			closer := handler
			if g.chance(0.15) {
				closer = sup
			}
			p.add(StatusClosed, g.minutes(2*1440, 21*1440, true), closer, 0.5, notes.closed)
			if g.chance(0.005) {
				p.add(StatusInvestigating, g.minutes(5*1440, 60*1440, false), handler, 1, notes.reopened)
				p.propose(false)
				p.add(StatusClosed, g.minutes(1440, 14*1440, true), closer, 0.5, notes.closed)
			}
		}
	}
	out := p.out

	// A few old cases are still stuck at an open stage.
	if now.Sub(recv) > 30*24*time.Hour && g.chance(demoStuckShare) {
		var open [16]int // prefix lengths that leave the case open
		k := 0
		for i := 0; i < len(out) && k < len(open); i++ {
			if i == 0 || out[i-1].To.Open() {
				open[k] = i
				k++
			}
		}
		out = out[:open[g.r.IntN(k)]]
	}
	for i, s := range out {
		if s.At.After(now) {
			out = out[:i]
			break
		}
	}
	if len(out) == 0 {
		return nil
	}
	if cap(p.out) == room { // still in the arena
		g.arena = g.arena[:n0+len(out)]
	}
	return out[:len(out):len(out)] // appending to it copies
}

// investigate goes acknowledged → investigating.
func (p *demoPath) investigate() {
	g, notes := p.g, p.notes
	inv := notes.invGeneric
	switch p.cat {
	case demoCatGuide, demoCatShopping, demoCatItinerary, demoCatFee:
		inv = notes.invGuide
	case demoCatHotel, demoCatMeals:
		inv = notes.invHotel
	case demoCatTransport, demoCatLuggage:
		inv = notes.invAir
	}
	switch {
	case p.urgent:
		p.add(StatusInvestigating, g.minutes(5, 60, true), p.handler, 0.7, inv)
	case g.chance(0.6):
		p.add(StatusInvestigating, g.minutes(5, 240, true), p.handler, 0.7, inv)
	default:
		p.add(StatusInvestigating, g.minutes(240, 2880, false), p.handler, 0.7, inv)
	}
}

// propose goes investigating → proposed (→ investigating → proposed when the customer
// rejects the offer) → agreed → resolved.
func (p *demoPath) propose(mayReject bool) {
	g, notes := p.g, p.notes
	proposer := p.handler
	switch {
	case p.yuan >= 10000 && g.chance(0.5):
		proposer = DemoStaff[demoStaffZhang].Name
	case p.yuan >= 5000:
		proposer = DemoStaff[demoStaffChen].Name
	}
	offer := notes.proposedNo
	switch {
	case p.yuan > 0 && p.cat == demoCatInsurance:
		offer = notes.proposedClaim
	case p.yuan > 0 && p.kind == demoKRequest:
		offer = notes.proposedReqAmt
	case p.yuan > 0:
		offer = notes.proposedAmt
	case p.kind == demoKRequest:
		offer = notes.proposedReqNo
	}
	rejectP := [2]float64{0.12, 0.2}
	for round := 0; ; round++ {
		switch {
		case p.urgent && round == 0:
			p.add(StatusProposed, g.minutes(60, 1440, true), proposer, 0.9, offer)
		case g.chance(0.15):
			p.add(StatusProposed, g.minutes(7*1440, 30*1440, false), proposer, 0.9, offer) // waiting on a supplier
		default:
			p.add(StatusProposed, g.minutes(240, 6*1440, true), proposer, 0.9, offer)
		}
		if !mayReject || round >= len(rejectP) || !g.chance(rejectP[round]) {
			break
		}
		p.add(StatusInvestigating, g.minutes(60, 3*1440, true), p.handler, 1, notes.rejected)
	}
	p.add(StatusAgreed, g.minutes(60, 4*1440, true), p.handler, 0.5, notes.agreed)
	if p.yuan > 0 {
		p.add(StatusResolved, g.minutes(1440, 10*1440, true), p.handler, 0.6, notes.resolvedAmt)
	} else if p.kind == demoKRequest {
		p.add(StatusResolved, g.minutes(30, 2*1440, true), p.handler, 0.6, notes.resolvedReq)
	} else {
		p.add(StatusResolved, g.minutes(30, 2*1440, true), p.handler, 0.6, notes.resolvedNo)
	}
}

// workTime moves a staff action into working hours (08:30–21:00).
func (g *demoGen) workTime(t time.Time) time.Time {
	h, m, _ := t.Clock()
	mins := h*60 + m
	if mins >= 8*60+30 && mins < 21*60 {
		return t
	}
	y, mo, d := t.Date()
	if mins >= 21*60 {
		d++
	}
	return time.Date(y, mo, d, 8, 30, 0, 0, demoLoc).Add(time.Duration(g.r.IntN(150*60)) * time.Second)
}

// ---------------------------------------------------------------------------
// Texts. Slots: {A} amount claimed, {B} half of it, {C} a place, {D} the destination,
// {E} another place, {F} a fee, {G} the guide, {H} hours (words), {I} party size,
// {J} a rating, {K} the local agency, {L} the airline, {N} the day of the trip, {O} the
// hotel, {Q} the flight, {R} the product, {S} a shop, {T} the day it happened, {U} the
// short trip name, {V} the departure day, {W} the customer (王女士, Ms Smith),
// {X} delay hours, {Y} group size.

type demoTextSet struct {
	subj, lead, detail, demandAmt, demandNo []string
}

var demoHotlinePrefix = [2]string{"【12345热线转办】", "[Referred by the 12345 hotline] "}

var demoClosers = [2][]string{
	{"回来后多次联系销售，一直没有答复。", "我们一家{I}口都非常不满。", "有照片和聊天记录为证。",
		"希望旅行社给个说法。", "之前在贵社报过好几次团，这次很失望。", "已经在微信上跟销售反映过，没有结果。"},
	{"I called the sales agent twice after we got back and got no reply.", "All {I} of us were very unhappy.",
		"We have photos and chat records.", "We would like a proper explanation.",
		"We have booked with you before and this was very disappointing.",
		"I raised it with the sales agent on WeChat but heard nothing back."},
}

// demoTextTable[lang][kind][category]; lang 0 is Simplified Chinese, 1 is English.
var demoTextTable = [2][demoNumKinds]*[demoNumCats]*demoTextSet{
	{&demoZhComplaint, &demoZhRequest, &demoZhSuggestion, &demoZhPraise, &demoZhIncident},
	{&demoEnComplaint, &demoEnRequest, &demoEnSuggestion, &demoEnPraise, &demoEnIncident},
}

var demoZhComplaint = [demoNumCats]*demoTextSet{
	demoCatItinerary: {
		subj: []string{"{U}擅自更改行程", "{U}少去了{E}", "{C}行程被临时取消", "{U}行程与合同不符"},
		lead: []string{
			"{T}在{C}，导游{G}临时取消了合同约定的{E}游览，改为自由活动，事先没有征求游客意见。",
			"行程第{N}天原定游览{E}，导游以时间不够为由直接跳过。",
			"合同写明{E}游览时间不少于3小时，实际只停留了不到1小时。",
			"{T}导游通知调整行程顺序，结果{E}没去成，也没有任何解释。",
			"出发前销售承诺含{E}门票，到了{C}才被告知需要自费。"},
		detail:    []string{"全团{Y}人都不同意，但导游坚持。", "事后没有任何补偿说明。", "行程单上{E}写得清清楚楚。"},
		demandAmt: []string{"退还未游览景点费用{A}元", "赔偿{A}元并书面道歉"},
		demandNo:  []string{"给出书面解释并道歉", "补偿未游览的项目"},
	},
	demoCatGuide: {
		subj: []string{"{U}导游态度恶劣", "导游{G}服务态度差", "{C}导游辱骂游客", "{U}导游在{E}中途甩团"},
		lead: []string{
			"{T}在{C}，导游{G}因为游客没有参加自费项目，当众冷嘲热讽，态度非常恶劣。",
			"导游{G}多次迟到，{T}早上让全团在酒店门口等了一个多小时。",
			"行程第{N}天，导游{G}在车上辱骂不购物的游客，老人被吓哭了。",
			"导游{G}讲解敷衍，大部分时间在车上睡觉或打电话。",
			"{T}下午导游{G}把我们留在{E}后自行离开，电话也打不通。"},
		detail:    []string{"我们当场录了音。", "同团游客都可以作证。", "向领队反映后没有任何改善。"},
		demandAmt: []string{"赔偿{A}元，并对导游作出处理", "退还导游服务费{A}元"},
		demandNo:  []string{"导游当面道歉，旅行社书面说明处理结果", "对导游{G}进行处理并道歉"},
	},
	demoCatShopping: {
		subj: []string{"{U}导游强制购物", "{C}被强制进店购物", "{U}购物店停留时间过长", "{U}变相强制消费"},
		lead: []string{
			"{T}在{C}，导游带团进入{S}停留{H}小时，不购物不让离开。",
			"导游{G}要求每人在{S}至少消费{F}元，否则不让上车。",
			"行程第{N}天连续进了三家购物店，其中{S}停留了{H}小时，合同上没有这些购物点。",
			"在{C}的{S}被店员围着推销，导游说不买就是不给面子。"},
		detail:    []string{"家里老人在店里买了{F}元的东西，回来发现是假货。", "合同写明无购物店。", "整个行程进店时间比游览时间还长。"},
		demandAmt: []string{"退还购物时间对应的费用{A}元并道歉", "协助退货并赔偿{A}元"},
		demandNo:  []string{"退还购物时间对应的费用并道歉", "协助办理退货"},
	},
	demoCatHotel: {
		subj: []string{"{O}房间与宣传不符", "{U}酒店降级", "{C}住宿卫生差", "{O}房间有异味"},
		lead: []string{
			"{T}入住{O}，房间有明显霉味，床单上有污渍。",
			"合同约定入住四星级酒店，实际安排的{O}只是普通快捷酒店。",
			"在{C}的第{N}晚房间空调坏了，前台说没有空房可换。",
			"{O}的房间没有窗户，热水时有时无。",
			"预订的是景观房，到{O}后被安排在一楼，窗外是停车场。"},
		detail:    []string{"拍了照片发给导游，导游说没有办法。", "一家人几乎整晚没睡好。", "同团其他游客住的是另一家更好的酒店。"},
		demandAmt: []string{"退还房费差价{A}元", "赔偿{A}元"},
		demandNo:  []string{"退还房费差价并道歉", "下次出行给予补偿"},
	},
	demoCatMeals: {
		subj: []string{"{U}团餐质量差", "{C}团餐不卫生", "{U}餐标严重缩水", "团餐吃出异物"},
		lead: []string{
			"{T}中午在{C}的团餐十人一桌只有六个菜，基本没有荤菜。",
			"合同约定餐标50元/人，实际用餐明显不值这个价。",
			"行程第{N}天晚餐菜里吃出头发，餐厅只说换一盘。",
			"{T}晚餐后团里有{I}人出现腹泻。",
			"每天早餐只有稀饭馒头，导游说这是标准安排。"},
		detail:    []string{"大家晚上只好自己出去买吃的。", "跟导游反映，导游说餐厅是地接社定的。"},
		demandAmt: []string{"退还餐费{A}元"},
		demandNo:  []string{"退还餐费差价", "旅行社书面道歉并说明整改措施"},
	},
	demoCatTransport: {
		subj: []string{"{L}{Q}航班延误无人安排", "{U}返程航班延误", "{C}旅游大巴中途抛锚", "接机迟到两小时"},
		lead: []string{
			"{T}{L}{Q}航班延误{X}小时，旅行社没有任何人出面安排餐食和住宿。",
			"返程航班被取消，改签到第二天，多出的一晚住宿费是我们自己付的。",
			"{T}在{C}，旅游大巴在半路抛锚，全团在路边等了{H}小时。",
			"到达{C}后接机司机迟到两个小时，电话也打不通。",
			"大巴车况很差，空调不制冷，司机一路边开车边打电话。"},
		detail:    []string{"团里有老人和小孩，非常辛苦。", "因此错过了当晚的演出。"},
		demandAmt: []string{"报销额外住宿和餐饮费用{A}元", "赔偿误机损失{A}元"},
		demandNo:  []string{"说明延误原因并给予补偿"},
	},
	demoCatRefund: {
		subj: []string{"{U}退款迟迟未到账", "退团扣费过高", "改期收取高额手续费"},
		lead: []string{
			"{T}因家中有事申请退团，至今一个多月退款还没到账。",
			"出发前10天申请退{R}，旅行社要扣除{F}元损失费，我们认为不合理。",
			"{T}申请把出发日期推迟一周，却被收取了{F}元手续费。"},
		detail:    []string{"每次打电话都说财务在处理。", "签合同时没有人说明过这笔费用。"},
		demandAmt: []string{"退还剩余团费{A}元", "退还手续费{A}元"},
		demandNo:  []string{"尽快全额退款"},
	},
	demoCatFee: {
		subj: []string{"{U}额外收费", "导游强推自费项目", "{U}费用与报价不符"},
		lead: []string{
			"出发前说好是全包价，到了{C}导游又要求每人交{F}元“车导费”。",
			"行程第{N}天导游推销自费项目，每人{F}元，不参加的只能在车上等。",
			"结账时发现多收了{F}元单房差，事先没有告知。",
			"团费里包含的{E}门票，到了现场又让我们自己买。"},
		detail:    []string{"没有开任何收据。", "销售的报价单上写明费用全包。"},
		demandAmt: []string{"退还多收的费用{A}元"},
		demandNo:  []string{"退还多收的费用并说明原因"},
	},
	demoCatCancel: {
		subj: []string{"{R}临时取消", "出发前两天被通知取消团", "{U}因人数不足取消"},
		lead: []string{
			"原定{V}出发的{R}，出发前两天才通知因人数不足取消。",
			"已经请好假、订好酒店，旅行社突然说团取消了，只退团费不赔偿。",
			"{T}被告知团取消，转到其他团期要加价{F}元。"},
		detail:    []string{"合同里写明旅行社取消要赔偿。", "我们为这次出行专门请了年假。"},
		demandAmt: []string{"按合同赔偿违约金{A}元"},
		demandNo:  []string{"按合同约定赔偿违约金"},
	},
	demoCatVisa: {
		subj: []string{"{D}签证没办下来", "签证办理延误", "拒签后扣除全部团费"},
		lead: []string{
			"按销售要求提交了全部材料，临出发前一周才告知缺少银行流水，签证没办下来。",
			"旅行社把出生日期填错，导致{D}签证需要重新办理。",
			"拒签后旅行社扣除全部团费，说签证风险由游客承担。"},
		detail:    []string{"销售当初保证签证没问题。"},
		demandAmt: []string{"退还团费{A}元"},
		demandNo:  []string{"承担重新办理签证的费用"},
	},
	demoCatLuggage: {
		subj: []string{"{L}托运行李损坏", "行李箱在旅游大巴上被损坏", "{O}寄存行李丢失"},
		lead: []string{
			"{T}乘坐{L}{Q}航班到{C}后，发现行李箱轮子摔坏，里面物品受损。",
			"大巴司机装行李时很粗暴，我的行李箱外壳被压裂。",
			"在{O}寄存的行李少了一件，酒店说不负责。"},
		detail:    []string{"当场找导游，导游说自己去找航空公司。"},
		demandAmt: []string{"赔偿行李损失{A}元"},
		demandNo:  []string{"协助向航空公司索赔"},
	},
	demoCatSafety: {
		subj: []string{"{U}游客受伤无人处理", "{C}项目安全措施不到位"},
		lead: []string{
			"{T}在{C}参加导游推荐的自费项目时摔伤，导游没有及时送医。",
			"行程第{N}天的游船项目没有给孩子准备救生衣。",
			"行程第{N}天，团里一位老人在{E}湿滑的台阶上摔倒，导游事先没有提醒。"},
		detail:    []string{"医药费是我们自己垫付的。", "有医院的诊断证明。"},
		demandAmt: []string{"报销医疗费用{A}元"},
		demandNo:  []string{"说明情况并改进安全措施"},
	},
	demoCatInsurance: {
		subj: []string{"旅游意外险理赔被拒", "{U}保险没有按承诺购买"},
		lead: []string{
			"行程中在{C}受伤就医，回来申请理赔时才发现旅行社没有给我们投保。",
			"销售说团费含旅游意外险，理赔时保险公司说保单不包含这项。",
			"提交理赔材料已经两个月，旅行社一直说在处理。"},
		demandAmt: []string{"赔付医疗费用{A}元"},
		demandNo:  []string{"提供保单并协助理赔"},
	},
	demoCatBooking: {
		subj: []string{"{R}订单信息错误", "机票姓名拼写错误", "房间订错"},
		lead: []string{
			"销售把我的名字拼音打错，到机场无法登机，只能重新买票。",
			"订的是两间大床房，到{O}才发现只订了一间。",
			"订单里漏录了一位同行人，到{C}才发现没有他的床位。"},
		demandAmt: []string{"赔偿重新购票费用{A}元"},
		demandNo:  []string{"更正订单并书面道歉"},
	},
	demoCatPrivacy: {
		subj: []string{"个人信息被泄露", "报名后频繁接到推销电话"},
		lead: []string{
			"在贵社报名{R}后，一直接到其他旅行社和保险公司的推销电话。",
			"销售把我们的身份证照片发在了一个几百人的微信群里。"},
		demandAmt: []string{"赔偿{A}元并书面道歉"},
		demandNo:  []string{"说明信息泄露原因并删除相关信息"},
	},
	demoCatOther: {
		subj: []string{"门店服务态度差", "宣传图片与实际不符", "合同条款没有解释清楚"},
		lead: []string{
			"到门店咨询时，工作人员一直玩手机，态度很冷淡。",
			"宣传册上{E}的照片和实际差距太大。",
			"合同上很多条款没有解释清楚就让签字。"},
		demandAmt: []string{"赔偿{A}元"},
		demandNo:  []string{"改进服务并道歉"},
	},
}

var demoEnComplaint = [demoNumCats]*demoTextSet{
	demoCatItinerary: {
		subj: []string{"Itinerary changed without consent on the {U}", "{E} dropped from the {U}", "Tour did not follow the contract itinerary"},
		lead: []string{
			"On {T} in {C}, guide {G} cancelled the visit to {E} and gave us free time instead, without asking anyone.",
			"On day {N} we were supposed to visit {E}, but the guide skipped it saying there was not enough time.",
			"The contract promised at least three hours at {E}; we got less than one.",
			"The sales agent said tickets for {E} were included, but in {C} we were told to pay for them ourselves."},
		detail:    []string{"The whole group of {Y} objected, but nothing changed.", "Nobody explained the change or offered any compensation."},
		demandAmt: []string{"Refund of CNY {A} for the missed sights", "CNY {A} compensation and a written apology"},
		demandNo:  []string{"A written explanation and an apology", "Compensation for the missed part of the tour"},
	},
	demoCatGuide: {
		subj: []string{"Rude guide on the {U}", "Complaint about guide {G}", "Guide left the group at {E}"},
		lead: []string{
			"On {T} in {C}, guide {G} mocked the people who had not signed up for the optional excursions.",
			"Guide {G} was late almost every morning; on {T} we waited over an hour outside the hotel.",
			"On day {N} guide {G} shouted at people on the coach who had not bought anything.",
			"Guide {G} barely explained anything and spent most of the time on the phone.",
			"On the afternoon of {T}, guide {G} left us at {E} and could not be reached."},
		detail:    []string{"We recorded part of it on a phone.", "Other people in the group can confirm this.", "We told the tour leader, but nothing improved."},
		demandAmt: []string{"CNY {A} compensation and action against the guide", "Refund of the CNY {A} guide service fee"},
		demandNo:  []string{"An apology from the guide and a written account of what you did about it", "Disciplinary action against guide {G}"},
	},
	demoCatShopping: {
		subj: []string{"Forced shopping on the {U}", "Kept in a {S} in {C}", "Too many shopping stops on the {U}"},
		lead: []string{
			"On {T} in {C}, the guide took us to a {S} and kept us there for {H} hours; nobody was allowed to leave without buying.",
			"Guide {G} told everyone to spend at least CNY {F} at the {S} or walk back to the hotel.",
			"On day {N} we visited three shops in a row, including a {S} for {H} hours; none of them were in the contract.",
			"Staff at the {S} in {C} surrounded us and the guide said not buying was rude."},
		detail:    []string{"My parents bought items for CNY {F} that turned out to be fake.", "The contract says there are no shopping stops.", "We spent more time in shops than at the sights."},
		demandAmt: []string{"Refund of CNY {A} for the time lost and an apology", "Help returning the goods and CNY {A} compensation"},
		demandNo:  []string{"A refund for the time spent shopping and an apology", "Help returning what we bought"},
	},
	demoCatHotel: {
		subj: []string{"{O} not as advertised", "Hotel downgrade on the {U}", "Dirty room in {C}"},
		lead: []string{
			"We checked in to {O} on {T}; the room smelled of mould and the sheets were stained.",
			"The contract said a four-star hotel, but {O} was a basic budget hotel.",
			"On night {N} in {C} the air conditioning broke and reception said there was no other room.",
			"Our room at {O} had no window and the hot water kept cutting out.",
			"We booked a room with a view but {O} gave us a ground-floor room facing the car park."},
		detail:    []string{"We sent photos to the guide, who said he could do nothing.", "The family hardly slept that night.", "Others in the same group stayed at a better hotel."},
		demandAmt: []string{"Refund of the CNY {A} price difference", "CNY {A} compensation"},
		demandNo:  []string{"Refund of the price difference and an apology", "Some compensation on our next trip"},
	},
	demoCatMeals: {
		subj: []string{"Poor group meals on the {U}", "Unhygienic meal in {C}", "Meals far below the contract standard"},
		lead: []string{
			"On {T}, lunch in {C} was six small dishes for a table of ten, almost no meat.",
			"The contract promised meals worth CNY 50 per person; what we got was clearly not worth that.",
			"At dinner on day {N} we found a hair in the food; the restaurant only offered to replace the dish.",
			"After dinner on {T}, {I} people in our group had diarrhoea.",
			"Breakfast was rice porridge and steamed buns every single day."},
		detail:    []string{"The guide said this was the standard arrangement.", "We ended up buying our own food most evenings."},
		demandAmt: []string{"Refund of CNY {A} for meals"},
		demandNo:  []string{"Refund of the meal difference", "A written apology and an explanation of what will change"},
	},
	demoCatTransport: {
		subj: []string{"{L} flight {Q} delayed, no help from the agency", "Return flight delay on the {U}", "Coach broke down in {C}", "Airport pickup two hours late"},
		lead: []string{
			"On {T} our {L} flight {Q} was delayed by {X} hours and nobody from the agency arranged food or a hotel.",
			"Our return flight was cancelled and moved to the next day; we paid for the extra night ourselves.",
			"On {T} in {C}, the coach broke down on the road and we waited {H} hours at the roadside.",
			"When we landed in {C} the driver was two hours late and did not answer his phone.",
			"The coach was in poor condition, the air conditioning did not work and the driver was on the phone while driving."},
		detail:    []string{"There were elderly people and small children in the group.", "We missed the evening programme because of it."},
		demandAmt: []string{"Reimbursement of CNY {A} for the extra hotel and meals", "CNY {A} for the losses caused by the delay"},
		demandNo:  []string{"An explanation of the delay and some compensation"},
	},
	demoCatRefund: {
		subj: []string{"Refund for the {U} still not received", "Excessive cancellation fee", "High fee for changing the departure date"},
		lead: []string{
			"We cancelled on {T} for family reasons and the refund has still not arrived after more than a month.",
			"We cancelled the {R} ten days before departure and the agency wants to keep CNY {F} as losses, which we think is unreasonable.",
			"On {T} we asked to move the trip by one week and were charged a CNY {F} change fee."},
		detail:    []string{"Every time we call we are told finance is processing it.", "The fee was never mentioned when we signed."},
		demandAmt: []string{"Refund of the remaining CNY {A}", "Return of the CNY {A} fee"},
		demandNo:  []string{"The refund paid in full without further delay"},
	},
	demoCatFee: {
		subj: []string{"Extra charges on the {U}", "Pushed into paying for optional excursions", "Price different from the quote"},
		lead: []string{
			"We were told the price was all-inclusive, but in {C} the guide asked each of us for another CNY {F} as a \"driver and guide fee\".",
			"On day {N} the guide sold optional excursions at CNY {F} each; those who did not join had to wait on the coach.",
			"At checkout we found a CNY {F} single-room supplement that nobody had mentioned.",
			"Tickets for {E} were in the package, but on site we had to buy them again."},
		detail:    []string{"No receipt was given.", "The written quote says everything is included."},
		demandAmt: []string{"Refund of the CNY {A} overcharged"},
		demandNo:  []string{"Refund of the extra charges and an explanation"},
	},
	demoCatCancel: {
		subj: []string{"{R} cancelled at short notice", "Tour cancelled two days before departure", "Departure cancelled for too few participants"},
		lead: []string{
			"Our {R} departing {V} was cancelled two days before because not enough people had signed up.",
			"We had already taken leave and booked hotels when the agency suddenly cancelled the tour and offered only the tour price back.",
			"On {T} we were told the tour was cancelled and that switching to another departure would cost CNY {F} more."},
		detail:    []string{"The contract says the agency pays compensation if it cancels.", "We had taken annual leave for this trip."},
		demandAmt: []string{"CNY {A} compensation as set out in the contract"},
		demandNo:  []string{"The compensation set out in the contract"},
	},
	demoCatVisa: {
		subj: []string{"{D} visa application failed", "Visa processing delayed", "Full tour price kept after a visa refusal"},
		lead: []string{
			"We handed in every document the sales agent asked for; one week before departure we were told a bank statement was missing and the visa was not issued.",
			"The agency entered my date of birth wrongly, so the {D} visa had to be applied for again.",
			"After the visa was refused the agency kept the whole tour price, saying visa risk is ours."},
		detail:    []string{"The sales agent had promised the visa would be no problem."},
		demandAmt: []string{"Refund of CNY {A}"},
		demandNo:  []string{"The agency to pay for the new visa application"},
	},
	demoCatLuggage: {
		subj: []string{"Suitcase damaged on {L} flight {Q}", "Luggage damaged on the tour coach", "Luggage lost at {O}"},
		lead: []string{
			"On {T} we flew {L} {Q} to {C} and found a wheel broken off the suitcase and things inside damaged.",
			"The driver threw the bags into the coach and the shell of my suitcase cracked.",
			"A bag we left at {O} was missing when we came back, and the hotel says it is not responsible."},
		detail:    []string{"The guide told us to sort it out with the airline ourselves."},
		demandAmt: []string{"CNY {A} for the damaged luggage"},
		demandNo:  []string{"Help with the claim against the airline"},
	},
	demoCatSafety: {
		subj: []string{"Injury on the {U} not handled", "Unsafe activity in {C}"},
		lead: []string{
			"On {T} in {C} I was hurt during an optional activity the guide recommended, and the guide did not take me to a doctor.",
			"The boat trip on day {N} had no life jackets for the children.",
			"On day {N} an elderly member of our group fell on wet steps at {E}; the guide had not warned anyone."},
		detail:    []string{"We paid the hospital bill ourselves.", "We have the hospital records."},
		demandAmt: []string{"Reimbursement of CNY {A} medical costs"},
		demandNo:  []string{"An explanation and better safety arrangements"},
	},
	demoCatInsurance: {
		subj: []string{"Travel insurance claim refused", "Insurance on the {U} was never bought"},
		lead: []string{
			"I was injured in {C} and saw a doctor; when I claimed I found the agency had never insured us.",
			"The sales agent said accident insurance was included, but the insurer says the policy does not cover this.",
			"We sent the claim documents two months ago and the agency keeps saying it is being processed."},
		demandAmt: []string{"Payment of CNY {A} medical costs"},
		demandNo:  []string{"The policy details and help with the claim"},
	},
	demoCatBooking: {
		subj: []string{"Wrong details on the {R} booking", "Name misspelled on the flight ticket", "Rooms booked wrongly"},
		lead: []string{
			"The sales agent misspelled my name, so I could not board at the airport and had to buy a new ticket.",
			"We booked two double rooms but {O} only had one under our name.",
			"One companion was left off the booking, so there was no bed for him in {C}."},
		demandAmt: []string{"CNY {A} for the new ticket"},
		demandNo:  []string{"The booking corrected and a written apology"},
	},
	demoCatPrivacy: {
		subj: []string{"Personal data leaked", "Sales calls after booking"},
		lead: []string{
			"Since booking the {R} I keep getting sales calls from other agencies and insurers.",
			"The sales agent posted photos of our ID cards in a WeChat group with hundreds of people."},
		demandAmt: []string{"CNY {A} compensation and a written apology"},
		demandNo:  []string{"An explanation of the leak and deletion of our data"},
	},
	demoCatOther: {
		subj: []string{"Poor service at the branch", "Brochure photos misleading", "Contract terms not explained"},
		lead: []string{
			"When I asked at the branch, the staff member kept looking at her phone and was very cold.",
			"The brochure photos of {E} look nothing like the real place.",
			"Many contract terms were not explained before I was asked to sign."},
		demandAmt: []string{"CNY {A} compensation"},
		demandNo:  []string{"Better service and an apology"},
	},
}

var demoZhRequest = [demoNumCats]*demoTextSet{
	demoCatRefund: {
		subj: []string{"申请{R}退团退款", "申请{R}改期", "申请改签返程航班"},
		lead: []string{
			"因身体原因无法按期出行，申请取消{V}出发的{R}并退款。",
			"原定{V}出发，因工作原因想改到下个月同一线路。",
			"家里老人住院，需要取消行程，想了解能退多少钱。",
			"想把返程航班推迟一天，请帮忙办理改签。"},
		demandAmt: []string{"退还团费{A}元", "按合同扣除损失后退还团费{A}元"},
		demandNo:  []string{"免费改期", "协助改签返程航班"},
	},
	demoCatCancel: {
		subj: []string{"申请取消{R}报名", "申请取消部分同行人名额"},
		lead: []string{
			"{D}近期天气不好，申请取消{V}出发的团。",
			"同行人中有{I}位临时不能去，申请取消他们的名额。"},
		demandAmt: []string{"退还团费{A}元"},
		demandNo:  []string{"按规定办理取消"},
	},
	demoCatVisa: {
		subj: []string{"申请协助办理{D}签证", "申请寄回签证材料原件"},
		lead: []string{
			"报名了{V}出发的{R}，想请门店协助准备签证材料。",
			"签证已经出了，请把护照和户口本原件寄回。"},
		demandNo: []string{"协助办理签证", "快递寄回材料原件"},
	},
	demoCatInsurance: {
		subj: []string{"申请协助旅游意外险理赔"},
		lead: []string{
			"团员行程中在{C}就医，想申请保险理赔，需要旅行社提供保单和事故证明。",
			"{T}在{C}扭伤脚踝，门诊费用想走旅游意外险。"},
		demandAmt: []string{"协助理赔医疗费用{A}元"},
		demandNo:  []string{"提供保单号和事故证明"},
	},
	demoCatBooking: {
		subj: []string{"申请更正{R}订单信息", "合同姓名写错需更正"},
		lead: []string{
			"发现订单里同行人的身份证号填错了一位，请帮忙更正。",
			"合同上我的名字写错了，出发前需要改过来。"},
		demandNo: []string{"更正订单信息"},
	},
	demoCatOther: {
		subj: []string{"申请开具{R}发票", "申请出具出游证明"},
		lead: []string{
			"单位报销需要{R}的正式发票，抬头是公司名称。",
			"需要旅行社出具{V}出行的证明，用于单位请假材料。"},
		demandNo: []string{"开具发票并邮寄", "出具证明"},
	},
}

var demoEnRequest = [demoNumCats]*demoTextSet{
	demoCatRefund: {
		subj: []string{"Cancel the {R} and refund", "Change the date of the {R}", "Change the return flight"},
		lead: []string{
			"I cannot travel for health reasons and would like to cancel the {R} departing {V} and get a refund.",
			"We are booked to leave on {V} but need to move to the same tour next month because of work.",
			"A family member is in hospital; we need to cancel and would like to know how much will be refunded.",
			"Please move our return flight one day later."},
		demandAmt: []string{"Refund of CNY {A}", "Refund of CNY {A} after the contract deductions"},
		demandNo:  []string{"Move the date free of charge", "Rebook the return flight"},
	},
	demoCatCancel: {
		subj: []string{"Cancel our booking for the {R}", "Cancel two places on the {U}"},
		lead: []string{
			"The weather in {D} looks bad, so we would like to cancel the tour departing {V}.",
			"{I} people in our party can no longer go; please cancel their places."},
		demandAmt: []string{"Refund of CNY {A}"},
		demandNo:  []string{"Cancel under the contract terms"},
	},
	demoCatVisa: {
		subj: []string{"Help with the {D} visa", "Return of original documents"},
		lead: []string{
			"We are booked on the {R} departing {V} and need help preparing the visa documents.",
			"The visa has been issued; please send back our passports and original documents."},
		demandNo: []string{"Help with the visa application", "Send the originals back by courier"},
	},
	demoCatInsurance: {
		subj: []string{"Help with a travel insurance claim"},
		lead: []string{
			"One of us saw a doctor in {C} during the trip; we need the policy and an incident report to claim.",
			"I sprained my ankle in {C} on {T} and would like to claim the clinic costs on the travel insurance."},
		demandAmt: []string{"Claim of CNY {A} medical costs"},
		demandNo:  []string{"Policy number and incident report"},
	},
	demoCatBooking: {
		subj: []string{"Correct the details on the {R} booking", "Name misspelled in the contract"},
		lead: []string{
			"One companion's passport number on the booking is wrong; please correct it.",
			"My name is misspelled in the contract and must be fixed before departure."},
		demandNo: []string{"Correct the booking"},
	},
	demoCatOther: {
		subj: []string{"Invoice for the {R}", "Travel certificate for my employer"},
		lead: []string{
			"My company needs an official invoice for the {R} in the company's name.",
			"I need a letter confirming the trip departing {V} for my employer."},
		demandNo: []string{"Issue the invoice and post it", "Issue the certificate"},
	},
}

var demoZhSuggestion = [demoNumCats]*demoTextSet{
	demoCatItinerary: {
		subj:     []string{"建议{U}增加自由活动时间", "建议{U}少安排购物点"},
		lead:     []string{"{U}行程太赶，每天早上六点出发，建议增加半天自由活动。", "建议在{C}多安排一些游览时间，少去购物店。"},
		demandNo: []string{"希望采纳", "希望回复"},
	},
	demoCatGuide: {
		subj:     []string{"建议导游讲解增加历史文化内容"},
		lead:     []string{"导游在{C}的讲解比较简单，建议多介绍一些历史文化背景。"},
		demandNo: []string{"希望采纳"},
	},
	demoCatHotel: {
		subj:     []string{"建议更换{C}的酒店"},
		lead:     []string{"{O}位置太偏，晚上出门不方便，建议换到市区。"},
		demandNo: []string{"希望采纳"},
	},
	demoCatMeals: {
		subj:     []string{"建议团餐增加清淡菜品"},
		lead:     []string{"团里老人多，建议团餐少放辣，多安排一些清淡的菜。", "建议团餐照顾素食游客，提前询问饮食要求。"},
		demandNo: []string{"希望采纳"},
	},
	demoCatTransport: {
		subj:     []string{"建议安排座位更宽敞的大巴"},
		lead:     []string{"长途车程座位太挤，建议安排座位更宽敞的大巴。"},
		demandNo: []string{"希望采纳"},
	},
	demoCatOther: {
		subj:     []string{"建议开通线上报名和电子合同", "建议门店周末延长营业时间"},
		lead:     []string{"希望可以在网上报名并签电子合同，省得跑门店。", "门店周末下班太早，上班族只有周末有时间。"},
		demandNo: []string{"希望采纳", "希望回复"},
	},
}

var demoEnSuggestion = [demoNumCats]*demoTextSet{
	demoCatItinerary: {
		subj:     []string{"More free time on the {U}", "Fewer shop visits on the {U}"},
		lead:     []string{"The {U} was very rushed, leaving at six every morning; half a day of free time would help.", "Please plan more time in {C} and fewer shop visits."},
		demandNo: []string{"Please consider it"},
	},
	demoCatGuide: {
		subj:     []string{"Guide commentary could be richer"},
		lead:     []string{"The guides could tell more about the history and culture of {C}."},
		demandNo: []string{"Please consider it"},
	},
	demoCatHotel: {
		subj:     []string{"A hotel closer to the centre in {C}"},
		lead:     []string{"{O} is far from everything; a hotel in town would make evenings easier."},
		demandNo: []string{"Please consider it"},
	},
	demoCatMeals: {
		subj:     []string{"Lighter dishes on group meals", "Vegetarian options on group meals"},
		lead:     []string{"Many in our group were older; less spicy food and more light dishes would be welcome.", "Please ask about dietary needs before the trip; there was little for vegetarians."},
		demandNo: []string{"Please consider it"},
	},
	demoCatTransport: {
		subj:     []string{"Roomier coaches, please"},
		lead:     []string{"The coach seats were very tight for long drives; a bigger coach would make a difference."},
		demandNo: []string{"Please consider it"},
	},
	demoCatOther: {
		subj:     []string{"Online booking and e-contracts", "Longer opening hours at weekends"},
		lead:     []string{"It would be easier to book online and sign the contract electronically.", "The branch closes early at weekends, which is when we have time."},
		demandNo: []string{"Please consider it", "A reply would be appreciated"},
	},
}

var demoZhPraise = [demoNumCats]*demoTextSet{
	demoCatGuide: {
		subj: []string{"表扬导游{G}", "感谢{U}导游{G}的细心照顾"},
		lead: []string{
			"这次{R}导游{G}非常专业，讲解生动，全程没有强制购物。",
			"{T}在{C}家里老人身体不舒服，导游{G}连夜陪同去医院，非常感谢。",
			"导游{G}耐心细致，一路照顾团里的孩子和老人。"},
		demandNo: []string{"希望公司给予表扬", "请转达我们的感谢"},
	},
	demoCatHotel: {
		subj:     []string{"{O}服务很好"},
		lead:     []string{"{O}的房间干净，服务员很热情，早餐也很丰富。"},
		demandNo: []string{"请转达我们的感谢"},
	},
	demoCatItinerary: {
		subj:     []string{"{U}行程安排合理"},
		lead:     []string{"行程松紧适度，{E}的安排特别好，老人孩子都不累。"},
		demandNo: []string{"以后还会再报贵社的团"},
	},
	demoCatOther: {
		subj:     []string{"感谢门店工作人员耐心服务"},
		lead:     []string{"门店的工作人员帮我们反复调整行程，耐心又专业。"},
		demandNo: []string{"请转达我们的感谢"},
	},
}

var demoEnPraise = [demoNumCats]*demoTextSet{
	demoCatGuide: {
		subj: []string{"Thanks to guide {G}", "Great guide on the {U}"},
		lead: []string{
			"Guide {G} on the {R} was professional and lively, and there was no pressure to shop.",
			"On {T} in {C} my father felt unwell and guide {G} took him to hospital in the middle of the night.",
			"Guide {G} was patient with the children and the older people in the group."},
		demandNo: []string{"Please pass on our thanks to {G}", "Please commend the guide"},
	},
	demoCatHotel: {
		subj:     []string{"Excellent stay at {O}"},
		lead:     []string{"The rooms at {O} were spotless and the staff were very friendly."},
		demandNo: []string{"Please pass on our thanks"},
	},
	demoCatItinerary: {
		subj:     []string{"Well-planned {U}"},
		lead:     []string{"The pace of the {U} was just right, and the visit to {E} was the highlight."},
		demandNo: []string{"We will book with you again"},
	},
	demoCatOther: {
		subj:     []string{"Thanks to the branch staff"},
		lead:     []string{"The branch staff patiently reworked our itinerary several times."},
		demandNo: []string{"Please pass on our thanks"},
	},
}

var demoZhIncident = [demoNumCats]*demoTextSet{
	demoCatSafety: {
		subj: []string{"{C}游客摔伤送医", "团员在{C}突发疾病", "{U}游客受伤"},
		lead: []string{
			"{T}在{E}游览时，团里一位老人下台阶摔倒，右手骨折，已送当地医院。",
			"行程第{N}天，团员在{C}出现高原反应，呼吸困难，导游已陪同就医。",
			"今天下午自由活动时，孩子在酒店泳池边滑倒，头部磕伤，需要缝针。",
			"团员晚饭后突发胸闷，已由{K}安排送医。"},
		detail:    []string{"家属要求旅行社派人协助。", "需要确认旅游意外险能否理赔。"},
		demandAmt: []string{"先行垫付医疗费{A}元"},
		demandNo:  []string{"协助就医并联系保险理赔", "安排家属前往并协助提前返程"},
	},
	demoCatLuggage: {
		subj: []string{"{L}{Q}航班行李丢失", "{O}寄存行李遗失"},
		lead: []string{
			"{T}乘坐{L}{Q}航班到达{C}后，一件托运行李没有到，航空公司说还在查找。",
			"在{O}退房时发现寄存的行李箱不见了。"},
		demandAmt: []string{"赔偿行李内物品损失{A}元"},
		demandNo:  []string{"协助航空公司查找行李"},
	},
	demoCatTransport: {
		subj: []string{"{L}{Q}航班取消，全团滞留{C}", "旅游大巴在去{E}途中抛锚"},
		lead: []string{
			"{T}晚上{L}{Q}航班因天气原因取消，全团{Y}人滞留{C}机场，急需安排住宿。",
			"去{E}的大巴在山路上抛锚，全团在路边等候救援。"},
		demandNo: []string{"尽快安排住宿和改签", "马上派车接人"},
	},
	demoCatVisa: {
		subj:     []string{"团员在{C}护照丢失"},
		lead:     []string{"{T}在{C}，团员发现护照丢失，无法按原计划回国。"},
		demandNo: []string{"协助补办旅行证件并改签回程"},
	},
	demoCatOther: {
		subj:     []string{"{C}恶劣天气行程受阻", "{U}因天气滞留{C}"},
		lead:     []string{"受恶劣天气影响，{C}所有景区关闭，团队滞留酒店。", "前往{E}的道路因暴雨封闭，团队滞留在{C}。"},
		demandNo: []string{"说明后续行程安排和费用承担"},
	},
}

var demoEnIncident = [demoNumCats]*demoTextSet{
	demoCatSafety: {
		subj: []string{"Tourist injured in {C}", "Group member taken ill in {C}", "Injury on the {U}"},
		lead: []string{
			"On {T} at {E}, an older member of the group fell on steps and broke his wrist; he is in the local hospital.",
			"On day {N} a group member got altitude sickness in {C} and had trouble breathing; the guide has taken her to a doctor.",
			"This afternoon during free time a child slipped by the hotel pool and cut his head; he needs stitches.",
			"A group member had chest pains after dinner; {K} arranged an ambulance."},
		detail:    []string{"The family asks the agency to send someone to help.", "We need to know whether the travel insurance will pay."},
		demandAmt: []string{"Advance of CNY {A} for hospital costs"},
		demandNo:  []string{"Help at the hospital and with the insurance claim", "Help the family fly out and arrange an early return"},
	},
	demoCatLuggage: {
		subj: []string{"Luggage lost on {L} flight {Q}", "Bag lost at {O}"},
		lead: []string{
			"On {T} we arrived in {C} on {L} {Q} and one checked bag did not come out; the airline is still searching.",
			"At checkout from {O} the suitcase we had left with the concierge was gone."},
		demandAmt: []string{"CNY {A} for the lost items"},
		demandNo:  []string{"Help tracing the bag with the airline"},
	},
	demoCatTransport: {
		subj: []string{"{L} flight {Q} cancelled, group stuck in {C}", "Coach broke down on the way to {E}"},
		lead: []string{
			"Tonight {L} flight {Q} was cancelled because of the weather and the whole group of {Y} is stuck at the airport in {C}; we need hotel rooms.",
			"The coach to {E} broke down on a mountain road and the group is waiting at the roadside."},
		demandNo: []string{"Hotel rooms and new flights as soon as possible", "A replacement coach now"},
	},
	demoCatVisa: {
		subj:     []string{"Passport lost in {C}"},
		lead:     []string{"On {T} in {C} a group member found her passport was missing and cannot fly home as planned."},
		demandNo: []string{"Help getting emergency travel documents and a new flight"},
	},
	demoCatOther: {
		subj:     []string{"Severe weather disrupts the {U}", "Group stuck in {C} by the weather"},
		lead:     []string{"Because of severe weather, all sights in {C} are closed and the group is waiting at the hotel.", "The road to {E} is closed after heavy rain; the group is stuck in {C}."},
		demandNo: []string{"Tell us the new plan and who pays for the extra days"},
	},
}

// demoNoteSet holds the notes staff leave on status changes.
type demoNoteSet struct {
	acknowledged, declined, suggestionAck, praiseAck, suggestionClose []string
	invGuide, invHotel, invAir, invGeneric                            []string
	proposedAmt, proposedNo, proposedReqAmt, proposedReqNo            []string
	proposedClaim, rejected, agreed                                   []string
	resolvedAmt, resolvedNo, resolvedReq, closed, reopened            []string
}

var demoNotes = [2]demoNoteSet{
	{
		acknowledged: []string{"已电话联系{W}，确认情况", "已告知{W}案件编号和处理人，承诺三个工作日内答复",
			"已短信发送受理回执", "已通过微信回复{W}，登记受理", "客户到店，已当面受理并复印合同"},
		declined: []string{"非本社客户，已建议联系原预订平台", "与此前案件重复，已合并处理",
			"超出合同约定的投诉时效，已向{W}解释", "{W}来电撤回投诉"},
		suggestionAck:   []string{"感谢{W}的建议，已转交产品部", "已记录建议，下次线路调整时参考"},
		praiseAck:       []string{"已转告相关同事并通报表扬", "已电话感谢{W}的反馈"},
		suggestionClose: []string{"已回复{W}，结案", "产品部已回复，结案"},
		invGuide:        []string{"已联系导游{G}了解情况", "已向{K}核实行程安排", "导游{G}提交了书面说明", "已联系同团游客核实"},
		invHotel:        []string{"已要求{O}提供入住记录和说明", "已向{K}核实餐厅和酒店安排", "{O}回复正在调查"},
		invAir:          []string{"已向{L}调取航班延误证明", "已联系{L}行李查询部门", "已向{K}核实接送安排"},
		invGeneric:      []string{"已调取销售聊天记录和合同", "正在等待{K}书面回复", "已请财务核对付款记录"},
		proposedAmt: []string{"方案：书面道歉并退还{A}元", "按旅游合同违约条款补偿{A}元",
			"退还{A}元，其中{B}元向{K}追偿"},
		proposedNo: []string{"方案：书面道歉，赠送200元旅游代金券", "方案：书面道歉，对导游{G}进行处理",
			"方案：下次出行免费升级酒店"},
		proposedReqAmt: []string{"方案：按合同扣除已产生费用后退还{A}元", "核算后可退{A}元，已告知{W}"},
		proposedReqNo:  []string{"方案：按要求办理，不收手续费", "已备齐材料，等{W}确认", "已与{K}确认可以办理"},
		proposedClaim:  []string{"已向保险公司提交理赔材料，预计赔付{A}元", "保险公司初步同意赔付{A}元"},
		rejected:       []string{"{W}不接受方案，认为补偿太少", "{W}要求提高赔偿金额，重新与{K}协商"},
		agreed:         []string{"{W}已在确认单上签字", "{W}电话同意方案", "{W}微信确认接受方案"},
		resolvedAmt:    []string{"{A}元已原路退回", "退款已转账，{W}确认收到"},
		resolvedNo:     []string{"已寄出道歉信", "已向{W}当面道歉", "代金券已发放"},
		resolvedReq:    []string{"已办理完成并通知{W}", "已更新订单，确认单已发给{W}", "材料已快递寄出"},
		closed:         []string{"回访完成，{W}表示满意", "已寄出结案函", "回访：满意度{J}分", "回访无人接听，按规定结案"},
		reopened:       []string{"{W}反映退款未到账，重新处理", "{W}补充了新的证据，重新调查"},
	},
	{
		acknowledged: []string{"Called {W}, confirmed the details", "Sent {W} the case number and the handler by e-mail",
			"Replied on WeChat; promised an answer within 3 working days", "{W} came in; copied the contract and receipts"},
		declined: []string{"Not our customer; referred to the booking platform", "Duplicate of an earlier case; merged",
			"Outside the complaint period in the contract; explained to {W}", "{W} withdrew the complaint"},
		suggestionAck:   []string{"Thanked {W}; passed to the product team", "Noted for the next itinerary review"},
		praiseAck:       []string{"Passed the thanks on to the team", "Called {W} to thank them for the feedback"},
		suggestionClose: []string{"Replied to {W}; closed", "Product team replied; closed"},
		invGuide:        []string{"Asked guide {G} what happened", "Checked the itinerary with {K}", "Guide {G} sent a written statement", "Checked with others in the group"},
		invHotel:        []string{"Asked {O} for the check-in records and an explanation", "Checked the hotel and restaurant bookings with {K}", "{O} says it is looking into it"},
		invAir:          []string{"Requested a delay certificate from {L}", "Contacted {L} baggage services", "Checked the transfer arrangements with {K}"},
		invGeneric:      []string{"Pulled the sales chat log and the contract", "Waiting for a written reply from {K}", "Asked finance to check the payment records"},
		proposedAmt: []string{"Offer: written apology and refund of CNY {A}", "Offer: CNY {A} under the contract's compensation clause",
			"Offer: CNY {A}, of which CNY {B} to be recovered from {K}"},
		proposedNo: []string{"Offer: written apology and a CNY 200 travel voucher", "Offer: written apology; guide {G} disciplined",
			"Offer: free hotel upgrade on the next trip"},
		proposedReqAmt: []string{"Offer: CNY {A} back after the costs already incurred", "Worked out CNY {A} refundable; told {W}"},
		proposedReqNo:  []string{"Offer: done as asked, no fee", "Documents ready; waiting for {W} to confirm", "Confirmed with {K} that it can be done"},
		proposedClaim:  []string{"Claim filed with the insurer; CNY {A} expected", "Insurer agreed in principle to pay CNY {A}"},
		rejected:       []string{"{W} rejected the offer as too low", "{W} wants more; renegotiating with {K}"},
		agreed:         []string{"{W} signed the confirmation at the counter", "{W} accepted by phone", "{W} accepted by e-mail"},
		resolvedAmt:    []string{"CNY {A} refunded to the original card", "Refund transferred; {W} confirmed receipt"},
		resolvedNo:     []string{"Apology letter sent", "Apologised to {W} in person", "Voucher issued"},
		resolvedReq:    []string{"Done and {W} informed", "Booking updated; confirmation sent to {W}", "Documents sent by courier"},
		closed:         []string{"Follow-up call done, {W} satisfied", "Closure letter sent", "Follow-up: rating {J}/5", "No answer at follow-up; closed per procedure"},
		reopened:       []string{"{W} says the refund never arrived; reopened", "{W} sent new evidence; reopened"},
	},
}
