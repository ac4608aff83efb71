package service

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"casebook/data"
)

func TestEditChecksRoleAndRecordsChanges(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	c := newTestCase(t, svc, wang)
	subject := "导游强制购物（已更正）"
	if _, err := svc.Cases.Edit(ctx, data.Actor{Name: "路人"}, c.Number, data.CaseEdit{Subject: &subject}); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("no role: %v", err)
	}
	if _, err := svc.Cases.Edit(ctx, wang, c.Number, data.CaseEdit{}); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("empty edit: %v", err)
	}
	got, err := svc.Cases.Edit(ctx, wang, c.Number, data.CaseEdit{Subject: &subject})
	if err != nil || got.Subject != subject {
		t.Fatal(err)
	}
	ev := got.Timeline[len(got.Timeline)-1]
	if ev.Type != data.EventEdited || ev.Old != "导游强制购物" || ev.New != subject || ev.By != "王芳" {
		t.Errorf("event %+v", ev)
	}
}

func TestAttachEvidence(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	a, b := newTestCase(t, svc, wang), newTestCase(t, svc, wang)
	dir := t.TempDir()
	path := filepath.Join(dir, "收据.jpg")
	photo := append([]byte("\xff\xd8\xff\xe0"), bytes.Repeat([]byte{7}, 5000)...)
	if err := os.WriteFile(path, photo, 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := svc.Cases.AttachFile(ctx, wang, a.Number, path, "购物小票")
	if err != nil || got.Already || got.Evidence.Name != "收据.jpg" || got.Evidence.Size != 5004 {
		t.Fatalf("attach: %v %+v", err, got)
	}
	if again, err := svc.Cases.AttachFile(ctx, wang, a.Number, path, ""); err != nil || !again.Already {
		t.Errorf("again: %v %+v", err, again)
	}
	if _, err := svc.Cases.Attach(ctx, wang, b.Number, "p.jpg", bytes.NewReader(photo), ""); err != nil {
		t.Fatal(err)
	}
	list, err := svc.Cases.Evidence(ctx, a.Number)
	if err != nil || len(list) != 1 || list[0].By != "王芳" || list[0].Note != "购物小票" {
		t.Errorf("list: %v %+v", err, list)
	}
	// Opened: written under the documents folder, the same file reused.
	p1, err := svc.Cases.OpenEvidence(ctx, a.Number, got.Evidence.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	if back, _ := os.ReadFile(p1); !bytes.Equal(back, photo) || !strings.HasPrefix(p1, svc.DocumentsDir()) {
		t.Errorf("opened at %s", p1)
	}
	if p2, err := svc.Cases.OpenEvidence(ctx, a.Number, got.Evidence.SHA256); err != nil || p2 != p1 {
		t.Errorf("opened again at %s: %v", p2, err)
	}
	if _, err := svc.Cases.OpenEvidence(ctx, b.Number, strings.Repeat("0", 64)); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("unknown evidence: %v", err)
	}

	// A file that vanishes (fails) mid-read attaches nothing.
	broken := io.MultiReader(bytes.NewReader(photo[:100]), iotest.ErrReader(errors.New("input/output error")))
	if _, err := svc.Cases.Attach(ctx, wang, a.Number, "half.jpg", broken, ""); err == nil || !strings.Contains(err.Error(), "input/output") {
		t.Errorf("broken reader: %v", err)
	}
	// Too large: refused with the limit, read no further than the limit.
	big := io.LimitReader(zeros{}, data.MaxEvidenceBytes+10)
	_, err = svc.Cases.Attach(ctx, wang, a.Number, "film.mp4", big, "")
	var tl *data.EvidenceTooLargeError
	if !errors.As(err, &tl) || tl.Name != "film.mp4" {
		t.Errorf("too large: %v", err)
	}
	gone := filepath.Join(dir, "gone.jpg")
	if _, err := svc.Cases.AttachFile(ctx, wang, a.Number, gone, ""); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	if list, _ := svc.Cases.Evidence(ctx, a.Number); len(list) != 1 {
		t.Errorf("refused files listed: %+v", list)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

func TestCaseArchiveIncludesEvidence(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	st := svc.Settings.Get()
	st.Agency.Name = "春风国际旅行社"
	if err := svc.Settings.Save(ctx, data.Actor{Name: "老板", Role: data.RoleOwner}, st); err != nil {
		t.Fatal(err)
	}
	c := newTestCase(t, svc, wang)
	img := image.NewRGBA(image.Rect(0, 0, 300, 200))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	var photo bytes.Buffer
	if err := png.Encode(&photo, img); err != nil {
		t.Fatal(err)
	}
	before, err := svc.Documents.CaseArchive(ctx, wang, c.Number, "en")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Cases.Attach(ctx, wang, c.Number, "receipt.png", &photo, "shop receipt"); err != nil {
		t.Fatal(err)
	}
	doc, err := svc.Documents.CaseArchive(ctx, wang, c.Number, "en")
	if err != nil {
		t.Fatal(err)
	}
	if n, m := bytes.Count(before, []byte("/Subtype /Image")), bytes.Count(doc, []byte("/Subtype /Image")); m <= n {
		t.Errorf("images in the archive: %d before, %d after attaching a picture", n, m)
	}
}
