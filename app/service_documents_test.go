package main

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
	"casebook/data/store"
)

// The GUI's printing service against a real store and a real documents folder.

func newDocService(t *testing.T) (*service, *time.Time) {
	t.Helper()
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"),
		store.WithClock(func() time.Time { return now }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return &service{Store: s, docsDir: filepath.Join(t.TempDir(), "Casebook")}, &now
}

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
	svc, now := newDocService(t)
	c, err := svc.CreateCase(ctx, data.NewCase{Kind: data.KindComplaint, Category: "forced_shopping", Severity: data.SeverityNormal,
		Channel: data.ChannelWalkIn, Subject: "导游强制购物", Customer: data.Customer{Name: "张晓明"}, By: "王芳"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := svc.PrintLetter(ctx, c.Number, data.LetterAck, "", "王芳"); !errors.Is(err, data.ErrNotReady) {
		t.Errorf("a new case printed an acknowledgement: %v", err)
	}
	svc.Move(ctx, c.Number, data.StatusAcknowledged, "王芳", "")
	if _, _, err := svc.PrintLetter(ctx, c.Number, data.LetterAck, "", "王芳"); !errors.Is(err, data.ErrNoAgency) {
		t.Errorf("printed without an agency: %v", err)
	}

	// A logo is checked and scaled once, when it is stored.
	if _, err := svc.PutBlob(ctx, []byte("not an image")); !errors.Is(err, data.ErrImageFormat) {
		t.Errorf("text stored as a logo: %v", err)
	}
	sha, err := svc.PutBlob(ctx, testPNG(t, 2400, 1200))
	if err != nil {
		t.Fatal(err)
	}
	stored, _ := svc.Blob(ctx, sha)
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(stored)); err != nil || cfg.Width != 1000 {
		t.Errorf("stored logo %d px wide, %v", cfg.Width, err)
	}
	st := svc.Settings()
	st.Agency = data.Agency{Name: "北京晴空国际旅行社有限公司", LogoSHA256: sha, SealSHA256: "0000"}
	if err := svc.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	// A seal missing from the database: a clear refusal, nothing issued.
	if _, _, err := svc.PrintLetter(ctx, c.Number, data.LetterAck, "", "王芳"); !errors.Is(err, data.ErrAgencyImage) {
		t.Errorf("missing seal: %v", err)
	}
	st.Agency.SealSHA256 = ""
	svc.SaveSettings(ctx, st)

	got, path, err := svc.PrintLetter(ctx, c.Number, data.LetterAck, "", "王芳")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Letters) != 1 || filepath.Dir(path) != filepath.Join(svc.docsDir, c.Number) ||
		filepath.Base(path) != "受理确认函-"+c.Number+".pdf" {
		t.Fatalf("letters %+v at %s", got.Letters, path)
	}
	first, _ := os.ReadFile(path)
	// Issued again later: a second file beside the first, which is never overwritten.
	*now = now.Add(time.Hour)
	_, path2, err := svc.PrintLetter(ctx, c.Number, data.LetterAck, "en", "王芳")
	if err != nil {
		t.Fatal(err)
	}
	_, path3, err := svc.PrintLetter(ctx, c.Number, data.LetterAck, "zh-Hans", "王芳")
	if err != nil || !strings.HasSuffix(path3, " (2).pdf") {
		t.Fatalf("second Chinese acknowledgement at %s: %v", path3, err)
	}
	if again, _ := os.ReadFile(path); !bytes.Equal(again, first) {
		t.Error("the first letter's file was overwritten")
	}
	// Reprint: the same bytes, found in the file already there.
	re, err := svc.ReprintLetter(ctx, c.Number, got.Letters[0])
	if err != nil || re != path {
		t.Errorf("reprint at %s, %v", re, err)
	}
	if path2 == path {
		t.Error("the English letter took the Chinese one's file")
	}

	arch, err := svc.PrintArchive(ctx, c.Number, "王芳")
	if err != nil || filepath.Base(arch) != "案件档案-"+c.Number+".pdf" {
		t.Errorf("archive at %s: %v", arch, err)
	}
	p, n, err := svc.PrintClosedArchive(ctx, now.AddDate(0, -1, 0), *now, "王芳", nil)
	if err != nil || n != 0 || p != "" {
		t.Errorf("no closed case: %q %d %v", p, n, err)
	}

	// The documents folder cannot be made: the letter is still issued and kept,
	// and the error says the file was not saved.
	blocker := filepath.Join(t.TempDir(), "file")
	os.WriteFile(blocker, []byte("x"), 0o644)
	svc.docsDir = blocker
	got, path, err = svc.PrintLetter(ctx, c.Number, data.LetterAck, "", "王芳")
	if err == nil || path != "" || len(got.Letters) != 4 {
		t.Errorf("unwritable folder: %d letters, %q, %v", len(got.Letters), path, err)
	}
}

func TestSaveDocumentNeverReplacesWhatItCannotRead(t *testing.T) {
	svc := &service{docsDir: t.TempDir()}
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
	if got := documentsDir(db); got != filepath.Join(home, ".local", "share", "casebook", "documents") {
		t.Errorf("without a documents folder: %s", got)
	}
	os.MkdirAll(filepath.Join(home, "文档"), 0o755)
	os.MkdirAll(filepath.Join(home, ".config"), 0o755)
	os.WriteFile(filepath.Join(home, ".config", "user-dirs.dirs"),
		[]byte("# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR=\"$HOME/桌面\"\nXDG_DOCUMENTS_DIR=\"$HOME/文档\"\n"), 0o644)
	if got := documentsDir(db); got != filepath.Join(home, "文档", "Casebook") {
		t.Errorf("with a Chinese documents folder: %s", got)
	}
}
