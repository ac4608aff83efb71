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
		g.oneCase(&out[i], time.Unix(times[i], 0).In(demoLoc), now)
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
	{"Kevin", "kevin", 'm'}, {"Ben", "ben", 'm'}, {"Lukas", "lukas", 'm'}, {"Oliver", "oliver", 'm'},
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
	demoZhDestW, demoEnDestW     = demoDestWeights(demoZhDests, false), demoDestWeights(demoEnDests, false)
	demoZhAbroadW, demoEnAbroadW = demoDestWeights(demoZhDests, true), demoDestWeights(demoEnDests, true)
	demoZhHours                  = []string{"两个多", "三个", "近三个", "一个半", "两个"}
	demoEnHours                  = []string{"two", "nearly three", "over two", "three", "one and a half"}
	demoRoundYuan                = []int{200, 300, 500, 600, 800, 1000, 1200, 1500, 1800, 2000, 2500, 3000, 3600,
		4000, 5000, 6000, 6800, 8000, 9800, 10000, 12000, 15000, 16800, 20000}
	demoFees                       = []int{180, 280, 380, 480, 680, 800, 1200}
	demoKinds                      = [...]Kind{KindComplaint, KindRequest, KindSuggestion, KindPraise, KindIncident}
	demoKindW                      = demoW(65, 15, 8, 6, 6)
	demoZhChannelW                 = demoW(33, 28, 7, 17, 5, 3, 7) // order of Channels
	demoEnChannelW                 = demoW(24, 20, 28, 18, 6, 2, 2)
	demoSeverityOrder              = [...]Severity{SeverityUrgent, SeverityNormal, SeverityLow}
	demoIntakeZhW, demoIntakeEnW   = demoW(30, 30, 28, 12), demoW(10, 10, 10, 70) // Wang, Li, Zhao, Emily
	demoHandlerZhW, demoHandlerEnW = demoW(32, 32, 28, 8), demoW(12, 12, 11, 65)
)

// demoStuckShare of the cases older than a month are still open (waiting on a
// supplier, disputes); with the recent ones that gives about 3 % open cases.
const demoStuckShare = 0.02

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
	{300, 5000}, {200, 3000}, {300, 5000}, {300, 6000}, {200, 2000}, {300, 8000}, {500, 12000},
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

// oneCase fills dc, in place: a case is large and there are many.
func (g *demoGen) oneCase(dc *DemoCase, recv, now time.Time) {
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
	// hotline refers complaints only; incidents are called in from the trip.
	chW := demoZhChannelW
	if en {
		chW = demoEnChannelW
	}
	ch := Channels[g.pickW(chW)]
	switch {
	case kind == demoKSuggestion && g.chance(0.2):
		ch = ChannelLetter
	case kind == demoKIncident && g.chance(0.85): // reported from the trip
		ch = ChannelPhone
		if g.chance(0.35) {
			ch = ChannelChat
		}
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

	// Amount claimed; an overcharge is claimed for the whole party.
	fee, party := demoFees[g.r.IntN(len(demoFees))], g.between(2, 6)
	yuan := 0
	if g.chance(demoAmountP[kind][cat]) {
		yuan = g.amount(demoAmountRange[cat][0], demoAmountRange[cat][1])
		if kind == demoKComplaint && cat == demoCatFee {
			yuan = fee * party
		}
	}

	// Template slots.
	g.set('A', g.put(strconv.AppendInt(g.buf[:0], int64(yuan), 10)))
	g.set('B', g.put(strconv.AppendInt(g.buf[:0], int64(yuan/20*10), 10)))
	g.set('C', g.pick(d.cities))
	g.set('D', d.name)
	g.set('E', g.pick(d.sights))
	g.set('F', strconv.Itoa(fee))
	g.set('G', guide)
	g.set('I', strconv.Itoa(party))
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
		g.set('U', g.put(append(append(g.buf[:0], d.name...), " tour"...)))
	} else {
		g.set('H', g.pick(demoZhHours))
		g.set('U', g.put(append(append(append(g.buf[:0], d.name...), demoCNNum[prod.days]...), "日游"...)))
	}

	lang := 0
	if en {
		lang = 1
	}
	ts := demoTextTable[lang][kind][cat]
	nc := &dc.New
	*nc = NewCase{
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
	leads := ts.lead
	if yuan > 0 && len(ts.leadAmt) > 0 {
		leads = ts.leadAmt
	}
	lead := g.pick(leads)
	subjT, demandT := "", ""
	if i := strings.Index(lead, "||"); i >= 0 {
		subjT, lead = lead[:i], lead[i+2:]
		if j := strings.Index(lead, "||"); j >= 0 {
			lead, demandT = lead[:j], lead[j+2:]
		}
	}
	if subjT == "" || (len(ts.subj) > 0 && g.chance(0.25)) {
		subjT = g.pick(ts.subj)
	}
	subj := g.span(subjT)
	desc := g.description(ts, lead, lang, kind, ch)
	var demand demoSpan
	switch {
	case demandT != "":
		demand = g.span(demandT)
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
		if g.chance(0.3) {
			nc.Booking.Supplier = agency
		}
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

	steps := g.steps(kind, cat, lang, slices.Index(Channels, ch), sev == SeverityUrgent, yuan, handler, recv, now)
	all := g.text.String()
	nc.Subject, nc.Description, nc.Demand = subj.in(all), desc.in(all), demand.in(all)
	for i := range steps {
		steps[i].Note = g.notes[i].in(all)
	}
	dc.Steps = steps
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

func (g *demoGen) description(ts *demoTextSet, lead string, lang, kind int, ch Channel) demoSpan {
	b := &g.text
	start := b.Len()
	sep := ""
	if lang == 1 {
		sep = " "
	}
	if ch == ChannelHotline {
		b.WriteString(demoHotlinePrefix[lang])
	}
	g.expandTo(b, lead)
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
func (g *demoGen) steps(kind, cat, lang, channel int, urgent bool, yuan int, handler string, recv, now time.Time) []DemoStep {
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
		ack := notes.acknowledged
		if channel >= 0 && channel < len(notes.ackBy) && g.chance(0.75) {
			ack = notes.ackBy[channel]
		}
		p.add(StatusAcknowledged, p.ackDelay(), handler, 0.6, ack)
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
	case g.chance(0.5):
		switch p.cat {
		case demoCatGuide, demoCatShopping, demoCatItinerary, demoCatFee:
			offer = notes.proposedNoGuide
		case demoCatHotel, demoCatMeals:
			offer = notes.proposedNoHotel
		}
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

// demoTextSet holds the texts of one kind and category in one language. A lead may
// carry its own subject and demand: "subject||lead" or "subject||lead||demand"; the
// set's subj, demandAmt and demandNo lists apply to every lead and fill the gaps.
// leadAmt replaces lead when an amount is claimed.
type demoTextSet struct {
	subj, lead, leadAmt, detail, demandAmt, demandNo []string
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
		subj: []string{"{U}擅自更改行程", "{U}行程与合同不符"},
		lead: []string{
			"{U}少去了{E}||{T}在{C}，导游{G}临时取消了合同约定的{E}游览，改为自由活动，事先没有征求游客意见。",
			"{U}跳过{E}||行程第{N}天原定游览{E}，导游以时间不够为由直接跳过。",
			"{E}游览时间被压缩||合同写明{E}游览时间不少于3小时，实际只停留了不到1小时。",
			"{U}行程顺序被打乱||{T}导游通知调整行程顺序，结果{E}没去成，也没有任何解释。",
			"{E}门票说好包含却要自费||出发前销售承诺含{E}门票，到了{C}才被告知需要自费。"},
		detail:    []string{"全团{Y}人都不同意，但导游坚持。", "事后没有任何补偿说明。", "行程单上{E}写得清清楚楚。"},
		demandAmt: []string{"退还未游览景点费用{A}元", "赔偿{A}元并书面道歉"},
		demandNo:  []string{"给出书面解释并道歉", "补偿未游览的项目"},
	},
	demoCatGuide: {
		subj: []string{"{U}导游服务差", "投诉导游{G}"},
		lead: []string{
			"导游{G}当众冷嘲热讽||{T}在{C}，导游{G}因为游客没有参加自费项目，当众冷嘲热讽，态度非常恶劣。",
			"导游{G}多次迟到||导游{G}多次迟到，{T}早上让全团在酒店门口等了一个多小时。",
			"{U}导游辱骂游客||行程第{N}天，导游{G}在车上辱骂不购物的游客，老人被吓哭了。",
			"导游{G}讲解敷衍||导游{G}讲解敷衍，大部分时间在车上睡觉或打电话。",
			"{U}导游在{E}中途甩团||{T}下午导游{G}把我们留在{E}后自行离开，电话也打不通。"},
		detail:    []string{"我们有录音。", "同团游客都可以作证。", "向领队反映后没有任何改善。"},
		demandAmt: []string{"赔偿{A}元，并对导游作出处理", "退还导游服务费{A}元"},
		demandNo:  []string{"导游当面道歉，旅行社书面说明处理结果", "对导游{G}进行处理并道歉"},
	},
	demoCatShopping: {
		subj: []string{"{U}导游强制购物", "{U}变相强制消费"},
		lead: []string{
			"{C}被强制进店购物||{T}在{C}，导游带团进入{S}停留{H}小时，不购物不让离开。",
			"导游要求每人消费{F}元||导游{G}要求每人在{S}至少消费{F}元，否则不让上车。",
			"{U}购物店停留时间过长||行程第{N}天连续进了三家购物店，其中{S}停留了{H}小时，合同上没有这些购物点。",
			"{C}{S}强行推销||在{C}的{S}被店员围着推销，导游说不买就是不给面子。"},
		detail:    []string{"家里老人在店里买了{F}元的东西，回来发现是假货。", "合同写明无购物店。", "整个行程进店时间比游览时间还长。"},
		demandAmt: []string{"退还购物时间对应的费用{A}元并道歉", "协助退货并赔偿{A}元"},
		demandNo:  []string{"退还购物时间对应的费用并道歉", "协助办理退货"},
	},
	demoCatHotel: {
		subj: []string{"{U}住宿与合同不符", "投诉{O}住宿条件"},
		lead: []string{
			"{O}房间卫生差||{T}入住{O}，房间有明显霉味，床单上有污渍。",
			"{U}酒店降级||合同约定入住四星级酒店，实际安排的{O}只是普通快捷酒店。",
			"{O}空调损坏无法换房||在{C}的第{N}晚，{O}的房间空调坏了，前台说没有空房可换。",
			"{O}房间没有窗户||{O}的房间没有窗户，热水时有时无。",
			"{O}房型与预订不符||预订的是景观房，到{O}后被安排在一楼，窗外是停车场。"},
		detail:    []string{"拍了照片发给导游，导游说没有办法。", "一家人几乎整晚没睡好。", "同团其他游客住的是另一家更好的酒店。"},
		demandAmt: []string{"退还房费差价{A}元", "赔偿{A}元"},
		demandNo:  []string{"退还房费差价并道歉", "下次出行给予补偿"},
	},
	demoCatMeals: {
		subj: []string{"{U}团餐质量差", "{U}餐标严重缩水"},
		lead: []string{
			"{C}团餐分量严重不足||{T}中午在{C}的团餐十人一桌只有六个菜，基本没有荤菜。",
			"团餐与合同餐标不符||合同约定餐标50元/人，实际用餐明显不值这个价。",
			"团餐吃出异物||行程第{N}天晚餐菜里吃出头发，餐厅只说换一盘。",
			"{C}团餐后多人腹泻||{T}晚餐后团里有{I}人出现腹泻。",
			"{U}早餐过于简单||每天早餐只有稀饭馒头，导游说这是标准安排。"},
		detail:    []string{"大家晚上只好自己出去买吃的。", "跟导游反映，导游说餐厅是地接社定的。"},
		demandAmt: []string{"退还餐费{A}元"},
		demandNo:  []string{"退还餐费差价", "旅行社书面道歉并说明整改措施"},
	},
	demoCatTransport: {
		subj: []string{"{U}交通问题无人处理"},
		lead: []string{
			"{L}{Q}航班延误无人安排||{T}{L}{Q}航班延误{X}小时，旅行社没有任何人出面安排餐食和住宿。",
			"{U}返程航班取消||返程航班被取消，改签到第二天，多出的一晚住宿费是我们自己付的。",
			"{C}旅游大巴中途抛锚||{T}在{C}，旅游大巴在半路抛锚，全团在路边等了{H}小时。",
			"{C}接机迟到两小时||到达{C}后接机司机迟到两个小时，电话也打不通。",
			"{U}大巴车况差||大巴车况很差，空调不制冷，司机一路边开车边打电话。"},
		detail:    []string{"团里有老人和小孩，非常辛苦。", "因此错过了当晚的演出。"},
		demandAmt: []string{"报销额外住宿和餐饮费用{A}元", "赔偿损失{A}元"},
		demandNo:  []string{"说明原因并给予补偿"},
	},
	demoCatRefund: {
		subj: []string{"{U}退款纠纷"},
		lead: []string{
			"{U}退款迟迟未到账||{T}因家中有事申请退团，至今一个多月退款还没到账。",
			"退团扣费过高||出发前10天申请退{R}，旅行社扣除的损失费远高于合同约定。",
			"改期收取高额手续费||{T}申请把出发日期推迟一周，却被收取了高额手续费。"},
		leadAmt: []string{
			"{U}退款{A}元迟迟未到账||{T}因家中有事申请退团，旅行社答应退还{A}元，至今一个多月还没到账。",
			"退团被扣{A}元损失费||出发前10天申请退{R}，旅行社要扣除{A}元损失费，我们认为不合理。",
			"改期被收{A}元手续费||{T}申请把出发日期推迟一周，却被收取了{A}元手续费。"},
		detail:    []string{"每次打电话都说在处理。", "合同里的退改条款销售从来没有解释过。"},
		demandAmt: []string{"退还{A}元", "尽快退还{A}元"},
		demandNo:  []string{"尽快退款并说明扣费依据"},
	},
	demoCatFee: {
		subj: []string{"{U}额外收费", "{U}费用与报价不符"},
		lead: []string{
			"导游另收“车导费”||出发前说好是全包价，到了{C}导游又要求每人交{F}元“车导费”。",
			"导游强推自费项目||行程第{N}天导游推销自费项目，每人{F}元，不参加的只能在车上等。",
			"{U}未告知单房差||结账时发现每人多收了{F}元单房差，事先没有告知。",
			"{E}门票重复收费||团费里包含{E}门票，到了现场又让我们每人再交{F}元。"},
		detail:    []string{"没有开任何收据。", "销售的报价单上写明费用全包。", "我们一家{I}口一共多花了{A}元。"},
		demandAmt: []string{"退还多收的费用{A}元"},
		demandNo:  []string{"退还多收的费用并说明原因"},
	},
	demoCatCancel: {
		subj: []string{"{R}被临时取消"},
		lead: []string{
			"出发前两天被通知取消团||原定{V}出发的{R}，出发前两天才通知因人数不足取消。",
			"{U}取消只退团费不赔偿||已经请好假、订好酒店，旅行社突然说团取消了，只退团费不赔偿。",
			"{U}取消后转团要加价||{T}被告知团取消，转到其他团期每人要加价{F}元。"},
		detail:    []string{"合同里写明旅行社取消要赔偿。", "我们为这次出行专门请了年假。"},
		demandAmt: []string{"按合同赔偿违约金{A}元"},
		demandNo:  []string{"按合同约定赔偿违约金"},
	},
	demoCatVisa: {
		subj: []string{"{D}签证服务投诉"},
		lead: []string{
			"{D}签证没办下来||按销售要求提交了全部材料，临出发前一周才告知缺少银行流水，签证没办下来。",
			"签证信息填错需重新办理||旅行社把出生日期填错，导致{D}签证需要重新办理。",
			"拒签后扣除全部团费||拒签后旅行社扣除全部团费，说签证风险由游客承担。"},
		detail:    []string{"销售当初保证签证没问题。"},
		demandAmt: []string{"退还团费{A}元"},
		demandNo:  []string{"承担重新办理签证的费用"},
	},
	demoCatLuggage: {
		subj: []string{"{U}行李问题投诉"},
		lead: []string{
			"{L}托运行李损坏||{T}乘坐{L}{Q}航班到{C}后，发现行李箱轮子摔坏，里面物品受损。",
			"行李箱在旅游大巴上被压坏||大巴司机装行李时很粗暴，我的行李箱外壳被压裂。",
			"{O}寄存行李丢失||在{O}寄存的行李少了一件，酒店说不负责。"},
		detail:    []string{"当场找导游，导游说不归他管。"},
		demandAmt: []string{"赔偿行李损失{A}元"},
		demandNo:  []string{"协助索赔并给个说法"},
	},
	demoCatSafety: {
		subj: []string{"{U}安全问题投诉"},
		lead: []string{
			"{U}游客受伤无人处理||{T}在{C}参加导游推荐的自费项目时摔伤，导游没有及时送医，医药费是我们自己垫付的。",
			"游船项目没有救生衣||行程第{N}天的游船项目没有给孩子准备救生衣。",
			"{E}老人摔倒导游未提醒||行程第{N}天，团里一位老人在{E}湿滑的台阶上摔倒，导游事先没有提醒。"},
		demandAmt: []string{"报销医疗费用{A}元"},
		demandNo:  []string{"说明情况并改进安全措施"},
	},
	demoCatInsurance: {
		subj: []string{"{U}保险理赔纠纷"},
		lead: []string{
			"旅行社没有投保||行程中在{C}受伤就医，回来申请理赔时才发现旅行社没有给我们投保。",
			"旅游意外险理赔被拒||销售说团费含旅游意外险，理赔时保险公司说保单不包含这项。",
			"保险理赔拖了两个月||提交理赔材料已经两个月，旅行社一直说在处理。"},
		demandAmt: []string{"赔付医疗费用{A}元"},
		demandNo:  []string{"提供保单并协助理赔"},
	},
	demoCatBooking: {
		subj: []string{"{R}预订出错"},
		lead: []string{
			"机票姓名拼写错误||销售把我的名字拼音打错，到机场无法登机，只能重新买票。",
			"{O}房间订错||订的是两间大床房，到{O}才发现只订了一间。",
			"订单漏录同行人||订单里漏录了一位同行人，到{C}才发现没有他的床位。"},
		demandAmt: []string{"赔偿额外损失{A}元"},
		demandNo:  []string{"书面道歉并说明原因"},
	},
	demoCatPrivacy: {
		subj: []string{"个人信息泄露投诉"},
		lead: []string{
			"报名后频繁接到推销电话||在贵社报名{R}后，一直接到其他旅行社和保险公司的推销电话。",
			"身份证照片被发到群里||销售把我们的身份证照片发在了一个几百人的微信群里。"},
		demandAmt: []string{"赔偿{A}元并书面道歉"},
		demandNo:  []string{"说明信息泄露原因并删除相关信息"},
	},
	demoCatOther: {
		subj: []string{"服务投诉"},
		lead: []string{
			"门店服务态度差||到门店咨询时，工作人员一直玩手机，态度很冷淡。",
			"宣传图片与实际不符||宣传册上{E}的照片和实际差距太大。",
			"合同条款没有解释清楚||合同上很多条款没有解释清楚就让签字。"},
		demandAmt: []string{"赔偿{A}元"},
		demandNo:  []string{"改进服务并道歉"},
	},
}

var demoEnComplaint = [demoNumCats]*demoTextSet{
	demoCatItinerary: {
		subj: []string{"Itinerary changed without consent on the {U}", "Tour did not follow the contract itinerary"},
		lead: []string{
			"{E} dropped from the {U}||On {T} in {C}, guide {G} cancelled the visit to {E} and gave us free time instead, without asking anyone.",
			"{E} skipped on day {N}||On day {N} we were supposed to visit {E}, but the guide skipped it saying there was not enough time.",
			"Visit to {E} cut short||The contract promised at least three hours at {E}; we got less than one.",
			"Tickets for {E} not included after all||The sales agent said tickets for {E} were included, but in {C} we were told to pay for them ourselves."},
		detail:    []string{"The whole group of {Y} objected, but nothing changed.", "Nobody explained the change or offered any compensation."},
		demandAmt: []string{"Refund of CNY {A} for the missed sights", "CNY {A} compensation and a written apology"},
		demandNo:  []string{"A written explanation and an apology", "Compensation for the missed part of the tour"},
	},
	demoCatGuide: {
		subj: []string{"Complaint about guide {G}", "Poor guide on the {U}"},
		lead: []string{
			"Guide {G} mocked the group||On {T} in {C}, guide {G} mocked the people who had not signed up for the optional excursions.",
			"Guide {G} late every morning||Guide {G} was late almost every morning; on {T} we waited over an hour outside the hotel.",
			"Guide shouted at the group||On day {N} guide {G} shouted at people on the coach who had not bought anything.",
			"Guide {G} did not do the job||Guide {G} barely explained anything and spent most of the time on the phone.",
			"Guide left the group at {E}||On the afternoon of {T}, guide {G} left us at {E} and could not be reached."},
		detail:    []string{"We have a recording.", "Other people in the group can confirm this.", "We told the tour leader, but nothing improved."},
		demandAmt: []string{"CNY {A} compensation and action against the guide", "Refund of the CNY {A} guide service fee"},
		demandNo:  []string{"An apology from the guide and a written account of what you did about it", "Disciplinary action against guide {G}"},
	},
	demoCatShopping: {
		subj: []string{"Forced shopping on the {U}"},
		lead: []string{
			"Kept in a {S} in {C}||On {T} in {C}, the guide took us to a {S} and kept us there for {H} hours; nobody was allowed to leave without buying.",
			"Told to spend CNY {F} each||Guide {G} told everyone to spend at least CNY {F} at the {S} or walk back to the hotel.",
			"Too many shopping stops on the {U}||On day {N} we visited three shops in a row, including a {S} for {H} hours; none of them were in the contract.",
			"Pressure to buy at a {S}||Staff at the {S} in {C} surrounded us and the guide said not buying was rude."},
		detail:    []string{"My parents bought items for CNY {F} that turned out to be fake.", "The contract says there are no shopping stops.", "We spent more time in shops than at the sights."},
		demandAmt: []string{"Refund of CNY {A} for the time lost and an apology", "Help returning the goods and CNY {A} compensation"},
		demandNo:  []string{"A refund for the time spent shopping and an apology", "Help returning what we bought"},
	},
	demoCatHotel: {
		subj: []string{"Accommodation on the {U} not as promised"},
		lead: []string{
			"Dirty room at {O}||We checked in to {O} on {T}; the room smelled of mould and the sheets were stained.",
			"Hotel downgrade on the {U}||The contract said a four-star hotel, but {O} was a basic budget hotel.",
			"Broken air conditioning at {O}||On night {N} in {C} the air conditioning at {O} broke and reception said there was no other room.",
			"Windowless room at {O}||Our room at {O} had no window and the hot water kept cutting out.",
			"Wrong room type at {O}||We booked a room with a view but {O} gave us a ground-floor room facing the car park."},
		detail:    []string{"We sent photos to the guide, who said he could do nothing.", "The family hardly slept that night.", "Others in the same group stayed at a better hotel."},
		demandAmt: []string{"Refund of the CNY {A} price difference", "CNY {A} compensation"},
		demandNo:  []string{"Refund of the price difference and an apology", "Some compensation on our next trip"},
	},
	demoCatMeals: {
		subj: []string{"Poor group meals on the {U}"},
		lead: []string{
			"Tiny group lunch in {C}||On {T}, lunch in {C} was six small dishes for a table of ten, almost no meat.",
			"Meals below the contract standard||The contract promised meals worth CNY 50 per person; what we got was clearly not worth that.",
			"Hair in the food||At dinner on day {N} we found a hair in the food; the restaurant only offered to replace the dish.",
			"Group ill after dinner in {C}||After dinner on {T}, {I} people in our group had diarrhoea.",
			"Same poor breakfast every day||Breakfast was rice porridge and steamed buns every single day."},
		detail:    []string{"The guide said this was the standard arrangement.", "We ended up buying our own food most evenings."},
		demandAmt: []string{"Refund of CNY {A} for meals"},
		demandNo:  []string{"Refund of the meal difference", "A written apology and an explanation of what will change"},
	},
	demoCatTransport: {
		subj: []string{"Transport problems on the {U}"},
		lead: []string{
			"{L} flight {Q} delayed, no help from the agency||On {T} our {L} flight {Q} was delayed by {X} hours and nobody from the agency arranged food or a hotel.",
			"Return flight cancelled, extra night at our cost||Our return flight was cancelled and moved to the next day; we paid for the extra night ourselves.",
			"Coach broke down in {C}||On {T} in {C}, the coach broke down on the road and we waited {H} hours at the roadside.",
			"Airport pickup two hours late||When we landed in {C} the driver was two hours late and did not answer his phone.",
			"Unsafe coach and driver||The coach was in poor condition, the air conditioning did not work and the driver was on the phone while driving."},
		detail:    []string{"There were elderly people and small children in the group.", "We missed the evening programme because of it."},
		demandAmt: []string{"Reimbursement of CNY {A} for the extra hotel and meals", "CNY {A} for our losses"},
		demandNo:  []string{"An explanation and some compensation"},
	},
	demoCatRefund: {
		subj: []string{"Refund dispute over the {U}"},
		lead: []string{
			"Refund for the {U} still not received||We cancelled on {T} for family reasons and the refund has still not arrived after more than a month.",
			"Cancellation fee far above the contract||We cancelled the {R} ten days before departure and the agency is keeping far more than the contract allows.",
			"High fee for changing the departure date||On {T} we asked to move the trip by one week and were charged a high change fee."},
		leadAmt: []string{
			"CNY {A} refund still not received||We cancelled on {T} for family reasons; the agency agreed to refund CNY {A}, but after more than a month nothing has arrived.",
			"CNY {A} cancellation fee||We cancelled the {R} ten days before departure and the agency wants to keep CNY {A} as losses, which we think is unreasonable.",
			"CNY {A} fee for changing the date||On {T} we asked to move the trip by one week and were charged a CNY {A} change fee."},
		detail:    []string{"Every time we call we are told it is being processed.", "Nobody explained the cancellation terms when we signed."},
		demandAmt: []string{"The CNY {A} paid back", "The CNY {A} paid back without further delay"},
		demandNo:  []string{"The refund paid in full and the deductions explained"},
	},
	demoCatFee: {
		subj: []string{"Extra charges on the {U}", "Price different from the quote"},
		lead: []string{
			"\"Driver and guide fee\" on top of the price||We were told the price was all-inclusive, but in {C} the guide asked each of us for another CNY {F} as a \"driver and guide fee\".",
			"Pushed into paying for optional excursions||On day {N} the guide sold optional excursions at CNY {F} a head; those who did not join had to wait on the coach.",
			"Single-room supplement never mentioned||At checkout we found a CNY {F} per person single-room supplement that nobody had mentioned.",
			"Paid twice for {E} tickets||Tickets for {E} were in the package, but on site each of us had to pay CNY {F} again."},
		detail:    []string{"No receipt was given.", "The written quote says everything is included.", "In all, our party of {I} paid CNY {A} extra."},
		demandAmt: []string{"Refund of the CNY {A} overcharged"},
		demandNo:  []string{"Refund of the extra charges and an explanation"},
	},
	demoCatCancel: {
		subj: []string{"{R} cancelled by the agency"},
		lead: []string{
			"Tour cancelled two days before departure||Our {R} departing {V} was cancelled two days before because not enough people had signed up.",
			"Tour cancelled, no compensation offered||We had already taken leave and booked hotels when the agency suddenly cancelled the tour and offered only the tour price back.",
			"Extra charge to move to another departure||On {T} we were told the tour was cancelled and that switching to another departure would cost CNY {F} more each."},
		detail:    []string{"The contract says the agency pays compensation if it cancels.", "We had taken annual leave for this trip."},
		demandAmt: []string{"CNY {A} compensation as set out in the contract"},
		demandNo:  []string{"The compensation set out in the contract"},
	},
	demoCatVisa: {
		subj: []string{"Complaint about the {D} visa service"},
		lead: []string{
			"{D} visa not issued||We handed in every document the sales agent asked for; one week before departure we were told a bank statement was missing and the visa was not issued.",
			"Visa form filled in wrongly||The agency entered my date of birth wrongly, so the {D} visa had to be applied for again.",
			"Full tour price kept after a visa refusal||After the visa was refused the agency kept the whole tour price, saying visa risk is ours."},
		detail:    []string{"The sales agent had promised the visa would be no problem."},
		demandAmt: []string{"Refund of CNY {A}"},
		demandNo:  []string{"The agency to pay for the new visa application"},
	},
	demoCatLuggage: {
		subj: []string{"Luggage problem on the {U}"},
		lead: []string{
			"Suitcase damaged on {L} flight {Q}||On {T} we flew {L} {Q} to {C} and found a wheel broken off the suitcase and things inside damaged.",
			"Luggage damaged on the tour coach||The driver threw the bags into the coach and the shell of my suitcase cracked.",
			"Luggage lost at {O}||A bag we left at {O} was missing when we came back, and the hotel says it is not responsible."},
		detail:    []string{"The guide said it was not his problem."},
		demandAmt: []string{"CNY {A} for the damaged luggage"},
		demandNo:  []string{"Help with the claim and an explanation"},
	},
	demoCatSafety: {
		subj: []string{"Safety problem on the {U}"},
		lead: []string{
			"Injury on the {U} not handled||On {T} in {C} I was hurt during an optional activity the guide recommended, and the guide did not take me to a doctor; we paid the hospital bill ourselves.",
			"No life jackets for children||The boat trip on day {N} had no life jackets for the children.",
			"Elderly tourist fell at {E}||On day {N} an elderly member of our group fell on wet steps at {E}; the guide had not warned anyone."},
		demandAmt: []string{"Reimbursement of CNY {A} medical costs"},
		demandNo:  []string{"An explanation and better safety arrangements"},
	},
	demoCatInsurance: {
		subj: []string{"Travel insurance dispute"},
		lead: []string{
			"Insurance on the {U} was never bought||I was injured in {C} and saw a doctor; when I claimed I found the agency had never insured us.",
			"Travel insurance claim refused||The sales agent said accident insurance was included, but the insurer says the policy does not cover this.",
			"Insurance claim stuck for two months||We sent the claim documents two months ago and the agency keeps saying it is being processed."},
		demandAmt: []string{"Payment of CNY {A} medical costs"},
		demandNo:  []string{"The policy details and help with the claim"},
	},
	demoCatBooking: {
		subj: []string{"Booking error on the {R}"},
		lead: []string{
			"Name misspelled on the flight ticket||The sales agent misspelled my name, so I could not board at the airport and had to buy a new ticket.",
			"Rooms booked wrongly at {O}||We booked two double rooms but {O} only had one under our name.",
			"Companion left off the booking||One companion was left off the booking, so there was no bed for him in {C}."},
		demandAmt: []string{"CNY {A} for the extra costs"},
		demandNo:  []string{"An apology and an explanation"},
	},
	demoCatPrivacy: {
		subj: []string{"Personal data complaint"},
		lead: []string{
			"Sales calls after booking||Since booking the {R} I keep getting sales calls from other agencies and insurers.",
			"ID card photos posted in a chat group||The sales agent posted photos of our ID cards in a WeChat group with hundreds of people."},
		demandAmt: []string{"CNY {A} compensation and a written apology"},
		demandNo:  []string{"An explanation of the leak and deletion of our data"},
	},
	demoCatOther: {
		subj: []string{"Service complaint"},
		lead: []string{
			"Poor service at the branch||When I asked at the branch, the staff member kept looking at her phone and was very cold.",
			"Brochure photos misleading||The brochure photos of {E} look nothing like the real place.",
			"Contract terms not explained||Many contract terms were not explained before I was asked to sign."},
		demandAmt: []string{"CNY {A} compensation"},
		demandNo:  []string{"Better service and an apology"},
	},
}

var demoZhRequest = [demoNumCats]*demoTextSet{
	demoCatRefund: {
		leadAmt: []string{
			"申请{R}退团退款||因身体原因无法按期出行，申请取消{V}出发的{R}，已付团费{A}元。||按合同扣除损失后退还团费",
			"申请取消行程并退款||家里老人住院，需要取消{V}出发的{R}。||退还团费{A}元"},
		lead: []string{
			"申请{R}改期||原定{V}出发，因工作原因想改到下个月同一线路。||免费改期到下个月",
			"申请改签返程航班||想把返程航班推迟一天，请帮忙办理改签。||协助改签返程航班",
			"咨询{R}退团费用||家里老人住院，可能要取消{V}出发的行程，想了解能退多少钱。||告知退团费用明细"},
	},
	demoCatCancel: {
		leadAmt: []string{
			"申请取消{R}报名||{D}近期天气不好，申请取消{V}出发的团。||退还团费{A}元",
			"申请取消部分同行人名额||同行人中有{I}位临时不能去，申请取消他们的名额。||退还相应团费{A}元"},
		lead: []string{
			"申请取消{R}报名||{D}近期天气不好，申请取消{V}出发的团。||按合同规定办理取消",
			"申请取消部分同行人名额||同行人中有{I}位临时不能去，申请取消他们的名额。||按规定办理取消"},
	},
	demoCatVisa: {
		lead: []string{
			"申请协助办理{D}签证||报名了{V}出发的{R}，想请门店协助准备签证材料。||协助办理签证",
			"申请寄回签证材料原件||签证已经出了，请把护照和户口本原件寄回。||快递寄回材料原件"},
	},
	demoCatInsurance: {
		leadAmt: []string{"申请协助旅游意外险理赔||团员行程中在{C}就医，花了{A}元，想申请保险理赔。||提供保单和事故证明，协助理赔{A}元"},
		lead:    []string{"申请协助旅游意外险理赔||{T}在{C}扭伤脚踝，想走旅游意外险报销门诊费用。||提供保单号和事故证明"},
	},
	demoCatBooking: {
		lead: []string{
			"申请更正{R}订单信息||发现订单里同行人的身份证号填错了一位，请帮忙更正。||更正订单信息",
			"合同姓名写错需更正||合同上我的名字写错了，出发前需要改过来。||更正合同姓名"},
	},
	demoCatOther: {
		lead: []string{
			"申请开具{R}发票||单位报销需要{R}的正式发票，抬头是公司名称。||开具发票并邮寄",
			"申请出具出游证明||需要旅行社出具{V}出行的证明，用于单位请假材料。||出具证明"},
	},
}

var demoEnRequest = [demoNumCats]*demoTextSet{
	demoCatRefund: {
		leadAmt: []string{
			"Cancel the {R} and refund||I cannot travel for health reasons and would like to cancel the {R} departing {V}; we paid CNY {A}.||A refund after the contract deductions",
			"Cancel our trip and refund||A family member is in hospital; we need to cancel the {R} departing {V}.||Refund of CNY {A}"},
		lead: []string{
			"Change the date of the {R}||We are booked to leave on {V} but need to move to the same tour next month because of work.||Move the date free of charge",
			"Change the return flight||Please move our return flight one day later.||Rebook the return flight",
			"Cancellation costs for the {R}||A family member is in hospital and we may have to cancel the trip departing {V}; how much would we get back?||A breakdown of the cancellation costs"},
	},
	demoCatCancel: {
		leadAmt: []string{
			"Cancel our booking for the {R}||The weather in {D} looks bad, so we would like to cancel the tour departing {V}.||Refund of CNY {A}",
			"Cancel places on the {U}||{I} people in our party can no longer go; please cancel their places.||Refund of CNY {A} for their places"},
		lead: []string{
			"Cancel our booking for the {R}||The weather in {D} looks bad, so we would like to cancel the tour departing {V}.||Cancel under the contract terms",
			"Cancel places on the {U}||{I} people in our party can no longer go; please cancel their places.||Cancel under the contract terms"},
	},
	demoCatVisa: {
		lead: []string{
			"Help with the {D} visa||We are booked on the {R} departing {V} and need help preparing the visa documents.||Help with the visa application",
			"Return of original documents||The visa has been issued; please send back our passports and original documents.||Send the originals back by courier"},
	},
	demoCatInsurance: {
		leadAmt: []string{"Help with a travel insurance claim||One of us saw a doctor in {C} during the trip and paid CNY {A}; we would like to claim it.||The policy and an incident report to claim CNY {A}"},
		lead:    []string{"Help with a travel insurance claim||I sprained my ankle in {C} on {T} and would like to claim the clinic costs on the travel insurance.||Policy number and incident report"},
	},
	demoCatBooking: {
		lead: []string{
			"Correct the details on the {R} booking||One companion's passport number on the booking is wrong; please correct it.||Correct the booking",
			"Name misspelled in the contract||My name is misspelled in the contract and must be fixed before departure.||Correct the name in the contract"},
	},
	demoCatOther: {
		lead: []string{
			"Invoice for the {R}||My company needs an official invoice for the {R} in the company's name.||Issue the invoice and post it",
			"Travel certificate for my employer||I need a letter confirming the trip departing {V} for my employer.||Issue the certificate"},
	},
}

var demoZhSuggestion = [demoNumCats]*demoTextSet{
	demoCatItinerary: {
		lead: []string{
			"建议{U}增加自由活动时间||{U}行程太赶，每天早上六点出发，建议增加半天自由活动。",
			"建议{U}少安排购物点||建议在{C}多安排一些游览时间，少去购物店。"},
		demandNo: []string{"希望采纳", "希望回复"},
	},
	demoCatGuide: {
		lead:     []string{"建议导游讲解增加历史文化内容||导游在{E}的讲解比较简单，建议多介绍一些历史文化背景。"},
		demandNo: []string{"希望采纳"},
	},
	demoCatHotel: {
		lead:     []string{"建议更换{C}的酒店||{O}位置太偏，晚上出门不方便，建议换到市区。"},
		demandNo: []string{"希望采纳"},
	},
	demoCatMeals: {
		lead: []string{
			"建议团餐增加清淡菜品||团里老人多，建议团餐少放辣，多安排一些清淡的菜。",
			"建议团餐照顾素食游客||建议出发前询问饮食要求，团餐照顾一下素食游客。"},
		demandNo: []string{"希望采纳"},
	},
	demoCatTransport: {
		lead:     []string{"建议安排座位更宽敞的大巴||长途车程座位太挤，建议安排座位更宽敞的大巴。"},
		demandNo: []string{"希望采纳"},
	},
	demoCatOther: {
		lead: []string{
			"建议开通线上报名和电子合同||希望可以在网上报名并签电子合同，省得跑门店。",
			"建议门店周末延长营业时间||门店周末下班太早，上班族只有周末有时间。"},
		demandNo: []string{"希望采纳", "希望回复"},
	},
}

var demoEnSuggestion = [demoNumCats]*demoTextSet{
	demoCatItinerary: {
		lead: []string{
			"More free time on the {U}||The {U} was very rushed, leaving at six every morning; half a day of free time would help.",
			"Fewer shop visits on the {U}||Please plan more time in {C} and fewer shop visits."},
		demandNo: []string{"Please consider it"},
	},
	demoCatGuide: {
		lead:     []string{"Guide commentary could be richer||The guide at {E} could tell more about its history and culture."},
		demandNo: []string{"Please consider it"},
	},
	demoCatHotel: {
		lead:     []string{"A hotel closer to the centre in {C}||{O} is far from everything; a hotel in town would make evenings easier."},
		demandNo: []string{"Please consider it"},
	},
	demoCatMeals: {
		lead: []string{
			"Lighter dishes on group meals||Many in our group were older; less spicy food and more light dishes would be welcome.",
			"Vegetarian options on group meals||Please ask about dietary needs before the trip; there was little for vegetarians."},
		demandNo: []string{"Please consider it"},
	},
	demoCatTransport: {
		lead:     []string{"Roomier coaches, please||The coach seats were very tight for long drives; a bigger coach would make a difference."},
		demandNo: []string{"Please consider it"},
	},
	demoCatOther: {
		lead: []string{
			"Online booking and e-contracts||It would be easier to book online and sign the contract electronically.",
			"Longer opening hours at weekends||The branch closes early at weekends, which is when we have time."},
		demandNo: []string{"Please consider it", "A reply would be appreciated"},
	},
}

var demoZhPraise = [demoNumCats]*demoTextSet{
	demoCatGuide: {
		subj: []string{"表扬导游{G}", "感谢{U}导游{G}"},
		lead: []string{
			"这次{R}导游{G}非常专业，讲解生动，全程没有强制购物。",
			"{T}在{C}家里老人身体不舒服，导游{G}连夜陪同去医院，非常感谢。",
			"导游{G}耐心细致，一路照顾团里的孩子和老人。"},
		demandNo: []string{"希望公司给予表扬", "请转达我们的感谢"},
	},
	demoCatHotel: {
		lead:     []string{"{O}服务很好||{O}的房间干净，服务员很热情，早餐也很丰富。"},
		demandNo: []string{"请转达我们的感谢"},
	},
	demoCatItinerary: {
		lead:     []string{"{U}行程安排合理||行程松紧适度，{E}的安排特别好，老人孩子都不累。"},
		demandNo: []string{"以后还会再报贵社的团"},
	},
	demoCatOther: {
		lead:     []string{"感谢门店工作人员耐心服务||门店的工作人员帮我们反复调整行程，耐心又专业。"},
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
		lead:     []string{"Excellent stay at {O}||The rooms at {O} were spotless and the staff were very friendly."},
		demandNo: []string{"Please pass on our thanks"},
	},
	demoCatItinerary: {
		lead:     []string{"Well-planned {U}||The pace of the {U} was just right, and the visit to {E} was the highlight."},
		demandNo: []string{"We will book with you again"},
	},
	demoCatOther: {
		lead:     []string{"Thanks to the branch staff||The branch staff patiently reworked our itinerary several times."},
		demandNo: []string{"Please pass on our thanks"},
	},
}

var demoZhIncident = [demoNumCats]*demoTextSet{
	demoCatSafety: {
		leadAmt: []string{"{E}游客摔伤送医||{T}在{E}游览时，团里一位老人下台阶摔倒，右手骨折，已送当地医院，医院要求先交押金{A}元。||先行垫付医疗费{A}元"},
		lead: []string{
			"{E}游客摔伤送医||{T}在{E}游览时，团里一位老人下台阶摔倒，右手骨折，已送当地医院。||协助就医并联系保险理赔",
			"团员在{C}中暑晕倒||行程第{N}天，团员在{C}中暑晕倒，导游已陪同就医。||安排就医并协助提前返程",
			"儿童在酒店泳池受伤||今天下午自由活动时，孩子在酒店泳池边滑倒，头部磕伤，需要缝针。||协助就医并联系保险理赔",
			"团员突发胸闷送医||团员晚饭后突发胸闷，已由{K}安排送医。||安排家属前往并协助提前返程"},
		detail: []string{"家属要求旅行社派人协助。", "需要确认旅游意外险能否理赔。"},
	},
	demoCatLuggage: {
		leadAmt: []string{"{L}{Q}航班行李丢失||{T}乘坐{L}{Q}航班到达{C}后，一件托运行李没有到，里面有价值约{A}元的物品。||赔偿行李内物品损失{A}元"},
		lead: []string{
			"{L}{Q}航班行李丢失||{T}乘坐{L}{Q}航班到达{C}后，一件托运行李没有到，航空公司说还在查找。||协助航空公司查找行李",
			"{O}寄存行李遗失||在{O}退房时发现寄存的行李箱不见了。||协助酒店查找并明确责任"},
	},
	demoCatTransport: {
		lead: []string{
			"{L}{Q}航班取消，全团滞留{C}||{T}晚上{L}{Q}航班因天气原因取消，全团{Y}人滞留{C}机场，急需安排住宿。||尽快安排住宿和改签",
			"旅游大巴在去{E}途中抛锚||去{E}的大巴在路上抛锚，全团在路边等候救援。||马上派车接人"},
	},
	demoCatVisa: {
		lead: []string{"团员在{C}护照丢失||{T}在{C}，团员发现护照丢失，无法按原计划回国。||协助补办旅行证件并改签回程"},
	},
	demoCatOther: {
		lead: []string{
			"{C}恶劣天气行程受阻||受恶劣天气影响，{C}所有景区关闭，团队滞留酒店。||说明后续行程安排和费用承担",
			"前往{E}的道路封闭||前往{E}的道路因暴雨封闭，团队滞留在{C}。||调整行程并说明费用承担"},
	},
}

var demoEnIncident = [demoNumCats]*demoTextSet{
	demoCatSafety: {
		leadAmt: []string{"Tourist injured at {E}||On {T} at {E}, an older member of the group fell on steps and broke his wrist; the hospital wants a CNY {A} deposit.||An advance of CNY {A} for the hospital"},
		lead: []string{
			"Tourist injured at {E}||On {T} at {E}, an older member of the group fell on steps and broke his wrist; he is in the local hospital.||Help at the hospital and with the insurance claim",
			"Group member collapsed from heat in {C}||On day {N} a group member collapsed from the heat in {C}; the guide has taken her to a doctor.||A doctor and, if needed, an early return",
			"Child hurt at the hotel pool||This afternoon during free time a child slipped by the hotel pool and cut his head; he needs stitches.||Help at the hospital and with the insurance claim",
			"Group member taken to hospital||A group member had chest pains after dinner; {K} arranged an ambulance.||Help the family fly out and arrange an early return"},
		detail: []string{"The family asks the agency to send someone to help.", "We need to know whether the travel insurance will pay."},
	},
	demoCatLuggage: {
		leadAmt: []string{"Luggage lost on {L} flight {Q}||On {T} we arrived in {C} on {L} {Q} and one checked bag did not come out; it held about CNY {A} worth of things.||CNY {A} for the lost items"},
		lead: []string{
			"Luggage lost on {L} flight {Q}||On {T} we arrived in {C} on {L} {Q} and one checked bag did not come out; the airline is still searching.||Help tracing the bag with the airline",
			"Bag lost at {O}||At checkout from {O} the suitcase we had left with the concierge was gone.||Help finding it and settling who is responsible"},
	},
	demoCatTransport: {
		lead: []string{
			"{L} flight {Q} cancelled, group stuck in {C}||Tonight {L} flight {Q} was cancelled because of the weather and the whole group of {Y} is stuck at the airport in {C}; we need hotel rooms.||Hotel rooms and new flights as soon as possible",
			"Coach broke down on the way to {E}||The coach to {E} broke down and the group is waiting at the roadside.||A replacement coach now"},
	},
	demoCatVisa: {
		lead: []string{"Passport lost in {C}||On {T} in {C} a group member found her passport was missing and cannot fly home as planned.||Help getting emergency travel documents and a new flight"},
	},
	demoCatOther: {
		lead: []string{
			"Severe weather disrupts the {U}||Because of severe weather, all sights in {C} are closed and the group is waiting at the hotel.||The new plan and who pays for the extra days",
			"Road to {E} closed||The road to {E} is closed after heavy rain; the group is stuck in {C}.||A changed itinerary and who pays for it"},
	},
}

// demoNoteSet holds the notes staff leave on status changes.
type demoNoteSet struct {
	acknowledged, declined, suggestionAck, praiseAck, suggestionClose []string
	ackBy                                                             [7][]string // by channel, in the order of Channels
	invGuide, invHotel, invAir, invGeneric                            []string
	proposedAmt, proposedNo, proposedNoGuide, proposedNoHotel         []string
	proposedReqAmt, proposedReqNo                                     []string
	proposedClaim, rejected, agreed                                   []string
	resolvedAmt, resolvedNo, resolvedReq, closed, reopened            []string
}

var demoNotes = [2]demoNoteSet{
	{
		acknowledged: []string{"已短信发送受理回执", "已登记受理，承诺三个工作日内答复"},
		ackBy: [7][]string{
			{"客户到店，已当面受理并复印合同", "已当面告知{W}案件编号和处理人"},
			{"已电话联系{W}，确认情况", "已电话告知{W}案件编号，承诺三个工作日内答复"},
			{"已邮件回复{W}，告知案件编号和处理人"},
			{"已通过微信回复{W}，登记受理", "已在线告知{W}案件编号"},
			{"已私信回复{W}，请其留下联系电话", "已电话联系{W}，确认情况"},
			{"已电话联系{W}，确认来信内容"},
			{"已电话联系{W}，并向12345热线回复受理情况"},
		},
		declined: []string{"非本社客户，已建议联系原预订平台", "与此前案件重复，已合并处理",
			"超出合同约定的投诉时效，已向{W}解释", "{W}来电撤回投诉"},
		suggestionAck:   []string{"感谢{W}的建议，已转交产品部", "已记录建议，下次线路调整时参考"},
		praiseAck:       []string{"已转告相关同事并通报表扬", "已电话感谢{W}的反馈"},
		suggestionClose: []string{"已回复{W}，结案", "产品部已回复，结案"},
		invGuide:        []string{"已联系导游{G}了解情况", "已向{K}核实行程安排", "导游{G}提交了书面说明", "已联系同团游客核实"},
		invHotel:        []string{"已要求{O}提供入住记录和说明", "已向{K}核实餐厅和酒店安排", "{O}回复正在调查"},
		invAir:          []string{"已向{K}核实交通安排", "已联系{L}和{K}了解情况", "已请{K}提供车队和航班记录"},
		invGeneric:      []string{"已调取销售聊天记录和合同", "正在等待{K}书面回复", "已请财务核对付款记录"},
		proposedAmt: []string{"方案：书面道歉并退还{A}元", "按旅游合同违约条款补偿{A}元",
			"退还{A}元，其中{B}元向{K}追偿"},
		proposedNo:      []string{"方案：书面道歉，赠送200元旅游代金券", "方案：书面道歉并说明整改措施", "方案：下次报名享受九折优惠"},
		proposedNoGuide: []string{"方案：书面道歉，对导游{G}进行处理", "方案：书面道歉，{K}今后不再安排导游{G}带我社的团"},
		proposedNoHotel: []string{"方案：下次出行免费升级酒店", "方案：书面道歉，{K}更换合作酒店和餐厅"},
		proposedReqAmt:  []string{"方案：按合同扣除已产生费用后退还{A}元", "核算后可退{A}元，已告知{W}"},
		proposedReqNo:   []string{"方案：按要求办理，不收手续费", "已备齐材料，等{W}确认", "已与{K}确认可以办理"},
		proposedClaim:   []string{"已向保险公司提交理赔材料，预计赔付{A}元", "保险公司初步同意赔付{A}元"},
		rejected:        []string{"{W}不接受方案，认为补偿太少", "{W}要求提高赔偿金额，重新与{K}协商"},
		agreed:          []string{"{W}已在确认单上签字", "{W}电话同意方案", "{W}微信确认接受方案"},
		resolvedAmt:     []string{"{A}元已原路退回", "退款已转账，{W}确认收到"},
		resolvedNo:      []string{"已寄出道歉信", "已向{W}当面道歉", "已按方案办理完毕"},
		resolvedReq:     []string{"已办理完成并通知{W}", "已更新订单，确认单已发给{W}", "材料已快递寄出"},
		closed:          []string{"回访完成，{W}表示满意", "已寄出结案函", "回访：满意度{J}分", "回访无人接听，按规定结案"},
		reopened:        []string{"{W}反映退款未到账，重新处理", "{W}补充了新的证据，重新调查"},
	},
	{
		acknowledged: []string{"Sent an SMS receipt", "Registered; promised an answer within 3 working days"},
		ackBy: [7][]string{
			{"{W} came in; copied the contract and receipts", "Gave {W} the case number and the handler at the counter"},
			{"Called {W}, confirmed the details", "Told {W} the case number by phone; answer within 3 working days"},
			{"Sent {W} the case number and the handler by e-mail"},
			{"Replied to {W} on WeChat; case registered", "Gave {W} the case number in the chat"},
			{"Replied to {W} by direct message and asked for a phone number", "Called {W}, confirmed the details"},
			{"Called {W} to go through the letter"},
			{"Called {W}; reported the case number back to the 12345 hotline"},
		},
		declined: []string{"Not our customer; referred to the booking platform", "Duplicate of an earlier case; merged",
			"Outside the complaint period in the contract; explained to {W}", "{W} withdrew the complaint"},
		suggestionAck:   []string{"Thanked {W}; passed to the product team", "Noted for the next itinerary review"},
		praiseAck:       []string{"Passed the thanks on to the team", "Called {W} to thank them for the feedback"},
		suggestionClose: []string{"Replied to {W}; closed", "Product team replied; closed"},
		invGuide:        []string{"Asked guide {G} what happened", "Checked the itinerary with {K}", "Guide {G} sent a written statement", "Checked with others in the group"},
		invHotel:        []string{"Asked {O} for the check-in records and an explanation", "Checked the hotel and restaurant bookings with {K}", "{O} says it is looking into it"},
		invAir:          []string{"Checked the transport arrangements with {K}", "Asked {L} and {K} what happened", "Asked {K} for the coach and flight records"},
		invGeneric:      []string{"Pulled the sales chat log and the contract", "Waiting for a written reply from {K}", "Asked finance to check the payment records"},
		proposedAmt: []string{"Offer: written apology and refund of CNY {A}", "Offer: CNY {A} under the contract's compensation clause",
			"Offer: CNY {A}, of which CNY {B} to be recovered from {K}"},
		proposedNo:      []string{"Offer: written apology and a CNY 200 travel voucher", "Offer: written apology and what we will change", "Offer: 10% off the next booking"},
		proposedNoGuide: []string{"Offer: written apology; guide {G} disciplined", "Offer: written apology; {K} will not assign guide {G} to our groups again"},
		proposedNoHotel: []string{"Offer: free hotel upgrade on the next trip", "Offer: written apology; {K} changes the hotel and restaurants"},
		proposedReqAmt:  []string{"Offer: CNY {A} back after the costs already incurred", "Worked out CNY {A} refundable; told {W}"},
		proposedReqNo:   []string{"Offer: done as asked, no fee", "Documents ready; waiting for {W} to confirm", "Confirmed with {K} that it can be done"},
		proposedClaim:   []string{"Claim filed with the insurer; CNY {A} expected", "Insurer agreed in principle to pay CNY {A}"},
		rejected:        []string{"{W} rejected the offer as too low", "{W} wants more; renegotiating with {K}"},
		agreed:          []string{"{W} signed the confirmation at the counter", "{W} accepted by phone", "{W} accepted by e-mail"},
		resolvedAmt:     []string{"CNY {A} refunded to the original card", "Refund transferred; {W} confirmed receipt"},
		resolvedNo:      []string{"Apology letter sent", "Apologised to {W} in person", "Done as agreed"},
		resolvedReq:     []string{"Done and {W} informed", "Booking updated; confirmation sent to {W}", "Documents sent by courier"},
		closed:          []string{"Follow-up call done, {W} satisfied", "Closure letter sent", "Follow-up: rating {J}/5", "No answer at follow-up; closed per procedure"},
		reopened:        []string{"{W} says the refund never arrived; reopened", "{W} sent new evidence; reopened"},
	},
}
