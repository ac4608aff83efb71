package store

import (
	"context"
	"encoding/hex"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
)

// auditStore is a store with three cases, a few changes on them, and new
// settings; it is closed and its path returned, for tampering with bbolt.
func auditStore(t *testing.T) (string, []data.Case) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "casebook.db")
	clock := &fakeNow{t: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	s := openTest(t, path, clock)
	ctx := context.Background()
	var cs []data.Case
	for i := 0; i < 3; i++ {
		n := sampleCase()
		n.Customer.Phone = "138 0013 800" + string(rune('0'+i))
		c, err := s.CreateCase(ctx, n)
		if err != nil {
			t.Fatal(err)
		}
		cs = append(cs, c)
	}
	clock.set(clock.now().Add(time.Hour))
	if _, err := s.AddNote(ctx, cs[1].Number, "王芳", "客户王小明来电"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Move(ctx, cs[1].Number, data.StatusAcknowledged, "王芳", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetSeverity(ctx, cs[1].Number, data.SeverityUrgent, "王芳"); err != nil {
		t.Fatal(err)
	}
	st := s.Settings()
	st.CounterCode = "B"
	if err := s.SaveSettingsBy(ctx, st, "王芳"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddNote(ctx, cs[2].Number, "王芳", "又一条"); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path, cs
}

func verifyAt(t *testing.T, path string) (data.AuditSummary, error) {
	t.Helper()
	s, err := Open(context.Background(), path, WithReadOnly())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	return s.AuditVerify(context.Background())
}

// tamperCase rewrites a stored case through fn, as an intruder with bbolt would.
func tamperCase(t *testing.T, path string, id uint64, fn func(c *data.Case)) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(func(tx *bolt.Tx) error {
		c, err := getCaseByIDTx(tx, u64(id))
		if err != nil {
			return err
		}
		fn(&c)
		raw, err := encodeRecord(&c)
		if err != nil {
			return err
		}
		return tx.Bucket(bucketCases).Put(u64(id), raw)
	}); err != nil {
		t.Fatal(err)
	}
}

func wantBroken(t *testing.T, err error, number string, why data.AuditBreak) {
	t.Helper()
	var be *data.AuditBrokenError
	if !errors.As(err, &be) {
		t.Fatalf("verify: %v, want a broken chain", err)
	}
	if be.Number != number || be.Why != why {
		t.Fatalf("broken at %q (%s), want %q (%s): %v", be.Number, be.Why, number, why, err)
	}
	if be.At.IsZero() {
		t.Errorf("no time named: %v", err)
	}
}

func TestAuditChainVerifiesAfterChanges(t *testing.T) {
	path, cs := auditStore(t)
	sum, err := verifyAt(t, path)
	if err != nil {
		t.Fatal(err)
	}
	// genesis, 3 created, note+status+severity, settings, note
	if sum.Entries != 9 || len(sum.Head) != 64 || sum.Cases != 3 {
		t.Fatalf("summary %+v", sum)
	}
	s := openTest(t, path, nil)
	es, err := s.AuditOf(context.Background(), cs[1].Number)
	if err != nil {
		t.Fatal(err)
	}
	var what []string
	for _, e := range es {
		what = append(what, e.What+"@"+e.Counter+"/"+e.By)
	}
	if got := strings.Join(what, " "); got != "created@A/王芳 note@A/王芳 status@A/王芳 severity@A/王芳" {
		t.Errorf("entries of %s: %s", cs[1].Number, got)
	}
	es, _ = s.AuditOf(context.Background(), cs[2].Number)
	if last := es[len(es)-1]; last.Counter != "B" {
		t.Errorf("after the counter changed, an entry carries %q", last.Counter)
	}
	n, head, _ := s.AuditHead(context.Background())
	if n != sum.Entries || head != sum.Head {
		t.Errorf("head %d %s, verify said %d %s", n, head, sum.Entries, sum.Head)
	}
}

func TestAuditDetectsAlteredCase(t *testing.T) {
	path, cs := auditStore(t)
	tamperCase(t, path, cs[1].ID, func(c *data.Case) { c.Amount++ }) // one digit of the amount
	_, err := verifyAt(t, path)
	wantBroken(t, err, cs[1].Number, data.AuditBrokenState)
}

func TestAuditDetectsAlteredEvent(t *testing.T) {
	path, cs := auditStore(t)
	tamperCase(t, path, cs[1].ID, func(c *data.Case) { c.Timeline[1].By = "李娜" })
	_, err := verifyAt(t, path)
	wantBroken(t, err, cs[1].Number, data.AuditBrokenEvent)
}

func TestAuditDetectsOneFlippedByte(t *testing.T) {
	path, cs := auditStore(t)
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketCases)
		raw := append([]byte(nil), b.Get(u64(cs[0].ID))...)
		js, _ := recordJSON(raw)
		i := strings.Index(string(js), "王小明")
		js = append([]byte(nil), js...)
		js[i+2] ^= 1 // one byte of the customer's name
		enc, _ := encodeBlob(js)
		return b.Put(u64(cs[0].ID), enc)
	})
	db.Close()
	_, err = verifyAt(t, path)
	wantBroken(t, err, cs[0].Number, data.AuditBrokenState)
}

func TestAuditDetectsDeletedEvent(t *testing.T) {
	path, cs := auditStore(t)
	tamperCase(t, path, cs[1].ID, func(c *data.Case) { c.Timeline = append(c.Timeline[:1], c.Timeline[2:]...) })
	_, err := verifyAt(t, path)
	wantBroken(t, err, cs[1].Number, data.AuditBrokenEvent)

	path, cs = auditStore(t)
	tamperCase(t, path, cs[1].ID, func(c *data.Case) { c.Timeline = c.Timeline[:len(c.Timeline)-1] })
	_, err = verifyAt(t, path)
	wantBroken(t, err, cs[1].Number, data.AuditMissingEvent)
}

func TestAuditDetectsReorderedEvents(t *testing.T) {
	path, cs := auditStore(t)
	tamperCase(t, path, cs[1].ID, func(c *data.Case) { c.Timeline[1], c.Timeline[2] = c.Timeline[2], c.Timeline[1] })
	_, err := verifyAt(t, path)
	wantBroken(t, err, cs[1].Number, data.AuditBrokenEvent)
}

func TestAuditDetectsAddedEventAndDeletedCase(t *testing.T) {
	path, cs := auditStore(t)
	tamperCase(t, path, cs[0].ID, func(c *data.Case) {
		c.Timeline = append(c.Timeline, data.Event{At: c.ReceivedAt, By: "王芳", Type: data.EventNote, Note: "补记"})
	})
	_, err := verifyAt(t, path)
	wantBroken(t, err, cs[0].Number, data.AuditExtraEvent)

	path, cs = auditStore(t)
	db, _ := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketCases).Delete(u64(cs[2].ID)) })
	db.Close()
	_, err = verifyAt(t, path)
	wantBroken(t, err, cs[2].Number, data.AuditMissingRecord)
}

func TestAuditDetectsEditedOrRemovedEntries(t *testing.T) {
	edit := func(fn func(b *bolt.Bucket)) error {
		path, _ := auditStore(t)
		db, _ := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
		db.Update(func(tx *bolt.Tx) error { fn(tx.Bucket(bucketAudit)); return nil })
		db.Close()
		_, err := verifyAt(t, path)
		return err
	}
	var be *data.AuditBrokenError
	// An entry's text changed (who did it), its hash left as it was.
	err := edit(func(b *bolt.Bucket) {
		v := b.Get(u64(5))
		e, _ := decodeAuditEntry(v, hashAt(b, 4))
		e.By = "李娜"
		b.Put(u64(5), encodeAuditEntry(e.Hash, e.Salt, e.Canonical()))
	})
	if !errors.As(err, &be) || be.Why != data.AuditBrokenHash || be.Seq != 5 {
		t.Errorf("edited entry: %v", err)
	}
	// The same, with its own hash recomputed: the next entry's link breaks.
	err = edit(func(b *bolt.Bucket) {
		e, _ := decodeAuditEntry(b.Get(u64(5)), hashAt(b, 4))
		e.By = "李娜"
		e.Hash = e.ComputeHash()
		b.Put(u64(5), encodeAuditEntry(e.Hash, e.Salt, e.Canonical()))
	})
	if !errors.As(err, &be) || be.Why != data.AuditBrokenHash || be.Seq != 6 {
		t.Errorf("rehashed entry: %v", err)
	}
	err = edit(func(b *bolt.Bucket) { b.Delete(u64(4)) })
	if !errors.As(err, &be) || be.Why != data.AuditBrokenLink || be.Seq != 4 {
		t.Errorf("removed entry: %v", err)
	}
	// The last entry removed: the head in meta names it still.
	err = edit(func(b *bolt.Bucket) { b.Delete(u64(9)) })
	if !errors.As(err, &be) || be.Why != data.AuditBrokenLink {
		t.Errorf("removed last entry: %v", err)
	}
}

// A database of the older layout gets its chain built from its data, and it
// verifies; a new change extends it.
func TestAuditChainBuiltFromExistingData(t *testing.T) {
	s, path := openFixture(t)
	ctx := context.Background()
	sum, err := s.AuditVerify(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Cases != 3 || sum.Entries < 5 { // genesis, three cases, their messages
		t.Errorf("summary %+v", sum)
	}
	var g data.AuditEntry
	s.db.View(func(tx *bolt.Tx) (err error) {
		g, err = decodeAuditEntry(tx.Bucket(bucketAudit).Get(u64(1)), "")
		return err
	})
	if g.Kind != data.AuditGenesis || g.What != data.AuditBuilt || g.Prev != "" {
		t.Errorf("genesis %+v", g)
	}
	rows := s.List(data.Filter{}, data.Sort{}, time.Now())
	if _, err := s.AddNote(ctx, rows[0].Number, "王芳", "迁移之后"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	sum2, err := verifyAt(t, path)
	if err != nil || sum2.Entries != sum.Entries+1 {
		t.Fatalf("after a change: %+v %v", sum2, err)
	}
}

func TestAuditPersonalDataInASeparateDigest(t *testing.T) {
	ev := data.Event{At: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), By: "王芳", Type: data.EventMailOut,
		Args: map[string]string{data.ArgSubject: "王小明的投诉", data.ArgTo: "xm@163.com"}}
	c1, p1 := data.EventDigests([]data.Event{ev}, []byte("salt"))
	erased := ev
	erased.Args = map[string]string{data.ArgSubject: "客户 #1", data.ArgTo: "-"}
	c2, p2 := data.EventDigests([]data.Event{erased}, []byte("salt"))
	if c1 != c2 || p1 == p2 || p1 == "" {
		t.Errorf("erasing personal args changed the content digest or not the personal one")
	}
	if _, p3 := data.EventDigests([]data.Event{ev}, []byte("other")); p3 == p1 {
		t.Errorf("the personal digest does not depend on its salt")
	}
	moved := ev
	moved.By = "李娜"
	if c3, _ := data.EventDigests([]data.Event{moved}, []byte("salt")); c3 == c1 {
		t.Errorf("who did it is not in the content digest")
	}
}

func hashAt(b *bolt.Bucket, seq uint64) string { return hex.EncodeToString(b.Get(u64(seq))[:32]) }

// A parked message read again is removed and imported anew: the removal is
// an entry of its own, and the chain still verifies; a message removed
// without one is found.
func TestAuditRemovedParkedMessage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "casebook.db")
	s := openTest(t, path, nil)
	ctx := context.Background()
	in := incoming(5, "a@example.test", "li@example.test", "照片")
	in.Raw = []byte("raw one")
	if _, err := s.ImportMail(ctx, "INBOX", data.FolderState{UIDValidity: 1}, []data.IncomingMail{in}, newOrThread, nil); err != nil {
		t.Fatal(err)
	}
	in2 := incoming(6, "b@example.test", "zhao@example.test", "行程")
	in2.Raw = []byte("raw two")
	if _, err := s.ImportMail(ctx, "INBOX", data.FolderState{UIDValidity: 1}, []data.IncomingMail{in2}, newOrThread, nil); err != nil {
		t.Fatal(err)
	}
	msgs, err := s.MailLog(ctx, data.DirectionIn, 0)
	if err != nil || len(msgs) != 2 {
		t.Fatalf("%d messages: %v", len(msgs), err)
	}
	if err := s.forgetMessage(msgs[0].Message); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AuditVerify(ctx); err != nil {
		t.Fatalf("after a removal with its entry: %v", err)
	}
	s.Close()
	db, _ := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMessages).Delete(u64(msgs[1].ID)) })
	db.Close()
	_, err = verifyAt(t, path)
	var be *data.AuditBrokenError
	if !errors.As(err, &be) || be.Why != data.AuditMissingRecord || be.Ref != msgs[1].ID {
		t.Fatalf("a message removed behind Casebook's back: %v", err)
	}
}

// A customer's address as the one who acted (mail they sent) is personal:
// not in the public digest, nor in the entry.
func TestAuditCustomerAddressIsPersonal(t *testing.T) {
	ev := data.Event{At: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), By: "xm@163.com", Type: data.EventMailIn}
	c1, p1 := data.EventDigests([]data.Event{ev}, []byte("s"))
	ev.By = "customer-1@anonymised.invalid"
	c2, p2 := data.EventDigests([]data.Event{ev}, []byte("s"))
	if c1 != c2 || p1 == p2 || p1 == "" {
		t.Errorf("the sender's address is in the public digest, or not in the personal one")
	}
	if data.AuditBy("xm@163.com") != "" || data.AuditBy("王芳") != "王芳" {
		t.Error("AuditBy")
	}
}

// A copy whose records disagree with its own audit chain is no backup:
// InspectBackup refuses it; an intact copy shows its head.
func TestBackupCheckVerifiesTheAuditChain(t *testing.T) {
	path, cases := auditStore(t)
	info, err := InspectBackup(context.Background(), path)
	if err != nil || info.AuditHead == "" || info.AuditEntries == 0 {
		t.Fatalf("an intact file: %+v %v", info, err)
	}
	tamperCase(t, path, cases[0].ID, func(c *data.Case) { c.Amount += 1 })
	_, err = InspectBackup(context.Background(), path)
	var be *data.BackupError
	if !errors.As(err, &be) || be.Reason != data.BackupDamaged || !strings.Contains(be.Detail, "audit chain") {
		t.Fatalf("a tampered file: %v", err)
	}
}
