package pdf

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"casebook/data"
	"casebook/data/present"
)

// archiveSource is a Source in memory: messages by case, blobs by SHA-256.
type archiveSource struct {
	mu    sync.Mutex
	msgs  map[uint64][]data.Message
	blobs map[string][]byte
	// gen, when set, makes the messages of a case not in msgs.
	gen func(c uint64) []data.Message
	// onMessages runs at every CaseMessages call.
	onMessages func(caseID uint64)
}

func newArchiveSource() *archiveSource {
	return &archiveSource{msgs: map[uint64][]data.Message{}, blobs: map[string][]byte{}}
}

func (s *archiveSource) CaseMessages(ctx context.Context, caseID uint64) ([]data.Message, error) {
	if s.onMessages != nil {
		s.onMessages(caseID)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if m, ok := s.msgs[caseID]; ok {
		return slices.Clone(m), nil
	}
	if s.gen != nil {
		return s.gen(caseID), nil
	}
	return nil, nil
}

func (s *archiveSource) Blob(ctx context.Context, sha string) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.blobs[sha]
	if !ok {
		return nil, fmt.Errorf("blob %s: %w", sha, data.ErrNotFound)
	}
	return b, nil
}

// put stores b and returns its attachment record.
func (s *archiveSource) put(name, contentType string, b []byte) data.Attachment {
	sum := sha256.Sum256(b)
	sha := hex.EncodeToString(sum[:])
	s.mu.Lock()
	s.blobs[sha] = b
	s.mu.Unlock()
	return data.Attachment{Name: name, ContentType: contentType, Size: int64(len(b)), SHA256: sha}
}

// archiveMail are the words of the sample case's e-mail in one language.
type archiveMail struct {
	in1, out1, out2, in2 string
	tempErr, permErr     string
	extraNote            string
	pictureName, photo   string
	contract, broken     string
}

var archiveMails = map[string]archiveMail{
	"zh-Hans": {
		in1:         "您好，我是张晓明。附件是玉石店的购物小票和现场照片，请查收。导游当时说不买东西就不安排返程车辆，我们全团都很气愤，希望贵社认真处理。",
		out1:        "张晓明先生您好：您的投诉我社已经收到，案件编号为 A-20261008-0007，承办人王芳。我们将在三个工作日内答复调查结果，请您耐心等待。",
		out2:        "张晓明先生您好：处理方案已确定，详见附件中的处理方案确认书，请您确认后回复本邮件。",
		in2:         "收到，方案我同意，谢谢你们的处理。",
		tempErr:     "421 4.7.0 服务器繁忙，请稍后再试",
		permErr:     "550 5.1.1 收件人邮箱不存在",
		extraNote:   "客户补充说明：同团另有两位游客愿意作证，已留下联系方式。",
		pictureName: "购物小票.png", photo: "现场照片.jpg", contract: "旅游合同.pdf", broken: "截图（已损坏）.png",
	},
	"zh-Hant": {
		in1:         "您好，我是陳美玲。附件是飯店的照片和收據，請查收。房間狹小且有異味，與合約完全不符。",
		out1:        "陳美玲小姐您好：您的投訴本社已經收到，我們會在三個工作日內答覆調查結果。",
		out2:        "陳美玲小姐您好：處理方案已確定，請見附件，確認後請回覆本郵件。",
		in2:         "收到，我同意這個方案，謝謝。",
		tempErr:     "421 4.7.0 伺服器忙碌，請稍後再試",
		permErr:     "550 5.1.1 收件人信箱不存在",
		extraNote:   "客戶補充說明：同團另有兩位旅客願意作證。",
		pictureName: "收據.png", photo: "飯店房間.jpg", contract: "旅遊合約.pdf", broken: "截圖（已損壞）.png",
	},
	"en": {
		in1:         "Hello, this is Emily Carter. Attached are the card statement and a photo of the hotel's no-show receipt. Please refund the duplicate fee.",
		out1:        "Dear Ms Carter, we have received your complaint and will reply with our findings within three working days.",
		out2:        "Dear Ms Carter, our proposed solution is attached. Please confirm by replying to this e-mail.",
		in2:         "Thank you, I accept the solution.",
		tempErr:     "421 4.7.0 Try again later",
		permErr:     "550 5.1.1 Mailbox unavailable",
		extraNote:   "The customer adds that two other travellers saw the duplicate charge.",
		pictureName: "statement.png", photo: "receipt photo.jpg", contract: "contract.pdf", broken: "screenshot (damaged).png",
	},
}

// archivePNG is an opaque w×h picture with stripes.
func archivePNG(t testing.TB, w, h int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{uint8(x * 255 / w), uint8((x / 40 % 2) * 200), uint8(y * 255 / h), 255})
		}
	}
	return encodePNG(t, img)
}

// archiveJPEG is a w×h camera-like picture: a gradient with noise, so it
// compresses no better than a photo.
func archiveJPEG(t testing.TB, w, h, quality int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	seed := uint32(7)
	for y := range h {
		for x := range w {
			seed = seed*1664525 + 1013904223
			n := uint8(seed >> 27)
			img.Pix[img.PixOffset(x, y)+0] = uint8(x*200/w) + n
			img.Pix[img.PixOffset(x, y)+1] = uint8(y*200/h) + n
			img.Pix[img.PixOffset(x, y)+2] = 90 + n
			img.Pix[img.PixOffset(x, y)+3] = 255
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// archiveSample is the closed sample case in lang with its mail, attachments
// and an issued closure letter in src.
func archiveSample(t testing.TB, lang string) (data.Case, *archiveSource, archiveMail) {
	c := sampleCase(t, lang, data.StatusClosed)
	mt := archiveMails[lang]
	if err := c.AddNote("王芳", mt.extraNote, c.ClosedAt.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	src := newArchiveSource()
	at := c.ReceivedAt
	agency := testSettings().Agency
	cust := c.Customer.Name + " <" + c.Customer.Email + ">"
	us := agency.Name + " <" + agency.Email + ">"
	in1 := data.Message{ID: 1, CaseID: c.ID, Direction: data.DirectionIn, From: cust, To: []string{us},
		Subject: c.Subject, Date: at.Add(30 * time.Minute), Text: mt.in1, Status: data.MessageReceived,
		Attachments: []data.Attachment{
			src.put(mt.pictureName, "image/png", archivePNG(t, 800, 600)),
			src.put(mt.photo, "image/jpeg", archiveJPEG(t, 3000, 2000, 92)),
			src.put(mt.contract, "application/pdf", []byte("%PDF-1.4\n% not really a contract\n")),
			src.put(mt.broken, "image/png", []byte("this is not a PNG at all, just text")),
		}}
	out1 := data.Message{ID: 2, CaseID: c.ID, Direction: data.DirectionOut, From: us, To: []string{cust},
		Subject: "Re: " + c.Subject, Date: at.Add(26 * time.Hour), Text: mt.out1, Status: data.MessageSent,
		Attempts: []data.Attempt{{At: at.Add(26 * time.Hour), Error: mt.tempErr}, {At: at.Add(27 * time.Hour)}},
		SentAt:   at.Add(27 * time.Hour)}
	out2 := data.Message{ID: 3, CaseID: c.ID, Direction: data.DirectionOut, From: us, To: []string{"wrong@example.com"},
		Cc: []string{cust}, Subject: "Re: " + c.Subject, Date: at.Add(80 * time.Hour), Text: mt.out2,
		Status: data.MessageFailed, Error: mt.permErr,
		Attempts: []data.Attempt{{At: at.Add(80 * time.Hour), Error: mt.permErr, Permanent: true}}}
	// A photo whose type says nothing, and the first picture sent again.
	in2 := data.Message{ID: 4, CaseID: c.ID, Direction: data.DirectionIn, From: cust, To: []string{us},
		Subject: "Re: " + c.Subject, Date: at.Add(100 * time.Hour), Text: mt.in2, Status: data.MessageReceived,
		Attachments: []data.Attachment{
			src.put("IMG_0001", "application/octet-stream", archiveJPEG(t, 640, 480, 80)),
			in1.Attachments[0],
		}}
	src.msgs[c.ID] = []data.Message{in1, out1, out2, in2}

	opt := testOptions(t, lang)
	letter, err := Letter(c, data.LetterClosure, opt)
	if err != nil {
		t.Fatal(err)
	}
	a := src.put(LetterFileName(data.LetterClosure, lang, c.Number), "application/pdf", letter)
	c.AddLetter(data.Letter{Type: data.LetterClosure, Language: lang, IssuedAt: c.ClosedAt, By: "李建国",
		SHA256: a.SHA256, Size: a.Size, Name: a.Name})
	return c, src, mt
}

// containsSplit reports whether want is in hay whole, or in two pieces in
// order (a page break with its footer and letterhead between them).
func containsSplit(hay, want string) bool {
	if strings.Contains(hay, want) {
		return true
	}
	for k := 1; k < len(want); k++ {
		if i := strings.Index(hay, want[:k]); i >= 0 && strings.Contains(hay[i+k:], want[k:]) {
			return true
		}
	}
	return false
}

func wantArchiveText(t *testing.T, text string, want ...string) {
	t.Helper()
	sq := squeeze(text)
	for _, w := range want {
		if !containsSplit(sq, squeeze(w)) {
			t.Errorf("archive lacks %q", w)
		}
	}
}

var rawArchiveKey = regexp.MustCompile(`archive\.[a-z_.]+`)

// pdfImages lists the images drawn in a document: type, width and height per row.
func pdfImages(t testing.TB, doc []byte) [][3]string {
	t.Helper()
	if _, err := exec.LookPath("pdfimages"); err != nil {
		t.Fatal("pdfimages is missing: install poppler-utils")
	}
	out, err := exec.Command("pdfimages", "-list", writeTemp(t, doc)).Output()
	if err != nil {
		t.Fatalf("pdfimages: %v", err)
	}
	var rows [][3]string
	for _, l := range strings.Split(string(out), "\n")[2:] {
		f := strings.Fields(l)
		if len(f) < 10 || f[2] != "image" {
			continue // smask rows and the header
		}
		rows = append(rows, [3]string{f[8], f[3], f[4]}) // enc, width, height
	}
	return rows
}

func TestCaseArchiveContent(t *testing.T) {
	c, src, mt := archiveSample(t, "zh-Hans")
	doc, err := CaseArchive(context.Background(), c, src, testOptions(t, "zh-Hans"))
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, doc)
	tx := sampleTexts["zh-Hans"]
	wantArchiveText(t, text, "案件档案", c.Number, tx.customer, tx.description, tx.demand, tx.subject, tx.product,
		tx.investigation, tx.facts, tx.rootCause, tx.decision, tx.preventive, tx.payment, tx.evidence,
		tx.remedyNotes[0], tx.remedyNotes[1], tx.remedyNotes[2], tx.guide, tx.supplier, "QK-2026-09871",
		"138 0013 8000", "customer@example.com", "强制购物", "已结案", "我社责任", "违约金", "人民币 3,800.00 元",
		"打印人：王芳", "2026年11月23日 15:30",
		mt.in1, mt.out1, mt.out2, mt.in2, mt.tempErr, mt.permErr,
		mt.pictureName, mt.photo, mt.contract, mt.broken, "图片已损坏，无法显示",
		tx.note, mt.extraNote, "登记案件：", "状态：新登记 → 已受理",
		LetterTitle(data.LetterClosure, "zh-Hans"), c.Letters[0].SHA256, c.Letters[0].Name, "已作为附件嵌入本 PDF")
	for _, e := range c.Timeline {
		if e.Type == data.EventNote || e.Type == data.EventStatus && e.Note != "" {
			wantArchiveText(t, text, e.Note)
		}
	}
	if k := rawArchiveKey.FindString(text); k != "" {
		t.Errorf("a key is printed instead of its text: %s", k)
	}
	checkFontsEmbedded(t, doc)
	pages := checkPagesInked(t, doc)
	if pages < 3 || pages > 12 {
		t.Errorf("%d pages, want 3–12", pages)
	}

	// The pictures: the PNG as it is, the 3000×2000 photo scaled to 1600 px;
	// the logo and the seal are the others.
	var png800, jpg1600 bool
	for _, r := range pdfImages(t, doc) {
		png800 = png800 || r[1] == "800" && r[2] == "600"
		jpg1600 = jpg1600 || r[0] == "jpeg" && r[1] == "1600" && r[2] == "1066"
	}
	if !png800 || !jpg1600 {
		t.Errorf("pictures not in the archive (png 800×600: %v, jpeg 1600×1066: %v):\n%v", png800, jpg1600, pdfImages(t, doc))
	}
	if n := bytes.Count(doc, []byte("/Width 800")); n != 1 {
		t.Errorf("the picture sent twice is stored %d times", n)
	}
	var sniffed bool
	for _, r := range pdfImages(t, doc) {
		sniffed = sniffed || r[0] == "jpeg" && r[1] == "640" && r[2] == "480"
	}
	if !sniffed {
		t.Error("the photo sent as application/octet-stream is not shown")
	}
	if len(doc) > 2<<20 {
		t.Errorf("archive is %d bytes: the photo was not scaled down", len(doc))
	}

	// The issued letter is embedded, byte for byte.
	letter := src.blobs[c.Letters[0].SHA256]
	if n := bytes.Count(doc, []byte("/Type /EmbeddedFile")); n != 1 {
		t.Errorf("%d embedded files, want 1", n)
	}
	if _, err := exec.LookPath("pdfdetach"); err == nil {
		dir := t.TempDir()
		path := filepath.Join(dir, "a.pdf")
		if err := os.WriteFile(path, doc, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdfdetach", "-saveall", "-o", dir, path).CombinedOutput()
		if err != nil {
			t.Fatalf("pdfdetach: %v\n%s", err, out)
		}
		l := c.Letters[0]
		ext := filepath.Ext(l.Name)
		name := strings.TrimSuffix(l.Name, ext) + " " + l.IssuedAt.In(shanghai).Format("20060102-1504") + ext
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, letter) {
			t.Error("the embedded letter differs from the issued one")
		}
	}
}

func TestCaseArchiveLanguages(t *testing.T) {
	want := map[string][]string{
		"zh-Hant": {"案件檔案", "往來郵件（4 封）", "處理紀錄", "列印人：王芳", "圖片已損壞，無法顯示"},
		"en":      {"Case archive", "E-mail (4)", "Timeline", "Printed on 23 Nov 2026 15:30 by 王芳", "Damaged image, cannot be shown"},
	}
	for lang, words := range want {
		t.Run(lang, func(t *testing.T) {
			c, src, mt := archiveSample(t, lang)
			doc, err := CaseArchive(context.Background(), c, src, testOptions(t, lang))
			if err != nil {
				t.Fatal(err)
			}
			text := pdfText(t, doc)
			tx := sampleTexts[lang]
			wantArchiveText(t, text, words...)
			wantArchiveText(t, text, c.Number, tx.customer, tx.description, tx.facts, tx.note, mt.extraNote,
				mt.in1, mt.out1, mt.out2, mt.in2, mt.photo, mt.contract, LetterTitle(data.LetterClosure, lang))
			cat, _ := catalog(lang) // the follow-up table (archive_followup.go)
			wantArchiveText(t, text, sampleFollowUpRemarks[lang], cat.get("archive.followup.reached"), cat.get("archive.followup.accepts"))
			if k := rawArchiveKey.FindString(text); k != "" {
				t.Errorf("a key is printed instead of its text: %s", k)
			}
			checkFontsEmbedded(t, doc)
			checkPagesInked(t, doc)
		})
	}
}

// archiveLongChinese is n Chinese characters without a space or a line break.
func archiveLongChinese(n int) string {
	const base = "我们于十月三日抵达丽江后导游临时取消玉龙雪山行程改去玉石店购物每家停留两个多小时团员提出异议导游态度恶劣并威胁不安排返程车辆"
	rs := []rune(base)
	out := make([]rune, n)
	for i := range out {
		out[i] = rs[i%len(rs)]
	}
	return string(out)
}

func TestCaseArchiveLongMessage(t *testing.T) {
	c := sampleCase(t, "zh-Hans", data.StatusClosed)
	src := newArchiveSource()
	long := archiveLongChinese(500) + "（完）"
	huge := strings.Repeat(archiveLongChinese(300)+"\n\n", 20) // flows over pages
	src.msgs[c.ID] = []data.Message{
		{ID: 1, CaseID: c.ID, Direction: data.DirectionIn, From: "张晓明 <customer@example.com>", Subject: "补充说明",
			Date: c.ReceivedAt.Add(time.Hour), Text: long, Status: data.MessageReceived},
		{ID: 2, CaseID: c.ID, Direction: data.DirectionIn, From: "张晓明 <customer@example.com>", Subject: "再次补充",
			Date: c.ReceivedAt.Add(2 * time.Hour), Text: huge, Status: data.MessageReceived},
	}
	doc, err := CaseArchive(context.Background(), c, src, testOptions(t, "zh-Hans"))
	if err != nil {
		t.Fatal(err)
	}
	text := squeeze(pdfText(t, doc))
	if !containsSplit(text, long) {
		t.Errorf("the 500-character message is not complete")
	}
	if n := strings.Count(text, squeeze(archiveLongChinese(40))); n < 20 {
		t.Errorf("the long message lost paragraphs: %d found", n)
	}
	checkPagesInked(t, doc)
}

func TestCaseArchiveNoAgency(t *testing.T) {
	c, src, _ := archiveSample(t, "zh-Hans")
	opt := testOptions(t, "zh-Hans")
	opt.Settings.Agency.Name = " "
	if _, err := CaseArchive(context.Background(), c, src, opt); !errors.Is(err, ErrNoAgency) {
		t.Errorf("CaseArchive without agency: %v, want ErrNoAgency", err)
	}
	if err := BulkArchive(context.Background(), io.Discard, []data.Case{c}, time.Time{}, time.Time{}, src, opt, nil); !errors.Is(err, ErrNoAgency) {
		t.Errorf("BulkArchive without agency: %v, want ErrNoAgency", err)
	}
}

func TestCaseArchiveWithoutMail(t *testing.T) {
	c := sampleCase(t, "zh-Hans", data.StatusNew)
	doc, err := CaseArchive(context.Background(), c, nil, testOptions(t, "zh-Hans"))
	if err != nil {
		t.Fatal(err)
	}
	wantArchiveText(t, pdfText(t, doc), c.Number, "本案件没有往来邮件。", "尚未出具任何文书。", "尚未回访")
}

func TestCaseArchiveSourceError(t *testing.T) {
	c := sampleCase(t, "zh-Hans", data.StatusClosed)
	boom := errors.New("disk on fire")
	_, err := CaseArchive(context.Background(), c, failingSource{boom}, testOptions(t, "zh-Hans"))
	if !errors.Is(err, boom) {
		t.Errorf("err = %v, want the source's error", err)
	}
}

type failingSource struct{ err error }

func (s failingSource) CaseMessages(context.Context, uint64) ([]data.Message, error) {
	return nil, s.err
}
func (s failingSource) Blob(context.Context, string) ([]byte, error) { return nil, s.err }

// withExif puts an APP1 EXIF segment with orientation o after a JPEG's SOI.
func withExif(jpg []byte, o uint16) []byte {
	tiff := []byte{'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, byte(o >> 8), byte(o), 0, 0, 0, 0, 0, 0}
	payload := append([]byte("Exif\x00\x00"), tiff...)
	seg := []byte{0xff, 0xe1, byte((len(payload) + 2) >> 8), byte(len(payload) + 2)}
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	out = append(out, payload...)
	return append(out, jpg[2:]...)
}

func TestPreparePicture(t *testing.T) {
	small := archiveJPEG(t, 60, 30, 80)
	if got, w, h, err := preparePicture(small, maxPictureSide); err != nil || w != 60 || h != 30 || !bytes.Equal(got, small) {
		t.Errorf("a small upright JPEG is changed: %d×%d, %v", w, h, err)
	}
	// EXIF orientation 6: stored landscape, shown portrait.
	if _, w, h, err := preparePicture(withExif(small, 6), maxPictureSide); err != nil || w != 30 || h != 60 {
		t.Errorf("orientation 6: %d×%d, %v; want 30×60", w, h, err)
	}
	if o := jpegOrientation(withExif(small, 8)); o != 8 {
		t.Errorf("jpegOrientation = %d, want 8", o)
	}
	big := archiveJPEG(t, 2000, 4000, 90)
	got, w, h, err := preparePicture(big, maxPictureSide)
	if err != nil || w != 800 || h != 1600 {
		t.Fatalf("big JPEG: %d×%d, %v; want 800×1600", w, h, err)
	}
	if cfg, err := jpeg.DecodeConfig(bytes.NewReader(got)); err != nil || cfg.Width != 800 {
		t.Errorf("the scaled picture is not an 800 px JPEG: %v", err)
	}
	if len(got) >= len(big)/3 {
		t.Errorf("scaled JPEG is %d bytes, the original %d", len(got), len(big))
	}
	for _, bad := range [][]byte{nil, []byte("GIF89a....."), []byte("\x89PNG\r\n\x1a\nbroken"), big[:400]} {
		if _, _, _, err := preparePicture(bad, maxPictureSide); !errors.Is(err, ErrBadImage) {
			t.Errorf("preparePicture(%q…) = %v, want ErrBadImage", bad[:min(len(bad), 8)], err)
		}
	}
}

// bulkCases are n closed cases like the sample, each with its own number,
// customer and subject, and two short messages each in src.
func bulkCases(t testing.TB, n int) ([]data.Case, *archiveSource) {
	base := sampleCase(t, "zh-Hans", data.StatusClosed)
	surnames := []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗")
	cases := make([]data.Case, n)
	for i := range cases {
		c := base
		c.ID = uint64(1000 + i)
		c.Number = fmt.Sprintf("A-2026%04d-%04d", 1001+i%300, i+1)
		c.Customer.Name = string(surnames[i%len(surnames)]) + "先生" + strconv.Itoa(i+1)
		c.Subject = fmt.Sprintf("第 %d 号投诉：%s", i+1, base.Subject)
		c.ClosedAt = base.ClosedAt.Add(time.Duration(i) * time.Hour)
		c.Timeline = slices.Clone(base.Timeline)
		c.Timeline = append(c.Timeline, data.Event{At: c.ClosedAt, By: "王芳", Type: data.EventNote,
			Note: fmt.Sprintf("归档备注 %d", i+1)})
		cases[i] = c
	}
	src := newArchiveSource()
	src.gen = func(id uint64) []data.Message {
		i := int(id - 1000)
		at := base.ReceivedAt.Add(time.Duration(i) * time.Minute)
		return []data.Message{
			{ID: id * 10, CaseID: id, Direction: data.DirectionIn, From: "客户 <c@example.com>", To: []string{"service@example.cn"},
				Subject: "投诉", Date: at, Status: data.MessageReceived,
				Text: fmt.Sprintf("您好，这是第 %d 号案件客户的来信，请尽快处理导游强制购物的问题。", i+1)},
			{ID: id*10 + 1, CaseID: id, Direction: data.DirectionOut, From: "service@example.cn", To: []string{"c@example.com"},
				Subject: "Re: 投诉", Date: at.Add(time.Hour), Status: data.MessageSent, SentAt: at.Add(time.Hour),
				Attempts: []data.Attempt{{At: at.Add(time.Hour)}},
				Text:     fmt.Sprintf("您好，第 %d 号案件已受理，我们将尽快答复。", i+1)},
		}
	}
	return cases, src
}

// pagesText is the text of every page, in one pdftotext run.
func pagesText(t testing.TB, path string, layout bool) []string {
	t.Helper()
	args := []string{"-enc", "UTF-8"}
	if layout {
		args = append(args, "-layout")
	}
	out, err := exec.Command("pdftotext", append(args, path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Split(string(out), "\f")
}

func TestBulkArchive(t *testing.T) {
	needPoppler(t)
	cases, src := bulkCases(t, 30)
	from := time.Date(2026, 10, 1, 0, 0, 0, 0, shanghai)
	to := time.Date(2026, 11, 1, 0, 0, 0, 0, shanghai)
	var buf bytes.Buffer
	var calls [][2]int
	err := BulkArchive(context.Background(), &buf, cases, from, to, src, testOptions(t, "zh-Hans"),
		func(done, total int) { calls = append(calls, [2]int{done, total}) })
	if err != nil {
		t.Fatal(err)
	}
	doc := buf.Bytes()
	if len(calls) != len(cases) {
		t.Fatalf("progress called %d times, want %d", len(calls), len(cases))
	}
	for i, c := range calls {
		if c != [2]int{i + 1, len(cases)} {
			t.Errorf("progress call %d = %v, want %v", i, c, [2]int{i + 1, len(cases)})
		}
	}
	text := pdfText(t, doc)
	wantArchiveText(t, text, "案件档案汇编", "结案日期：2026年10月1日 至 2026年10月31日", "共 30 件案件", "打印人：王芳")
	pages := checkPagesInked(t, doc)
	if pages < 2*len(cases)+1 || pages > 6*len(cases)+2 {
		t.Errorf("%d pages for %d cases", pages, len(cases))
	}
	checkFontsEmbedded(t, doc)

	path := writeTemp(t, doc)
	// The index: every number, with the page its case starts on.
	layout, plain := pagesText(t, path, true), pagesText(t, path, false)
	index := strings.Join(layout[:3], "\n")
	prevStart := 1
	for i, c := range cases {
		var line string
		for l := range strings.SplitSeq(index, "\n") {
			if strings.Contains(l, c.Number) {
				line = l
				break
			}
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			t.Errorf("the index lacks %s", c.Number)
			continue
		}
		start, err := strconv.Atoi(f[len(f)-1])
		if err != nil || start <= prevStart {
			t.Errorf("index line of %s has no page number after %d: %q", c.Number, prevStart, line)
			continue
		}
		prevStart = start
		if start > len(plain) {
			t.Errorf("case %s starts on page %d of %d", c.Number, start, len(plain))
			continue
		}
		page := squeeze(plain[start-1])
		if !strings.Contains(page, c.Number) || !strings.Contains(page, "案件档案") {
			t.Errorf("case %s is not on page %d, where the index says it starts", c.Number, start)
		}
		before := squeeze(plain[start-2])
		if strings.Contains(before, "案件档案汇编") {
			continue // the page before is the index
		}
		if strings.Contains(before, c.Number) {
			t.Errorf("case %s is already on page %d, before its start %d", c.Number, start-1, start)
		}
		wantArchiveText(t, text, c.Customer.Name, fmt.Sprintf("归档备注 %d", i+1),
			fmt.Sprintf("您好，这是第 %d 号案件客户的来信", i+1))
	}
	if n := bytes.Count(doc, []byte("/Title ")); n < len(cases) {
		t.Errorf("%d outline entries, want one per case at least", n)
	}
	if n := bytes.Count(doc, []byte("/Type /EmbeddedFile")); n != 0 {
		t.Errorf("%d embedded files, the cases have no letters", n)
	}
}

func TestBulkArchiveEmpty(t *testing.T) {
	var buf bytes.Buffer
	from := time.Date(2026, 10, 1, 0, 0, 0, 0, shanghai)
	if err := BulkArchive(context.Background(), &buf, nil, from, from.AddDate(0, 1, 0), nil, testOptions(t, "en"), nil); err != nil {
		t.Fatal(err)
	}
	wantArchiveText(t, pdfText(t, buf.Bytes()), "Case archives", "0 cases", "No case was closed in this period.",
		"Cases closed from 1 October 2026 to 31 October 2026")
}

func TestBulkArchiveLetters(t *testing.T) {
	c, src, _ := archiveSample(t, "zh-Hans")
	cases := []data.Case{c, c, c}
	for i := range cases {
		cases[i].Number = fmt.Sprintf("A-20261008-%04d", 11+i)
	}
	letter := int64(len(src.blobs[c.Letters[0].SHA256]))
	for _, tc := range []struct {
		budget int64
		want   int
	}{{64 << 20, 3}, {letter*2 + letter/2, 2}} {
		saved := bulkLetterBudget
		bulkLetterBudget = tc.budget
		var buf bytes.Buffer
		err := BulkArchive(context.Background(), &buf, cases, time.Time{}, time.Time{}, src, testOptions(t, "zh-Hans"), nil)
		bulkLetterBudget = saved
		if err != nil {
			t.Fatal(err)
		}
		if n := bytes.Count(buf.Bytes(), []byte("/Type /EmbeddedFile")); n != tc.want {
			t.Errorf("budget %d: %d letters embedded, want %d", tc.budget, n, tc.want)
		}
		text := pdfText(t, buf.Bytes())
		if tc.want < 3 {
			wantArchiveText(t, text, "未嵌入：汇编的附件容量已满")
		}
		// Pictures are smaller in a bulk archive.
		for _, r := range pdfImages(t, buf.Bytes()) {
			if r[0] == "jpeg" && r[1] != "1200" && r[1] != "640" { // the 3000 px photo, the 640 px one
				t.Errorf("bulk picture is %s px wide, want 1200", r[1])
			}
		}
	}
}

func TestBulkArchiveCancel(t *testing.T) {
	cases, src := bulkCases(t, 200)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	start := time.Now()
	err := BulkArchive(ctx, io.Discard, cases, time.Time{}, time.Time{}, src, testOptions(t, "zh-Hans"),
		func(done, total int) {
			calls++
			if done == 3 {
				cancel()
			}
		})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if calls != 3 {
		t.Errorf("progress called %d times after the cancel at 3", calls)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v to stop", d)
	}

	// Cancelled while a case's mail is read: it stops within that case.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	src.onMessages = func(id uint64) {
		if id == cases[1].ID {
			cancel()
		}
	}
	calls = 0
	err = BulkArchive(ctx, io.Discard, cases, time.Time{}, time.Time{}, src, testOptions(t, "zh-Hans"),
		func(done, total int) { calls++ })
	if !errors.Is(err, context.Canceled) || calls != 1 {
		t.Errorf("cancelled in case 2: err %v after %d cases", err, calls)
	}
	if _, err := CaseArchive(ctx, cases[0], src, testOptions(t, "zh-Hans")); !errors.Is(err, context.Canceled) {
		t.Errorf("CaseArchive with a cancelled context: %v", err)
	}
}

// TestArchiveCatalog checks that archive.json has the same keys in every
// language, that none is empty, that each starts with "archive.", and that
// every timeline event type has a label.
func TestArchiveCatalog(t *testing.T) {
	keys := map[string]map[string]string{}
	for _, lang := range data.Languages {
		all, err := present.Catalogue(lang)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for k, v := range all {
			if strings.HasPrefix(k, "archive.") {
				m[k] = v
			}
		}
		keys[lang] = m
		for k, v := range m {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s/archive.json: %s is empty", lang, k)
			}
		}
	}
	for _, lang := range data.Languages {
		for _, other := range data.Languages {
			for k := range keys[other] {
				if _, ok := keys[lang][k]; !ok {
					t.Errorf("%s/archive.json lacks %s, which %s has", lang, k, other)
				}
			}
		}
		// The catalogue loads: no key repeats one of common.json or letters.json.
		if _, err := catalog(lang); err != nil {
			t.Fatal(err)
		}
	}
	states := []data.ClockState{data.ClockNone, data.ClockOnTrack, data.ClockDueSoon, data.ClockOverdue,
		data.ClockPaused, data.ClockMet, data.ClockMetLate}
	for _, lang := range data.Languages {
		for _, s := range states {
			if _, ok := keys[lang]["archive.clock."+s.String()]; !ok {
				t.Errorf("%s: no label for clock state %s", lang, s)
			}
		}
		for _, l := range data.Languages {
			if _, ok := keys[lang]["archive.lang."+l]; !ok {
				t.Errorf("%s: no name for language %s", lang, l)
			}
		}
	}

	// Every key the archive's code names exists.
	src := ""
	for _, name := range []string{"archive.go", "archive_case.go", "archive_bulk.go"} {
		b, err := os.ReadFile(name)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		src += string(b)
	}
	lit := regexp.MustCompile(`"(archive\.[a-z_.]+[a-z_])"`)
	found := lit.FindAllStringSubmatch(src, -1)
	if len(found) < 60 {
		t.Fatalf("found only %d keys in the archive's code: the scan is broken", len(found))
	}
	for _, m := range found {
		if _, ok := keys["zh-Hans"][m[1]]; !ok && !strings.HasSuffix(m[1], ".") {
			t.Errorf("the code names %s, which archive.json lacks", m[1])
		}
	}
}

// countingWriter counts what is written through it.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

func BenchmarkBulkArchive1000(b *testing.B) {
	cases, src := bulkCases(b, 1000)
	opt := testOptions(b, "zh-Hans")
	var size int64
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		w := &countingWriter{}
		if err := BulkArchive(context.Background(), w, cases, time.Time{}, time.Time{}, src, opt, nil); err != nil {
			b.Fatal(err)
		}
		size = w.n
	}
	b.ReportMetric(time.Since(start).Seconds()/float64(b.N), "s/op")
	b.ReportMetric(float64(size), "pdf-bytes")
}

// TestArchiveSamples writes a case archive and a bulk archive of five cases
// to $CASEBOOK_ARCHIVE_OUT for a look at them (skipped without it).
func TestArchiveSamples(t *testing.T) {
	dir := os.Getenv("CASEBOOK_ARCHIVE_OUT")
	if dir == "" {
		t.Skip("set CASEBOOK_ARCHIVE_OUT to a directory to write sample archives")
	}
	for _, lang := range data.Languages {
		c, src, _ := archiveSample(t, lang)
		doc, err := CaseArchive(context.Background(), c, src, testOptions(t, lang))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "case-"+lang+".pdf"), doc, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range []int{5, 40} {
		cases, src := bulkCases(t, n)
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("bulk-%d.pdf", n)))
		if err != nil {
			t.Fatal(err)
		}
		from := time.Date(2026, 10, 1, 0, 0, 0, 0, shanghai)
		err = BulkArchive(context.Background(), f, cases, from, from.AddDate(0, 1, 0), src, testOptions(t, "zh-Hans"), nil)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}
