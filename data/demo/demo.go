// Package demo generates realistic demo cases: Chinese and English customers,
// trips, complaints, requests, suggestions, praise and incidents received over
// two years, each with the workflow steps it went through.
//
// The generator is pure (standard library and casebook/data) and deterministic:
// the same seed and the same now give the same cases. Its tuning (shares,
// weights, amounts) is in tables.go; the words it writes with (names, places,
// suppliers, complaint texts, staff notes) are data files in words/, embedded.
package demo

import (
	"math/rand/v2"
	"time"

	"casebook/data"
)

// Case is one generated case: what intake records, and how far it went through the workflow.
type Case struct {
	New   data.NewCase // ReceivedAt set; By set to a staff name
	Steps []Step       // transitions to apply in order, each at a later time
	// Waiting, if set, is applied after the last step (at its time, by the
	// owner): the case is open and waits on the customer or a supplier.
	Waiting data.Waiting
}

// Step is one status change of a demo case.
type Step struct {
	To   data.Status
	At   time.Time
	By   string
	Note string
	// A follow-up instead of a move (followup.go): To is empty.
	FollowUp *data.FollowUp
	// The supervisor keeps an unhappy case closed instead of a move: To is empty.
	KeepClosed bool
	// The investigation's findings and remedies (findings.go), recorded
	// instead of a move: To is empty.
	Findings *data.Findings
}

// Staff lists the demo staff the generator uses as intake and handlers.
var Staff = []data.Staff{
	{Name: "王芳", Role: data.RoleStaff},
	{Name: "李强", Role: data.RoleStaff},
	{Name: "赵敏", Role: data.RoleStaff},
	{Name: "Emily Chen", Role: data.RoleStaff},
	{Name: "陈静", Role: data.RoleSupervisor},
	{Name: "张伟", Role: data.RoleOwner},
}

// Indexes into Staff.
const (
	demoStaffWang = iota
	demoStaffLi
	demoStaffZhao
	demoStaffEmily
	demoStaffChen
	demoStaffZhang
)

// demoLoc is Asia/Shanghai; China has had no daylight saving time since 1991, so a
// fixed zone is exact and needs no zone database.
var demoLoc = time.FixedZone("CST", 8*60*60)

// Generate returns n cases received over the two years before now, oldest first
// (ReceivedAt non-decreasing), reproducible for a given seed.
func Generate(seed int64, n int, now time.Time) []Case {
	if n <= 0 {
		return nil
	}
	g := &demoGen{r: rand.New(rand.NewPCG(uint64(seed), 0x63617365626f6f6b)), // "casebook"
		nr: rand.New(rand.NewPCG(uint64(seed), 0x6e6f697365))} // "noise"
	now = now.In(demoLoc)
	times := g.receivedTimes(n, now)
	g.makeCustomers(max(1, n/3))
	out := make([]Case, n)
	for i := range out {
		g.oneCase(&out[i], time.Unix(times[i], 0).In(demoLoc), now)
		out[i].Waiting = waiting(&out[i], i)
		withFindings(&out[i])
		withFollowUps(&out[i], now)
	}
	return out
}

// waiting leaves some open cases waiting on the customer or a supplier, so the
// Waiting filter and paused deadlines can be tried. It draws no random numbers.
func waiting(c *Case, i int) data.Waiting {
	if len(c.Steps) == 0 {
		return data.WaitingNone
	}
	switch c.Steps[len(c.Steps)-1].To {
	case data.StatusAcknowledged, data.StatusInvestigating, data.StatusProposed:
	default:
		return data.WaitingNone
	}
	switch {
	case i%5 == 1:
		return data.WaitingCustomer
	case i%7 == 3:
		return data.WaitingSupplier
	}
	return data.WaitingNone
}
