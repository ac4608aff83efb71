package service

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"casebook/data"
)

// The GUI's printing service against a real store and a real documents folder.

// wang is the staff member most tests act as; boss owns the agency.
var (
	wang = data.Actor{Name: "王芳", Role: data.RoleStaff}
	boss = data.Actor{Name: "老板", Role: data.RoleOwner}
)

// newTestService opens a service on a new database with a fixed clock, the
// staff above, and documents saved under a temporary folder.
func newTestService(t *testing.T) (*Service, *time.Time) {
	t.Helper()
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)
	svc, err := Open(context.Background(), filepath.Join(t.TempDir(), "c.db"), Options{
		Now: func() time.Time { return now }, DocsDir: filepath.Join(t.TempDir(), "Casebook"), Passwords: fakePasswords{}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close() })
	st := svc.Settings.Get()
	st.Staff = []data.Staff{{Name: "老板", Role: data.RoleOwner}, {Name: "王芳", Role: data.RoleStaff}, {Name: "陈静", Role: data.RoleSupervisor}}
	if err := svc.Settings.Save(context.Background(), data.Actor{}, st); err != nil {
		t.Fatal(err)
	}
	return svc, &now
}

// fakePasswords keeps passwords in memory.
type fakePasswords map[string]string

func (p fakePasswords) Get(u string) (string, error) {
	if pw, ok := p[u]; ok {
		return pw, nil
	}
	return "", ErrNoPassword
}
func (p fakePasswords) Set(u, pw string) error { p[u] = pw; return nil }

func testPNG(t *testing.T, w, h int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range w {
		img.Set(i, i*h/w, color.NRGBA{200, 20, 20, 255})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestServicePrintsSavesAndReprints(t *testing.T) {
	ctx := context.Background()
	svc, now := newTestService(t)
	docs := svc.Documents
	c, err := svc.Cases.Create(ctx, wang, data.NewCase{Kind: data.KindComplaint, Category: "forced_shopping", Severity: data.SeverityNormal,
		Channel: data.ChannelWalkIn, Subject: "导游强制购物", Customer: data.Customer{Name: "张晓明"}})
	if err != nil {
		t.Fatal(err)
	}
	// Printing the acknowledgement of a new case acknowledges it, in the same
	// transaction: refused for want of an agency, the case stays new.
	if _, _, err := docs.PrintLetter(ctx, wang, c.Number, data.LetterAck, ""); !errors.Is(err, data.ErrNoAgency) {
		t.Errorf("printed without an agency: %v", err)
	}
	if got, _ := svc.Cases.Get(ctx, c.Number); got.Status != data.StatusNew || len(got.Timeline) != 1 {
		t.Errorf("a refused letter changed the case: %s, %d events", got.Status, len(got.Timeline))
	}

	// A logo is checked and scaled once, when it is stored; only the owner stores one.
	if _, err := docs.PutAgencyImage(ctx, wang, testPNG(t, 20, 10)); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("staff stored a logo: %v", err)
	}
	if _, err := docs.PutAgencyImage(ctx, boss, []byte("not an image")); !errors.Is(err, data.ErrImageFormat) {
		t.Errorf("text stored as a logo: %v", err)
	}
	sha, err := docs.PutAgencyImage(ctx, boss, testPNG(t, 2400, 1200))
	if err != nil {
		t.Fatal(err)
	}
	stored, _ := docs.Blob(ctx, sha)
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(stored)); err != nil || cfg.Width != 1000 {
		t.Errorf("stored logo %d px wide, %v", cfg.Width, err)
	}
	if _, err := svc.Settings.SetAgency(ctx, boss, func(a *data.Agency) {
		*a = data.Agency{Name: "北京晴空国际旅行社有限公司", LogoSHA256: sha, SealSHA256: "0000"}
	}); err != nil {
		t.Fatal(err)
	}
	// A seal missing from the database: a clear refusal, nothing issued.
	if _, _, err := docs.PrintLetter(ctx, wang, c.Number, data.LetterAck, ""); !errors.Is(err, data.ErrAgencyImage) {
		t.Errorf("missing seal: %v", err)
	}
	svc.Settings.SetAgency(ctx, boss, func(a *data.Agency) { a.SealSHA256 = "" })

	got, path, err := docs.PrintLetter(ctx, wang, c.Number, data.LetterAck, "")
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != data.StatusAcknowledged || got.FirstResponse.Running() {
		t.Errorf("printing the acknowledgement did not acknowledge the case: %s %+v", got.Status, got.FirstResponse)
	}
	if len(got.Letters) != 1 || filepath.Dir(path) != filepath.Join(svc.DocumentsDir(), c.Number) ||
		filepath.Base(path) != "受理确认函-"+c.Number+".pdf" {
		t.Fatalf("letters %+v at %s", got.Letters, path)
	}
	first, _ := os.ReadFile(path)
	// Issued again later: a second file beside the first, which is never overwritten.
	*now = now.Add(time.Hour)
	_, path2, err := docs.PrintLetter(ctx, wang, c.Number, data.LetterAck, "en")
	if err != nil {
		t.Fatal(err)
	}
	_, path3, err := docs.PrintLetter(ctx, wang, c.Number, data.LetterAck, "zh-Hans")
	if err != nil || !strings.HasSuffix(path3, " (2).pdf") {
		t.Fatalf("second Chinese acknowledgement at %s: %v", path3, err)
	}
	if again, _ := os.ReadFile(path); !bytes.Equal(again, first) {
		t.Error("the first letter's file was overwritten")
	}
	// Reprint: the same bytes, found in the file already there.
	re, err := docs.ReprintLetter(ctx, wang, c.Number, got.Letters[0])
	if err != nil || re != path {
		t.Errorf("reprint at %s, %v", re, err)
	}
	if path2 == path {
		t.Error("the English letter took the Chinese one's file")
	}

	arch, err := docs.PrintArchive(ctx, wang, c.Number)
	if err != nil || filepath.Base(arch) != "案件档案-"+c.Number+".pdf" {
		t.Errorf("archive at %s: %v", arch, err)
	}
	p, n, err := docs.PrintClosedArchive(ctx, wang, now.AddDate(0, -1, 0), *now, nil)
	if err != nil || n != 0 || p != "" {
		t.Errorf("no closed case: %q %d %v", p, n, err)
	}

	// The documents folder cannot be made: the letter is still issued and kept,
	// and the error says the file was not saved.
	blocker := filepath.Join(t.TempDir(), "file")
	os.WriteFile(blocker, []byte("x"), 0o644)
	svc.core.docsDir = blocker
	got, path, err = docs.PrintLetter(ctx, wang, c.Number, data.LetterAck, "")
	if err == nil || path != "" || len(got.Letters) != 4 {
		t.Errorf("unwritable folder: %d letters, %q, %v", len(got.Letters), path, err)
	}
}

func TestSaveDocumentNeverReplacesWhatItCannotRead(t *testing.T) {
	svc := &Documents{&core{docsDir: t.TempDir()}}
	// A folder where the file would go cannot be read as a file: an error, not a replacement.
	os.MkdirAll(filepath.Join(svc.docsDir, "A-1", "x.pdf"), 0o755)
	if _, err := svc.saveDocument("A-1", "x.pdf", []byte("%PDF-1")); err == nil {
		t.Error("saved over something it could not read")
	}
	p, err := svc.saveDocument("", "y.pdf", []byte("%PDF-1"))
	if err != nil || filepath.Base(p) != "y.pdf" {
		t.Fatalf("%s %v", p, err)
	}
	if p2, err := svc.saveDocument("", "y.pdf", []byte("%PDF-1")); err != nil || p2 != p {
		t.Errorf("the same bytes were saved again as %s, %v", p2, err)
	}
	entries, _ := os.ReadDir(svc.docsDir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".casebook-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestDocumentsFolderFollowsXDG(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", "")
	t.Setenv("XDG_DOCUMENTS_DIR", "")
	db := filepath.Join(home, ".local", "share", "casebook", "casebook.db")
	if got := DocumentsDir(db); got != filepath.Join(home, ".local", "share", "casebook", "documents") {
		t.Errorf("without a documents folder: %s", got)
	}
	os.MkdirAll(filepath.Join(home, "文档"), 0o755)
	os.MkdirAll(filepath.Join(home, ".config"), 0o755)
	os.WriteFile(filepath.Join(home, ".config", "user-dirs.dirs"),
		[]byte("# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR=\"$HOME/桌面\"\nXDG_DOCUMENTS_DIR=\"$HOME/文档\"\n"), 0o644)
	if got := DocumentsDir(db); got != filepath.Join(home, "文档", "Casebook") {
		t.Errorf("with a Chinese documents folder: %s", got)
	}
}
