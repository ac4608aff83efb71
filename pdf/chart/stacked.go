package chart

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Stacked is a horizontal stacked bar chart: one bar per group (a category,
// a supplier), one stack per series (a remedy kind: refund, penalty,
// goodwill, voucher …), the groups sorted by their total, largest at the
// top, with the total at each bar's end and a legend of the series along the
// top. Each series has one value per group. opts.Max limits the bars (the
// rest are summed into "N others"); opts.Unit writes the totals (money:
// Unit{Currency: "CNY"}); opts.Delta is not used. With opts.Grouped the
// series stand side by side in each group instead, each bar with its value:
// paid to customers against recovered from the supplier, per supplier. No
// total above zero gives the empty state.
func Stacked(lang, title string, groups []string, series []Series, opts BarOpts) *Chart {
	type row struct {
		label  string
		parts  []float64
		total  float64
		others bool
	}
	rows := make([]row, 0, len(groups))
	for g, label := range groups {
		r := row{label: label, parts: make([]float64, len(series))}
		for s, se := range series {
			if g < len(se.Values) && finite(se.Values[g]) && se.Values[g] > 0 {
				r.parts[s] = se.Values[g]
				r.total += se.Values[g]
			}
		}
		rows = append(rows, r)
	}
	slices.SortStableFunc(rows, func(a, b row) int {
		if c := cmp.Compare(b.total, a.total); c != 0 {
			return c
		}
		return cmp.Compare(a.label, b.label)
	})
	c := &Chart{lang: lang, title: title, empty: len(rows) == 0 || rows[0].total <= 0}
	limit := opts.bars()
	c.draw = func(p *plot.Plot, st *styler) error {
		shown := rows
		if len(rows) > limit {
			shown = slices.Clone(rows[:limit-1])
			rest := row{others: true, label: st.pr.T("chart.others", "n", len(rows)-(limit-1)), parts: make([]float64, len(series))}
			for _, r := range rows[limit-1:] {
				for s, v := range r.parts {
					rest.parts[s] += v
				}
				rest.total += r.total
			}
			shown = append(shown, rest)
		}
		n := len(shown)
		names := make([]string, n)
		totals := make([]string, n)
		tick := p.Y.Tick.Label
		vs := st.text(ptValue, st.ink.text)
		vs.YAlign = draw.YCenter
		var items []legendItem
		for s, se := range series {
			items = append(items, legendItem{name: se.Name, col: st.series(s)})
		}
		// two-line labels only where a bar's slot has room for them (the
		// legend's rows estimated over two thirds of the width)
		lines := st.labelLines((st.dataH() - st.legendHeight(items, st.w*0.65)) / vg.Length(max(n, 3)))
		widest, labelW, top := vg.Length(0), vg.Length(0), 0.0
		for i, r := range shown {
			j := n - 1 - i
			names[j] = wrap(r.label, tick, st.w*0.30, lines)
			totals[j] = opts.Unit.format(r.total)
			labelW = max(labelW, tick.Width(names[j]))
			if !opts.Grouped {
				widest = max(widest, vs.Width(totals[j]))
				top = math.Max(top, r.total)
				continue
			}
			for _, v := range r.parts {
				widest = max(widest, vs.Width(opts.Unit.format(v)))
				top = math.Max(top, v)
			}
		}
		p.NominalY(names...)
		p.Y.Tick.Length = 0
		p.Y.LineStyle.Width = 0
		p.HideX()

		dataW := st.w - labelW - st.pt(30)
		if room := dataW - widest - st.pt(6); room > dataW/4 {
			top = top * float64(dataW) / float64(room)
		} else {
			top *= 1.5
		}
		p.X.Min, p.X.Max = 0, top
		// keep rows free above the bars for the legend: one bar slot per
		// legend row
		dataH := st.dataH()
		legendH := st.legendHeight(items, dataW)
		slot := (dataH - legendH) / vg.Length(max(n, 3))
		p.Y.Min = -0.5
		p.Y.Max = float64(n) - 0.5 + float64(legendH/slot)
		width := min(slot*0.6, st.pt(18))
		if opts.Grouped {
			parts := make([][]float64, n)
			for i, r := range shown {
				parts[n-1-i] = r.parts
			}
			return st.grouped(p, parts, series, slot, vs, opts.Unit, items)
		}

		var below *plotter.BarChart
		for s := range series {
			vals := make(plotter.Values, n)
			for i, r := range shown {
				vals[n-1-i] = r.parts[s]
			}
			b, err := plotter.NewBarChart(vals, width)
			if err != nil {
				return err
			}
			b.Horizontal = true
			b.LineStyle = draw.LineStyle{Color: st.ink.bg, Width: st.pt(0.6)}
			b.Color = st.series(s)
			if below != nil {
				b.StackOn(below)
			}
			p.Add(b)
			below = b
		}
		p.Add(drawFunc(func(c draw.Canvas) {
			for i, r := range shown {
				j := n - 1 - i
				x := c.X(p.X.Norm(r.total)) + st.pt(3)
				y := c.Y(p.Y.Norm(float64(j)))
				c.FillText(vs, vg.Point{X: x, Y: y}, totals[j])
			}
			st.drawLegend(c, items)
		}))
		return nil
	}
	return c
}

// grouped draws the series side by side in each group's slot, the first
// series on top, each bar with its own value. parts[j] are the values of
// the group at position j (bottom to top).
func (st *styler) grouped(p *plot.Plot, parts [][]float64, series []Series, slot vg.Length, vs text.Style, u Unit, items []legendItem) error {
	k := len(series)
	thick := min(slot*0.8/vg.Length(max(k, 1)), st.pt(14))
	for s := range series {
		vals := make(plotter.Values, len(parts))
		for j := range parts {
			vals[j] = parts[j][s]
		}
		b, err := plotter.NewBarChart(vals, thick)
		if err != nil {
			return err
		}
		b.Horizontal = true
		b.LineStyle.Width = 0
		b.Color = st.series(s)
		b.Offset = (vg.Length(k-1)/2 - vg.Length(s)) * thick
		p.Add(b)
	}
	p.Add(drawFunc(func(c draw.Canvas) {
		for j := range parts {
			for s := range series {
				v := parts[j][s]
				x := c.X(p.X.Norm(v)) + st.pt(3)
				y := c.Y(p.Y.Norm(float64(j))) + (vg.Length(k-1)/2-vg.Length(s))*thick
				c.FillText(vs, vg.Point{X: x, Y: y}, u.format(v))
			}
		}
		st.drawLegend(c, items)
	}))
	return nil
}
