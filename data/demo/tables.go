package demo

import "casebook/data"

// The generator's tuning: shares, weights and amounts. The words it writes with
// are data, in words/ (see words.go).

var (
	demoZhDestW, demoEnDestW     = demoDestWeights(demoZhDests, false), demoDestWeights(demoEnDests, false)
	demoZhAbroadW, demoEnAbroadW = demoDestWeights(demoZhDests, true), demoDestWeights(demoEnDests, true)
	demoRoundYuan                = []int{200, 300, 500, 600, 800, 1000, 1200, 1500, 1800, 2000, 2500, 3000, 3600,
		4000, 5000, 6000, 6800, 8000, 9800, 10000, 12000, 15000, 16800, 20000}
	demoFees                       = []int{180, 280, 380, 480, 680, 800, 1200}
	demoKinds                      = [...]data.Kind{data.KindComplaint, data.KindRequest, data.KindSuggestion, data.KindPraise, data.KindIncident}
	demoKindW                      = demoW(65, 15, 8, 6, 6)
	demoZhChannelW                 = demoW(33, 28, 7, 17, 5, 3, 7) // order of data.Channels
	demoEnChannelW                 = demoW(24, 20, 28, 18, 6, 2, 2)
	demoSeverityOrder              = [...]data.Severity{data.SeverityUrgent, data.SeverityNormal, data.SeverityLow}
	demoIntakeZhW, demoIntakeEnW   = demoW(30, 30, 28, 12), demoW(10, 10, 10, 70) // Wang, Li, Zhao, Emily
	demoHandlerZhW, demoHandlerEnW = demoW(32, 32, 28, 8), demoW(12, 12, 11, 65)
)

// demoStuckShare of the cases older than a month are still open (waiting on a
// supplier, disputes); with the recent ones that gives about 3 % open cases.
const demoStuckShare = 0.02

// demoDestWeights weights destinations; abroadOnly zeroes the domestic ones.
func demoDestWeights(ds []demoDest, abroadOnly bool) demoWeights {
	ws := make([]int, len(ds))
	for i, d := range ds {
		if !abroadOnly || d.abroad {
			ws[i] = d.weight
		}
	}
	return demoW(ws...)
}

// ---------------------------------------------------------------------------
// Kinds, categories, severities

// data.Kind indexes (order of demoKinds).
const (
	demoKComplaint = iota
	demoKRequest
	demoKSuggestion
	demoKPraise
	demoKIncident
	demoNumKinds
)

// Category indexes (order of demoCategorySlugs).
const (
	demoCatItinerary = iota
	demoCatGuide
	demoCatShopping
	demoCatHotel
	demoCatMeals
	demoCatTransport
	demoCatRefund
	demoCatFee
	demoCatCancel
	demoCatVisa
	demoCatLuggage
	demoCatSafety
	demoCatInsurance
	demoCatBooking
	demoCatPrivacy
	demoCatOther
	demoNumCats
)

var demoCategorySlugs = [demoNumCats]string{"itinerary_change", "guide_conduct", "forced_shopping",
	"accommodation", "meals", "transport_delay", "refund_change", "fee_dispute", "tour_cancellation",
	"visa_documents", "luggage", "safety_injury", "insurance", "booking_error", "privacy", "other"}

// Category weights per kind, in category order.
var demoCatW = [demoNumKinds]demoWeights{
	demoKComplaint:  demoW(10, 12, 10, 12, 7, 10, 8, 8, 4, 3, 4, 2, 2, 4, 1, 3),
	demoKRequest:    demoW(0, 0, 0, 0, 0, 0, 45, 0, 12, 12, 0, 0, 8, 10, 0, 13),
	demoKSuggestion: demoW(25, 15, 0, 15, 15, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 20),
	demoKPraise:     demoW(13, 60, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 15),
	demoKIncident:   demoW(0, 0, 0, 0, 0, 18, 0, 0, 0, 9, 15, 50, 0, 0, 0, 8),
}

// data.Severity weights (urgent, normal, low) per kind.
var demoSevW = [demoNumKinds]demoWeights{
	demoKComplaint:  demoW(6, 84, 10),
	demoKRequest:    demoW(3, 77, 20),
	demoKSuggestion: demoW(0, 20, 80),
	demoKPraise:     demoW(0, 10, 90),
	demoKIncident:   demoW(80, 20, 0),
}

var demoSafetySevW = demoW(80, 20, 0)

// Share of cases with an amount claimed, per kind and category.
var demoAmountP = [demoNumKinds][demoNumCats]float64{
	demoKComplaint: {0.7, 0.4, 0.6, 0.7, 0.5, 0.7, 0.9, 1, 0.85, 0.6, 0.8, 0.7, 0.8, 0.6, 0.15, 0.25},
	demoKRequest:   {demoCatRefund: 0.9, demoCatCancel: 0.8, demoCatInsurance: 0.7},
	demoKIncident:  {demoCatSafety: 0.3, demoCatLuggage: 0.4},
}

// Range of the amount claimed in yuan, per category.
var demoAmountRange = [demoNumCats][2]int{
	{300, 5000}, {200, 3000}, {300, 5000}, {300, 6000}, {200, 2000}, {300, 8000}, {500, 12000},
	{200, 3000}, {500, 8000}, {2000, 20000}, {300, 5000}, {500, 20000}, {500, 20000}, {500, 8000},
	{1000, 10000}, {200, 5000},
}

// Timing of the trip relative to the case.
const (
	demoAfterTrip  = iota // the trip is over; the customer complains after coming back
	demoBeforeTrip        // the departure is still ahead (refunds, changes, visas)
	demoCancelled         // something went wrong around the departure (cancellations, refunds)
	demoDuringTrip        // reported from the trip (incidents)
)

func demoTiming(kind, cat int) int {
	switch kind {
	case demoKIncident:
		return demoDuringTrip
	case demoKRequest:
		if cat == demoCatInsurance {
			return demoAfterTrip
		}
		return demoBeforeTrip
	case demoKComplaint:
		switch cat {
		case demoCatRefund, demoCatCancel, demoCatVisa:
			return demoCancelled
		}
	}
	return demoAfterTrip
}
