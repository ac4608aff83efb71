package chart

import (
	"image/color"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// legendItem is one swatch and its name.
type legendItem struct {
	name   string
	col    color.Color
	dashed bool // a line swatch (Trend) instead of a filled square
}

// legend draws the items in a row along the top of the data area, right
// aligned, wrapping onto more rows when they do not fit: gonum/plot's own
// legend stacks entries vertically inside the data, where they cover bars.
// It returns the height it takes, for the caller to keep free.
func (st *styler) legendHeight(items []legendItem, width vg.Length) vg.Length {
	return vg.Length(len(st.legendRows(items, width))) * st.pt(ptLabel*1.6)
}

func (st *styler) legendRows(items []legendItem, width vg.Length) [][]legendItem {
	ts := st.text(ptLabel, st.ink.text)
	var rows [][]legendItem
	var cur []legendItem
	used := vg.Length(0)
	for _, it := range items {
		w := st.itemWidth(ts.Width(it.name))
		if len(cur) > 0 && used+w > width {
			rows = append(rows, cur)
			cur, used = nil, 0
		}
		cur = append(cur, it)
		used += w
	}
	if len(cur) > 0 {
		rows = append(rows, cur)
	}
	return rows
}

// itemWidth is a swatch, a gap, the name and the space before the next.
func (st *styler) itemWidth(name vg.Length) vg.Length { return st.pt(14) + name + st.pt(12) }

func (st *styler) drawLegend(c draw.Canvas, items []legendItem) {
	ts := st.text(ptLabel, st.ink.text)
	ts.YAlign = draw.YCenter
	rowH := st.pt(ptLabel * 1.6)
	y := c.Max.Y - rowH/2
	for _, row := range st.legendRows(items, c.Size().X) {
		w := vg.Length(0)
		for _, it := range row {
			w += st.itemWidth(ts.Width(it.name))
		}
		// a little room at the right: the PDF measures text with its own font metrics
		x := c.Max.X - w + st.pt(6)
		for _, it := range row {
			if it.dashed {
				ls := draw.LineStyle{Color: it.col, Width: st.pt(1.6)}
				if it.col == ColorCompare {
					ls.Dashes = []vg.Length{st.pt(3), st.pt(2)}
				}
				c.StrokeLine2(ls, x, y, x+st.pt(10), y)
			} else {
				s := st.pt(7)
				c.FillPolygon(it.col, []vg.Point{{X: x, Y: y - s/2}, {X: x + s, Y: y - s/2}, {X: x + s, Y: y + s/2}, {X: x, Y: y + s/2}})
			}
			c.FillText(ts, vg.Point{X: x + st.pt(14), Y: y}, it.name)
			x += st.itemWidth(ts.Width(it.name))
		}
		y -= rowH
	}
}
