package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
	"casebook/data/store"
)

// testCustomers is the customer records straight over the store, with the
// permission checks of the application layer.
type testCustomers struct{ s *store.Store }

func (c testCustomers) List(ctx context.Context, q data.CustomerQuery) ([]data.CustomerSummary, error) {
	return c.s.Customers(ctx, q, c.s.Now())
}
func (c testCustomers) Page(ctx context.Context, id uint64) (data.CustomerPage, error) {
	return c.s.CustomerPage(ctx, id, c.s.Now())
}
func (c testCustomers) Summary(ctx context.Context, id uint64) (data.CustomerSummary, error) {
	return c.s.CustomerSummary(ctx, id, c.s.Now())
}
func (c testCustomers) SetTags(ctx context.Context, a data.Actor, id uint64, add, remove []string) (data.CustomerProfile, error) {
	if err := a.Check(data.ActionNote); err != nil {
		return data.CustomerProfile{}, err
	}
	return c.s.UpdateCustomerProfile(ctx, id, a.Name, "tags", func(p *data.CustomerProfile, _ time.Time) (bool, error) { return p.SetTags(add, remove) })
}
func (c testCustomers) SetVIP(ctx context.Context, a data.Actor, id uint64, on bool) (data.CustomerProfile, error) {
	if err := a.Check(data.ActionNote); err != nil {
		return data.CustomerProfile{}, err
	}
	return c.s.UpdateCustomerProfile(ctx, id, a.Name, "vip", func(p *data.CustomerProfile, _ time.Time) (bool, error) {
		changed := p.VIP != on
		p.VIP = on
		return changed, nil
	})
}
func (c testCustomers) AddNote(ctx context.Context, a data.Actor, id uint64, text string) (data.CustomerProfile, error) {
	if err := a.Check(data.ActionNote); err != nil {
		return data.CustomerProfile{}, err
	}
	return c.s.UpdateCustomerProfile(ctx, id, a.Name, "note", func(p *data.CustomerProfile, now time.Time) (bool, error) {
		p.Notes = append(p.Notes, data.CustomerNote{At: now, By: a.Name, Text: text})
		return true, nil
	})
}
func (c testCustomers) Merge(ctx context.Context, a data.Actor, keep, other uint64) (data.MergeResult, error) {
	if err := a.Check(data.ActionMerge); err != nil {
		return data.MergeResult{}, err
	}
	return c.s.MergeCustomers(ctx, keep, other, a.Name)
}

func newCustomersUI(t *testing.T) (*UI, *store.Store) {
	t.Helper()
	a := test.NewTempApp(t)
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "ui.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	st := s.Settings()
	st.Staff = []data.Staff{{Name: "王芳", Role: data.RoleStaff}, {Name: "陈静", Role: data.RoleSupervisor}, {Name: "赵总", Role: data.RoleOwner}}
	if err := s.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	svc := &testService{Store: s, dir: t.TempDir()}
	u := New(context.Background(), a, Services{Cases: svc, Mail: svc, Documents: svc, Settings: svc, Customers: testCustomers{s}})
	u.user.SetSelected("王芳")
	u.list.delay = 0
	u.win.Show()
	t.Cleanup(u.win.Close)
	return u, s
}

func customerCaseIn(t *testing.T, s *store.Store, name, phone string, received time.Time) data.Case {
	t.Helper()
	c, err := s.CreateCase(context.Background(), data.NewCase{Kind: data.KindComplaint, Severity: data.SeverityNormal,
		Channel: data.ChannelPhone, Subject: "导游强制购物", Customer: data.Customer{Name: name, Phone: phone}, ReceivedAt: received, By: "王芳"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The Customers screen: search by two Chinese characters, open a customer,
// toggle VIP, add a tag and a note, open one of their cases (which shows
// the marks), and merge another record of the same person — offered to a
// supervisor, not to staff — with a confirmation naming what moves.
func TestCustomersScreen(t *testing.T) {
	u, s := newCustomersUI(t)
	ctx := context.Background()
	now := s.Now()
	keep := customerCaseIn(t, s, "欧阳明", "13800000001", now.Add(-48*time.Hour))
	other := customerCaseIn(t, s, "欧阳明", "13900000002", now.Add(-time.Hour))
	customerCaseIn(t, s, "陈红", "13700000003", now.Add(-2*time.Hour))

	if len(u.tabs.Items) < 3 || u.tabs.Items[2] != u.customersTab {
		t.Fatal("the Customers tab is not after Cases")
	}
	u.tabs.Select(u.customersTab)
	v := u.customers
	if len(v.rows) != 3 {
		t.Fatalf("all customers: %d rows", len(v.rows))
	}
	test.Type(v.search, "欧阳")
	if len(v.rows) != 2 {
		t.Fatalf("search 欧阳: %d rows", len(v.rows))
	}
	v.list.Select(0)
	if v.id == 0 || v.current.Name != "欧阳明" {
		t.Fatalf("opened %d", v.id)
	}
	first := v.id
	// VIP, a tag and a note, as staff.
	test.Tap(v.vip)
	if _, p, _ := s.CustomerProfile(ctx, first); !p.VIP {
		t.Fatal("VIP not saved")
	}
	if !strings.Contains(summaryMarks(v.rows[0])+summaryMarks(v.rows[1]), T("VIP")) {
		t.Error("the list does not mark the VIP")
	}
	test.Type(v.tagEntry, "常客")
	test.Tap(custButton(t, v.page, T("Add tag")))
	v.noteEntry.SetText("下午三点后联系")
	test.Tap(custButton(t, v.page, T("Add note")))
	if _, p, _ := s.CustomerProfile(ctx, first); len(p.Tags) != 1 || len(p.Notes) != 1 || p.Notes[0].By != "王芳" {
		t.Fatalf("profile %+v", p)
	}
	if v.mergeBtn != nil {
		t.Fatal("staff are offered Merge…")
	}
	// A supervisor merges the other record into the one shown.
	u.user.SetSelected("陈静")
	v.open(keep.CustomerID)
	if v.mergeBtn == nil {
		t.Fatal("no Merge… for a supervisor")
	}
	test.Tap(v.mergeBtn)
	v.mergeSearch.SetText("1390000")
	if len(v.mergeRows) != 1 || v.mergeRows[0].ID != other.CustomerID {
		t.Fatalf("merge candidates %+v", v.mergeRows)
	}
	v.mergeList.Select(0)
	u.asked[len(u.asked)-1].choose(1) // Next…
	u.asked[len(u.asked)-1].choose(1) // Merge
	moved, err := s.Case(ctx, other.Number)
	if err != nil || moved.CustomerID != keep.CustomerID {
		t.Fatalf("after the merge the case is the customer's #%d (%v)", moved.CustomerID, err)
	}
	if len(v.current.Cases) != 2 || !strings.Contains(u.status.Text, other.Number) {
		t.Fatalf("page after merge: %d cases; status %q", len(v.current.Cases), u.status.Text)
	}
	// Two complaints within 12 months: a repeat complainant, on the case screen too.
	if !v.current.Repeat {
		t.Fatal("not marked a repeat complainant")
	}
	test.Tap(v.caseBtns[keep.Number])
	if u.tabs.Selected() != u.casesTab || u.detail.id != keep.ID {
		t.Fatal("the case did not open")
	}
	labels := custLabels(u.detail.overview)
	if !strings.Contains(labels, T("repeat complainant")) {
		t.Errorf("the case screen lacks the repeat mark: %s", labels)
	}
	test.Tap(custButton(t, u.detail.overview, T("Customer page")))
	if u.tabs.Selected() != u.customersTab || v.id != keep.CustomerID {
		t.Fatal("Customer page did not open the customer")
	}
}

func custButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Button:
			if w.Text == text && found == nil {
				found = w
			}
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case *widget.Form:
			for _, it := range w.Items {
				walk(it.Widget)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}

func custLabels(o fyne.CanvasObject) string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case *widget.Form:
			for _, it := range w.Items {
				walk(it.Widget)
			}
		}
	}
	walk(o)
	return strings.Join(out, " | ")
}
