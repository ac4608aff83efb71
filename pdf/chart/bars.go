package chart

import (
	"cmp"
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// BarOpts shapes a Bars chart.
type BarOpts struct {
	// Max is how many bars at most, the "+N others" bar included (default 8).
	// The largest values get their own bar; the rest are summed into one
	// grey bar labelled "N others".
	Max int
	// Unit writes the values (counts by default, or money, or percent).
	Unit Unit
	// Delta, when it has one entry per value, is the change against the
	// previous period, written after the value: "12 (+3)". Hotspots use it.
	Delta []float64
	// Grouped, in Stacked, puts the series side by side instead of stacked.
	Grouped bool
}

// Bars is a horizontal bar chart, largest at the top: volume by category,
// hotspots (suppliers, guides, products, destinations), compensation by
// kind. labels and values pair up; long labels wrap onto two lines and end
// in "…" beyond that; each bar has its value at its end. No value above
// zero gives the empty state.
func Bars(lang, title string, labels []string, values []float64, opts BarOpts) *Chart {
	type row struct {
		label        string
		v, d         float64
		others, hasD bool
	}
	rows := make([]row, 0, len(values))
	for i, v := range values {
		if !finite(v) {
			continue
		}
		r := row{v: v}
		if i < len(labels) {
			r.label = labels[i]
		}
		if len(opts.Delta) == len(values) && finite(opts.Delta[i]) {
			r.d, r.hasD = opts.Delta[i], true
		}
		rows = append(rows, r)
	}
	// largest first; ties by label so the order never depends on the input's
	slices.SortStableFunc(rows, func(a, b row) int {
		if c := cmp.Compare(b.v, a.v); c != 0 {
			return c
		}
		return cmp.Compare(a.label, b.label)
	})
	c := &Chart{lang: lang, title: title, empty: len(rows) == 0 || rows[0].v <= 0}
	limit := opts.bars()
	c.draw = func(p *plot.Plot, st *styler) error {
		shown := rows
		if len(rows) > limit {
			shown = slices.Clone(rows[:limit-1])
			rest := row{others: true, label: st.pr.T("chart.others", "n", len(rows)-(limit-1))}
			for _, r := range rows[limit-1:] {
				rest.v += r.v
			}
			shown = append(shown, rest)
		}
		n := len(shown)
		// bottom to top: the largest bar at the top
		vals := make(plotter.Values, n)
		names := make([]string, n)
		maxLabel := st.w * 0.34
		tick := p.Y.Tick.Label
		for i, r := range shown {
			j := n - 1 - i
			vals[j] = math.Max(r.v, 0)
			names[j] = wrap(r.label, tick, maxLabel, st.labelLines(st.dataH()/vg.Length(max(n, 3))))
		}
		p.NominalY(names...)
		p.Y.Tick.Length = 0
		p.Y.LineStyle.Width = 0
		p.HideX()

		// value labels, and the room they need right of the longest bar
		vs := st.text(ptValue, st.ink.text)
		vs.YAlign = draw.YCenter
		texts := make([]string, n)
		widest := vg.Length(0)
		for i, r := range shown {
			j := n - 1 - i
			texts[j] = opts.Unit.format(r.v)
			if r.hasD {
				texts[j] += fmt.Sprintf(" (%s)", signed(r.d, opts.Unit))
			}
			widest = max(widest, vs.Width(texts[j]))
		}
		labelW := vg.Length(0)
		for _, nm := range names {
			labelW = max(labelW, tick.Width(nm))
		}
		dataW := st.w - labelW - st.pt(30)
		top := 0.0
		for _, v := range vals {
			top = math.Max(top, v)
		}
		if room := dataW - widest - st.pt(6); room > dataW/4 {
			top = top * float64(dataW) / float64(room)
		} else {
			top *= 1.5
		}
		p.X.Min, p.X.Max = 0, top

		// a bar is 60 % of its slot; the slot is the data area's height
		// (the canvas less the title) over the bars
		slot := st.dataH() / vg.Length(max(n, 3))
		width := min(slot*0.6, st.pt(18)) // a few bars stay slim
		// one bar chart per colour: the "others" bar in grey
		main := make(plotter.Values, n)
		grey := make(plotter.Values, n)
		for i, r := range shown {
			j := n - 1 - i
			if r.others {
				grey[j] = vals[j]
			} else {
				main[j] = vals[j]
			}
		}
		for _, part := range []struct {
			v   plotter.Values
			col color.Color
		}{{main, st.ink.main}, {grey, ColorCompare}} {
			b, err := plotter.NewBarChart(part.v, width)
			if err != nil {
				return err
			}
			b.Horizontal = true
			b.LineStyle.Width = 0
			b.Color = part.col
			p.Add(b)
		}
		p.Add(drawFunc(func(c draw.Canvas) {
			for j := range vals {
				x := c.X(p.X.Norm(vals[j])) + st.pt(3)
				y := c.Y(p.Y.Norm(float64(j)))
				c.FillText(vs, vg.Point{X: x, Y: y}, texts[j])
			}
		}))
		return nil
	}
	return c
}

// signed writes a change with its sign: +3, −2, ±0.
func signed(d float64, u Unit) string {
	switch {
	case d > 0:
		return "+" + u.format(d)
	case d < 0:
		return "−" + u.format(-d)
	}
	return "±0"
}

// bars is how many bars a chart shows, the "+N others" bar included.
func (o BarOpts) bars() int {
	if o.Max <= 0 {
		return 8
	}
	return o.Max
}
