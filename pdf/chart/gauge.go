package chart

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Gauge is a half-donut of a percentage against a target: the SLA met rate
// of first responses or of resolutions. The arc fills to percent (0–100) in
// green when it reaches target, vermillion when not, with the word "met" or
// "not met" under the number so the colour is never the only sign; a dark
// tick marks the target. note is an optional line under it ("45 of 48 on
// time"). A percent that is NaN or negative (nothing was due) gives the
// empty state.
func Gauge(lang, title string, percent, target float64, note string) *Chart {
	c := &Chart{lang: lang, title: title, empty: !finite(percent) || percent < 0}
	c.draw = func(p *plot.Plot, st *styler) error {
		p.HideAxes()
		pct := math.Min(math.Max(percent, 0), 100)
		met := percent >= target
		col := ColorMissed
		if met {
			col = ColorMet
		}
		p.Add(drawFunc(func(cv draw.Canvas) {
			big := st.text(ptBig, col)
			big.XAlign, big.YAlign = draw.XCenter, draw.YBottom
			small := st.text(ptLabel, st.ink.muted)
			small.XAlign, small.YAlign = draw.XCenter, draw.YTop
			lines := 1
			if note != "" {
				lines = 2
			}
			below := vg.Length(lines) * st.pt(ptLabel*1.5) // words under the centre
			sz := cv.Size()
			outer := min(sz.X/2-st.pt(40), sz.Y-below-st.pt(14))
			if outer < st.pt(20) {
				outer = st.pt(20)
			}
			inner := outer * 0.68
			// centre the gauge and the words under it in the area
			lift := (sz.Y - outer - below - st.pt(14)) / 2
			ctr := vg.Point{X: cv.Center().X, Y: cv.Min.Y + below + st.pt(4) + max(lift, 0)}
			cv.FillPolygon(st.ink.track, ring(ctr, inner, outer, math.Pi, 0))
			if pct > 0 {
				cv.FillPolygon(col, ring(ctr, inner, outer, math.Pi, math.Pi*(1-pct/100)))
			}
			// the target: a tick across the ring and its label outside
			if finite(target) && target > 0 && target <= 100 {
				a := math.Pi * (1 - target/100)
				cos, sin := vg.Length(math.Cos(a)), vg.Length(math.Sin(a))
				ls := draw.LineStyle{Color: st.ink.text, Width: st.pt(1.5)}
				r0, r1 := inner-st.pt(3), outer+st.pt(3)
				cv.StrokeLine2(ls, ctr.X+r0*cos, ctr.Y+r0*sin, ctr.X+r1*cos, ctr.Y+r1*sin)
				ts := st.text(ptLabel, st.ink.text)
				ts.YAlign = draw.YCenter
				ts.XAlign = draw.XCenter
				if cos > 0.2 {
					ts.XAlign = draw.XLeft
				} else if cos < -0.2 {
					ts.XAlign = draw.XRight
				}
				r2 := outer + st.pt(6)
				cv.FillText(ts, vg.Point{X: ctr.X + r2*cos, Y: ctr.Y + r2*sin + st.pt(3)}, st.pr.T("chart.target", "pct", Unit{Percent: true}.format(target)))
			}
			cv.FillText(big, vg.Point{X: ctr.X, Y: ctr.Y}, Unit{Percent: true}.format(percent))
			word := st.pr.T("chart.gauge.missed")
			if met {
				word = st.pr.T("chart.gauge.met")
			}
			y := ctr.Y - st.pt(2)
			cv.FillText(small, vg.Point{X: ctr.X, Y: y}, word)
			if note != "" {
				cv.FillText(small, vg.Point{X: ctr.X, Y: y - st.pt(ptLabel*1.5)}, note)
			}
		}))
		return nil
	}
	return c
}

// ring is the polygon of the ring between radii r0 and r1 from angle a0 to
// a1 (radians, counter-clockwise from east), in steps of about 2°; polygons
// rather than arcs so every backend draws the same pixels.
func ring(c vg.Point, r0, r1 vg.Length, a0, a1 float64) []vg.Point {
	n := int(math.Ceil(math.Abs(a1-a0)/(math.Pi/90))) + 1
	pts := make([]vg.Point, 0, 2*n+2)
	for i := 0; i <= n; i++ {
		a := a0 + (a1-a0)*float64(i)/float64(n)
		pts = append(pts, vg.Point{X: c.X + r1*vg.Length(math.Cos(a)), Y: c.Y + r1*vg.Length(math.Sin(a))})
	}
	for i := n; i >= 0; i-- {
		a := a0 + (a1-a0)*float64(i)/float64(n)
		pts = append(pts, vg.Point{X: c.X + r0*vg.Length(math.Cos(a)), Y: c.Y + r0*vg.Length(math.Sin(a))})
	}
	return pts
}
