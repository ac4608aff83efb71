package demo

import (
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"time"
	"unicode"

	"casebook/data"
)

// Follow-ups of the demo cases: every case closed after being resolved gets
// a return visit (now and then after an unreached attempt) with a rating,
// between resolving and closing. They draw from their own random source,
// seeded by the case, so the cases themselves stay what they were.

// followUpRemarks are what customers said, by language, by rating (1–5).
var followUpRemarks = map[string][5][]string{
	"zh-Hans": {
		{"处理太慢，问题也没解决", "补偿远低于损失"},
		{"退款到了，但导游始终没有道歉", "等了太久"},
		{"还可以，希望以后改进", "处理得一般"},
		{"退款已收到，谢谢", "处理及时"},
		{"非常满意，谢谢你们", "下次还找你们", "客服很耐心"},
	},
	"zh-Hant": {
		{"處理太慢，問題也沒解決", "補償遠低於損失"},
		{"退款到了，但導遊始終沒有道歉", "等了太久"},
		{"還可以，希望以後改進", "處理得一般"},
		{"退款已收到，謝謝", "處理及時"},
		{"非常滿意，謝謝你們", "下次還找你們"},
	},
	"en": {
		{"Far too slow, and nothing was solved", "The compensation is well below our loss"},
		{"The refund came, but the guide never apologised", "It took too long"},
		{"It was all right; please do better", "Average handling"},
		{"Refund received, thank you", "Handled promptly"},
		{"Very satisfied, thank you", "We will book with you again"},
	},
}

// followUpReasons explain a rating of 3 or below (staff's words, in the case's language).
var followUpReasons = map[string]string{"zh-Hans": "客户认为处理时间过长", "zh-Hant": "客戶認為處理時間過長", "en": "The customer found it took too long"}

// withFollowUps puts a follow-up before each close that follows resolving,
// and has the supervisor keep older unhappy cases closed, as the agency
// would have done.
func withFollowUps(c *Case, now time.Time) {
	h := fnv.New64a()
	h.Write([]byte(c.New.Subject))
	h.Write([]byte(c.New.ReceivedAt.String()))
	r := rand.New(rand.NewPCG(h.Sum64(), 0x72617465)) // "rate"
	lang := c.New.Language
	if _, ok := followUpRemarks[lang]; !ok {
		lang = "en"
		if hasHan(c.New.Subject) {
			lang = "zh-Hans"
		}
	}
	closeLongResolved(c, r, now)
	var out []Step
	for i, s := range c.Steps {
		if s.To == data.StatusClosed && i > 0 && c.Steps[i-1].To == data.StatusResolved {
			from, to := c.Steps[i-1].At, s.At
			span := to.Sub(from)
			by := c.Steps[i-1].By
			if r.Float64() < 0.12 { // not reached the first time
				out = append(out, Step{At: daytime(from.Add(span/4), from, to), By: by, FollowUp: &data.FollowUp{Channel: data.FollowUpPhone}})
			}
			rating := pickRating(r)
			remarks := followUpRemarks[lang][rating-1]
			v := &data.FollowUp{Channel: []data.FollowUpChannel{data.FollowUpPhone, data.FollowUpPhone, data.FollowUpWeChat, data.FollowUpSMS, data.FollowUpEmail}[r.IntN(5)],
				Reached: true, Rating: rating, Remarks: remarks[r.IntN(len(remarks))], AcceptsClosing: rating >= 3}
			if data.RatingNeedsReason(rating) {
				v.Reason = followUpReasons[lang]
			}
			out = append(out, Step{At: daytime(from.Add(span/2), from, to), By: by, FollowUp: v})
			out = append(out, s)
			if rating <= 2 && now.Sub(to) > 30*24*time.Hour {
				out = append(out, Step{At: to.Add(time.Hour), By: Staff[demoStaffChen].Name, KeepClosed: true})
			}
			continue
		}
		out = append(out, s)
	}
	if len(out) != len(c.Steps) {
		// A reopening after a kept-closed step would come before it: keep the order by time.
		slices.SortStableFunc(out, func(a, b Step) int { return a.At.Compare(b.At) })
		c.Steps = out
	}
}

// closeLongResolved closes a case left resolved more than six weeks ago, a
// few days to two weeks after resolving: the agency called back long since
// (the loop above puts that call in). Recent ones stay resolved, their
// follow-ups due or overdue on Today.
func closeLongResolved(c *Case, r *rand.Rand, now time.Time) {
	n := len(c.Steps)
	if n == 0 || c.Steps[n-1].To != data.StatusResolved || now.Sub(c.Steps[n-1].At) < 42*24*time.Hour {
		return
	}
	last := c.Steps[n-1]
	at := last.At.Add(time.Duration(3*24+r.IntN(11*24)) * time.Hour)
	c.Steps = append(c.Steps, Step{To: data.StatusClosed, At: at, By: last.By})
}

// daytime moves a call made at night to 10:00 the next morning (or this
// morning's 10:00 after midnight), when that is still between from and to.
func daytime(t, from, to time.Time) time.Time {
	h := t.Hour()
	if h >= 9 && h < 21 {
		return t
	}
	y, m, d := t.Date()
	if h >= 21 {
		d++
	}
	moved := time.Date(y, m, d, 10, 0, 0, 0, t.Location()).Add(time.Duration(t.Minute()) * time.Minute)
	if moved.After(from) && moved.Before(to) {
		return moved
	}
	return t
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// pickRating: most customers are satisfied, a few are not.
func pickRating(r *rand.Rand) int {
	switch u := r.Float64(); {
	case u < 0.45:
		return 5
	case u < 0.80:
		return 4
	case u < 0.93:
		return 3
	case u < 0.98:
		return 2
	}
	return 1
}
