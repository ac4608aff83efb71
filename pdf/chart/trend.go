package chart

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Series is one named row of values: a year's monthly counts, or one remedy
// kind's amounts per group in Stacked. NaN is a missing value (a month not
// yet over), skipped in a line.
type Series struct {
	Name   string
	Values []float64
}

// Trend is a line chart of counts over months: the 12-month volume trend,
// one line per series (this year solid blue, the year before dashed grey,
// further ones in the palette). months are the x labels, already written in
// the language ("1月", "Jan", "2026-01"); each series has one value per
// month. The y axis counts whole cases. All zero or no months gives the empty
// state.
func Trend(lang, title string, months []string, series ...Series) *Chart {
	c := &Chart{lang: lang, title: title, empty: true}
	for _, s := range series {
		for _, v := range s.Values {
			if finite(v) && v != 0 {
				c.empty = false
			}
		}
	}
	if len(months) == 0 {
		c.empty = true
	}
	c.draw = func(p *plot.Plot, st *styler) error {
		max := 0.0
		for _, s := range series {
			for _, v := range s.Values {
				if finite(v) {
					max = math.Max(max, v)
				}
			}
		}
		var items []legendItem
		if len(series) > 1 {
			for i, s := range series {
				col := st.series(i)
				if i == 1 {
					col = ColorCompare
				}
				items = append(items, legendItem{name: s.Name, col: col, dashed: true})
			}
		}
		// keep the legend and the value labels clear of the highest point
		dataH := st.dataH() - st.pt(ptLabel*1.5+8) // less the month labels
		free := st.legendHeight(items, st.w*0.8) + st.pt(ptValue+6)
		need := max / math.Max(0.3, float64(1-free/dataH))
		step := niceStep(need, 5, 1)
		top := math.Ceil(need/step) * step
		p.Y.Min, p.Y.Max = 0, top
		p.Y.Tick.Marker = stepTicks{step: step, unit: Unit{}}
		p.Y.Label.Text = st.pr.T("chart.axis.cases")
		p.X.Min, p.X.Max = -0.5, float64(len(months))-0.5
		p.X.Tick.Marker = nominalTicks(months, st, p, float64(st.w))
		p.X.Tick.Length = 0

		grid := plotter.NewGrid()
		grid.Vertical.Color = nil
		grid.Horizontal = draw.LineStyle{Color: st.ink.grid, Width: vg.Points(0.5)}
		p.Add(grid)

		// draw the older series first so this year's line lies on top
		for i := len(series) - 1; i >= 0; i-- {
			s := series[i]
			pts := make(plotter.XYs, 0, len(months))
			for m := range months {
				if m < len(s.Values) && finite(s.Values[m]) {
					pts = append(pts, plotter.XY{X: float64(m), Y: s.Values[m]})
				}
			}
			if len(pts) == 0 {
				continue
			}
			l, sc, err := plotter.NewLinePoints(pts)
			if err != nil {
				return err
			}
			col := st.series(i)
			if i == 1 {
				col = ColorCompare
			}
			l.LineStyle = draw.LineStyle{Color: col, Width: st.pt(1.6)}
			sc.GlyphStyle = draw.GlyphStyle{Color: col, Radius: st.pt(2.2), Shape: draw.CircleGlyph{}}
			if i > 0 {
				l.LineStyle.Width = st.pt(1.2)
				l.LineStyle.Dashes = []vg.Length{st.pt(4), st.pt(2.5)}
				sc.GlyphStyle.Shape = draw.RingGlyph{}
			}
			p.Add(l, sc)
		}
		// the first series' values above its points, when each month has
		// room for its number
		if len(series) > 0 {
			vs := st.text(ptValue, st.ink.text)
			vs.XAlign, vs.YAlign = draw.XCenter, draw.YBottom
			s := series[0]
			p.Add(drawFunc(func(c draw.Canvas) {
				st.drawLegend(c, items)
				slot := c.Size().X / vg.Length(len(months))
				if vs.Width("8888") > slot {
					return
				}
				for m := range months {
					if m >= len(s.Values) || !finite(s.Values[m]) {
						continue
					}
					x := c.X(p.X.Norm(float64(m)))
					y := c.Y(p.Y.Norm(s.Values[m]))
					st.halo(c, vs, vg.Point{X: x, Y: y + st.pt(3.5)}, thousands(s.Values[m]))
				}
			}))
		}
		return nil
	}
	return c
}

// stepTicks marks 0, step, 2·step … up to the axis maximum, labelled in the unit.
type stepTicks struct {
	step float64
	unit Unit
}

func (t stepTicks) Ticks(min, max float64) []plot.Tick {
	var out []plot.Tick
	for v := math.Ceil(min/t.step) * t.step; v <= max+t.step/1e6; v += t.step {
		out = append(out, plot.Tick{Value: v, Label: t.unit.axis(v)})
	}
	return out
}

// nominalTicks labels the positions 0…n-1 with names, every second or third
// one when they would not fit side by side in width points.
func nominalTicks(names []string, st *styler, p *plot.Plot, width float64) plot.ConstantTicks {
	widest := vg.Length(0)
	for _, n := range names {
		widest = max(widest, p.X.Tick.Label.Width(n))
	}
	every := 1
	if n := len(names); n > 0 {
		slot := vg.Length(width*0.85) / vg.Length(n)
		for every < n && widest+st.pt(4) > slot*vg.Length(every) {
			every++
		}
	}
	ticks := make(plot.ConstantTicks, 0, len(names))
	for i, n := range names {
		t := plot.Tick{Value: float64(i)}
		if i%every == 0 {
			t.Label = n
		}
		ticks = append(ticks, t)
	}
	return ticks
}
