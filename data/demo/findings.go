package demo

import (
	"hash/fnv"
	"math/rand/v2"
	"slices"

	"casebook/data"
)

// Findings of the demo cases: when a case's solution is first proposed, the
// handler records who was responsible and the remedies — an apology, a
// refund of what was claimed, a penalty under the contract, a goodwill
// gesture or a voucher, part of it recovered from the supplier — so the
// report's compensation figures have something to add up. They draw from
// their own random source, seeded by the case, so the cases themselves stay
// what they were.

// remedyShare is a remedy kind of a claim that is paid: upTo is its
// cumulative share of the cases, part the share of the claim paid.
type remedyShare struct {
	kind       string
	upTo, part float64
}

var remedyShares = []remedyShare{
	{data.RemedyRefund, 0.55, 1},
	{data.RemedyPenalty, 0.80, 1},
	{data.RemedyGoodwill, 0.90, 0.5},
	{data.RemedyVoucher, 1, 0.5},
}

// withFindings puts a findings step before the case's first proposal.
func withFindings(c *Case) {
	at := slices.IndexFunc(c.Steps, func(s Step) bool { return s.To == data.StatusProposed })
	if at < 0 {
		return
	}
	h := fnv.New64a()
	h.Write([]byte(c.New.Subject))
	h.Write([]byte(c.New.ReceivedAt.String()))
	r := rand.New(rand.NewPCG(h.Sum64(), 0x66696e64)) // "find"
	f := demoFindings(r, c.New)
	step := Step{At: c.Steps[at].At, By: c.Steps[at].By, Findings: &f}
	c.Steps = slices.Insert(slices.Clip(c.Steps), at, step)
}

func demoFindings(r *rand.Rand, n data.NewCase) data.Findings {
	f := data.Findings{Responsibility: data.ResponsibilityAgency}
	supplier := n.Booking.Supplier != ""
	if supplier && r.Float64() < 0.6 {
		f.Responsibility = data.ResponsibilitySupplier
	}
	claim := n.Amount
	if claim <= 0 || n.Category == demoCategorySlugs[demoCatInsurance] { // the insurer pays, not the agency
		f.Remedies = []data.Remedy{{Kind: data.RemedyApology}}
		if r.Float64() < 0.15 {
			f.Remedies = append(f.Remedies, data.Remedy{Kind: data.RemedyVoucher, Amount: data.Money(100+100*r.IntN(3)) * 100})
		}
		return f
	}
	u := r.Float64()
	i := slices.IndexFunc(remedyShares, func(s remedyShare) bool { return u < s.upTo })
	amount := tens(data.Money(float64(claim) * remedyShares[i].part))
	rem := data.Remedy{Kind: remedyShares[i].kind, Amount: amount}
	if f.Responsibility == data.ResponsibilitySupplier && r.Float64() < 0.7 {
		rem.Recovered = tens(amount / 2) // the supplier pays back half
	}
	f.Remedies = []data.Remedy{rem}
	return f
}

// tens rounds an amount down to whole tens of yuan.
func tens(m data.Money) data.Money { return m / 1000 * 1000 }
