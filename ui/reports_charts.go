package ui

import (
	"image"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casebook/data/report"
	"casebook/pdf/chart"
	"casebook/pdf/reportcharts"
)

// reportCharts are the report's charts (pdf/reportcharts, the same as the
// PDF's) on the Reports tab: two per row on a wide window, one on a narrow
// one, drawn off the UI goroutine at the size they get on screen, for the
// screen's scale and the theme's background, and drawn again when the
// period, the width or the theme changes. Tapping one lists its figure's
// cases.
type reportCharts struct {
	v     *reportsView
	box   *fyne.Container
	items []reportcharts.Item
	tiles []*chartTile
	cols  int
	w, h  int // each chart's size in Fyne units
}

func newReportCharts(v *reportsView) *reportCharts {
	c := &reportCharts{v: v, cols: 2, w: 640, h: 300}
	c.box = newRows(c.cols)
	return c
}

// chartSize is how many charts fit side by side in a tab width wide, and
// each one's size.
func chartSize(width float32) (cols, w, h int) {
	pad := theme.Padding()
	avail := width - 4*pad - theme.ScrollBarSize() // the padded scroll's insets and its bar
	cols = 1
	if avail >= 1100 {
		cols = 2
	}
	w = int((avail - 2*pad*float32(cols-1)) / float32(cols))
	return cols, max(w, 200), 300 // as high one per row: a taller gauge only grows
}

// fit sizes the charts for a tab width wide; it reports whether they must
// be drawn again.
func (c *reportCharts) fit(width float32) bool {
	cols, w, h := chartSize(width)
	if cols == c.cols && w == c.w && h == c.h {
		return false
	}
	c.cols, c.w, c.h = cols, w, h
	c.box.Layout = &rows{cols: cols}
	for _, t := range c.tiles {
		t.img.SetMinSize(tileMin(h))
	}
	c.box.Refresh()
	return true
}

// build makes the charts of f and draws them.
func (c *reportCharts) build(f report.Figures) {
	c.items = reportcharts.Build(f, c.v.u.settings(), currentLanguage())
	if len(c.tiles) != len(c.items) {
		c.tiles = make([]*chartTile, len(c.items))
		objs := make([]fyne.CanvasObject, len(c.items))
		for i := range c.items {
			c.tiles[i] = newChartTile(tileMin(c.h))
			objs[i] = c.tiles[i]
		}
		c.box.Objects = objs
		c.box.Refresh()
	}
	for i, it := range c.items {
		key, title := it.Key, it.Chart.Title()
		c.tiles[i].onTap = func() { c.v.showCases(key, title) }
	}
	c.draw()
}

// draw draws every chart off the UI goroutine, then shows them together;
// a later draw makes this one's images void.
func (c *reportCharts) draw() {
	if len(c.items) == 0 {
		return
	}
	u := c.v.u
	c.v.drawGen++
	gen, items := c.v.drawGen, c.items
	sz := chart.Screen(c.w, c.h, u.win.Canvas().Scale())
	sz.Background = u.app.Settings().Theme().Color(theme.ColorNameBackground, u.app.Settings().ThemeVariant())
	u.async(func() func() {
		imgs := make([]image.Image, len(items))
		for i, it := range items {
			img, err := it.Chart.Image(sz)
			if err != nil {
				slog.Warn("report chart not drawn", "chart", it.Name, "err", err)
				continue
			}
			imgs[i] = img
		}
		return func() {
			if gen != c.v.drawGen || len(c.tiles) != len(imgs) {
				return
			}
			for i, img := range imgs {
				c.tiles[i].set(img)
			}
		}
	})
}

// tileMin is a chart's least size: as high as it is drawn, and narrow,
// since the charts follow the tab's width rather than hold it wide.
func tileMin(h int) fyne.Size { return fyne.NewSize(200, float32(h)) }

// chartTile shows one chart's image; a tap lists its cases.
type chartTile struct {
	widget.BaseWidget
	img   *canvas.Image
	onTap func()
}

func newChartTile(size fyne.Size) *chartTile {
	t := &chartTile{img: canvas.NewImageFromImage(nil)}
	t.img.FillMode = canvas.ImageFillContain
	t.img.ScaleMode = canvas.ImageScaleSmooth
	t.img.SetMinSize(size)
	t.ExtendBaseWidget(t)
	return t
}

func (t *chartTile) set(img image.Image) {
	t.img.Image = img
	t.img.Refresh()
}

func (t *chartTile) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(t.img))
}

// Tapped lists the cases of the chart's figure.
func (t *chartTile) Tapped(*fyne.PointEvent) {
	if t.onTap != nil {
		t.onTap()
	}
}

// Cursor shows the chart can be clicked.
func (t *chartTile) Cursor() desktop.Cursor { return desktop.PointerCursor }
