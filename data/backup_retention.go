package data

import (
	"sort"
	"time"
)

// Retention of scheduled backups: the newest copy of each of the last
// KeepDaily days, KeepWeekly ISO weeks and KeepMonthly months that have one.
const (
	KeepDaily   = 7
	KeepWeekly  = 4
	KeepMonthly = 12
)

// BackupsToKeep tells, for each backup time, whether the copy is kept: the
// newest of its day among the last KeepDaily days with a backup, of its week
// among the last KeepWeekly weeks, or of its month among the last
// KeepMonthly months (days, weeks and months in loc). Everything else may be
// deleted. The order of taken does not matter.
func BackupsToKeep(taken []time.Time, loc *time.Location) []bool {
	idx := make([]int, len(taken))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return taken[idx[a]].After(taken[idx[b]]) })
	keep := make([]bool, len(taken))
	pass := func(limit int, period func(time.Time) [2]int) {
		seen := map[[2]int]bool{}
		for _, i := range idx {
			p := period(taken[i].In(loc))
			if seen[p] {
				continue
			}
			if len(seen) == limit {
				return
			}
			seen[p] = true
			keep[i] = true
		}
	}
	pass(KeepDaily, func(t time.Time) [2]int { return [2]int{t.Year(), t.YearDay()} })
	pass(KeepWeekly, func(t time.Time) [2]int { y, w := t.ISOWeek(); return [2]int{y, w} })
	pass(KeepMonthly, func(t time.Time) [2]int { return [2]int{t.Year(), int(t.Month())} })
	return keep
}
