package chart

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"casebook/assets"
	"casebook/data/present"
)

var updateGolden = flag.Bool("chart.update", false, "rewrite testdata/golden.txt with the hashes of the print-size samples")

func decode(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// dark reports whether a pixel is ink (text, lines, bars), not background.
func dark(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return (r+g+b)/3 < 0xA000
}

// ink counts the dark pixels in the rectangle.
func ink(img image.Image, r image.Rectangle) int {
	n := 0
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if dark(img.At(x, y)) {
				n++
			}
		}
	}
	return n
}

func TestSizeInPixels(t *testing.T) {
	for _, tc := range []struct {
		size Size
		w, h int
	}{
		{Print(180, 75), 1417, 591},
		{Print(88, 65), 693, 512},
		{Screen(640, 300, 1), 640, 300},
		{Screen(640, 300, 2), 1280, 600},
	} {
		c := Gauge("en", "SLA", 80, 90, "")
		img, err := c.Image(tc.size)
		if err != nil {
			t.Fatal(err)
		}
		w, h := tc.size.Pixels()
		if b := img.Bounds(); b.Dx() != tc.w || b.Dy() != tc.h || w != tc.w || h != tc.h {
			t.Errorf("%+v: image %v, Pixels %d×%d, want %d×%d", tc.size, b, w, h, tc.w, tc.h)
		}
	}
	if _, err := Gauge("en", "x", 1, 2, "").PNG(Size{}); err == nil {
		t.Error("a zero size drew a chart")
	}
}

// TestDeterministic: the same chart at the same size is the same bytes, drawn
// one after the other or from several goroutines at once (the GUI draws
// charts in the background).
func TestDeterministic(t *testing.T) {
	sz := Screen(480, 240, 1)
	var want [][]byte
	for _, s := range samples("zh-Hans") {
		b, err := s.chart.PNG(sz)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, b)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for range 4 {
		wg.Go(func() {
			for i, s := range samples("zh-Hans") {
				b, err := s.chart.PNG(sz)
				if err != nil || !bytes.Equal(b, want[i]) {
					errs <- fmt.Sprintf("%s: drawn again, %d bytes (err %v), first %d bytes", s.name, len(b), err, len(want[i]))
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestGoldenHashes pins the print-size PNGs: a change in layout, font or
// library shows here, to be looked at (-chart.out) and accepted with
// -chart.update. Floating point may round differently on other
// architectures, so only amd64 compares.
func TestGoldenHashes(t *testing.T) {
	path := filepath.Join("testdata", "golden.txt")
	got := map[string]string{}
	var names []string
	for _, lang := range []string{"zh-Hans", "zh-Hant", "en"} {
		for _, s := range samples(lang) {
			b, err := s.chart.PNG(Print(180, 75))
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(b)
			name := s.name + "-" + lang
			got[name] = hex.EncodeToString(sum[:])
			names = append(names, name)
		}
	}
	if *updateGolden {
		var b strings.Builder
		for _, n := range names {
			fmt.Fprintf(&b, "%s %s\n", n, got[n])
		}
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if runtime.GOARCH != "amd64" {
		t.Skip("golden hashes are of amd64's rounding")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	seen := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, hash, _ := strings.Cut(sc.Text(), " ")
		seen++
		if got[name] != hash {
			t.Errorf("%s: PNG hash %s, golden %s (look at it with -chart.out, accept with -chart.update)", name, got[name], hash)
		}
	}
	if seen != len(names) {
		t.Errorf("golden file has %d charts, the samples %d: run with -chart.update", seen, len(names))
	}
}

// chartStrings is every text a sample chart draws, the catalogue's chart
// words included.
func chartStrings(t *testing.T, lang string) []string {
	w := sampleWords[lang]
	out := slices.Concat(w.months, w.categories, w.suppliers, w.remedies,
		[]string{w.thisYear, w.lastYear, w.trend, w.byCategory, w.hotspots, w.slaFirst, w.slaResolve, w.onTime, w.comp, w.compNone,
			"0123456789,.%¥+−±()…"})
	cat, err := present.Catalogue(map[string]string{"zh-Hans": "zh-Hans", "zh-Hant": "zh-Hant", "en": "en"}[lang])
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range cat {
		if strings.HasPrefix(k, "chart.") {
			out = append(out, v)
		}
	}
	return out
}

// TestEveryCharacterHasAGlyph: every character the charts write exists in
// the bundled font, so none is drawn as a .notdef box (tofu).
func TestEveryCharacterHasAGlyph(t *testing.T) {
	f, err := sfnt.Parse(assets.FontRegular)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	for _, lang := range []string{"zh-Hans", "zh-Hant", "en"} {
		for _, s := range chartStrings(t, lang) {
			for _, r := range s {
				if r == ' ' || r == '\n' {
					continue
				}
				if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
					t.Errorf("%s: %q in %q has no glyph in the bundled font", lang, r, s)
				}
			}
		}
	}
}

// TestChineseLabelsDrawGlyphs draws single characters through the charts'
// own text path and checks that each is ink, and not the font's .notdef box:
// plot's default Liberation fonts would draw every Chinese character as that
// same box.
func TestChineseLabelsDrawGlyphs(t *testing.T) {
	h, err := handler()
	if err != nil {
		t.Fatal(err)
	}
	st := &styler{h: h, k: 1}
	render := func(s string, wantInk bool) []byte {
		cv := vgimg.NewWith(vgimg.UseWH(40, 20), vgimg.UseDPI(200), vgimg.UseBackgroundColor(color.White))
		ts := st.text(12, color.Black)
		dc := draw.New(cv)
		dc.FillText(ts, vg.Point{X: 4, Y: 4}, s)
		img := cv.Image()
		if wantInk && ink(img, img.Bounds()) == 0 {
			t.Errorf("%q drew no ink", s)
		}
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	// a private-use character: the font has no glyph and draws its .notdef
	// (blank in WenQuanYi; a box in others)
	tofu := render("\U000F0000", false)
	seen := map[string]bool{}
	for _, r := range "投诉類別补偿補償月件数其他項目标達標" {
		b := render(string(r), true)
		if bytes.Equal(b, tofu) {
			t.Errorf("%q is drawn as the .notdef box", r)
		}
		if seen[string(b)] {
			t.Errorf("%q draws the same pixels as another character", r)
		}
		seen[string(b)] = true
	}
}

// TestTextWhereLabelsAre looks at where each chart writes: the title at
// the top centre, the category labels left of the bars, the empty sentence
// in the middle.
func TestTextWhereLabelsAre(t *testing.T) {
	sz := Print(180, 75)
	W, H := sz.Pixels()
	byName := map[string]*Chart{}
	for _, s := range samples("zh-Hans") {
		byName[s.name] = s.chart
	}
	get := func(name string) image.Image {
		b, err := byName[name].PNG(sz)
		if err != nil {
			t.Fatal(err)
		}
		return decode(t, b)
	}
	titleBand := image.Rect(W/3, 0, 2*W/3, H/12)
	for name := range byName {
		if ink(get(name), titleBand) < 200 {
			t.Errorf("%s: no title at the top centre", name)
		}
	}
	// bars: the left fifth holds the labels, the rest of the left third
	// the bars start; the right edge stays clear (nothing clipped)
	img := get("by-category")
	if n := ink(img, image.Rect(0, H/10, W/5, H)); n < 2000 {
		t.Errorf("by-category: %d ink pixels where the labels are", n)
	}
	if n := ink(img, image.Rect(W-3, 0, W, H)); n != 0 {
		t.Errorf("by-category: %d ink pixels at the right edge: something is clipped", n)
	}
	// empty state: the sentence in the middle, nothing else below the title
	img = get("empty-bars")
	if n := ink(img, image.Rect(W/3, H*2/5, 2*W/3, H*3/5)); n < 200 {
		t.Errorf("empty-bars: %d ink pixels where the empty sentence should be", n)
	}
	if n := ink(img, image.Rect(0, H*3/4, W, H)); n != 0 {
		t.Errorf("empty-bars: %d ink pixels under the empty sentence", n)
	}
}

// bands counts the runs of bar colour down the column x: one per bar.
func bands(img image.Image, x int, want color.NRGBA) int {
	n, in := 0, false
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		r, g, b, _ := img.At(x, y).RGBA()
		is := uint8(r>>8) == want.R && uint8(g>>8) == want.G && uint8(b>>8) == want.B
		if is && !in {
			n++
		}
		in = is
	}
	return n
}

// TestBarsKeepTheLargestAndSumTheRest: hotspots of 10 suppliers with Max 6
// are five blue bars and one grey "others" bar, largest at the top.
func TestBarsKeepTheLargestAndSumTheRest(t *testing.T) {
	sz := Print(180, 75)
	W, _ := sz.Pixels()
	var hot *Chart
	for _, s := range samples("en") {
		if s.name == "hotspots" {
			hot = s.chart
		}
	}
	b, err := hot.PNG(sz)
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, b)
	// a column just right of the labels crosses every bar
	x := W / 2
	if n := bands(img, x, ColorMain); n != 5 {
		t.Errorf("%d blue bars, want 5", n)
	}
	if n := bands(img, x, ColorCompare); n != 1 {
		t.Errorf("%d grey bars, want 1 (the others)", n)
	}
	// the top bar is the longest: scan its row to the right
	first := -1
	for y := 0; y < img.Bounds().Dy() && first < 0; y++ {
		if c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA); c == ColorMain {
			first = y
		}
	}
	length := func(y int) int {
		n := 0
		for x := 0; x < W; x++ {
			if c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA); c == ColorMain {
				n++
			}
		}
		return n
	}
	if first < 0 || length(first+3) < length(img.Bounds().Dy()/2) {
		t.Error("the top bar is not the longest")
	}
}

func TestEmptyStates(t *testing.T) {
	nan := func() float64 { var z float64; return z / z }()
	for _, tc := range []struct {
		name  string
		c     *Chart
		empty bool
	}{
		{"trend zero", Trend("en", "t", []string{"Jan"}, Series{"2026", []float64{0}}), true},
		{"trend no months", Trend("en", "t", nil, Series{"2026", []float64{3}}), true},
		{"trend NaN", Trend("en", "t", []string{"Jan", "Feb"}, Series{"2026", []float64{nan, nan}}), true},
		{"trend", Trend("en", "t", []string{"Jan"}, Series{"2026", []float64{1}}), false},
		{"bars none", Bars("en", "b", nil, nil, BarOpts{}), true},
		{"bars zero", Bars("en", "b", []string{"a"}, []float64{0}, BarOpts{}), true},
		{"bars", Bars("en", "b", []string{"a"}, []float64{1}, BarOpts{}), false},
		{"gauge NaN", Gauge("en", "g", nan, 90, ""), true},
		{"gauge 0", Gauge("en", "g", 0, 90, ""), false},
		{"stacked none", Stacked("en", "s", []string{"a"}, nil, BarOpts{}), true},
		{"stacked", Stacked("en", "s", []string{"a"}, []Series{{"r", []float64{5}}}, BarOpts{}), false},
	} {
		if tc.c.Empty() != tc.empty {
			t.Errorf("%s: Empty() = %v, want %v", tc.name, tc.c.Empty(), tc.empty)
		}
		if _, err := tc.c.PNG(Screen(300, 200, 1)); err != nil {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

func TestFormat(t *testing.T) {
	for _, tc := range []struct {
		u    Unit
		v    float64
		want string
	}{
		{Unit{}, 0, "0"},
		{Unit{}, 1234567, "1,234,567"},
		{Unit{}, -1234.4, "-1,234"},
		{Unit{Currency: "CNY"}, 133850, "¥133,850"},
		{Unit{Currency: "USD"}, 1200.5, "USD 1,201"},
		{Unit{Percent: true}, 93.75, "93.8 %"},
		{Unit{Percent: true}, 100, "100 %"},
	} {
		if got := tc.u.format(tc.v); got != tc.want {
			t.Errorf("%+v.format(%v) = %q, want %q", tc.u, tc.v, got, tc.want)
		}
	}
	for _, tc := range []struct {
		max  float64
		want float64
	}{{103, 50}, {7, 2}, {1, 1}, {0, 1}, {4, 1}, {26000, 10000}} {
		if got := niceStep(tc.max, 5, 1); got != tc.want {
			t.Errorf("niceStep(%v) = %v, want %v", tc.max, got, tc.want)
		}
	}
}

func TestWrap(t *testing.T) {
	h, err := handler()
	if err != nil {
		t.Fatal(err)
	}
	st := &styler{h: h, k: 1}
	ts := st.text(10, color.Black)
	one := ts.Width("中")
	for _, tc := range []struct {
		in   string
		max  vg.Length
		want string
	}{
		{"东方航空", 10 * one, "东方航空"},
		{"住宿条件与宣传不符", 8 * one, "住宿条件与\n宣传不符"},
		{"云南昆明春城国际旅行社有限公司（地接）", 6 * one, "云南昆明春城\n国际旅行社…"},
	} {
		got := wrap(tc.in, ts, tc.max, 2)
		if got != tc.want {
			t.Errorf("wrap(%q) = %q, want %q", tc.in, got, tc.want)
		}
		for _, line := range strings.Split(got, "\n") {
			if ts.Width(line) > tc.max {
				t.Errorf("wrap(%q): line %q is wider than the room", tc.in, line)
			}
		}
	}
	if got := wrap("China Eastern Airlines", ts, ts.Width("China Eastern Air"), 2); got != "China Eastern\nAirlines" {
		t.Errorf("Latin words split: %q", got)
	}
	if got := wrap("住宿条件与宣传不符", ts, 5*one, 1); got != "住宿条件…" {
		t.Errorf("one line: %q", got)
	}
	got := wrap("Kunming Spring City International Travel Service", ts, ts.Width("Kunming Spring City "), 2)
	if !strings.HasPrefix(got, "Kunming Spring City\n") || !strings.HasSuffix(got, "...") {
		t.Errorf("Latin wrap = %q: want a break at a space and three dots", got)
	}
}

// TestDarkBackground: on the GUI's dark theme the chart keeps its
// background and writes its words light.
func TestDarkBackground(t *testing.T) {
	sz := darkScreen()
	b, err := Bars("zh-Hans", "按类别", []string{"交通/航班延误", "行程变更"}, []float64{112, 87}, BarOpts{}).PNG(sz)
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, b)
	W, H := sz.Pixels()
	if c := color.NRGBAModel.Convert(img.At(1, 1)).(color.NRGBA); c != sz.Background {
		t.Errorf("corner is %v, want the background %v", c, sz.Background)
	}
	light := 0
	for y := 0; y < H/10; y++ {
		for x := W / 3; x < 2*W/3; x++ {
			if r, g, b, _ := img.At(x, y).RGBA(); (r+g+b)/3 > 0xB000 {
				light++
			}
		}
	}
	if light < 100 {
		t.Errorf("%d light pixels in the title band: the title is not drawn light", light)
	}
}

// TestTrendAxisCountsWholeCases: a month of 3 cases gives ticks 0, 1, 2, 3 —
// never 0.5 — and a busy year steps by 1, 2 or 5 × 10ⁿ.
func TestTrendAxisCountsWholeCases(t *testing.T) {
	for _, tc := range []struct {
		max  float64
		want string
	}{
		{3, "0 1 2 3"},
		{103, "0 50 100 150"},
		{1234, "0 500 1,000 1,500"},
	} {
		step := niceStep(tc.max, 5, 1)
		var got []string
		for _, tk := range (stepTicks{step: step}).Ticks(0, math.Ceil(tc.max/step)*step) {
			got = append(got, tk.Label)
		}
		if s := strings.Join(got, " "); s != tc.want {
			t.Errorf("max %v: ticks %q, want %q", tc.max, s, tc.want)
		}
	}
}
