package pdf

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"io"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"

	"casebook/data"
)

// Printing must survive what customers and mail bring: characters beyond the
// Basic Multilingual Plane (gofpdf panics on them) and PNG files gofpdf's own
// reader cannot take.

const outsideBMP = "😀𠮷𪚥"

func TestEmojiAndRareCharactersPrint(t *testing.T) {
	c := sampleCase(t, "zh-Hans", data.StatusClosed)
	c.Customer.Name = "吉田" + outsideBMP
	c.Subject = "行程问题 😀 " + c.Subject
	c.Description += "（客户原话：太失望了😡）"
	opt := testOptions(t, "zh-Hans")
	opt.Settings.Agency.Name += "🌏"
	before := c.Subject

	doc, err := Letter(c, data.LetterAck, opt)
	if err != nil {
		t.Fatal(err)
	}
	if c.Subject != before {
		t.Error("printing changed the caller's case")
	}
	text := squeeze(pdfText(t, doc))
	for _, want := range []string{"吉田\ufffd\ufffd\ufffd", "行程问题\ufffd", "太失望了\ufffd）", c.Number} {
		if !strings.Contains(text, squeeze(want)) {
			t.Errorf("letter lacks %q", want)
		}
	}
	checkFontsEmbedded(t, doc)

	src := newArchiveSource()
	att := src.put("照片😀.png", "image/png", archivePNG(t, 60, 40))
	src.msgs[c.ID] = []data.Message{{ID: 1, CaseID: c.ID, Direction: data.DirectionIn, From: "吉田 <y@example.com>",
		Subject: "补充 🙏", Text: "谢谢🙏，照片见附件。", Status: data.MessageReceived, Attachments: []data.Attachment{att}}}
	arch, err := CaseArchive(context.Background(), c, src, opt)
	if err != nil {
		t.Fatal(err)
	}
	at := squeeze(pdfText(t, arch))
	for _, want := range []string{"谢谢\ufffd，照片见附件。", "照片\ufffd.png", "补充\ufffd"} {
		if !strings.Contains(at, want) {
			t.Errorf("archive lacks %q", want)
		}
	}
	var buf bytes.Buffer
	if err := BulkArchive(context.Background(), &buf, []data.Case{c}, c.ClosedAt, c.ClosedAt, src, opt, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(squeeze(pdfText(t, buf.Bytes())), "吉田\ufffd\ufffd\ufffd") {
		t.Error("bulk archive lacks the customer")
	}
}

// pngChunk is one PNG chunk with its CRC.
func pngChunk(typ string, body []byte) []byte {
	var b bytes.Buffer
	binary.Write(&b, binary.BigEndian, uint32(len(body)))
	b.WriteString(typ)
	b.Write(body)
	h := crc32.NewIEEE()
	h.Write([]byte(typ))
	h.Write(body)
	binary.Write(&b, binary.BigEndian, h.Sum32())
	return b.Bytes()
}

// withChunkBeforeIDAT inserts a chunk into a valid PNG before its image data.
func withChunkBeforeIDAT(p []byte, chunk []byte) []byte {
	i := bytes.Index(p, []byte("IDAT")) - 4
	return append(append(append([]byte{}, p[:i]...), chunk...), p[i:]...)
}

// awkwardPNGs are files that made gofpdf panic or fail, or that Go reads but
// gofpdf does not.
func awkwardPNGs(t testing.TB) map[string][]byte {
	gray := func(extra []byte) []byte {
		ihdr := make([]byte, 13)
		binary.BigEndian.PutUint32(ihdr[0:], 50)
		binary.BigEndian.PutUint32(ihdr[4:], 50)
		ihdr[8], ihdr[9] = 8, 0
		var b bytes.Buffer
		b.WriteString("\x89PNG\r\n\x1a\n")
		b.Write(pngChunk("IHDR", ihdr))
		b.Write(extra)
		b.Write(pngChunk("IEND", nil))
		return b.Bytes()
	}
	deep := image.NewNRGBA64(image.Rect(0, 0, 30, 30))
	for i := range 30 {
		deep.Set(i, i, color.NRGBA64{R: 0xffff, A: 0x8000})
	}
	good := archivePNG(t, 40, 40)
	return map[string][]byte{
		"empty tRNS":         gray(pngChunk("tRNS", nil)),
		"short image data":   gray(pngChunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})),
		"empty pHYs":         withChunkBeforeIDAT(good, pngChunk("pHYs", nil)),
		"16-bit with alpha":  encodePNG(t, deep),
		"signature only":     []byte("\x89PNG\r\n\x1a\n"),
		"truncated half-way": good[:len(good)/2],
	}
}

func TestAwkwardPNGsNeverCrash(t *testing.T) {
	c := sampleCase(t, "zh-Hans", data.StatusAcknowledged)
	for name, b := range awkwardPNGs(t) {
		t.Run(name, func(t *testing.T) {
			// As logo and seal: either the letter prints, or it is refused with ErrBadImage.
			opt := testOptions(t, "zh-Hans")
			opt.Logo, opt.Seal = b, b
			doc, err := Letter(c, data.LetterAck, opt)
			switch {
			case err == nil:
				checkPagesInked(t, doc)
			case !errors.Is(err, ErrBadImage):
				t.Fatalf("letter: %v", err)
			}
			// As a mail attachment: listed as damaged or shown, never a failed archive.
			src := newArchiveSource()
			att := src.put("scan.png", "image/png", b)
			src.msgs[c.ID] = []data.Message{{ID: 1, CaseID: c.ID, Direction: data.DirectionIn, Subject: "scan",
				Text: "见附件", Status: data.MessageReceived, Attachments: []data.Attachment{att}}}
			arch, err := CaseArchive(context.Background(), c, src, testOptions(t, "zh-Hans"))
			if err != nil {
				t.Fatalf("archive: %v", err)
			}
			if !strings.Contains(pdfText(t, arch), "scan.png") {
				t.Error("the attachment is not listed")
			}
		})
	}
	// Agency images are prepared once when stored: readable ones come out as plain files.
	for name, b := range awkwardPNGs(t) {
		out, err := PrepareAgencyImage(b)
		if err != nil {
			continue
		}
		if _, err := png.Decode(bytes.NewReader(out)); err != nil {
			t.Errorf("%s: prepared image does not decode: %v", name, err)
		}
	}
}

func TestLargeLogoIsScaledWhenStored(t *testing.T) {
	out, err := PrepareAgencyImage(archivePNG(t, 3000, 1500))
	if err != nil {
		t.Fatal(err)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(out))
	if err != nil || cfg.Width != 1000 || cfg.Height != 500 {
		t.Errorf("prepared logo %dx%d, %v", cfg.Width, cfg.Height, err)
	}
}

func FuzzRegisterImage(f *testing.F) {
	for _, b := range awkwardPNGs(f) {
		f.Add(b)
	}
	f.Add(archiveJPEG(f, 20, 20, 80))
	// One document for every input: parsing the font per input would make
	// the fuzzer crawl.
	d, err := newDoc(Options{Settings: testSettings(), Lang: "en", Now: printedAt}, "fuzz")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		d.register(b) // must not panic; an error is fine
		if err := d.err(); err != nil {
			t.Fatalf("the document broke after registering an image: %v", err)
		}
		PrepareAgencyImage(b)
	})
}

// A bulk archive stops embedding pictures when its budget is spent, and says so.
func TestBulkArchivePictureBudget(t *testing.T) {
	saved := bulkPictureBudget
	t.Cleanup(func() { bulkPictureBudget = saved })
	src := newArchiveSource()
	var cases []data.Case
	for i := range 3 {
		c := sampleCase(t, "zh-Hans", data.StatusClosed)
		c.ID, c.Number = uint64(100+i), fmt.Sprintf("A-2026-%04d", 100+i)
		att := src.put(fmt.Sprintf("photo-%d.png", i), "image/png", archivePNG(t, 300+i, 200))
		src.msgs[c.ID] = []data.Message{{ID: uint64(i + 1), CaseID: c.ID, Direction: data.DirectionIn, Subject: "photo",
			Text: "见附件", Status: data.MessageReceived, Attachments: []data.Attachment{att}}}
		cases = append(cases, c)
	}
	one, _, _, err := preparePicture(archivePNG(t, 300, 200), bulkPictureSide)
	if err != nil {
		t.Fatal(err)
	}
	bulkPictureBudget = int64(len(one)) * 3 / 2 // room for one picture, not two
	var buf bytes.Buffer
	if err := BulkArchive(context.Background(), &buf, cases, cases[0].ClosedAt, cases[0].ClosedAt, src, testOptions(t, "zh-Hans"), nil); err != nil {
		t.Fatal(err)
	}
	text := squeeze(pdfText(t, buf.Bytes()))
	if n := strings.Count(text, squeeze("图片过多，本汇编未收录")); n != 2 {
		t.Errorf("%d pictures left out, want 2", n)
	}
}

// Letters use the quicker font without Hangul syllables unless the case has
// some: then the whole font, and the Korean comes out.
func TestHangulChoosesTheFullFont(t *testing.T) {
	c := sampleCase(t, "zh-Hans", data.StatusAcknowledged)
	if needsFullFont(c) {
		t.Fatal("the Chinese sample asks for the full font")
	}
	c.Description += " 酒店名称：서울 호텔"
	if !needsFullFont(c) {
		t.Fatal("Hangul not noticed")
	}
	doc, err := Letter(c, data.LetterAck, testOptions(t, "zh-Hans"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(pdfText(t, doc), "서울 호텔") {
		t.Error("the Hangul is missing from the letter")
	}
	// Text extraction reads the ToUnicode map, not the glyphs: look into the
	// embedded font itself for the syllable's outline.
	font := embeddedFont(t, doc)
	var sb sfnt.Buffer
	for _, r := range "서울호텔" {
		gi, err := font.GlyphIndex(&sb, r)
		if err != nil || gi == 0 {
			t.Fatalf("the embedded font has no glyph for %q (%v)", r, err)
		}
		segs, err := font.LoadGlyph(&sb, gi, 1000, nil)
		if err != nil || len(segs) == 0 {
			t.Errorf("the glyph for %q is empty (%v)", r, err)
		}
	}
	// The letters' own words never need it.
	for _, lang := range data.Languages {
		tx, err := catalog(lang)
		if err != nil {
			t.Fatal(err)
		}
		if needsFullFont(tx.m) {
			t.Errorf("the %s letter catalogue has Hangul", lang)
		}
	}
}

// embeddedFont returns the TrueType font embedded in a PDF (its FontFile2 stream).
func embeddedFont(t *testing.T, doc []byte) *sfnt.Font {
	t.Helper()
	m := regexp.MustCompile(`/FontFile2 (\d+) 0 R`).FindSubmatch(doc)
	if m == nil {
		t.Fatal("no embedded TrueType font")
	}
	obj := bytes.Index(doc, []byte("\n"+string(m[1])+" 0 obj"))
	start := bytes.Index(doc[obj:], []byte("stream\n"))
	end := bytes.Index(doc[obj:], []byte("endstream"))
	if obj < 0 || start < 0 || end < start {
		t.Fatal("font stream not found")
	}
	zr, err := zlib.NewReader(bytes.NewReader(doc[obj+start+len("stream\n") : obj+end]))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	f, err := sfnt.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return f
}
