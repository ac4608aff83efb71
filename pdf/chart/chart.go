package chart

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"casebook/data/present"
)

// Chart is a chart described and ready to be drawn at any Size. The
// constructors (Trend, Bars, Gauge, Stacked) only keep their inputs; the
// layout — bar widths, how long labels wrap — depends on the size, so it
// happens in PNG and Image.
type Chart struct {
	lang  string
	title string
	empty bool // nothing to show: the "no cases in this period" state
	draw  func(p *plot.Plot, st *styler) error
}

// Title is the chart's title.
func (c *Chart) Title() string { return c.title }

// Empty reports whether the chart shows the empty state instead of data.
func (c *Chart) Empty() bool { return c.empty }

// PNG draws the chart at sz and encodes it as PNG (the same bytes for the
// same chart and size).
func (c *Chart) PNG(sz Size) ([]byte, error) {
	img, err := c.Image(sz)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&b, img); err != nil {
		return nil, fmt.Errorf("chart %q: png: %w", c.title, err)
	}
	return b.Bytes(), nil
}

// Image draws the chart at sz (for Fyne's canvas.NewImageFromImage).
func (c *Chart) Image(sz Size) (image.Image, error) {
	if sz.DPI <= 0 {
		return nil, fmt.Errorf("chart %q: invalid size %+v", c.title, sz)
	}
	w, h := vg.Length(sz.Width)*vg.Millimeter, vg.Length(sz.Height)*vg.Millimeter
	cv := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(sz.DPI), vgimg.UseBackgroundColor(inksFor(sz.Background).bg))
	if err := c.Draw(cv, sz); err != nil {
		return nil, err
	}
	return cv.Image(), nil
}

// Draw draws the chart on a gonum/plot canvas of sz's width and height
// (sz.DPI is not used): a raster one (Image), or a vector one such as
// chartpdf's, which draws into a gofpdf page.
func (c *Chart) Draw(vc vg.CanvasSizer, sz Size) error {
	if sz.Width <= 0 || sz.Height <= 0 {
		return fmt.Errorf("chart %q: invalid size %+v", c.title, sz)
	}
	h, err := handler()
	if err != nil {
		return err
	}
	st := &styler{h: h, k: sz.text(), pr: present.For(c.lang), ink: inksFor(sz.Background), title: c.title}
	// a margin all round, so labels never touch the edge
	m := st.pt(5)
	st.w = vg.Length(sz.Width)*vg.Millimeter - 2*m
	st.ht = vg.Length(sz.Height)*vg.Millimeter - m
	p := st.plot(c.title)
	p.BackgroundColor = st.ink.bg
	if c.empty {
		st.emptyState(p)
	} else if err := c.draw(p, st); err != nil {
		return fmt.Errorf("chart %q: %w", c.title, err)
	}
	p.Draw(draw.Crop(draw.New(vc), m, -m, m/2, -m/2))
	return nil
}

// styler sets the fonts, sizes and colours of one drawing.
type styler struct {
	h     text.Handler
	k     float64 // font scale
	pr    *present.P
	ink   inks
	title string
	w, ht vg.Length // the canvas
}

// text is a text style of size pt (scaled) in colour c.
func (st *styler) text(pt float64, c color.Color) text.Style {
	return text.Style{Color: c, Font: face(pt * st.k), Handler: st.h, XAlign: draw.XLeft, YAlign: draw.YBottom}
}

// pt is a length of n points scaled with the text.
func (st *styler) pt(n float64) vg.Length { return vg.Length(n * st.k) }

// plot is a new plot with the title, quiet axes and the bundled font
// everywhere plot draws text.
func (st *styler) plot(title string) *plot.Plot {
	p := plot.New()
	p.TextHandler = st.h
	p.Title.Text = title
	p.Title.TextStyle = st.text(ptTitle, st.ink.text)
	p.Title.TextStyle.XAlign = draw.XCenter
	p.Title.TextStyle.YAlign = draw.YTop
	p.Title.Padding = st.pt(6)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle = st.text(ptLabel, st.ink.muted)
		a.Label.TextStyle.XAlign = draw.XCenter
		a.Tick.Label = st.text(ptLabel, st.ink.text)
		a.LineStyle = draw.LineStyle{Color: st.ink.muted, Width: vg.Points(0.5)}
		a.Tick.LineStyle = draw.LineStyle{Color: st.ink.muted, Width: vg.Points(0.5)}
		a.Tick.Length = st.pt(3)
		a.Padding = st.pt(2)
	}
	p.X.Tick.Label.XAlign = draw.XCenter
	p.X.Tick.Label.YAlign = draw.YTop
	p.Y.Tick.Label.XAlign = draw.XRight
	p.Y.Tick.Label.YAlign = draw.YCenter
	p.Legend.TextStyle = st.text(ptLabel, st.ink.text)
	p.Legend.Top = true
	p.Legend.ThumbnailWidth = st.pt(16)
	return p
}

// emptyState turns p into the "no cases in this period" panel: the title,
// no axes, the sentence in the middle.
func (st *styler) emptyState(p *plot.Plot) {
	p.HideAxes()
	s := st.text(ptEmpty, st.ink.muted)
	s.XAlign, s.YAlign = draw.XCenter, draw.YCenter
	p.Add(drawFunc(func(c draw.Canvas) {
		c.FillText(s, c.Center(), st.pr.T("chart.empty"))
	}))
}

// dataH is the height left for the data under the title: the canvas less
// the title's lines and padding.
func (st *styler) dataH() vg.Length {
	h := st.ht
	if st.title != "" {
		ts := st.text(ptTitle, st.ink.text)
		h -= ts.Height(st.title) + st.pt(6)
	}
	return h
}

// labelLines is how many lines a bar's label may take in a slot of
// height slot: two where they fit, else one.
func (st *styler) labelLines(slot vg.Length) int {
	if slot >= st.pt(ptLabel*2.3) {
		return 2
	}
	return 1
}

// halo fills a white box behind txt drawn at pt in style s, so a value
// label stays readable where it crosses a line.
func (st *styler) halo(c draw.Canvas, s text.Style, pt vg.Point, txt string) {
	r := s.Rectangle(txt)
	pad := st.pt(1)
	x0, y0 := pt.X+r.Min.X-pad, pt.Y+r.Min.Y
	x1, y1 := pt.X+r.Max.X+pad, pt.Y+r.Max.Y
	c.FillPolygon(st.ink.bg, []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
	c.FillText(s, pt, txt)
}

// drawFunc is a plotter that draws straight on the data area.
type drawFunc func(c draw.Canvas)

func (f drawFunc) Plot(c draw.Canvas, _ *plot.Plot) { f(c) }
