package store

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
)

// checkIndexes checks that every case has exactly its received-time and
// customer index entries.
func checkIndexes(t *testing.T, s *Store) {
	t.Helper()
	err := s.db.View(func(tx *bolt.Tx) error {
		want := map[string]bool{}
		err := tx.Bucket(bucketCases).ForEach(func(k, v []byte) error {
			c, err := getCaseByIDTx(tx, k)
			if err != nil {
				return err
			}
			want["r"+string(append(u64(timeKey(c.ReceivedAt)), k...))] = true
			want["c"+string(append(u64(c.CustomerID), k...))] = true
			return nil
		})
		if err != nil {
			return err
		}
		got := map[string]bool{}
		tx.Bucket(bucketIdxReceived).ForEach(func(k, _ []byte) error { got["r"+string(k)] = true; return nil })
		tx.Bucket(bucketIdxCustomer).ForEach(func(k, _ []byte) error { got["c"+string(k)] = true; return nil })
		for k := range want {
			if !got[k] {
				t.Errorf("missing index entry %s #%d", k[:1], binary.BigEndian.Uint64([]byte(k[9:])))
			}
		}
		for k := range got {
			if !want[k] {
				t.Errorf("stale index entry %s #%d", k[:1], binary.BigEndian.Uint64([]byte(k[9:])))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func ptr[T any](v T) *T { return &v }

func TestEditRecordsEveryFieldOldToNew(t *testing.T) {
	clock := &fakeNow{t: time.Date(2026, 11, 23, 10, 0, 0, 0, shanghai)}
	s := openTest(t, "", clock)
	ctx := context.Background()
	c, err := s.CreateCase(ctx, sampleCase())
	if err != nil {
		t.Fatal(err)
	}
	clock.set(clock.t.Add(time.Hour))
	received := time.Date(2026, 11, 22, 9, 0, 0, 0, shanghai) // a Sunday: business clocks start Monday morning
	e := data.CaseEdit{
		Name: ptr("王晓明"), Phone: ptr("139 1234 5678"), Email: ptr("wxm@example.com"), WeChat: ptr("wxm88"),
		Subject: ptr("  大理玉石店强制购物 "), Description: ptr("停留三小时"), Demand: ptr("退款"),
		Amount: ptr(data.Money(150000)), Currency: ptr("usd"),
		Ref: ptr("TB1"), Product: ptr("大理5日游"), Departure: ptr("２０２６-07-09"), Destination: ptr("丽江"),
		Guide: ptr("李导"), Supplier: ptr("阳光地接"), ReceivedAt: &received,
		Channel: ptr(data.ChannelPhone), Kind: ptr(data.KindRequest),
	}
	got, err := s.EditCase(ctx, c.Number, "陈静", e)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{
		"customer": {"王小明", "王晓明"}, "phone": {"138 0013 8000", "139 1234 5678"},
		"email": {"xm.wang@163.com", "wxm@example.com"}, "wechat": {"", "wxm88"},
		"subject": {"云南六日游导游强制购物", "大理玉石店强制购物"}, "description": {c.Description, "停留三小时"},
		"demand": {"退还费用并道歉", "退款"}, "booking": {"TB20260612-0385", "TB1"},
		"product": {"云南大理丽江6日游", "大理5日游"}, "departure": {"2026-07-08", "2026-07-09"},
		"destination": {"大理", "丽江"}, "guide": {"", "李导"}, "supplier": {"", "阳光地接"},
		"currency": {"CNY", "USD"}, "amount": {"1200.00", "1500.00"}, "channel": {"walkin", "phone"},
		"kind":     {"complaint", "request"},
		"received": {c.ReceivedAt.Format(time.RFC3339), received.Format(time.RFC3339)},
	}
	seen := map[string]bool{}
	for _, ev := range got.Timeline[1:] {
		f := ev.Arg(data.ArgField)
		if ev.Type != data.EventEdited || ev.By != "陈静" || !ev.At.Equal(clock.now()) {
			t.Errorf("event %+v", ev)
		}
		w, ok := want[f]
		if !ok || ev.Old != w[0] || ev.New != w[1] {
			t.Errorf("field %s: %q → %q, want %q", f, ev.Old, ev.New, w)
		}
		seen[f] = true
	}
	if len(seen) != len(want) {
		t.Errorf("events for %v, want all of %v", seen, want)
	}
	if got.Customer.Name != "王晓明" || got.Booking.Departure != "2026-07-09" || got.Amount != 150000 ||
		got.Currency != "USD" || got.Kind != data.KindRequest || got.Subject != "大理玉石店强制购物" {
		t.Errorf("case not changed: %+v", got)
	}
	// The clocks run again from the new received time: a Sunday, so Monday's working day.
	if !got.FirstResponse.Due.Equal(time.Date(2026, 11, 23, 18, 0, 0, 0, shanghai)) {
		t.Errorf("first response due %v", got.FirstResponse.Due.In(shanghai))
	}
	if ev := got.Timeline[len(got.Timeline)-1]; ev.Arg(data.ArgField) != "received" || ev.Arg(data.ArgDeadlines) != data.DeadlinesRecalculated {
		t.Errorf("received event %+v", ev)
	}
	// Stored, and found by the new received date and the new phone.
	back, err := s.Case(ctx, c.Number)
	if err != nil || len(back.Timeline) != len(got.Timeline) {
		t.Fatalf("read back: %v", err)
	}
	rows := s.List(data.Filter{Query: "晓明"}, data.Sort{}, clock.now())
	if len(rows) != 1 {
		t.Errorf("list by the new name: %d rows", len(rows))
	}
	found, _ := s.FindCustomers(ctx, "13912345678", 5)
	if len(found) != 1 || found[0].ID != c.CustomerID || found[0].Name != "王晓明" {
		t.Errorf("customer by new phone: %+v", found)
	}
	checkIndexes(t, s)
	// The same values again change nothing.
	again, err := s.EditCase(ctx, c.Number, "陈静", data.CaseEdit{Subject: ptr("大理玉石店强制购物")})
	if err != nil || len(again.Timeline) != len(got.Timeline) {
		t.Errorf("unchanged edit: %v, %d events", err, len(again.Timeline))
	}
}

func TestEditRefusesBadInputAndClosedCases(t *testing.T) {
	clock := &fakeNow{t: time.Date(2026, 11, 23, 10, 0, 0, 0, shanghai)}
	s := openTest(t, "", clock)
	ctx := context.Background()
	c, err := s.CreateCase(ctx, sampleCase())
	if err != nil {
		t.Fatal(err)
	}
	future := clock.t.Add(time.Hour)
	for _, e := range []data.CaseEdit{
		{Name: ptr("  ")}, {Subject: ptr("")}, {Subject: ptr("a\x1bb")}, {Phone: ptr("12ab")},
		{Email: ptr("bad@")}, {Departure: ptr("2026/07/01")}, {Amount: ptr(data.Money(-1))},
		{Currency: ptr("RMBX")}, {ReceivedAt: &future}, {Channel: ptr(data.Channel("fax"))},
		{Kind: ptr(data.Kind("rant"))}, {Subject: ptr(strings.Repeat("长", 201))}, {Description: ptr("ok"), Customer: "merge"},
	} {
		if _, err := s.EditCase(ctx, c.Number, "王芳", e); !errors.Is(err, data.ErrInvalid) {
			t.Errorf("%+v: %v", e, err)
		}
	}
	back, _ := s.Case(ctx, c.Number)
	if len(back.Timeline) != 1 || back.Subject != c.Subject {
		t.Errorf("a refused edit changed the case: %+v", back.Timeline)
	}
	// Closed: refused until reopened.
	for _, to := range []data.Status{data.StatusAcknowledged, data.StatusInvestigating, data.StatusProposed,
		data.StatusAgreed, data.StatusResolved, data.StatusClosed} {
		if to == data.StatusClosed {
			followedUp(t, s, c.Number)
		}
		if _, err := s.Move(ctx, c.Number, to, "陈静", ""); err != nil {
			t.Fatal(err)
		}
	}
	_, err = s.EditCase(ctx, c.Number, "陈静", data.CaseEdit{Subject: ptr("新事由")})
	var ce *data.ClosedError
	if !errors.As(err, &ce) || ce.Number != c.Number {
		t.Fatalf("edit of a closed case: %v", err)
	}
	if _, err := s.Move(ctx, c.Number, data.StatusInvestigating, "陈静", "客户补充材料"); err != nil {
		t.Fatal(err)
	}
	if got, err := s.EditCase(ctx, c.Number, "陈静", data.CaseEdit{Subject: ptr("新事由")}); err != nil || got.Subject != "新事由" {
		t.Errorf("edit after reopening: %v", err)
	}
}

func TestEditPhoneOfAnotherCustomer(t *testing.T) {
	clock := &fakeNow{t: time.Date(2026, 11, 23, 10, 0, 0, 0, shanghai)}
	s := openTest(t, "", clock)
	ctx := context.Background()
	other := sampleCase()
	other.Customer = data.Customer{Name: "李雷", Phone: "13700001111", Email: "lilei@example.com"}
	o, err := s.CreateCase(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	mk := func() data.Case {
		c, err := s.CreateCase(ctx, sampleCase())
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	c := mk()
	// Not chosen yet: refused, naming the other customer.
	_, err = s.EditCase(ctx, c.Number, "王芳", data.CaseEdit{Phone: ptr("137-0000-1111")})
	var ce *data.CustomerConflictError
	if !errors.As(err, &ce) || ce.Other.ID != o.CustomerID || ce.Other.Name != "李雷" || ce.Field != "phone" {
		t.Fatalf("conflict: %v", err)
	}
	// Keep: same customer, new phone; the phone still finds 李雷 first.
	kept, err := s.EditCase(ctx, c.Number, "王芳", data.CaseEdit{Phone: ptr("137-0000-1111"), Customer: data.CustomerKeep})
	if err != nil {
		t.Fatal(err)
	}
	if kept.CustomerID != c.CustomerID || kept.Customer.Phone != "137-0000-1111" || kept.Customer.Name != "王小明" {
		t.Errorf("kept: %+v", kept.Customer)
	}
	if cust, _ := s.Customer(ctx, c.CustomerID); cust.Phone != "137-0000-1111" {
		t.Errorf("the customer record did not get the new phone: %+v", cust)
	}
	// Move: the case goes to 李雷, with his details, and leaves 王小明's list.
	d := mk()
	moved, err := s.EditCase(ctx, d.Number, "王芳", data.CaseEdit{Email: ptr("LILEI@example.com"), Customer: data.CustomerMove})
	if err != nil {
		t.Fatal(err)
	}
	if moved.CustomerID != o.CustomerID || moved.Customer.Name != "李雷" || moved.Customer.Email != "LILEI@example.com" {
		t.Errorf("moved: %d %+v", moved.CustomerID, moved.Customer)
	}
	var movedEv *data.Event
	for i, ev := range moved.Timeline {
		if ev.Arg(data.ArgField) == data.EditCustomerMoved {
			movedEv = &moved.Timeline[i]
		}
	}
	if movedEv == nil || !strings.Contains(movedEv.Old, "王小明") || !strings.Contains(movedEv.New, "李雷") {
		t.Errorf("move event: %+v", moved.Timeline)
	}
	theirs, _ := s.CustomerCases(ctx, o.CustomerID)
	mine, _ := s.CustomerCases(ctx, d.CustomerID)
	if len(theirs) != 2 || len(mine) != 1 {
		t.Errorf("cases of 李雷 %d, of 王小明 %d", len(theirs), len(mine))
	}
	checkIndexes(t, s)
}

func TestKindChangeRespectsTheWorkflow(t *testing.T) {
	clock := &fakeNow{t: time.Date(2026, 11, 23, 10, 0, 0, 0, shanghai)}
	s := openTest(t, "", clock)
	ctx := context.Background()
	n := sampleCase()
	n.Kind = data.KindPraise
	c, err := s.CreateCase(ctx, n)
	if err != nil {
		t.Fatal(err)
	}
	// A praise is acknowledged and closed at once; reopened, it is investigated.
	for _, to := range []data.Status{data.StatusAcknowledged} {
		if _, err := s.Move(ctx, c.Number, to, "陈静", ""); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := s.EditCase(ctx, c.Number, "陈静", data.CaseEdit{Kind: ptr(data.KindComplaint)}); err != nil || got.Kind != data.KindComplaint {
		t.Fatalf("a complaint can be acknowledged: %v", err)
	}
	for _, k := range data.Kinds {
		for _, st := range data.Statuses {
			if st != data.StatusDeclined && !data.KindReaches(k, st) {
				t.Errorf("%s never reaches %s", k, st)
			}
		}
	}
}

func TestEvidenceStoredOnceByContent(t *testing.T) {
	clock := &fakeNow{t: time.Date(2026, 11, 23, 10, 0, 0, 0, shanghai)}
	s := openTest(t, "", clock)
	ctx := context.Background()
	a, _ := s.CreateCase(ctx, sampleCase())
	b, _ := s.CreateCase(ctx, sampleCase())
	photo := bytes.Repeat([]byte("收据照片"), 10000)
	before, _ := s.BlobBytes(ctx)
	got, ev, added, err := s.AttachEvidence(ctx, a.Number, data.Evidence{Name: "../../etc/收据\x1b[31m.jpg", By: "王芳", Note: "购物小票"}, photo)
	if err != nil || !added {
		t.Fatal(err)
	}
	if ev.Name != "收据[31m.jpg" || ev.Size != int64(len(photo)) || len(got.Evidence) != 1 || ev.By != "王芳" || !ev.At.Equal(clock.now()) {
		t.Errorf("evidence %+v", ev)
	}
	last := got.Timeline[len(got.Timeline)-1]
	if last.Type != data.EventEvidence || last.Arg(data.ArgName) != ev.Name || last.Note != "购物小票" || last.Arg(data.ArgSize) != "120000" {
		t.Errorf("event %+v", last)
	}
	once, _ := s.BlobBytes(ctx)
	// The same bytes again, on the same case and on another: listed where new, stored once.
	got, _, added, err = s.AttachEvidence(ctx, a.Number, data.Evidence{Name: "copy.jpg", By: "王芳"}, photo)
	if err != nil || added || len(got.Evidence) != 1 {
		t.Errorf("same file twice on one case: %v %v %d", err, added, len(got.Evidence))
	}
	if _, _, added, err = s.AttachEvidence(ctx, b.Number, data.Evidence{Name: "p.jpg", By: "王芳"}, photo); err != nil || !added {
		t.Fatal(err)
	}
	twice, _ := s.BlobBytes(ctx)
	if once == before || twice != once {
		t.Errorf("blob bytes: before %d, after one %d, after three attachments %d", before, once, twice)
	}
	back, err := s.Blob(ctx, ev.SHA256)
	if err != nil || !bytes.Equal(back, photo) {
		t.Errorf("blob back: %v", err)
	}
	// Too large, empty: refused, nothing listed.
	big := make([]byte, data.MaxEvidenceBytes+1)
	_, _, _, err = s.AttachEvidence(ctx, a.Number, data.Evidence{Name: "video.mp4"}, big)
	var tl *data.EvidenceTooLargeError
	if !errors.As(err, &tl) || tl.Name != "video.mp4" {
		t.Errorf("too large: %v", err)
	}
	if _, _, _, err = s.AttachEvidence(ctx, a.Number, data.Evidence{Name: "empty"}, nil); !errors.Is(err, data.ErrEmptyFile) {
		t.Errorf("empty: %v", err)
	}
	if c, _ := s.Case(ctx, a.Number); len(c.Evidence) != 1 {
		t.Errorf("refused files listed: %+v", c.Evidence)
	}
}

func TestCleanFileName(t *testing.T) {
	for in, want := range map[string]string{
		"收据.jpg":                           "收据.jpg",
		`C:\Users\王\Desktop\合同.pdf`:        "合同.pdf",
		"../../../etc/passwd":              "passwd",
		"a\u202egnp.exe":                   "agnp.exe",
		"line\nbreak.png":                  "line break.png",
		"what?.txt":                        "what_.txt",
		"..":                               "file",
		"":                                 "file",
		" .hidden ":                        "hidden",
		strings.Repeat("长", 300) + ".jpeg": strings.Repeat("长", data.MaxEvidenceName-5) + ".jpeg",
	} {
		if got := data.CleanFileName(in); got != want {
			t.Errorf("CleanFileName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEditMoveWhenPhoneAndEmailAreTwoOtherCustomers(t *testing.T) {
	clock := &fakeNow{t: time.Date(2026, 11, 23, 10, 0, 0, 0, shanghai)}
	s := openTest(t, "", clock)
	ctx := context.Background()
	mk := func(name, phone, email string) data.Case {
		n := sampleCase()
		n.Customer = data.Customer{Name: name, Phone: phone, Email: email}
		c, err := s.CreateCase(ctx, n)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	a := mk("甲", "13700000001", "a@example.com")
	b := mk("乙", "13700000002", "b@example.com")
	c := mk("丙", "13700000003", "c@example.com")
	e := data.CaseEdit{Phone: ptr("13700000001"), Email: ptr("b@example.com")}
	if _, err := s.EditCase(ctx, c.Number, "王芳", e); !errors.As(err, new(*data.CustomerConflictError)) {
		t.Fatalf("not asked: %v", err)
	}
	e.Customer = data.CustomerMove
	got, err := s.EditCase(ctx, c.Number, "王芳", e)
	if err != nil || got.CustomerID != a.CustomerID || got.Customer.Email != "b@example.com" {
		t.Fatalf("moved to %d (%v): %+v", got.CustomerID, err, got.Customer)
	}
	// b@example.com still finds 乙 first.
	if found, _ := s.FindCustomers(ctx, "b@example.com", 5); len(found) == 0 || found[0].ID != b.CustomerID {
		t.Errorf("e-mail index: %+v", found)
	}
	checkIndexes(t, s)
}

// A large photo the customer e-mailed, attached again as evidence at the
// counter, is not stored a second time: it is read from its message.
func TestEvidenceReusesAnEmailedAttachment(t *testing.T) {
	ctx := context.Background()
	big := make([]byte, largeAttachment+1)
	rand.Read(big) // incompressible: stored twice would show
	sum := sha256.Sum256(big)
	sha := hex.EncodeToString(sum[:])
	s, err := Open(ctx, filepath.Join(t.TempDir(), "c.db"), WithExtractor(func(raw []byte, want string) ([]byte, error) {
		if want != sha {
			return nil, data.ErrNotFound
		}
		return big, nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	in := incoming(5, "att@example.test", "li@example.test", "照片")
	in.Raw = []byte("the raw message holding the photo")
	in.Attachments = map[string][]byte{sha: big}
	if _, err := s.ImportMail(ctx, "INBOX", data.FolderState{UIDValidity: 1}, []data.IncomingMail{in}, newOrThread, nil); err != nil {
		t.Fatal(err)
	}
	c, err := s.CreateCase(ctx, sampleCase())
	if err != nil {
		t.Fatal(err)
	}
	before, _ := s.BlobBytes(ctx)
	if _, _, added, err := s.AttachEvidence(ctx, c.Number, data.Evidence{Name: "现场照片.jpg", By: "王芳"}, big); err != nil || !added {
		t.Fatal(err)
	}
	if after, _ := s.BlobBytes(ctx); after-before > 1000 {
		t.Errorf("the e-mailed photo was stored again: %d bytes more", after-before)
	}
	if b, err := s.Blob(ctx, sha); err != nil || !bytes.Equal(b, big) {
		t.Errorf("evidence read back: %v", err)
	}
}
