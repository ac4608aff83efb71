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
