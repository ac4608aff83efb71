package report

import (
	"time"

	"casebook/data"
)

// Figures are the agency's figures for a period. Their JSON names are
// stable (README "Report figures"); every countable figure has a Key that
// Cases turns back into the cases behind it.
type Figures struct {
	Period      PeriodJSON `json:"period"`
	Previous    PeriodJSON `json:"previous"`
	GeneratedAt time.Time  `json:"generated_at"`
	Currency    string     `json:"currency"` // of every amount; cases in other currencies are counted apart

	Volume       Volume       `json:"volume"`
	Timeliness   Timeliness   `json:"timeliness"`
	Outcomes     Outcomes     `json:"outcomes"`
	Satisfaction Satisfaction `json:"satisfaction"`
	Compensation Compensation `json:"compensation"`
	Staff        []StaffRow   `json:"staff"`
	Hotspots     Hotspots     `json:"hotspots"`
	Trend        []TrendPoint `json:"trend"` // the 12 months ending with the period's last month
	Travellers   Travellers   `json:"travellers"`
}

// Count is a number of cases; Key lists them (Cases).
type Count struct {
	Key string `json:"key"`
	N   int    `json:"n"`
}

// Bucket is the count of one value of a dimension (a kind, a category
// slug, a supplier's name…); Value "" means not recorded.
type Bucket struct {
	Value string `json:"value"`
	Key   string `json:"key"`
	N     int    `json:"n"`
}

// Rate is N of Of as a percentage; Pct is null when Of is 0.
type Rate struct {
	Key   string   `json:"key"`    // the N cases
	N     int      `json:"n"`      //
	OfKey string   `json:"of_key"` // the Of cases
	Of    int      `json:"of"`     //
	Pct   *float64 `json:"pct"`    // 100·N/Of, two decimals
}

// Volume is what came in and what is left.
type Volume struct {
	Received      Count    `json:"received"`
	ByKind        []Bucket `json:"by_kind"`
	ByCategory    []Bucket `json:"by_category"`
	ByChannel     []Bucket `json:"by_channel"`
	BySeverity    []Bucket `json:"by_severity"`
	ByDestination []Bucket `json:"by_destination"`
	ByProduct     []Bucket `json:"by_product"`
	BySupplier    []Bucket `json:"by_supplier"`
	ByGuide       []Bucket `json:"by_guide"`
	Declined      Count    `json:"declined"`
	OpenAtEnd     Count    `json:"open_at_end"`
	Backlog       Backlog  `json:"backlog"`
}

// Backlog is the age of the cases open at the period's end (or now, when
// the period has not ended), in days.
type Backlog struct {
	Key        string   `json:"key"`
	N          int      `json:"n"`
	MedianDays *float64 `json:"median_days"`
	P90Days    *float64 `json:"p90_days"`
	OldestDays *float64 `json:"oldest_days"`
}

// Durations are the median and 90th percentile of measured clock times, in
// hours: working hours for business clocks, calendar hours for urgent ones.
type Durations struct {
	Key         string   `json:"key"`
	N           int      `json:"n"`
	MedianHours *float64 `json:"median_hours"`
	P90Hours    *float64 `json:"p90_hours"`
}

// ClockFigures are one clock's figures.
type ClockFigures struct {
	All       Durations `json:"all"`
	Urgent    Durations `json:"urgent"`     // calendar hours
	NonUrgent Durations `json:"non_urgent"` // working hours
	SLA       Rate      `json:"sla"`        // met on time / due in the period
	Overdue   Count     `json:"overdue_now"`
}

// Timeliness covers both clocks.
type Timeliness struct {
	FirstResponse ClockFigures `json:"first_response"`
	Resolution    ClockFigures `json:"resolution"`
}

// Outcomes are the rates of what became of the cases received.
type Outcomes struct {
	Resolution   Rate `json:"resolution_rate"`
	Reopen       Rate `json:"reopen_rate"`
	Repeat       Rate `json:"repeat_rate"` // in customers, not cases: N repeat customers of Of
	FirstContact Rate `json:"first_contact_resolution"`
}

// Satisfaction is what the follow-ups found. None is true when no case
// received in the period had a follow-up yet.
type Satisfaction struct {
	None       bool     `json:"none"`
	Rated      Count    `json:"rated"`
	MeanRating *float64 `json:"mean_rating"`
	Rating45   Rate     `json:"rating_4_5"`
	Response   Rate     `json:"followup_response_rate"`
}

// Amount is a sum of money over cases; Value names what it is the sum of.
type Amount struct {
	Value  string     `json:"value,omitzero"`
	Key    string     `json:"key"`
	N      int        `json:"n"`
	Amount data.Money `json:"amount"`
}

// Compensation is what the remedies cost, in Currency.
type Compensation struct {
	Total         Amount     `json:"total"`
	ByKind        []Amount   `json:"by_kind"`
	ByCategory    []Amount   `json:"by_category"`
	BySupplier    []Amount   `json:"by_supplier"`
	Recovered     Amount     `json:"recovered"`
	Net           data.Money `json:"net"`
	OtherCurrency Count      `json:"other_currency"` // paid cases in another currency, not in the sums
}

// StaffRow is one staff member's figures.
type StaffRow struct {
	Name                   string   `json:"name"`
	Handled                Count    `json:"handled"`
	MedianFirstResponseHrs *float64 `json:"median_first_response_hours"`
	SLA                    Rate     `json:"sla"`
	MeanRating             *float64 `json:"mean_rating"`
}

// Hot is one value of a hotspot dimension against the previous period.
type Hot struct {
	Value      string     `json:"value"`
	Key        string     `json:"key"`
	N          int        `json:"n"`
	PrevN      int        `json:"previous_n"`
	Amount     data.Money `json:"amount"`
	PrevAmount data.Money `json:"previous_amount"`
}

// HotList is a dimension's top values by complaints and by compensation.
type HotList struct {
	ByComplaints   []Hot `json:"by_complaints"`
	ByCompensation []Hot `json:"by_compensation"`
}

// Hotspots are the top five of each dimension.
type Hotspots struct {
	Categories   HotList `json:"categories"`
	Suppliers    HotList `json:"suppliers"`
	Guides       HotList `json:"guides"`
	Products     HotList `json:"products"`
	Destinations HotList `json:"destinations"`
}

// TrendPoint is one month of the trend.
type TrendPoint struct {
	Month      string `json:"month"` // 2026-11
	Key        string `json:"key"`
	Received   int    `json:"received"`
	Complaints int    `json:"complaints"`
}

// Travellers is the complaint rate per 1,000 travellers served; Per1000 is
// null unless every month of the period has a figure (Missing lists the
// months without).
type Travellers struct {
	Months     []string `json:"months"`
	Missing    []string `json:"missing"`
	Travellers int      `json:"travellers"`
	Complaints Count    `json:"complaints"`
	Per1000    *float64 `json:"per_1000"`
}

// Dimension is one "by …" list of the volume: Name is its JSON name and its
// label ("by_kind"; present.ReportLabel), Of what its values are ("kind",
// "category", "channel", "severity", "destination", "product", "supplier",
// "guide"; present.ReportValue).
type Dimension struct {
	Name, Of string
	Buckets  []Bucket
}

// Dimensions lists the volume's "by …" lists in the order every output
// shows them.
func (v Volume) Dimensions() []Dimension {
	return []Dimension{{"by_kind", "kind", v.ByKind}, {"by_category", "category", v.ByCategory},
		{"by_channel", "channel", v.ByChannel}, {"by_severity", "severity", v.BySeverity},
		{"by_destination", "destination", v.ByDestination}, {"by_product", "product", v.ByProduct},
		{"by_supplier", "supplier", v.BySupplier}, {"by_guide", "guide", v.ByGuide}}
}
