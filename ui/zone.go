package ui

import (
	"sync/atomic"
	"time"

	"casebook/data"
)

// shownZone is the time zone every time on screen is shown in: the agency's
// (Settings → calendar), not necessarily the computer's.
var shownZone atomic.Pointer[time.Location]

// zone is the time zone times are shown and typed in.
func zone() *time.Location {
	if l := shownZone.Load(); l != nil {
		return l
	}
	return time.Local
}

// followZone shows times in the agency's time zone from now on.
func followZone(st data.Settings) { shownZone.Store(st.Calendar.Zone()) }

// zoneNote names the agency's time zone after a time — " (北京时间)", " (Asia/Tokyo)" —
// when it differs from the computer's, so nobody reads a deadline in the
// wrong zone; "" when they agree. Deadline texts append it.
func zoneNote() string {
	z := zone()
	if sameZone(z, time.Local) { // the computer's zone, only to compare
		return ""
	}
	return pr().T("zone.note", "zone", zoneName(z))
}

// zoneName is the zone's everyday name where the catalogue has one (北京时间), else its IANA name.
func zoneName(l *time.Location) string {
	if l.String() == "Asia/Shanghai" {
		return T("Beijing time")
	}
	return l.String()
}

// sameZone tells whether two zones show the same clock time, now and
// through the next year (a zone with daylight saving time differs from one
// without for half of it).
func sameZone(a, b *time.Location) bool {
	if a.String() == b.String() {
		return true
	}
	now := time.Now()
	for m := 0; m <= 12; m += 3 {
		t := now.AddDate(0, m, 0)
		_, oa := t.In(a).Zone()
		_, ob := t.In(b).Zone()
		if oa != ob {
			return false
		}
	}
	return true
}
