package pdf

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"net/http"
	"strings"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/image/draw"

	"casebook/data"
)

// Source gives an archive the case's mail and stored files. *store.Store implements it.
type Source interface {
	CaseMessages(ctx context.Context, caseID uint64) ([]data.Message, error)
	Blob(ctx context.Context, sha string) ([]byte, error)
}

// Attached pictures: a camera photo is scaled down to at most maxPictureSide
// pixels on its long side (bulkPictureSide in a bulk archive) and stored as a
// JPEG of pictureQuality, so an archive of a case with twenty photos stays a
// few megabytes.
const (
	maxPictureSide   = 1600
	bulkPictureSide  = 1200
	pictureQuality   = 80
	maxPictureH      = 120.0       // mm on the page
	maxPicturePixels = 100_000_000 // larger images are refused rather than decoded
	minPictureSide   = 16          // tracking pixels and spacers are listed, not drawn
	pictureDPI       = 96.0        // a small image is drawn at this resolution, not blown up
	minPictureShare  = 0.6         // of its size, a picture may shrink to fit the rest of a page
)

// archiver writes cases into one document: a case archive, or one case after
// another in a bulk archive.
type archiver struct {
	d   *doc
	t   *texts
	src Source
	// pictures are the images already placed in this document, by SHA-256,
	// so a picture sent twice is stored once.
	pictures map[string]picture
	// attachments are the issued letters' PDFs, embedded when the document is written.
	attachments []gofpdf.Attachment
	partLevel   int // outline level of a case's parts
	maxSide     int // pixels on a picture's long side
	// letterBudget is how many more bytes of letters may be embedded; < 0: no limit.
	// gofpdf keeps a document in memory until it is written, so a bulk archive
	// of a thousand cases must not carry three thousand letters.
	letterBudget int64
	// pictureBudget is the same for pictures: bytes still allowed, < 0 no limit.
	pictureBudget int64
}

// bulkPictureBudget bounds the pictures a bulk archive carries (a downscaled
// photo is about 150 KB): beyond it, pictures are listed, not shown.
var bulkPictureBudget int64 = 256 << 20

// bulkLetterBudget bounds the letters a bulk archive embeds (a letter is about
// 70 KB, mostly its font): a month's cases are embedded whole, a year's are not.
var bulkLetterBudget int64 = 64 << 20

// picture is a prepared image: its name in the document, or why it is not shown.
type picture struct {
	name     string
	w, h     int // pixels
	broken   bool
	overflow bool // not shown: the document's picture budget is spent
}

func newArchiver(d *doc, src Source, partLevel int) *archiver {
	return &archiver{d: d, t: d.t, src: src, pictures: map[string]picture{}, partLevel: partLevel,
		maxSide: maxPictureSide, letterBudget: -1, pictureBudget: -1}
}

// finish embeds the letters and writes the document to its bytes.
func (a *archiver) finish() {
	if len(a.attachments) > 0 {
		a.d.f.SetAttachments(a.attachments)
	}
}

// isPictureType reports the content types shown as pictures.
func isPictureType(ct string) bool {
	ct, _, _ = strings.Cut(strings.ToLower(strings.TrimSpace(ct)), ";")
	switch strings.TrimSpace(ct) {
	case "image/png", "image/jpeg", "image/jpg", "image/pjpeg", "image/x-png":
		return true
	}
	return false
}

// vagueType reports content types that do not say what a file is.
func vagueType(ct string) bool {
	ct, _, _ = strings.Cut(strings.ToLower(strings.TrimSpace(ct)), ";")
	switch strings.TrimSpace(ct) {
	case "", "application/octet-stream", "binary/octet-stream", "application/unknown":
		return true
	}
	return strings.HasPrefix(ct, "image/")
}

// sniffPicture reports whether b starts like a PNG or a JPEG.
func sniffPicture(b []byte) bool {
	switch http.DetectContentType(b) {
	case "image/png", "image/jpeg":
		return true
	}
	return false
}

// prepare registers the image b (stored under sha) once per document.
func (a *archiver) prepare(sha string, b []byte) picture {
	if p, ok := a.pictures[sha]; ok && sha != "" {
		return p
	}
	p := picture{broken: true}
	if prepared, w, h, err := preparePicture(b, a.maxSide); err == nil {
		if a.pictureBudget >= 0 && int64(len(prepared)) > a.pictureBudget {
			p = picture{overflow: true}
		} else if name, err := a.d.register(prepared); err == nil {
			p = picture{name: name, w: w, h: h}
			if a.pictureBudget >= 0 {
				a.pictureBudget -= int64(len(prepared))
			}
		}
	}
	if sha != "" {
		a.pictures[sha] = p
	}
	return p
}

// preparePicture returns a PNG or JPEG that gofpdf can place and that is at
// most maxSide pixels on its long side, turned upright by its EXIF
// orientation, with its size in pixels. A small, upright, plain image is
// returned as it is.
func preparePicture(b []byte, maxSide int) (out []byte, w, h int, err error) {
	if !sniffPicture(b) {
		return nil, 0, 0, ErrBadImage
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return nil, 0, 0, fmt.Errorf("%w: %v", ErrBadImage, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxPicturePixels {
		return nil, 0, 0, fmt.Errorf("%w: %d×%d pixels", ErrBadImage, cfg.Width, cfg.Height)
	}
	orient := 1
	if format == "jpeg" {
		orient = jpegOrientation(b)
	}
	big := max(cfg.Width, cfg.Height) > maxSide
	// Every PNG is decoded and written again (by register, or here when it
	// must be scaled or turned): gofpdf's PNG reader trusts its input.
	if !big && orient == 1 {
		return b, cfg.Width, cfg.Height, nil
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, 0, 0, fmt.Errorf("%w: %v", ErrBadImage, err)
	}
	var dst *image.RGBA
	if big {
		sw, sh := cfg.Width, cfg.Height
		if sw >= sh {
			sw, sh = maxSide, max(1, sh*maxSide/sw)
		} else {
			sw, sh = max(1, sw*maxSide/sh), maxSide
		}
		dst = image.NewRGBA(image.Rect(0, 0, sw, sh))
		draw.BiLinear.Scale(dst, dst.Bounds(), img, img.Bounds(), draw.Src, nil)
	} else {
		dst = image.NewRGBA(image.Rect(0, 0, img.Bounds().Dx(), img.Bounds().Dy()))
		draw.Draw(dst, dst.Bounds(), img, img.Bounds().Min, draw.Src)
	}
	dst = orientRGBA(dst, orient)
	var buf bytes.Buffer
	if format == "jpeg" {
		err = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: pictureQuality})
	} else {
		err = (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, dst)
	}
	if err != nil {
		return nil, 0, 0, fmt.Errorf("%w: %v", ErrBadImage, err)
	}
	return buf.Bytes(), dst.Rect.Dx(), dst.Rect.Dy(), nil
}

// jpegOrientation reads the EXIF orientation (1–8) of a JPEG; 1 when absent.
func jpegOrientation(b []byte) int {
	i := 2
	for i+4 <= len(b) {
		if b[i] != 0xff {
			return 1
		}
		marker := b[i+1]
		switch {
		case marker == 0xff: // fill byte
			i++
			continue
		case marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7):
			i += 2
			continue
		case marker == 0xda || marker == 0xd9: // the image data: no EXIF after it
			return 1
		}
		n := int(b[i+2])<<8 | int(b[i+3])
		if n < 2 || i+2+n > len(b) {
			return 1
		}
		seg := b[i+4 : i+2+n]
		if marker == 0xe1 && len(seg) > 6 && string(seg[:6]) == "Exif\x00\x00" {
			return tiffOrientation(seg[6:])
		}
		i += 2 + n
	}
	return 1
}

func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 1
	}
	off := int(bo.Uint32(t[4:8]))
	if off < 8 || off+2 > len(t) {
		return 1
	}
	n := int(bo.Uint16(t[off:]))
	for k := range n {
		e := off + 2 + 12*k
		if e+12 > len(t) {
			return 1
		}
		if bo.Uint16(t[e:]) == 0x0112 {
			if v := int(bo.Uint16(t[e+8:])); v >= 1 && v <= 8 {
				return v
			}
			return 1
		}
	}
	return 1
}

// orientRGBA turns an image stored with EXIF orientation o upright.
func orientRGBA(src *image.RGBA, o int) *image.RGBA {
	if o <= 1 || o > 8 {
		return src
	}
	w, h := src.Rect.Dx(), src.Rect.Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := range dh {
		for x := range dw {
			var sx, sy int
			switch o {
			case 2:
				sx, sy = w-1-x, y
			case 3:
				sx, sy = w-1-x, h-1-y
			case 4:
				sx, sy = x, h-1-y
			case 5:
				sx, sy = y, x
			case 6:
				sx, sy = y, h-1-x
			case 7:
				sx, sy = w-1-y, h-1-x
			case 8:
				sx, sy = w-1-y, x
			}
			s := src.PixOffset(src.Rect.Min.X+sx, src.Rect.Min.Y+sy)
			d := dst.PixOffset(x, y)
			copy(dst.Pix[d:d+4], src.Pix[s:s+4])
		}
	}
	return dst
}

// place draws a prepared picture with its caption, as wide as the page at
// most and never blown up beyond pictureDPI, at most maxPictureH high. When
// the rest of the page holds at least minPictureShare of it, the picture is
// made smaller to fit there rather than leave half a page blank.
func (a *archiver) place(p picture, caption string) {
	d, f := a.d, a.d.f
	w := min(d.width, float64(p.w)*25.4/pictureDPI)
	h := w * float64(p.h) / float64(p.w)
	if h > maxPictureH {
		h, w = maxPictureH, maxPictureH*float64(p.w)/float64(p.h)
	}
	_, ph := f.GetPageSize()
	captionH := d.lineHeight(smallSize) + 1
	if left := ph - marginBottom - f.GetY() - captionH - 4; left < h && left >= h*minPictureShare {
		h, w = left, left*float64(p.w)/float64(p.h)
	}
	d.room(h + captionH + 4)
	d.gap(1)
	d.small(caption)
	y := f.GetY() + 0.5
	f.ImageOptions(p.name, marginLeft, y, w, h, false, gofpdf.ImageOptions{}, 0, "")
	f.SetDrawColor(200, 200, 200)
	f.SetLineWidth(0.2)
	f.Rect(marginLeft, y, w, h, "D")
	f.SetDrawColor(0, 0, 0)
	f.SetXY(marginLeft, y+h+3)
}

// band writes a bold line on a grey band: the head of one message.
func (a *archiver) band(s string) {
	d, f := a.d, a.d.f
	f.SetFont(fontFamily, "", bodySize)
	lh := d.lineHeight(bodySize)
	lines := wrapText(s, d.width-4, runeWidth(f))
	h := float64(len(lines))*lh + 1
	d.gap(3)
	d.room(h + 3*lh)
	y := f.GetY()
	f.SetFillColor(238, 238, 238)
	f.Rect(marginLeft, y, d.width, h, "F")
	f.SetFillColor(255, 255, 255)
	d.bold(func() {
		for i, l := range lines {
			f.SetXY(marginLeft+2, y+0.5+float64(i)*lh)
			f.CellFormat(d.width-4, lh, l, "", 0, "L", false, 0, "")
		}
	})
	f.SetXY(marginLeft, y+h+1.5)
}

// part starts a part of a case with a heading and an outline entry, on a
// new page unless keep millimetres of what follows fit under it.
func (a *archiver) part(title string, keep float64) {
	a.d.room(2 + a.d.lineHeight(12) + keep)
	a.d.heading(title)
	// The heading ends on the page its text is on; point the outline at it.
	a.d.f.Bookmark(title, a.partLevel, a.d.f.GetY()-a.d.lineHeight(12))
}

// What a part's heading keeps with it: two lines of fields, or a table's
// header and first row, or a message's head.
var (
	keepLines = 2 * 5.8
	keepTable = 4 * 5.3
	keepMail  = 25.0
)

// humanSize writes a byte count as 312 B, 48 KB or 3.2 MB.
func humanSize(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d B", n)
	case n < 1024*1024:
		return fmt.Sprintf("%d KB", (n+512)/1024)
	default:
		return fmt.Sprintf("%.1f MB", float64(n)/(1024*1024))
	}
}
