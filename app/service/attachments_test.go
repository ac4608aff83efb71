package service

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"casebook/data"
	"casebook/mailsync/memserver"
)

// mailWithAttachment is a complaint carrying one binary attachment.
func mailWithAttachment(id string, att []byte) string {
	enc := base64.StdEncoding.EncodeToString(att)
	var body strings.Builder
	for len(enc) > 76 {
		body.WriteString(enc[:76] + "\n")
		enc = enc[76:]
	}
	body.WriteString(enc + "\n")
	return "Message-ID: <" + id + ">\nFrom: 李娜 <li.na@qq.com>\nTo: " + memserver.User +
		"\nSubject: 酒店照片 " + id + "\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n" +
		"--b\nContent-Type: text/plain; charset=utf-8\n\n房间和照片不符，见附件。\n" +
		"--b\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"video.bin\"\nContent-Transfer-Encoding: base64\n\n" +
		body.String() + "--b--\n"
}

// A large attachment costs its size once: it is kept inside its raw message
// and cut out of it when opened, byte for byte.
func TestALargeAttachmentIsStoredOnce(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	im := memserver.StartIMAP(t)
	acc := data.DefaultMailAccount()
	acc.IMAPHost, acc.IMAPPort = memserver.HostPort(im.Addr)
	acc.IMAPSecurity, acc.SMTPSecurity = "none", "none"
	acc.SMTPHost, acc.SMTPPort = "127.0.0.1", 1 // nothing to send
	acc.Username, acc.Address, acc.InitialDays, acc.AutoAck = memserver.User, memserver.User, 0, false
	if err := svc.Settings.SetMailAccount(ctx, boss, acc); err != nil {
		t.Fatal(err)
	}
	svc.core.passwords = fakePasswords{memserver.User: memserver.Password}

	const n, size = 4, 2 << 20
	atts := make([][]byte, n)
	for i := range atts {
		atts[i] = make([]byte, size)
		rand.Read(atts[i])
		im.Deliver(t, mailWithAttachment(fmt.Sprintf("big-%d@qq.com", i), atts[i]))
	}
	before, _ := svc.core.store.BlobBytes(ctx)
	if sum, err := svc.Mail.SyncOnce(ctx, wang, nil); sum.Fetched != n {
		t.Fatalf("sync: %s %v", sum, err)
	}
	after, _ := svc.core.store.BlobBytes(ctx)
	// Once: the raw messages (base64, compressed back to about the bytes'
	// size). Twice, as before, would be over 2 × n × size.
	grown := after - before
	t.Logf("stored blobs grew by %.1f MB for %d MB of attachments", float64(grown)/(1<<20), n*size>>20)
	if grown > int64(n*size)*5/4 {
		t.Errorf("the stored blobs grew by %.1f MB for %d MB of attachments", float64(grown)/(1<<20), n*size>>20)
	}
	log, err := svc.Mail.Log(ctx, data.DirectionIn, 0)
	if err != nil || len(log) != n {
		t.Fatalf("%d messages, %v", len(log), err)
	}
	for _, e := range log {
		if len(e.Attachments) != 1 {
			t.Fatalf("%s: %d attachments", e.Subject, len(e.Attachments))
		}
		a := e.Attachments[0]
		got, err := svc.Mail.Blob(ctx, a.SHA256)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(got)
		if hex.EncodeToString(sum[:]) != a.SHA256 || int64(len(got)) != a.Size || !containsAttachment(atts, got) {
			t.Errorf("%s: the attachment read back differs", e.Subject)
		}
	}
}

func containsAttachment(atts [][]byte, b []byte) bool {
	for _, a := range atts {
		if bytes.Equal(a, b) {
			return true
		}
	}
	return false
}
