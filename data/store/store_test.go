package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
)

var shanghai = func() *time.Location {
	l, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return l
}()

// fakeNow is a settable clock for stores under test.
type fakeNow struct {
	mu sync.Mutex
	t  time.Time
}

func (f *fakeNow) now() time.Time  { f.mu.Lock(); defer f.mu.Unlock(); return f.t }
func (f *fakeNow) set(t time.Time) { f.mu.Lock(); f.t = t; f.mu.Unlock() }

func openTest(t testing.TB, path string, clock *fakeNow) *Store {
	t.Helper()
	if path == "" {
		path = filepath.Join(t.TempDir(), "casebook.db")
	}
	opts := []Option{WithTimeout(200 * time.Millisecond)}
	if clock != nil {
		opts = append(opts, WithClock(clock.now))
	}
	s, err := Open(context.Background(), path, opts...)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func sampleCase() data.NewCase {
	return data.NewCase{
		Kind: data.KindComplaint, Category: "forced_shopping", Severity: data.SeverityNormal, Channel: data.ChannelWalkIn,
		Subject:     "云南六日游导游强制购物",
		Description: "7月12日在大理，导游带团进入玉石店停留两个多小时，不购物不让离开。",
		Demand:      "退还费用并道歉", Amount: 120000,
		Customer: data.Customer{Name: "王小明", Phone: "138 0013 8000", Email: "xm.wang@163.com"},
		Booking:  data.Booking{Ref: "TB20260612-0385", Product: "云南大理丽江6日游", Departure: "2026-07-08", Destination: "大理"},
		By:       "王芳",
	}
}

func TestCreateAndReadBack(t *testing.T) {
	clock := &fakeNow{t: time.Date(2026, 11, 23, 10, 0, 0, 0, shanghai)} // a Monday
	path := filepath.Join(t.TempDir(), "c.db")
	s := openTest(t, path, clock)
	ctx := context.Background()
	c, err := s.CreateCase(ctx, sampleCase())
	if err != nil {
		t.Fatal(err)
	}
	if c.Number != "A-2026-0001" || c.Status != data.StatusNew || c.Currency != "CNY" {
		t.Fatalf("unexpected case: %+v", c)
	}
	// normal: 24h counts as one working day → Tuesday 10:00.
	wantFirst := clock.t.AddDate(0, 0, 1)
	if !c.FirstResponse.Due.Equal(wantFirst) {
		t.Errorf("first response due %v, want %v", c.FirstResponse.Due.In(shanghai), wantFirst)
	}
	if len(c.Timeline) != 1 || c.Timeline[0].Type != data.EventCreated || c.Timeline[0].By != "王芳" {
		t.Errorf("timeline: %+v", c.Timeline)
	}
	s.Close()

	s2 := openTest(t, path, clock)
	got, err := s2.Case(ctx, "a-2026-0001")
	if err != nil {
		t.Fatal(err)
	}
	if got.Subject != c.Subject || got.Customer.Name != "王小明" || got.Amount != 120000 || !got.FirstResponse.Due.Equal(c.FirstResponse.Due) {
		t.Errorf("after reopen: %+v", got)
	}
	if rows := s2.List(data.Filter{}, data.Sort{}, clock.t); len(rows) != 1 || rows[0].Number != c.Number {
		t.Errorf("list after reopen: %v", rows)
	}
}

func TestInvalidIntakeWritesNothing(t *testing.T) {
	s := openTest(t, "", nil)
	ctx := context.Background()
	cases := map[string]func(n *data.NewCase){
		"customer":  func(n *data.NewCase) { n.Customer.Name = "  " },
		"subject":   func(n *data.NewCase) { n.Subject = "" },
		"phone":     func(n *data.NewCase) { n.Customer.Phone = "13800x" },
		"email":     func(n *data.NewCase) { n.Customer.Email = "wang@" },
		"departure": func(n *data.NewCase) { n.Booking.Departure = "2026/07/08" },
		"category":  func(n *data.NewCase) { n.Category = "nope" },
		"kind":      func(n *data.NewCase) { n.Kind = "rant" },
		"received":  func(n *data.NewCase) { n.ReceivedAt = time.Now().Add(48 * time.Hour) },
	}
	for field, spoil := range cases {
		n := sampleCase()
		spoil(&n)
		_, err := s.CreateCase(ctx, n)
		var fe *data.FieldError
		if !errors.As(err, &fe) || fe.Field != field || !errors.Is(err, data.ErrInvalid) {
			t.Errorf("%s: got %v", field, err)
		}
	}
	// A batch with one bad case writes none of them.
	bad := sampleCase()
	bad.Subject = ""
	if _, err := s.CreateCases(ctx, []data.NewCase{sampleCase(), bad}); err == nil {
		t.Fatal("batch with a bad case accepted")
	}
	if s.Count() != 0 {
		t.Fatalf("invalid input left %d cases", s.Count())
	}
	if c, _ := s.CreateCase(ctx, sampleCase()); c.Number != "A-2026-0001" && !strings.HasSuffix(c.Number, "-0001") {
		t.Errorf("refused cases consumed numbers: %s", c.Number)
	}
}

func TestTransitionTable(t *testing.T) {
	allowed := map[[2]data.Status]bool{
		{data.StatusNew, data.StatusAcknowledged}: true, {data.StatusNew, data.StatusDeclined}: true,
		{data.StatusAcknowledged, data.StatusInvestigating}: true, {data.StatusInvestigating, data.StatusProposed}: true,
		{data.StatusProposed, data.StatusAgreed}: true, {data.StatusProposed, data.StatusInvestigating}: true,
		{data.StatusAgreed, data.StatusResolved}: true, {data.StatusResolved, data.StatusClosed}: true,
		{data.StatusClosed, data.StatusInvestigating}: true,
	}
	for _, kind := range data.Kinds {
		for _, from := range data.Statuses {
			for _, to := range data.Statuses {
				want := allowed[[2]data.Status{from, to}]
				if from == data.StatusAcknowledged && to == data.StatusClosed {
					want = kind == data.KindSuggestion || kind == data.KindPraise
				}
				if got := data.CanMove(kind, from, to); got != want {
					t.Errorf("%s %s→%s: got %v want %v", kind, from, to, got, want)
				}
			}
		}
	}
}

func TestWorkflowThroughStore(t *testing.T) {
	clock := &fakeNow{t: time.Date(2026, 11, 23, 10, 0, 0, 0, shanghai)}
	s := openTest(t, "", clock)
	ctx := context.Background()
	c, _ := s.CreateCase(ctx, sampleCase())
	if _, err := s.Move(ctx, c.Number, data.StatusResolved, "王芳", ""); !errors.Is(err, data.ErrTransition) {
		t.Fatalf("new → resolved: %v", err)
	}
	steps := []data.Status{data.StatusAcknowledged, data.StatusInvestigating, data.StatusProposed, data.StatusInvestigating,
		data.StatusProposed, data.StatusAgreed, data.StatusResolved, data.StatusClosed, data.StatusInvestigating}
	for i, to := range steps {
		clock.set(clock.t.Add(time.Hour))
		if to == data.StatusClosed {
			followedUp(t, s, c.Number) // one more event
		}
		var err error
		c, err = s.Move(ctx, c.Number, to, "陈静", fmt.Sprintf("步骤 %d", i))
		if err != nil {
			t.Fatalf("step %d → %s: %v", i, to, err)
		}
	}
	if got := len(c.Timeline); got != 2+len(steps) {
		t.Fatalf("timeline has %d events", got)
	}
	last := c.Timeline[len(c.Timeline)-1]
	if last.Old != "closed" || last.New != "investigating" || last.By != "陈静" || last.Note != "步骤 8" {
		t.Errorf("last event %+v", last)
	}
	if c.FirstResponse.MetAt.IsZero() || !c.Resolution.Running() || !c.ClosedAt.IsZero() {
		t.Errorf("after reopen: first %+v resolution %+v", c.FirstResponse, c.Resolution)
	}
	// Suggestions may be closed straight after acknowledgement; complaints may not.
	n := sampleCase()
	n.Kind = data.KindSuggestion
	sg, _ := s.CreateCase(ctx, n)
	s.Move(ctx, sg.Number, data.StatusAcknowledged, "王芳", "")
	if _, err := s.Move(ctx, sg.Number, data.StatusClosed, "王芳", "谢谢建议"); err != nil {
		t.Errorf("suggestion ack → closed: %v", err)
	}
	cp, _ := s.CreateCase(ctx, sampleCase())
	s.Move(ctx, cp.Number, data.StatusAcknowledged, "王芳", "")
	if _, err := s.Move(ctx, cp.Number, data.StatusClosed, "王芳", ""); !errors.Is(err, data.ErrTransition) {
		t.Errorf("complaint ack → closed: %v", err)
	}
}

func TestWaitingPausesClocksAndFilters(t *testing.T) {
	clock := &fakeNow{t: time.Date(2026, 11, 23, 10, 0, 0, 0, shanghai)}
	s := openTest(t, "", clock)
	ctx := context.Background()
	c, _ := s.CreateCase(ctx, sampleCase())
	c, err := s.SetWaiting(ctx, c.Number, data.WaitingCustomer, "王芳", "等客户提供发票")
	if err != nil || c.FirstResponse.PausedAt.IsZero() {
		t.Fatalf("pause: %v %+v", err, c.FirstResponse)
	}
	far := clock.t.AddDate(0, 0, 30)
	if rows := s.List(data.Filter{Overdue: true}, data.Sort{}, far); len(rows) != 0 {
		t.Errorf("paused case overdue")
	}
	if rows := s.List(data.Filter{Waiting: true}, data.Sort{}, far); len(rows) != 1 {
		t.Errorf("waiting filter: %d", len(rows))
	}
	clock.set(time.Date(2026, 11, 30, 9, 0, 0, 0, shanghai)) // next Monday
	c, _ = s.SetWaiting(ctx, c.Number, data.WaitingNone, "王芳", "")
	want := time.Date(2026, 11, 30, 18, 0, 0, 0, shanghai) // a whole working day left, from Monday 09:00
	if !c.FirstResponse.Due.Equal(want) {
		t.Errorf("resumed due %v, want %v", c.FirstResponse.Due.In(shanghai), want)
	}
	if rows := s.List(data.Filter{Overdue: true}, data.Sort{}, want.Add(time.Minute)); len(rows) != 1 {
		t.Errorf("overdue after resume: %d", len(rows))
	}
	if rows := s.List(data.Filter{DueSoon: true}, data.Sort{}, want.Add(-time.Hour)); len(rows) != 1 {
		t.Errorf("due soon before deadline: %d", len(rows))
	}
}

func TestNumbersUniqueAcrossRestartsAndWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "n.db")
	ctx := context.Background()
	seen := map[string]bool{}
	for round := 0; round < 3; round++ {
		s := openTest(t, path, nil)
		var mu sync.Mutex
		var wg sync.WaitGroup
		for w := 0; w < 8; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 10; i++ {
					c, err := s.CreateCase(ctx, sampleCase())
					if err != nil {
						t.Error(err)
						return
					}
					mu.Lock()
					if seen[c.Number] {
						t.Errorf("number %s reused", c.Number)
					}
					seen[c.Number] = true
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		s.Close()
	}
	if len(seen) != 240 {
		t.Fatalf("%d numbers", len(seen))
	}
}

func TestCounterCodeInNumbers(t *testing.T) {
	s := openTest(t, "", nil)
	ctx := context.Background()
	st := s.Settings()
	st.CounterCode = "B2"
	if err := s.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	n := sampleCase()
	n.ReceivedAt = time.Date(2025, 3, 1, 10, 0, 0, 0, shanghai)
	c, err := s.CreateCase(ctx, n)
	if err != nil || c.Number != "B2-2025-0001" {
		t.Fatalf("%v %s", err, c.Number)
	}
	st.CounterCode = "b-1"
	if err := s.SaveSettings(ctx, st); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("bad counter code accepted: %v", err)
	}
}

func TestLockedDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "l.db")
	openTest(t, path, nil)
	start := time.Now()
	_, err := Open(context.Background(), path, WithTimeout(300*time.Millisecond))
	if !errors.Is(err, data.ErrLocked) {
		t.Fatalf("second open: %v", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Fatal("second open hung")
	}
}

func TestSearchChineseSubstrings(t *testing.T) {
	s := openTest(t, "", nil)
	ctx := context.Background()
	s.CreateCase(ctx, sampleCase())
	other := sampleCase()
	other.Subject, other.Description = "Hotel room not as booked", "Sea view promised, got car park view."
	other.Customer = data.Customer{Name: "Emily Chen", Email: "emily@example.com"}
	other.Booking.Ref = "TB20260101-0001"
	s.CreateCase(ctx, other)
	now := time.Now()
	for q, want := range map[string]int{
		"强制": 1, "玉石店": 1, "小明": 1, "0013": 1, "xm.wang": 1, "TB2026": 2,
		"CAR PARK": 1, "ｅｍｉｌｙ": 1, "a-2026": 2, "不存在": 0, "": 2,
	} {
		if got := len(s.List(data.Filter{Query: q}, data.Sort{}, now)); got != want {
			t.Errorf("search %q: %d results, want %d", q, got, want)
		}
	}
}

func TestCustomersFoundAgain(t *testing.T) {
	s := openTest(t, "", nil)
	ctx := context.Background()
	a, _ := s.CreateCase(ctx, sampleCase())
	again := sampleCase()
	again.Customer = data.Customer{Name: "王小明", Phone: "+86 138-0013-8000", WeChat: "wxm88"}
	b, _ := s.CreateCase(ctx, again)
	if a.CustomerID != b.CustomerID {
		t.Fatalf("same phone, different customers: %d %d", a.CustomerID, b.CustomerID)
	}
	found, err := s.FindCustomers(ctx, "1380013", 5)
	if err != nil || len(found) != 1 || found[0].WeChat != "wxm88" || found[0].Email != "xm.wang@163.com" {
		t.Fatalf("find by phone: %v %+v", err, found)
	}
	if found, _ := s.FindCustomers(ctx, "XM.WA", 5); len(found) != 1 {
		t.Errorf("find by e-mail: %+v", found)
	}
	hist, _ := s.CustomerCases(ctx, a.CustomerID)
	if len(hist) != 2 {
		t.Errorf("history: %d cases", len(hist))
	}
}

func TestListSortAndFilters(t *testing.T) {
	clock := &fakeNow{t: time.Date(2026, 11, 23, 10, 0, 0, 0, shanghai)}
	s := openTest(t, "", clock)
	ctx := context.Background()
	for i, sev := range []data.Severity{data.SeverityLow, data.SeverityUrgent, data.SeverityNormal} {
		n := sampleCase()
		n.Severity = sev
		n.ReceivedAt = clock.t.Add(time.Duration(-i) * time.Hour)
		if i == 2 {
			n.Channel = data.ChannelPhone
		}
		s.CreateCase(ctx, n)
	}
	rows := s.List(data.Filter{}, data.Sort{}, clock.t)
	if rows[0].Severity != data.SeverityLow || rows[2].Severity != data.SeverityNormal {
		t.Errorf("default order wrong")
	}
	rows = s.List(data.Filter{}, data.Sort{Key: data.SortSeverity, Asc: true}, clock.t)
	if rows[0].Severity != data.SeverityUrgent || rows[2].Severity != data.SeverityLow {
		t.Errorf("severity order wrong")
	}
	rows = s.List(data.Filter{}, data.Sort{Key: data.SortFirstDue, Asc: true}, clock.t)
	if rows[0].Severity != data.SeverityUrgent {
		t.Errorf("first due order: %s first", rows[0].Severity)
	}
	if got := len(s.List(data.Filter{Channel: data.ChannelPhone}, data.Sort{}, clock.t)); got != 1 {
		t.Errorf("channel filter: %d", got)
	}
	// urgent: 1 calendar hour to first response, received an hour ago.
	if got := s.List(data.Filter{Overdue: true}, data.Sort{}, clock.t.Add(time.Minute)); len(got) != 1 || got[0].Severity != data.SeverityUrgent {
		t.Errorf("overdue: %v", got)
	}
	s.Move(ctx, rows[0].Number, data.StatusAcknowledged, "x", "")
	if got := len(s.List(data.Filter{Statuses: []data.Status{data.StatusNew}}, data.Sort{}, clock.t)); got != 2 {
		t.Errorf("status filter: %d", got)
	}
	if got := len(s.List(data.Filter{Overdue: true}, data.Sort{}, clock.t.Add(time.Minute))); got != 0 {
		t.Errorf("acknowledged case still overdue: %d", got)
	}
}

func TestNewerSchemaIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "future.db")
	s := openTest(t, path, nil)
	if err := s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put([]byte("schema"), u64(SchemaVersion+1))
	}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(context.Background(), path); !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("opened a newer schema: %v", err)
	}
}

func TestReopenKeepsIndexesAndCounters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "idx.db")
	ctx := context.Background()
	s := openTest(t, path, nil)
	a, _ := s.CreateCase(ctx, sampleCase())
	s.Move(ctx, a.Number, data.StatusAcknowledged, "x", "")
	s.Close()
	s = openTest(t, path, nil)
	rows := s.List(data.Filter{Statuses: []data.Status{data.StatusAcknowledged}}, data.Sort{}, time.Now())
	if len(rows) != 1 || rows[0].Number != a.Number {
		t.Fatalf("status after reopen: %v", rows)
	}
	b, _ := s.CreateCase(ctx, sampleCase())
	if b.Number == a.Number {
		t.Fatal("number reused after reopen")
	}
	n := 0
	s.db.View(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketIdxStatus).Stats().KeyN
		return nil
	})
	if n != 2 {
		t.Errorf("status index has %d entries for 2 cases", n)
	}
}

func TestDomainRulesThroughStore(t *testing.T) {
	clock := &fakeNow{t: time.Date(2026, 11, 23, 10, 0, 0, 0, shanghai)}
	s := openTest(t, "", clock)
	ctx := context.Background()
	c, _ := s.CreateCase(ctx, sampleCase())

	// Declining needs a reason.
	if _, err := s.Move(ctx, c.Number, data.StatusDeclined, "王芳", " "); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("decline without reason: %v", err)
	}
	// Raising to urgent tightens running clocks: 1 calendar hour from received.
	c, err := s.SetSeverity(ctx, c.Number, data.SeverityUrgent, "陈静")
	if err != nil || !c.FirstResponse.Due.Equal(c.ReceivedAt.Add(time.Hour)) || !c.FirstResponse.CalendarTime {
		t.Errorf("urgent after the fact: %v %+v", err, c.FirstResponse)
	}
	// Several changes in one transaction: one refused, none written.
	_, err = s.Update(ctx, c.Number, func(cs *data.Case, st data.Settings, now time.Time) error {
		if err := cs.SetOwner(st, "陈静", "x", now); err != nil {
			return err
		}
		return cs.Escalate(st, "nobody", "", "x", "", now)
	})
	if err == nil {
		t.Fatal("bad escalation accepted")
	}
	if got, _ := s.Case(ctx, c.Number); got.Owner != c.Owner {
		t.Errorf("half-applied update: owner %q", got.Owner)
	}
	// Once staff are configured, owners must be among them.
	st := s.Settings()
	st.Staff = []data.Staff{{Name: "王芳", Role: data.RoleOwner}}
	if err := s.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetOwner(ctx, c.Number, "李四", "王芳"); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("unknown owner accepted: %v", err)
	}
	// A finished case is not escalated.
	s.Move(ctx, c.Number, data.StatusDeclined, "王芳", "不属于旅行社责任")
	if _, err := s.Escalate(ctx, c.Number, data.EscalationOwner, "", "王芳", ""); !errors.Is(err, data.ErrTransition) {
		t.Errorf("escalated a declined case: %v", err)
	}
}

func TestSearchPhoneTypedAnyWay(t *testing.T) {
	s := openTest(t, "", nil)
	ctx := context.Background()
	n := sampleCase()
	n.Customer.Phone = "+86 138-0013-8000"
	s.CreateCase(ctx, n)
	for _, q := range []string{"13800138000", "138 0013", "138-0013-8000", "+86 13800138000", "１３８００"} {
		if got := len(s.List(data.Filter{Query: q}, data.Sort{}, time.Now())); got != 1 {
			t.Errorf("%q found %d", q, got)
		}
	}
}
