package main

import (
	"bytes"
	"compress/flate"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// audit verify: 0 and the summary on a good database, 1 and the case's
// number once a stored case was altered behind Casebook's back; audit show
// lists who did what from which counter.
func TestAuditVerifyAndShowCommands(t *testing.T) {
	tc := newTestCLI(t)
	num := strings.TrimSpace(tc.ok("case", "new", "--customer", "王小明", "--channel", "phone", "--kind", "complaint",
		"--severity", "low", "--subject", "行李丢失"))
	tc.ok("case", "note", num, "--text", "客户来电")
	out := tc.ok("audit", "verify")
	if !strings.Contains(out, "entries, head ") || len(strings.Fields(out)[3]) != 16 {
		t.Errorf("verify printed %q", out)
	}
	show := tc.ok("audit", "show", num)
	if !strings.Contains(show, "Case recorded") || !strings.Contains(show, "Note") || !strings.Contains(show, "  A  ") {
		t.Errorf("show printed:\n%s", show)
	}
	if _, errs, code := tc.run("audit", "show", "A-2026-9999"); code != 1 {
		t.Errorf("show of no case: exit %d: %s", code, errs)
	}
	// It only reads: a read-only file verifies, and is left as it was.
	before, _ := os.Stat(tc.db)
	if err := os.Chmod(tc.db, 0o400); err != nil {
		t.Fatal(err)
	}
	if got := tc.ok("audit", "verify"); got != out {
		t.Errorf("verify of the read-only file: %q, before %q", got, out)
	}
	if after, _ := os.Stat(tc.db); !after.ModTime().Equal(before.ModTime()) || after.Size() != before.Size() {
		t.Error("verify wrote to the file")
	}
	os.Chmod(tc.db, 0o600)

	// Change the note's text in the stored case, as someone with bbolt would.
	db, err := bolt.Open(tc.db, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("cases"))
		k, v := b.Cursor().First()
		raw, err := io.ReadAll(flate.NewReader(bytes.NewReader(v[1:])))
		if err != nil {
			return err
		}
		raw = bytes.Replace(raw, []byte("客户来电"), []byte("客户来信"), 1)
		var buf bytes.Buffer
		buf.WriteByte(1)
		w, _ := flate.NewWriter(&buf, flate.BestSpeed)
		w.Write(raw)
		w.Close()
		return b.Put(k, buf.Bytes())
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, errs, code := tc.run("audit", "verify")
	if code != 1 || out != "" || !strings.Contains(errs, "broken at case "+num) {
		t.Errorf("verify after tampering: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}
