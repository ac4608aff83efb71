package ui

import (
	"testing"

	"fyne.io/fyne/v2/widget"
)

// Settings → General → Travellers served: a month and its number saved with
// the settings; a wrong month is marked under its field and nothing is saved.
func TestTravellersCardSavesAMonth(t *testing.T) {
	u, s := openSettings(t)
	v := u.setView
	month := v.marks.fields["travellers.month"].(*widget.Entry)
	count := v.marks.fields["travellers.count"].(*widget.Entry)
	retype(month, "2026-11")
	retype(count, "1,840")
	v.save()
	if got := s.Settings().Travellers["2026-11"]; got != 1840 {
		t.Fatalf("travellers of 2026-11 = %d, want 1840 (%v)", got, s.Settings().Travellers)
	}
	v = u.setView
	month = v.marks.fields["travellers.month"].(*widget.Entry)
	count = v.marks.fields["travellers.count"].(*widget.Entry)
	retype(month, "2026-13")
	retype(count, "5")
	v.save()
	if got := v.marks.text("travellers.month"); got == "" {
		t.Error("a wrong month is not marked")
	}
	if len(s.Settings().Travellers) != 1 {
		t.Errorf("saved anyway: %v", s.Settings().Travellers)
	}
}
