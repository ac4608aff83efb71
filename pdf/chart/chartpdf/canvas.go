// Package chartpdf draws the charts of package chart into a gofpdf page as
// vectors: lines and areas as PDF paths, words as real text in the
// document's own font, so they stay sharp at any zoom, can be selected and
// searched, and pdftotext reads them. It is apart from package chart so
// that the GUI, which uses chart for PNG images, does not link gofpdf.
package chartpdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"

	"github.com/jung-kurt/gofpdf"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"

	"casebook/pdf/chart"
)

// Place draws c into the box of w×h (in the document's unit) whose top left
// corner is at (x, y) on the current page. family is a font the document
// has registered with the same glyphs and widths as assets.FontRegular
// (assets.FontPDF, or FontRegular itself, through AddUTF8FontFromBytes):
// the chart measures its labels with that font. text is the font scale
// (1 for print, as chart.Print). Colours, line width, alpha and font size
// are restored afterwards; the current font is family (gofpdf cannot tell
// the one before), and the dash pattern solid.
func Place(f *gofpdf.Fpdf, family string, c *chart.Chart, x, y, w, h, text float64) error {
	k := f.GetConversionRatio() // points per unit
	mm := 72 / 25.4 / k         // units per millimetre
	sz := chart.Size{Width: w / mm, Height: h / mm, DPI: chart.PrintDPI, Text: text}
	sizeOld, _ := f.GetFontSize()
	alphaOld, blendOld := f.GetAlpha()
	lwOld := f.GetLineWidth()
	dr, dg, db := f.GetDrawColor()
	fr, fg, fb := f.GetFillColor()
	tr, tg, tb := f.GetTextColor()
	cv := &canvas{f: f, family: family, k: k, x0: x, y0: y + h, w: vg.Length(w * k), h: vg.Length(h * k)}
	cv.st = []state{{m: identity, lw: 1, col: color.Black}}
	f.SetDashPattern(nil, 0)
	err := c.Draw(cv, sz)
	f.SetDashPattern(nil, 0)
	f.SetAlpha(alphaOld, blendOld)
	f.SetFont(family, "", sizeOld)
	f.SetLineWidth(lwOld)
	f.SetDrawColor(dr, dg, db)
	f.SetFillColor(fr, fg, fb)
	f.SetTextColor(tr, tg, tb)
	if err != nil {
		return err
	}
	return f.Error()
}

// matrix is an affine transform [a b c d e f]: x' = a·x + c·y + e,
// y' = b·x + d·y + f, in points with y up (gonum/plot's space).
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// then is m followed by n applied in m's space (n first, then m).
func (m matrix) then(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[2]*n[1], m[1]*n[0] + m[3]*n[1],
		m[0]*n[2] + m[2]*n[3], m[1]*n[2] + m[3]*n[3],
		m[0]*n[4] + m[2]*n[5] + m[4], m[1]*n[4] + m[3]*n[5] + m[5],
	}
}

func (m matrix) apply(p vg.Point) (float64, float64) {
	x, y := float64(p.X), float64(p.Y)
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

type state struct {
	m      matrix
	lw     vg.Length
	dash   []vg.Length
	offset vg.Length
	col    color.Color
}

// canvas is a vg.CanvasSizer over a gofpdf document.
type canvas struct {
	f      *gofpdf.Fpdf
	family string
	k      float64 // points per document unit
	x0, y0 float64 // the box's bottom left corner, document units, y down
	w, h   vg.Length
	st     []state
}

func (c *canvas) cur() *state { return &c.st[len(c.st)-1] }

// page turns a point of the chart into document units on the page.
func (c *canvas) page(p vg.Point) (float64, float64) {
	x, y := c.cur().m.apply(p)
	return c.x0 + x/c.k, c.y0 - y/c.k
}

// scale is how much the transform enlarges lengths.
func (c *canvas) scale() float64 {
	m := c.cur().m
	return math.Sqrt(math.Abs(m[0]*m[3] - m[1]*m[2]))
}

func (c *canvas) Size() (vg.Length, vg.Length) { return c.w, c.h }
func (c *canvas) SetLineWidth(w vg.Length)     { c.cur().lw = w }
func (c *canvas) SetColor(col color.Color)     { c.cur().col = col }
func (c *canvas) Push()                        { c.st = append(c.st, *c.cur()) }
func (c *canvas) Rotate(rad float64) {
	c.transform(matrix{math.Cos(rad), math.Sin(rad), -math.Sin(rad), math.Cos(rad), 0, 0})
}
func (c *canvas) Translate(p vg.Point) { c.transform(matrix{1, 0, 0, 1, float64(p.X), float64(p.Y)}) }
func (c *canvas) Scale(x, y float64)   { c.transform(matrix{x, 0, 0, y, 0, 0}) }
func (c *canvas) transform(n matrix)   { c.cur().m = c.cur().m.then(n) }
func (c *canvas) SetLineDash(d []vg.Length, o vg.Length) {
	c.cur().dash, c.cur().offset = append([]vg.Length(nil), d...), o
}

func (c *canvas) Pop() {
	if len(c.st) > 1 {
		c.st = c.st[:len(c.st)-1]
	}
}

// rgba is the current colour as 0–255 channels and an alpha of 0–1.
func (c *canvas) rgba() (int, int, int, float64) {
	col := c.cur().col
	if col == nil {
		col = color.Black
	}
	n := color.NRGBAModel.Convert(col).(color.NRGBA)
	return int(n.R), int(n.G), int(n.B), float64(n.A) / 255
}

func (c *canvas) Stroke(p vg.Path) {
	st := c.cur()
	if st.lw <= 0 {
		return
	}
	r, g, b, a := c.rgba()
	c.f.SetDrawColor(r, g, b)
	c.f.SetAlpha(a, "Normal")
	s := c.scale() / c.k
	c.f.SetLineWidth(float64(st.lw) * s)
	if len(st.dash) > 0 {
		d := make([]float64, len(st.dash))
		for i, v := range st.dash {
			d[i] = float64(v) * s
		}
		c.f.SetDashPattern(d, float64(st.offset)*s)
	} else {
		c.f.SetDashPattern(nil, 0)
	}
	c.path(p)
	c.f.DrawPath("D")
}

func (c *canvas) Fill(p vg.Path) {
	r, g, b, a := c.rgba()
	c.f.SetFillColor(r, g, b)
	c.f.SetAlpha(a, "Normal")
	c.path(p)
	c.f.DrawPath("F")
}

// path sends p to the document, arcs as cubic Bézier curves of at most a
// quarter turn each.
func (c *canvas) path(p vg.Path) {
	var cur vg.Point
	started := false
	for _, comp := range p {
		switch comp.Type {
		case vg.MoveComp:
			c.f.MoveTo(c.page(comp.Pos))
			cur, started = comp.Pos, true
		case vg.LineComp:
			c.f.LineTo(c.page(comp.Pos))
			cur = comp.Pos
		case vg.ArcComp:
			start := arcPoint(comp.Pos, comp.Radius, comp.Start)
			if !started {
				c.f.MoveTo(c.page(start))
				started = true
			} else if start != cur {
				c.f.LineTo(c.page(start))
			}
			n := int(math.Ceil(math.Abs(comp.Angle) / (math.Pi / 2)))
			step := comp.Angle / float64(max(n, 1))
			for i := range n {
				a0 := comp.Start + float64(i)*step
				c.arc(comp.Pos, comp.Radius, a0, step)
			}
			cur = arcPoint(comp.Pos, comp.Radius, comp.Start+comp.Angle)
		case vg.CurveComp:
			switch len(comp.Control) {
			case 1:
				cx, cy := c.page(comp.Control[0])
				x, y := c.page(comp.Pos)
				c.f.CurveBezierCubicTo(cx, cy, cx, cy, x, y)
			case 2:
				ax, ay := c.page(comp.Control[0])
				bx, by := c.page(comp.Control[1])
				x, y := c.page(comp.Pos)
				c.f.CurveBezierCubicTo(ax, ay, bx, by, x, y)
			}
			cur = comp.Pos
		case vg.CloseComp:
			c.f.ClosePath()
		}
	}
}

// arc appends one Bézier segment of at most 90° from angle a by sweep s.
func (c *canvas) arc(ctr vg.Point, r vg.Length, a, s float64) {
	k := 4.0 / 3 * math.Tan(s/4)
	p0 := arcPoint(ctr, r, a)
	p3 := arcPoint(ctr, r, a+s)
	rr := float64(r)
	p1 := vg.Point{X: p0.X - vg.Length(k*rr*math.Sin(a)), Y: p0.Y + vg.Length(k*rr*math.Cos(a))}
	p2 := vg.Point{X: p3.X + vg.Length(k*rr*math.Sin(a+s)), Y: p3.Y - vg.Length(k*rr*math.Cos(a+s))}
	x1, y1 := c.page(p1)
	x2, y2 := c.page(p2)
	x3, y3 := c.page(p3)
	c.f.CurveBezierCubicTo(x1, y1, x2, y2, x3, y3)
}

func arcPoint(c vg.Point, r vg.Length, a float64) vg.Point {
	return vg.Point{X: c.X + r*vg.Length(math.Cos(a)), Y: c.Y + r*vg.Length(math.Sin(a))}
}

// FillString writes txt as PDF text in the document's font, its baseline
// starting at pt, turned with the transform (the y axis label is upright).
func (c *canvas) FillString(fc font.Face, pt vg.Point, txt string) {
	size := float64(fc.Font.Size) * c.scale()
	if size <= 0 || txt == "" {
		return
	}
	r, g, b, a := c.rgba()
	c.f.SetTextColor(r, g, b)
	c.f.SetAlpha(a, "Normal")
	c.f.SetFont(c.family, "", size)
	x, y := c.page(pt)
	m := c.cur().m
	deg := math.Atan2(m[1], m[0]) * 180 / math.Pi
	if math.Abs(deg) > 0.01 {
		c.f.TransformBegin()
		c.f.TransformRotate(deg, x, y)
		c.f.Text(x, y, txt)
		c.f.TransformEnd()
		return
	}
	c.f.Text(x, y, txt)
}

// DrawImage embeds img as PNG, once per distinct image.
func (c *canvas) DrawImage(rect vg.Rectangle, img image.Image) {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		c.f.SetError(fmt.Errorf("chart image: %w", err))
		return
	}
	sum := sha256.Sum256(b.Bytes())
	name := "chart-" + hex.EncodeToString(sum[:8])
	opt := gofpdf.ImageOptions{ImageType: "PNG"}
	if c.f.GetImageInfo(name) == nil {
		c.f.RegisterImageOptionsReader(name, opt, &b)
	}
	x0, y1 := c.page(rect.Min)
	x1, y0 := c.page(rect.Max)
	c.f.ImageOptions(name, x0, y0, x1-x0, y1-y0, false, opt, 0, "")
}
