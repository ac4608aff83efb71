package data

import (
	"testing"
	"time"
)

// An imported row comes in at its ledger status with its dates: clocks from
// the complaint's date, stopped at the closing date; resolved and closed
// rows owe no follow-up.
func TestApplyImport(t *testing.T) {
	st := DefaultSettings()
	sh, _ := time.LoadLocation("Asia/Shanghai")
	received := time.Date(2025, 3, 3, 0, 0, 0, 0, sh)
	done := time.Date(2025, 3, 10, 0, 0, 0, 0, sh)
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, sh)
	for _, tc := range []struct {
		status             Status
		done               time.Time
		firstMet, resolved time.Time
		closedAt           time.Time
	}{
		{StatusNew, time.Time{}, time.Time{}, time.Time{}, time.Time{}},
		{StatusInvestigating, time.Time{}, received, time.Time{}, time.Time{}},
		{StatusDeclined, done, received, done, time.Time{}},
		{StatusResolved, done, received, done, time.Time{}},
		{StatusClosed, done, received, done, done},
		{StatusClosed, time.Time{}, received, received, received}, // no closing date: the complaint's
	} {
		n := NewCase{Kind: KindComplaint, Severity: SeverityNormal, Channel: ChannelPhone, Subject: "导游强制购物",
			Customer: Customer{Name: "王伟"}, ReceivedAt: received, By: "陈静", Category: "forced_shopping"}
		c := NewCaseFrom(n, 1, "A-2025-0001", 1, st, now)
		ApplyImport(&c, ImportedCase{New: n, Status: tc.status, DoneAt: tc.done, Decision: "退还部分团费", Compensation: 300_00,
			Origin: ImportOrigin{File: "台账.xlsx", Row: 5, Ref: "TS-1"}}, now)
		if c.Status != tc.status || !c.FirstResponse.MetAt.Equal(tc.firstMet) || !c.Resolution.MetAt.Equal(tc.resolved) || !c.ClosedAt.Equal(tc.closedAt) {
			t.Errorf("%s: first %v resolved %v closed %v", tc.status, c.FirstResponse.MetAt, c.Resolution.MetAt, c.ClosedAt)
		}
		if c.NeedsFollowUp() {
			t.Errorf("%s: owes a follow-up", tc.status)
		}
		if tc.status == StatusResolved {
			if err := c.Move(st, StatusClosed, "陈静", "", now); err != nil {
				t.Errorf("an imported resolved case cannot close: %v", err)
			}
		}
		ev := c.Timeline[1]
		if ev.Type != EventImported || ev.Arg(ArgName) != "台账.xlsx" || ev.Arg(ArgRow) != "5" || ev.Arg(ArgRef) != "TS-1" || ev.New != string(tc.status) {
			t.Errorf("%s: event %+v", tc.status, ev)
		}
		if c.Imported.Key() != "ref\x00TS-1" || c.Imported.At != now || c.Imported.By != "陈静" || c.Decision != "退还部分团费" ||
			len(c.Remedies) != 1 || c.Remedies[0].Amount != 300_00 {
			t.Errorf("%s: %+v", tc.status, c)
		}
	}
}
