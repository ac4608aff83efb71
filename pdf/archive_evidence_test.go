package pdf

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"casebook/data"
)

func TestCaseArchiveShowsEvidence(t *testing.T) {
	needPoppler(t)
	c := sampleCase(t, "zh-Hans", data.StatusInvestigating)
	src := newArchiveSource()
	at := time.Date(2026, 11, 23, 11, 0, 0, 0, time.UTC)
	photo := src.put("现场照片.jpg", "", archiveJPEG(t, 1200, 800, 80))
	contract := src.put("旅游合同.pdf", "", []byte("%PDF-1.4 合同"))
	c.Evidence = []data.Evidence{
		{Name: "现场照片.jpg", SHA256: photo.SHA256, Size: photo.Size, By: "王芳", At: at, Note: "玉石店门口"},
		{Name: "旅游合同.pdf", SHA256: contract.SHA256, Size: contract.Size, By: "陈静", At: at.Add(time.Hour)},
		{Name: "录音.m4a", SHA256: strings.Repeat("0", 64), Size: 2 << 20, By: "王芳", At: at},
	}
	doc, err := CaseArchive(context.Background(), c, src, testOptions(t, "zh-Hans"))
	if err != nil {
		t.Fatal(err)
	}
	text := squeeze(pdfText(t, doc))
	for _, w := range []string{"证据（3）", "现场照片.jpg", "旅游合同.pdf", "录音.m4a", "玉石店门口", "陈静",
		"证据：现场照片.jpg", "2.0 MB"} {
		if !containsSplit(text, squeeze(w)) {
			t.Errorf("archive lacks %q", w)
		}
	}
	imgs := pdfImages(t, doc)
	found := false
	for _, im := range imgs {
		if im[0] == "jpeg" && im[1] == "1200" && im[2] == "800" {
			found = true
		}
	}
	if !found {
		t.Errorf("the photo is not embedded: %v", imgs)
	}
	if os.Getenv("CASEBOOK_KEEP_PDF") != "" { // to look at the page: pdftoppm -png
		dir := os.Getenv("CASEBOOK_KEEP_PDF")
		p := filepath.Join(dir, "evidence-archive.pdf")
		os.WriteFile(p, doc, 0o644)
		exec.Command("pdftoppm", "-png", "-r", "60", p, filepath.Join(dir, "evidence-page")).Run()
	}
}
