package pdf

import (
	"strings"

	"casebook/data"
)

// followUps lists every follow-up visit and attempt of the case, all rounds,
// and how the current round ended when it did not reach the customer.
func (a *archiver) followUps(c data.Case) {
	t := a.t
	f := c.FollowUp
	if len(f.Visits) > 0 {
		rows := make([][]string, 0, len(f.Visits))
		for _, v := range f.Visits {
			result := t.get("archive.followup.not_reached")
			if v.Reached {
				result = t.get("archive.followup.reached")
				if v.Rating > 0 {
					result += " · " + t.p.Rating(v.Rating)
				}
				if v.AcceptsClosing {
					result += " · " + t.get("archive.followup.accepts")
				}
			}
			by := v.By
			if by == "" && v.MessageID != 0 {
				by = t.get("archive.followup.by_reply")
			}
			remarks := strings.Join(nonBlank(v.Reason, v.Remarks), " · ")
			rows = append(rows, []string{a.when(v.At), orNone(by, t.get("archive.tl.system")), t.p.FollowUpChannel(v.Channel), result, remarks})
		}
		a.d.gap(1)
		a.d.table([]column{
			{t.get("archive.tl.col_time"), 0.18, "L"},
			{t.get("archive.tl.col_by"), 0.12, "L"},
			{t.get("archive.followup.col_channel"), 0.1, "L"},
			{t.get("archive.followup.col_result"), 0.25, "L"},
			{t.get("archive.followup.col_remarks"), 0.35, "L"},
		}, rows)
	}
	switch {
	case f.Unreachable:
		a.d.gap(1)
		a.d.fields([]field{a.fl("followup", t.get("archive.followup.unreachable"))})
	case f.Waived:
		a.d.gap(1)
		a.d.fields([]field{a.fl("followup", t.get("archive.followup.waived"))})
	}
	a.d.gap(1.5)
}

// nonBlank drops the empty strings.
func nonBlank(ss ...string) []string {
	out := ss[:0:0]
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}
