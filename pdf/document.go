package pdf

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"image"
	"image/draw"
	_ "image/jpeg" // image sizes of JPEG logos, seals and attachments
	"image/png"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"casebook/data"
)

// ErrNoAgency refuses a document without the agency's name (data.ErrNoAgency).
var ErrNoAgency = data.ErrNoAgency

// Options are what every document shares.
type Options struct {
	Settings data.Settings // the agency profile, category names
	Logo     []byte        // PNG or JPEG, nil for none
	Seal     []byte        // PNG (transparent) or JPEG, printed over the agency's signature
	Lang     string        // zh-Hans, zh-Hant or en
	Loc      *time.Location
	Now      time.Time // the date printed on the document and its creation date
	By       string    // who prints it
	// AuditHead is the audit chain's head (its first 16 hex digits are
	// printed in the footer, so a copy anchors the chain); "" prints none.
	AuditHead string

	fullFont bool // the document may hold Hangul: read the whole font (see addFont)
}

// Page geometry, in millimetres (A4).
const (
	marginLeft   = 20.0
	marginRight  = 20.0
	marginTop    = 14.0
	marginBottom = 20.0
	bodySize     = 10.5 // points
	smallSize    = 8.5
	lineFactor   = 1.55 // line height as a multiple of the font size
)

// doc is a document being written: gofpdf with the letterhead, the footer
// and line breaking Casebook needs.
type doc struct {
	f     *gofpdf.Fpdf
	opt   Options
	t     *texts
	width float64 // printable width
	ag    data.Agency
	logo  string // registered image names, "" when absent
	seal  string
	seq   int // for naming images
}

// newDoc starts a document in opt.Lang with the letterhead on every page.
func newDoc(opt Options, title string) (*doc, error) {
	t, err := catalog(opt.Lang)
	if err != nil {
		return nil, err
	}
	if opt.Loc == nil {
		opt.Loc = time.Local
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	opt.Now = opt.Now.In(opt.Loc)
	ag := opt.Settings.Agency
	if strings.TrimSpace(ag.Name) == "" {
		return nil, ErrNoAgency
	}
	f := gofpdf.New("P", "mm", "A4", "")
	f.AliasNbPages("{nb}") // before the font: gofpdf reserves glyph slots for it
	addFont(f, opt.fullFont)
	f.SetMargins(marginLeft, marginTop, marginRight)
	f.SetAutoPageBreak(true, marginBottom)
	f.SetCreationDate(opt.Now)
	f.SetModificationDate(opt.Now)
	f.SetCompression(true)
	f.SetTitle(title, true)
	f.SetAuthor(ag.Name, true)
	f.SetCreator("Casebook", true)
	f.SetProducer("Casebook (gofpdf)", true)
	pw, _ := f.GetPageSize()
	d := &doc{f: f, opt: opt, t: t, width: pw - marginLeft - marginRight, ag: ag}
	if d.logo, err = d.register(opt.Logo); err != nil {
		return nil, fmt.Errorf("agency logo: %w: %w", data.ErrAgencyImage, err)
	}
	if d.seal, err = d.register(opt.Seal); err != nil {
		return nil, fmt.Errorf("agency seal: %w: %w", data.ErrAgencyImage, err)
	}
	f.SetHeaderFunc(d.letterhead)
	f.SetFooterFunc(d.footer)
	f.SetFont(fontFamily, "", bodySize)
	f.AddPage()
	return d, d.err()
}

func (d *doc) err() error { return d.f.Error() }

// output finishes the document.
func (d *doc) output(w io.Writer) error {
	var buf bytes.Buffer
	if err := d.f.Output(&buf); err != nil {
		return fmt.Errorf("write PDF: %w", err)
	}
	tagSubset(buf.Bytes())
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write PDF: %w", err)
	}
	return nil
}

// tagSubset gives the embedded font, in place, the name a subset must have
// (PDF 32000 §9.6.4: six capital letters and "+", then the font's name),
// which gofpdf leaves off although it embeds only the glyphs used. The new
// name has the same length as gofpdf's, so no byte offset in the file moves;
// the tag comes from a hash of the file, so output stays reproducible.
func tagSubset(pdf []byte) {
	old := []byte("/utf8" + fontFamily)
	sum := sha256.Sum256(pdf[:min(len(pdf), 1<<16)])
	name := []byte("/AAAAAA+MicroHei")
	for i := range 6 {
		name[1+i] = 'A' + sum[i]%26
	}
	if len(name) != len(old) {
		panic("pdf: subset font name must keep gofpdf's length")
	}
	for at := 0; ; {
		i := bytes.Index(pdf[at:], old)
		if i < 0 {
			return
		}
		copy(pdf[at+i:], name)
		at += i + len(name)
	}
}

func (d *doc) bytes() ([]byte, error) {
	var buf bytes.Buffer
	if err := d.output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ErrBadImage marks an image gofpdf cannot place (not PNG or JPEG, or broken).
var ErrBadImage = errors.New("not a PNG or JPEG image")

// register adds an image to the document once and returns its name. A PNG
// is always written anew by Go's encoder first: gofpdf's own PNG reader
// panics or misreads on unusual chunks, 16-bit samples and interlacing.
func (d *doc) register(b []byte) (name string, err error) {
	if len(b) == 0 {
		return "", nil
	}
	if err := d.f.Error(); err != nil {
		return "", err // an earlier failure is not this image's
	}
	var tp string
	switch http.DetectContentType(b) {
	case "image/png":
		tp = "PNG"
		if b, err = reencodePNG(b); err != nil {
			return "", err
		}
	case "image/jpeg":
		tp = "JPG"
	default:
		return "", ErrBadImage
	}
	if _, _, err := image.DecodeConfig(bytes.NewReader(b)); err != nil {
		return "", fmt.Errorf("%w: %v", ErrBadImage, err)
	}
	d.seq++
	name = fmt.Sprintf("img%d", d.seq)
	defer func() {
		if r := recover(); r != nil {
			name, err = "", fmt.Errorf("%w: %v", ErrBadImage, r)
		}
	}()
	d.f.RegisterImageOptionsReader(name, gofpdf.ImageOptions{ImageType: tp}, bytes.NewReader(b))
	if err := d.f.Error(); err != nil {
		// gofpdf's error is sticky; an unusable image must not spoil the document.
		d.f.ClearError()
		return "", fmt.Errorf("%w: %v", ErrBadImage, err)
	}
	return name, nil
}

// reencodePNG decodes a PNG completely and writes it again as 8-bit,
// non-interlaced PNG with standard chunks only.
func reencodePNG(b []byte) ([]byte, error) {
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadImage, err)
	}
	bounds := img.Bounds()
	if bounds.Dx()*bounds.Dy() > maxPicturePixels {
		return nil, fmt.Errorf("%w: %d×%d pixels", ErrBadImage, bounds.Dx(), bounds.Dy())
	}
	var eightBit image.Image = img
	switch img.(type) {
	case *image.NRGBA, *image.RGBA, *image.Gray, *image.Paletted:
	default: // 16-bit, or a colour model gofpdf cannot place
		dst := image.NewNRGBA(bounds)
		draw.Draw(dst, bounds, img, bounds.Min, draw.Src)
		eightBit = dst
	}
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, eightBit); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadImage, err)
	}
	return buf.Bytes(), nil
}

// PrepareAgencyImage makes a logo or seal ready to store: a PNG or JPEG of at
// most 1,000 pixels on its long side, so every letter stays quick to print.
func PrepareAgencyImage(b []byte) ([]byte, error) {
	out, _, _, err := preparePicture(b, 1000)
	if err != nil {
		return nil, err
	}
	if http.DetectContentType(out) == "image/png" {
		return reencodePNG(out)
	}
	if _, _, err := image.Decode(bytes.NewReader(out)); err != nil { // a JPEG, read to its end
		return nil, fmt.Errorf("%w: %v", ErrBadImage, err)
	}
	return out, nil
}

// letterhead draws the agency's logo, name and contacts at the top of a page.
func (d *doc) letterhead() {
	f := d.f
	top := marginTop - 4
	x := marginLeft
	if d.logo != "" {
		info := f.GetImageInfo(d.logo)
		h := 15.0
		w := h * info.Width() / info.Height()
		if w > 40 {
			w, h = 40, 40*info.Height()/info.Width()
		}
		f.ImageOptions(d.logo, x, top, w, h, false, gofpdf.ImageOptions{}, 0, "")
		x += w + 4
	}
	f.SetXY(x, top)
	d.bold(func() {
		f.SetFont(fontFamily, "", 14)
		f.CellFormat(0, 7, d.ag.Name, "", 2, "L", false, 0, "")
	})
	f.SetFont(fontFamily, "", smallSize-0.5)
	f.SetTextColor(80, 80, 80)
	contacts := joinNonEmpty("  ·  ",
		labelled(d.t.get("head.phone"), d.ag.Phone),
		labelled(d.t.get("head.email"), d.ag.Email))
	reg := joinNonEmpty("  ·  ",
		labelled(d.t.get("head.license"), d.ag.License),
		labelled(d.t.get("head.complaint_phone"), d.ag.ComplaintPhone))
	for _, s := range []string{d.ag.Address, contacts, reg} {
		if s == "" {
			continue
		}
		f.SetX(x)
		lines := wrapText(s, d.width-(x-marginLeft), runeWidth(f))
		for _, l := range lines {
			f.SetX(x)
			f.CellFormat(0, 4, l, "", 2, "L", false, 0, "")
		}
	}
	f.SetTextColor(0, 0, 0)
	y := max(f.GetY(), top+15) + 2
	f.SetDrawColor(150, 30, 30)
	f.SetLineWidth(0.6)
	f.Line(marginLeft, y, marginLeft+d.width, y)
	f.SetLineWidth(0.2)
	f.Line(marginLeft, y+1, marginLeft+d.width, y+1)
	f.SetDrawColor(0, 0, 0)
	f.SetXY(marginLeft, y+5)
	f.SetFont(fontFamily, "", bodySize)
}

// footer prints the agency and "page x / y" at the bottom of a page.
func (d *doc) footer() {
	f := d.f
	_, ph := f.GetPageSize()
	y := ph - marginBottom + 6
	f.SetDrawColor(180, 180, 180)
	f.SetLineWidth(0.2)
	f.Line(marginLeft, y-1.5, marginLeft+d.width, y-1.5)
	f.SetDrawColor(0, 0, 0)
	f.SetFont(fontFamily, "", smallSize-0.5)
	f.SetTextColor(90, 90, 90)
	f.SetXY(marginLeft, y)
	left := joinNonEmpty("  ·  ", d.ag.Name, labelled(d.t.get("head.complaint_phone"), d.ag.ComplaintPhone))
	if d.opt.AuditHead != "" {
		left = joinNonEmpty("  ·  ", left, d.t.fill("archive.audit_head", "head", data.Head16(d.opt.AuditHead)))
	}
	page := d.t.fill("page", "page", fmt.Sprint(f.PageNo()), "pages", "{nb}")
	f.CellFormat(d.width*0.7, 5, left, "", 0, "L", false, 0, "")
	f.CellFormat(d.width*0.3, 5, page, "", 0, "R", false, 0, "")
	f.SetTextColor(0, 0, 0)
	f.SetFont(fontFamily, "", bodySize)
}

// bold draws what fn writes as bold: filled and stroked outlines.
func (d *doc) bold(fn func()) {
	lw := d.f.GetLineWidth()
	d.f.SetLineWidth(0.18)
	d.f.SetTextRenderingMode(2)
	fn()
	d.f.SetTextRenderingMode(0)
	d.f.SetLineWidth(lw)
}

func (d *doc) lineHeight(sizePt float64) float64 { return sizePt * lineFactor * 25.4 / 72 }

// room starts a new page unless h millimetres are left on this one.
func (d *doc) room(h float64) {
	_, ph := d.f.GetPageSize()
	if d.f.GetY()+h > ph-marginBottom {
		d.f.AddPage()
	}
}

// title writes the document's title, centred and bold.
func (d *doc) title(s string) {
	f := d.f
	f.Ln(2)
	d.bold(func() {
		f.SetFont(fontFamily, "", 17)
		for _, l := range wrapText(s, d.width, runeWidth(f)) {
			f.CellFormat(d.width, 10, l, "", 1, "C", false, 0, "")
		}
	})
	f.SetFont(fontFamily, "", bodySize)
	f.Ln(3)
}

// heading writes a section heading, kept with at least two lines after it.
func (d *doc) heading(s string) {
	f := d.f
	f.Ln(2)
	d.room(d.lineHeight(12) + 2*d.lineHeight(bodySize))
	d.bold(func() {
		f.SetFont(fontFamily, "", 12)
		for _, l := range wrapText(s, d.width, runeWidth(f)) {
			f.CellFormat(d.width, d.lineHeight(12), l, "", 1, "L", false, 0, "")
		}
	})
	f.SetFont(fontFamily, "", bodySize)
}

// para writes wrapped text at the body size; blank lines separate paragraphs.
func (d *doc) para(s string) { d.textAt(s, bodySize, 0, "L") }

// small writes wrapped text in the small size, grey.
func (d *doc) small(s string) {
	d.f.SetTextColor(70, 70, 70)
	d.textAt(s, smallSize, 0, "L")
	d.f.SetTextColor(0, 0, 0)
}

// indented writes a wrapped paragraph indented from the left margin.
func (d *doc) indented(s string, indent float64) { d.textAt(s, bodySize, indent, "L") }

func (d *doc) textAt(s string, size, indent float64, align string) {
	f := d.f
	f.SetFont(fontFamily, "", size)
	lh := d.lineHeight(size)
	for _, l := range wrapText(s, d.width-indent, runeWidth(f)) {
		d.room(lh)
		f.SetX(marginLeft + indent)
		f.CellFormat(d.width-indent, lh, l, "", 1, align, false, 0, "")
	}
	f.SetFont(fontFamily, "", bodySize)
}

// gap leaves vertical space.
func (d *doc) gap(mm float64) { d.f.Ln(mm) }

// field is one label and value of a fields block.
type field struct{ label, value string }

// fields writes label–value pairs in two columns; long values wrap in their
// column. Pairs with an empty value are left out.
func (d *doc) fields(fs []field) {
	f := d.f
	f.SetFont(fontFamily, "", bodySize)
	measure := runeWidth(f)
	labelW := 0.0
	for _, fl := range fs {
		w := 0.0
		for _, r := range fl.label {
			w += measure(r)
		}
		labelW = max(labelW, w)
	}
	// At least a fixed share, so consecutive blocks line up.
	labelW = min(max(labelW+4, d.width*0.2), d.width*0.35)
	lh := d.lineHeight(bodySize)
	for _, fl := range fs {
		if strings.TrimSpace(fl.value) == "" {
			continue
		}
		labels := wrapText(fl.label, labelW-2, measure)
		values := wrapText(fl.value, d.width-labelW, measure)
		for i := 0; i < max(len(labels), len(values)); i++ {
			d.room(lh)
			f.SetX(marginLeft)
			f.SetTextColor(70, 70, 70)
			f.CellFormat(labelW, lh, at(labels, i), "", 0, "L", false, 0, "")
			f.SetTextColor(0, 0, 0)
			f.CellFormat(d.width-labelW, lh, at(values, i), "", 1, "L", false, 0, "")
		}
	}
}

// column is one column of a table: its heading, its share of the width, its alignment.
type column struct {
	head  string
	share float64 // fraction of the printable width
	align string  // "L", "R" or "C"
}

// table writes rows under a header, with ruled lines; cells wrap and the
// header repeats after a page break.
func (d *doc) table(cols []column, rows [][]string) {
	f := d.f
	f.SetFont(fontFamily, "", bodySize-1)
	measure := runeWidth(f)
	lh := d.lineHeight(bodySize - 1)
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = c.share * d.width
	}
	heads := make([]string, len(cols))
	for i, c := range cols {
		heads[i] = c.head
	}
	var drawRow func(cells []string, header bool)
	drawRow = func(cells []string, header bool) {
		wrapped := make([][]string, len(cols))
		n := 1
		for i := range cols {
			wrapped[i] = wrapText(at(cells, i), widths[i]-2, measure)
			n = max(n, len(wrapped[i]))
		}
		h := float64(n)*lh + 1
		_, ph := f.GetPageSize()
		if !header && f.GetY()+h > ph-marginBottom {
			f.AddPage() // the header goes again on top of the new page
			f.SetFont(fontFamily, "", bodySize-1)
			d.bold(func() { drawRow(heads, true) })
		}
		y := f.GetY()
		if header {
			f.SetFillColor(235, 235, 235)
			f.Rect(marginLeft, y, d.width, h, "F")
		}
		x := marginLeft
		for i, c := range cols {
			for j, l := range wrapped[i] {
				f.SetXY(x+1, y+0.5+float64(j)*lh)
				f.CellFormat(widths[i]-2, lh, l, "", 0, c.align, false, 0, "")
			}
			x += widths[i]
		}
		f.SetDrawColor(190, 190, 190)
		f.Line(marginLeft, y+h, marginLeft+d.width, y+h)
		f.SetDrawColor(0, 0, 0)
		f.SetXY(marginLeft, y+h)
	}
	d.room(3 * lh)
	d.bold(func() { drawRow(heads, true) })
	for _, r := range rows {
		drawRow(r, false)
	}
	f.SetFont(fontFamily, "", bodySize)
}

// signer is one side of a signature block.
type signer struct {
	party string // "Customer", "Agency (seal)"
	name  string // printed under the line, may be empty
	date  string // printed on the date line, may be empty (to be written by hand)
	seal  bool   // put the agency's seal over this signature
}

// signatureHeight is the height signatures takes, with the space above it.
const signatureHeight = 4 + 42.0

// textHeight is how tall s is when written by para.
func (d *doc) textHeight(s string) float64 {
	d.f.SetFont(fontFamily, "", bodySize)
	return float64(len(wrapText(s, d.width, runeWidth(d.f)))) * d.lineHeight(bodySize)
}

// signatures draws signature and date lines side by side, with the seal over
// the agency's; the whole block stays on one page.
func (d *doc) signatures(ss ...signer) {
	f := d.f
	const blockH = signatureHeight - 4
	d.gap(4)
	d.room(blockH)
	y := f.GetY()
	// Side by side across the page; a lone signer (the agency) sits on the
	// right half, where a letter is signed and sealed.
	x0, colW := marginLeft, d.width/float64(len(ss))
	if len(ss) == 1 {
		x0, colW = marginLeft+d.width/2, d.width/2
	}
	lh := d.lineHeight(bodySize)
	for i, s := range ss {
		x := x0 + float64(i)*colW
		lineX, lineW := x, colW-10
		f.SetXY(x, y)
		d.bold(func() { f.CellFormat(colW-10, lh, s.party, "", 0, "L", false, 0, "") })
		// The signature line, then the printed name, then the date line.
		sigY := y + 16
		f.SetDrawColor(0, 0, 0)
		f.SetLineWidth(0.3)
		f.Line(lineX, sigY, lineX+lineW, sigY)
		f.SetXY(x, sigY+0.5)
		f.SetFont(fontFamily, "", smallSize)
		f.CellFormat(lineW, 4.5, d.t.get("sign.signature")+(prefixed("  ", s.name)), "", 0, "L", false, 0, "")
		dateY := sigY + 14
		f.Line(lineX, dateY, lineX+lineW, dateY)
		f.SetXY(x, dateY+0.5)
		f.CellFormat(lineW, 4.5, d.t.get("sign.date")+prefixed("  ", s.date), "", 0, "L", false, 0, "")
		f.SetFont(fontFamily, "", bodySize)
		if s.seal && d.seal != "" {
			// A round company seal is about 40 mm across; it covers the signature, as on paper.
			const size = 36.0
			info := f.GetImageInfo(d.seal)
			w, h := size, size*info.Height()/info.Width()
			if h > size {
				w, h = size*info.Width()/info.Height(), size
			}
			f.SetAlpha(0.85, "Multiply")
			f.ImageOptions(d.seal, lineX+lineW/2-w/2, sigY-h/2-2, w, h, false, gofpdf.ImageOptions{}, 0, "")
			f.SetAlpha(1, "Normal")
		}
	}
	f.SetXY(marginLeft, y+blockH)
}

// image places a picture scaled to fit maxW × maxH, on a new page if needed.
func (d *doc) image(b []byte, maxW, maxH float64) error {
	name, err := d.register(b)
	if err != nil {
		return err
	}
	info := d.f.GetImageInfo(name)
	w, h := maxW, maxW*info.Height()/info.Width()
	if h > maxH {
		w, h = maxH*info.Width()/info.Height(), maxH
	}
	d.room(h + 2)
	y := d.f.GetY()
	d.f.ImageOptions(name, marginLeft, y, w, h, false, gofpdf.ImageOptions{}, 0, "")
	d.f.SetXY(marginLeft, y+h+2)
	return nil
}

func at(ss []string, i int) string {
	if i < len(ss) {
		return ss[i]
	}
	return ""
}

func labelled(label, v string) string {
	if strings.TrimSpace(v) == "" {
		return ""
	}
	return label + v
}

func prefixed(p, v string) string {
	if v == "" {
		return ""
	}
	return p + v
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
