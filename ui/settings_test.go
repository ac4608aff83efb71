package ui

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
	"casebook/data/store"
)

// openSettings shows the settings page to the owner.
func openSettings(t *testing.T) (*UI, *store.Store) {
	t.Helper()
	u, s := newTestUI(t)
	u.user.SetSelected("赵总")
	u.tabs.Select(u.setTab)
	u.setView.load()
	return u, s
}

func settingsJSON(t *testing.T, s *store.Store) string {
	t.Helper()
	b, err := json.Marshal(s.Settings())
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func retype(e *widget.Entry, text string) {
	e.SetText("")
	test.Type(e, text)
}

// Several wrong fields on different pages: each gets its own message right
// under it, nothing is saved, no dialog opens, and the page with the first
// one is brought forward. Correcting them and saving again clears the marks.
func TestSettingsMarkEachWrongFieldWhereItIs(t *testing.T) {
	u, s := openSettings(t)
	before := settingsJSON(t, s)
	v := u.setView
	retype(v.cal.start, "09:00")
	retype(v.cal.end, "08:00")                               // closes before it opens
	retype(&v.cal.zone.Entry, "Mars/Olympus")                // no such zone
	retype(v.policy.entries[data.SeverityUrgent][0], "0h")   // not positive
	retype(v.policy.entries[data.SeverityNormal][1], "soon") // not a duration
	retype(v.policy.entries[data.SeverityLow][0], "400h")    // after the resolution (7d)
	bad := v.cal.holidays.add(data.Day{})
	test.Type(&bad.date.Entry, "2026-02-30") // no such day
	test.Type(bad.label, "春节")
	v.tabs.SelectIndex(0)

	v.save()

	if got := settingsJSON(t, s); got != before {
		t.Error("settings with wrong fields were saved")
	}
	if d := u.win.Canvas().Overlays().Top(); d != nil {
		t.Error("a dialog opened instead of marking the fields")
	}
	want := map[string]string{
		"calendar.day_end":             pr().T("fielderr.closes_first"),
		"calendar.location":            pr().T("fielderr.unknown_zone", "value", "Mars/Olympus"),
		"policy.urgent.first_response": pr().T("fielderr.not_positive"),
		"policy.normal.resolution":     "“soon”",
		"policy.low.first_response":    pr().T("fielderr.first_after_resolution"),
		"calendar.day_start":           "",
		"policy.urgent.resolution":     "",
		"counter_code":                 "",
	}
	for key, text := range want {
		got := v.marks.text(key)
		if text == "" && got != "" || !strings.Contains(got, text) {
			t.Errorf("under %s: %q, want %q", key, got, text)
		}
	}
	// Right under the field, not elsewhere on the page.
	d := fyne.CurrentApp().Driver()
	endPos, markPos := d.AbsolutePositionForObject(v.cal.end), d.AbsolutePositionForObject(v.marks.labels["calendar.day_end"])
	startPos := d.AbsolutePositionForObject(v.cal.start)
	if gap := markPos.Y - (endPos.Y + v.cal.end.Size().Height); gap < 0 || gap > 2*theme.Padding() || markPos.X < endPos.X-1 || markPos.X > endPos.X+theme.Padding()+1 || startPos.Y >= endPos.Y {
		t.Errorf("the mark at %v is not right under the closing time at %v (size %v)", markPos, endPos, v.cal.end.Size())
	}
	if !bad.mark.Visible() || !strings.Contains(bad.mark.Text, "2026-02-30") {
		t.Errorf("under the impossible holiday: %q", bad.mark.Text)
	}
	if v.tabs.SelectedIndex() == 0 {
		t.Error("the page with the first wrong field was not brought forward")
	}
	if !strings.Contains(u.status.Text, T("The settings were not saved: correct the fields marked in red.")) {
		t.Errorf("status line: %q", u.status.Text)
	}

	// Corrected, the page saves and the marks go.
	retype(v.cal.end, "18:00")
	retype(&v.cal.zone.Entry, "Asia/Tokyo")
	retype(v.policy.entries[data.SeverityUrgent][0], "1h")
	retype(v.policy.entries[data.SeverityNormal][1], "72h")
	retype(v.policy.entries[data.SeverityLow][0], "72h")
	retype(&bad.date.Entry, "2026-02-27")
	v.save()
	if st := s.Settings(); st.Calendar.Location != "Asia/Tokyo" || st.Calendar.DayEnd != 18*60 {
		t.Fatalf("not saved after correcting: %+v", st.Calendar)
	}
	if u.setView.marks.any() {
		t.Error("marks stayed after a good save")
	}
}

// A field the stored settings' own check refuses is marked under itself too.
func TestSettingsServiceErrorMarkedUnderItsField(t *testing.T) {
	u, s := openSettings(t)
	before := settingsJSON(t, s)
	counter := u.setView.marks.fields["counter_code"].(*widget.Entry)
	retype(counter, "a b!")
	u.setView.save()
	if settingsJSON(t, s) != before {
		t.Error("saved")
	}
	if got := u.setView.marks.text("counter_code"); got != errorText(&data.FieldError{Field: "counter_code"}) {
		t.Errorf("under the counter code: %q", got)
	}
	if d := u.win.Canvas().Overlays().Top(); d != nil {
		t.Error("a dialog opened")
	}
}

// Holidays keep their labels through the page: the stored ones are shown,
// an added one is saved with its label, and a swapped working day on a
// holiday is marked.
func TestHolidayLabelsInSettings(t *testing.T) {
	u, s := openSettings(t)
	v := u.setView
	first := v.cal.holidays.items[0]
	if first.date.Text != "2026-01-01" || first.label.Text != "元旦" {
		t.Errorf("first holiday shown as %q %q", first.date.Text, first.label.Text)
	}
	if x := v.cal.extra.items[0]; x.label.Text != "调休上班" {
		t.Errorf("first swapped day labelled %q", x.label.Text)
	}
	r := v.cal.holidays.add(data.Day{})
	test.Type(&r.date.Entry, "2026-12-31")
	test.Type(r.label, "跨年 夜")
	v.save()
	hs := s.Settings().Calendar.Holidays
	if last := hs[len(hs)-1]; last != (data.Day{Date: "2026-12-31", Label: "跨年 夜"}) {
		t.Errorf("saved %+v", last)
	}

	// A swapped working day that is also a holiday: marked under that row.
	v = u.setView // reloaded by the save
	before := settingsJSON(t, s)
	x := v.cal.extra.add(data.Day{})
	test.Type(&x.date.Entry, "2026-10-01")
	v.save()
	if settingsJSON(t, s) != before || !strings.Contains(x.mark.Text, "2026-10-01") {
		t.Errorf("holiday and working day: saved %v, mark %q", settingsJSON(t, s) != before, x.mark.Text)
	}

	// Removing a row removes the day.
	v.cal.extra.remove(x)
	n := len(v.cal.holidays.items)
	v.cal.holidays.remove(v.cal.holidays.items[n-1])
	v.save()
	if hs := s.Settings().Calendar.Holidays; len(hs) != n-1 {
		t.Errorf("%d holidays after removing one of %d", len(hs), n)
	}
}

// A date picked from the calendar is written YYYY-MM-DD whatever the locale.
func TestDateFieldWritesISO(t *testing.T) {
	test.NewTempApp(t)
	e := newDateField(nil)
	w := test.NewWindow(e)
	defer w.Close()
	d := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	e.SetDate(&d)
	if e.Text != "2026-10-01" {
		t.Errorf("picked date shown as %q", e.Text)
	}
	if got, ok := e.day(); got != "2026-10-01" || !ok {
		t.Errorf("day() = %q, %v", got, ok)
	}
	e.SetText("2026-2-3")
	if got, ok := e.day(); got != "2026-02-03" || !ok {
		t.Errorf("day() of 2026-2-3 = %q, %v", got, ok)
	}
	for _, bad := range []string{"2026-02-30", "03/02/2026x", "明天"} {
		e.SetText(bad)
		if _, ok := e.day(); ok {
			t.Errorf("%q read as a date", bad)
		}
	}
	// Typed in other usual ways, it is still the day.
	for _, typed := range []string{"2026/10/1", "2026.10.1", "20261001"} {
		e.SetText(typed)
		if got, ok := e.day(); got != "2026-10-01" || !ok {
			t.Errorf("day() of %q = %q, %v", typed, got, ok)
		}
	}
}

// Every time on screen is in the agency's zone, whatever the computer's:
// a case received at 16:30 UTC on 1 December is 00:30 on 2 December in
// Beijing; choosing Tokyo in Settings shows 01:30. zoneNote names the
// agency's zone only when the computer's differs.
func TestTimesInTheAgencyZone(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	saved := time.Local
	time.Local = ny
	t.Cleanup(func() { time.Local = saved })

	u, s := openSettings(t)
	c, err := s.CreateCase(context.Background(), data.NewCase{Kind: data.KindComplaint, Severity: data.SeverityNormal, Channel: data.ChannelPhone,
		Subject: "行李丢失", Customer: data.Customer{Name: "赵敏", Phone: "13600000000"}, ReceivedAt: time.Date(2026, 12, 1, 16, 30, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	u.openCase(c.ID)
	if !strings.Contains(allText(u.detail.content), "2026-12-02 00:30") {
		t.Errorf("received time not in Beijing time: %q", allText(u.detail.content))
	}
	if got := zoneNote(); got != " ("+T("Beijing time")+")" {
		t.Errorf("zoneNote() = %q", got)
	}
	// The case names the zone beside its received time and deadlines.
	if n := strings.Count(allText(u.detail.content), T("Beijing time")); n < 3 {
		t.Errorf("the case names the agency's zone %d times, want received and both deadlines", n)
	}
	if !strings.Contains(u.setView.cal.zoneHint.Text, "America/New_York") {
		t.Error("Settings do not name the computer's zone where it differs")
	}

	retype(&u.setView.cal.zone.Entry, "Asia/Tokyo")
	u.setView.save()
	u.Apply(data.SettingsChanged{})
	u.openCase(c.ID)
	if !strings.Contains(allText(u.detail.content), "2026-12-02 01:30") {
		t.Errorf("received time not in Tokyo time: %q", allText(u.detail.content))
	}
	if got := zoneNote(); got != " (Asia/Tokyo)" {
		t.Errorf("zoneNote() = %q", got)
	}

	time.Local, _ = time.LoadLocation("Asia/Tokyo")
	if got := zoneNote(); got != "" {
		t.Errorf("zoneNote() with the computer in the agency's zone = %q", got)
	}
	time.Local = time.FixedZone("JST", 9*60*60) // the same clock under another name
	if got := zoneNote(); got != "" {
		t.Errorf("zoneNote() with a same-offset computer zone = %q", got)
	}
}

// allText is every label's and entry's text under o, through renderers.
func allText(o fyne.CanvasObject) string {
	var b strings.Builder
	for _, x := range test.LaidOutObjects(o) {
		switch w := x.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *widget.Entry:
			b.WriteString(w.Text + "\n")
		case *widget.RichText:
			b.WriteString(w.String() + "\n")
		case *widget.Form:
			for _, it := range w.Items {
				b.WriteString(it.Text + "\n")
			}
		}
	}
	return b.String()
}

// Removing a staff member who owns unfinished cases asks who takes them over
// (the supervisor by default); Cancel changes nothing, the answer removes
// the person and reassigns each case at once. Someone without cases, or a
// row not yet saved, just goes.
func TestRemovingStaffWithOpenCasesAsks(t *testing.T) {
	u, s := openSettings(t)
	ctx := context.Background()
	var numbers []string
	for range 2 {
		c, err := s.CreateCase(ctx, data.NewCase{Kind: data.KindComplaint, Severity: data.SeverityNormal, Channel: data.ChannelPhone,
			Subject: "行李丢失", Customer: data.Customer{Name: "赵敏", Phone: "13600000000"}, Owner: "王芳", By: "王芳"})
		if err != nil {
			t.Fatal(err)
		}
		numbers = append(numbers, c.Number)
	}
	row := func(name string) staffRow {
		for _, r := range u.setView.staff.entries {
			if r.name.Text == name {
				return r
			}
		}
		t.Fatalf("no row for %s", name)
		return staffRow{}
	}
	tapRemove := func(name string) {
		b := findButton(row(name).box, T("Remove"))
		if b == nil {
			t.Fatalf("no Remove button for %s", name)
		}
		test.Tap(b)
	}
	asked := func() fyne.CanvasObject {
		top := u.win.Canvas().Overlays().Top()
		if top == nil {
			t.Fatal("removing 王芳 did not ask about her cases")
		}
		if !strings.Contains(allText(top), numbers[0]) || !strings.Contains(allText(top), "王芳") {
			t.Errorf("the question does not name the cases: %q", allText(top))
		}
		return top
	}

	// Cancel: nothing happens.
	tapRemove("王芳")
	test.Tap(findDialogButton(asked(), T("Cancel")))
	if _, ok := s.Settings().StaffRole("王芳"); !ok || len(u.setView.staff.entries) != 3 {
		t.Fatal("cancelled, yet removed")
	}

	// Hand over to the default, the supervisor.
	tapRemove("王芳")
	top := asked()
	if u.setView.staff.asking == nil {
		t.Fatal("no dialog kept")
	}
	test.Tap(findDialogButton(top, T("Remove and hand over")))
	if _, ok := s.Settings().StaffRole("王芳"); ok {
		t.Error("王芳 is still on the staff list")
	}
	for _, n := range numbers {
		c, _ := s.Case(ctx, n)
		last := c.Timeline[len(c.Timeline)-1]
		if c.Owner != "陈静" || last.Type != data.EventOwner || last.By != "赵总" {
			t.Errorf("%s: owner %q, last event %+v", n, c.Owner, last)
		}
	}
	if len(u.setView.staff.entries) != 2 {
		t.Errorf("%d rows left", len(u.setView.staff.entries))
	}

	// A new, unsaved row just goes, without asking.
	u.setView.staff.add(data.Staff{Role: data.RoleStaff})
	u.setView.staff.entries[2].name.SetText("李强")
	tapRemove("李强")
	if u.win.Canvas().Overlays().Top() != nil || len(u.setView.staff.entries) != 2 {
		t.Error("removing an unsaved row asked, or did not remove it")
	}
}

// A category's deadline that is not a duration is marked under itself too.
func TestCategoryDeadlineMarkedUnderItself(t *testing.T) {
	u, s := openSettings(t)
	before := settingsJSON(t, s)
	r := u.setView.cats.rows[2]
	retype(r.resOverride, "两天")
	u.setView.save()
	if settingsJSON(t, s) != before {
		t.Error("saved")
	}
	if !r.resMark.Visible() || !strings.Contains(r.resMark.Text, "两天") || r.firstMark.Visible() {
		t.Errorf("marks: first %v %q, resolution %v %q", r.firstMark.Visible(), r.firstMark.Text, r.resMark.Visible(), r.resMark.Text)
	}
	if u.win.Canvas().Overlays().Top() != nil {
		t.Error("a dialog opened")
	}
	if u.setView.tabs.Selected().Text != T("Categories") {
		t.Errorf("shown page %q", u.setView.tabs.Selected().Text)
	}
}

// The computer's zone is named by its IANA name or, failing that, its offset — never "Local".
func TestComputerZoneName(t *testing.T) {
	saved := time.Local
	t.Cleanup(func() { time.Local = saved })
	time.Local = time.FixedZone("Local", -5*60*60)
	if got := computerZoneName(); got == "Local" || got == "" {
		t.Errorf("computerZoneName() = %q", got)
	}
	time.Local, _ = time.LoadLocation("Europe/Paris")
	if got := computerZoneName(); got != "Europe/Paris" {
		t.Errorf("computerZoneName() = %q", got)
	}
}
