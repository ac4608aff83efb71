//go:build ignore

// Command icongen draws Casebook's application icon, assets/icon.png: a deep
// teal (#0F766E) rounded square carrying a white briefcase ("case")
// silhouette. It uses only the standard library: shapes are signed-distance
// rounded rectangles, anti-aliased by supersampling, so the icon stays crisp
// when scaled down to 64 px or less.
//
// Regenerate from the repository root with:
//
//	go run assets/icongen/main.go -o assets/icon.png
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
)

// The design is laid out on a 512×512 grid; other sizes scale it.
const grid = 512.0

var (
	teal  = color.NRGBA{R: 0x0F, G: 0x76, B: 0x6E, A: 0xFF}
	white = color.NRGBA{R: 0xFF, G: 0xFF, B: 0xFF, A: 0xFF}
)

// rrect is a rounded rectangle in grid coordinates.
type rrect struct{ x0, y0, x1, y1, r float64 }

// contains reports whether (x, y) lies inside the rounded rectangle.
func (q rrect) contains(x, y float64) bool {
	cx, cy := (q.x0+q.x1)/2, (q.y0+q.y1)/2
	hx, hy := (q.x1-q.x0)/2-q.r, (q.y1-q.y0)/2-q.r
	dx := math.Max(math.Abs(x-cx)-hx, 0)
	dy := math.Max(math.Abs(y-cy)-hy, 0)
	return dx*dx+dy*dy <= q.r*q.r
}

var (
	tile = rrect{24, 24, 488, 488, 104} // the teal background

	body        = rrect{104, 168, 408, 392, 32} // briefcase body
	handleOuter = rrect{188, 112, 324, 200, 34} // handle, outer edge
	handleInner = rrect{218, 140, 294, 220, 14} // handle, hole
	seam        = rrect{104, 250, 408, 270, 0}  // teal gap where the lid closes
	clasp       = rrect{226, 232, 286, 292, 12} // white clasp across the seam
	claspHole   = rrect{244, 250, 268, 270, 4}  // keyhole-like notch in the clasp
	handleFloor = 184.0                         // the handle ring is drawn above this line only
)

// shade returns the colour at grid point (x, y) and whether it is opaque.
func shade(x, y float64) (color.NRGBA, bool) {
	if !tile.contains(x, y) {
		return color.NRGBA{}, false
	}
	handle := handleOuter.contains(x, y) && !handleInner.contains(x, y) && y < handleFloor
	onCase := (body.contains(x, y) && !seam.contains(x, y)) || handle
	if clasp.contains(x, y) && !claspHole.contains(x, y) {
		onCase = true
	}
	if onCase {
		return white, true
	}
	return teal, true
}

func draw(size, ss int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	scale := grid / float64(size)
	n := float64(ss * ss)
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var r, g, b, a float64 // premultiplied sums
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					x := (float64(px) + (float64(sx)+0.5)/float64(ss)) * scale
					y := (float64(py) + (float64(sy)+0.5)/float64(ss)) * scale
					c, ok := shade(x, y)
					if !ok {
						continue
					}
					r += float64(c.R)
					g += float64(c.G)
					b += float64(c.B)
					a += 255
				}
			}
			if a == 0 {
				continue
			}
			alpha := a / n
			img.SetNRGBA(px, py, color.NRGBA{
				R: uint8(math.Round(r / a * 255)),
				G: uint8(math.Round(g / a * 255)),
				B: uint8(math.Round(b / a * 255)),
				A: uint8(math.Round(alpha)),
			})
		}
	}
	return img
}

func main() {
	out := flag.String("o", "assets/icon.png", "output PNG file")
	size := flag.Int("size", 512, "width and height in pixels")
	ss := flag.Int("ss", 8, "supersampling factor per axis")
	flag.Parse()

	img := draw(*size, *ss)
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(f, img); err != nil {
		f.Close()
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("wrote %s (%d×%d)\n", *out, *size, *size)
}
