package data

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestDefaultPolicy(t *testing.T) {
	p := DefaultPolicy()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		sev         Severity
		first, resl time.Duration
	}{
		{SeverityUrgent, time.Hour, 24 * time.Hour},
		{SeverityNormal, 24 * time.Hour, 72 * time.Hour},
		{SeverityLow, 72 * time.Hour, 7 * 24 * time.Hour},
		{Severity("bogus"), 24 * time.Hour, 72 * time.Hour}, // unknown → normal
	}
	for _, tt := range tests {
		got := p.For(tt.sev)
		if time.Duration(got.FirstResponse) != tt.first || time.Duration(got.Resolution) != tt.resl {
			t.Errorf("For(%s) = %s/%s, want %s/%s", tt.sev, got.FirstResponse, got.Resolution, tt.first, tt.resl)
		}
	}
}

func TestPolicyValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Policy)
		want   string
		field  string // the field a form marks
		code   string
	}{
		{"zero first response", func(p *Policy) { p.Urgent.FirstResponse = 0 }, "urgent: first response", "policy.urgent.first_response", ReasonNotPositive},
		{"negative resolution", func(p *Policy) { p.Low.Resolution = -1 }, "low: resolution", "policy.low.resolution", ReasonNotPositive},
		{"first after resolution", func(p *Policy) { p.Normal.FirstResponse = Duration(100 * time.Hour) }, "must not be longer", "policy.normal.first_response", ReasonFirstAfterResolved},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := DefaultPolicy()
			tt.change(&p)
			err := p.Validate()
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("Validate() = %v, want ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Validate() = %q, want it to contain %q", err, tt.want)
			}
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field || fe.Code != tt.code {
				t.Errorf("Validate() = %#v, want field %s, code %s", err, tt.field, tt.code)
			}
		})
	}
	if err := (Policy{}).Validate(); !errors.Is(err, ErrInvalid) {
		t.Errorf("zero policy: %v", err)
	}
}

func TestTargetsFor(t *testing.T) {
	p := DefaultPolicy()
	transport := findCategory(t, "transport_delay")
	long := &Category{Slug: "slow", FirstResponse: Duration(48 * time.Hour), Resolution: Duration(240 * time.Hour)}
	short := &Category{Slug: "fast", FirstResponse: Duration(30 * time.Minute)}
	h := func(n float64) Duration { return Duration(time.Duration(n * float64(time.Hour))) }
	tests := []struct {
		name string
		sev  Severity
		cat  *Category
		want Targets
	}{
		{"no category", SeverityNormal, nil, Targets{h(24), h(72)}},
		{"plain category", SeverityNormal, findCategory(t, "meals"), Targets{h(24), h(72)}},
		{"transport normal", SeverityNormal, transport, Targets{h(24), h(48)}},
		{"transport urgent keeps 24h", SeverityUrgent, transport, Targets{h(1), h(24)}},
		// A low case's 72 h first response would come after the 48 h resolution.
		{"transport low", SeverityLow, transport, Targets{h(48), h(48)}},
		{"longer category lengthens normal", SeverityNormal, long, Targets{h(48), h(240)}},
		{"urgent never lengthened", SeverityUrgent, long, Targets{h(1), h(24)}},
		{"urgent shortened", SeverityUrgent, short, Targets{h(0.5), h(24)}},
		{"field by field", SeverityLow, short, Targets{h(0.5), h(168)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := p.TargetsFor(tt.sev, tt.cat); got != tt.want {
				t.Errorf("TargetsFor = %s/%s, want %s/%s", got.FirstResponse, got.Resolution, tt.want.FirstResponse, tt.want.Resolution)
			}
		})
	}
}

func findCategory(t *testing.T, slug string) *Category {
	t.Helper()
	for _, c := range DefaultCategories() {
		if c.Slug == slug {
			return &c
		}
	}
	t.Fatalf("no category %q", slug)
	return nil
}

func TestDefaultCategories(t *testing.T) {
	want := []string{"itinerary_change", "guide_conduct", "forced_shopping", "accommodation", "meals",
		"transport_delay", "refund_change", "fee_dispute", "tour_cancellation", "visa_documents", "luggage",
		"safety_injury", "insurance", "booking_error", "privacy", "other"}
	cats := DefaultCategories()
	var slugs []string
	for _, c := range cats {
		slugs = append(slugs, c.Slug)
		for _, lang := range []string{"en", "zh-Hans", "zh-Hant"} {
			if c.Names[lang] == "" {
				t.Errorf("%s has no %s name", c.Slug, lang)
			}
		}
		if c.Slug != "transport_delay" && (c.FirstResponse != 0 || c.Resolution != 0) {
			t.Errorf("%s has unexpected overrides", c.Slug)
		}
	}
	if !slices.Equal(slugs, want) {
		t.Errorf("slugs = %v\nwant %v", slugs, want)
	}
	tr := findCategory(t, "transport_delay")
	if tr.Names["zh-Hans"] != "交通/航班延误" || tr.Names["zh-Hant"] != "交通/航班延誤" {
		t.Errorf("transport_delay names = %v", tr.Names)
	}
	if time.Duration(tr.Resolution) != 48*time.Hour || tr.FirstResponse != 0 {
		t.Errorf("transport_delay overrides = %s/%s", tr.FirstResponse, tr.Resolution)
	}
	// Callers may edit the result freely: each call builds fresh maps.
	cats[0].Names["en"] = "changed"
	if DefaultCategories()[0].Names["en"] == "changed" {
		t.Error("DefaultCategories shares its maps")
	}
}

func TestCategoryName(t *testing.T) {
	c := Category{Slug: "meals", Names: map[string]string{"en": "Meals", "zh-Hans": "餐饮"}}
	for lang, want := range map[string]string{"zh-Hans": "餐饮", "zh-Hant": "Meals", "en": "Meals", "": "Meals"} {
		if got := c.Name(lang); got != want {
			t.Errorf("Name(%q) = %q, want %q", lang, got, want)
		}
	}
	if got := (Category{Slug: "custom"}).Name("zh-Hans"); got != "custom" {
		t.Errorf("Name without names = %q", got)
	}
}

func TestDurationJSON(t *testing.T) {
	for _, tt := range []struct {
		d    time.Duration
		json string
	}{
		{24 * time.Hour, `"24h"`},
		{30 * time.Minute, `"30m"`},
		{168 * time.Hour, `"168h"`},
		{90 * time.Minute, `"1h30m"`},
		{time.Hour + 30*time.Second, `"1h0m30s"`},
		{45 * time.Second, `"45s"`},
		{0, `"0s"`},
	} {
		b, err := json.Marshal(Duration(tt.d))
		if err != nil || string(b) != tt.json {
			t.Errorf("Marshal(%s) = %s, %v; want %s", tt.d, b, err, tt.json)
		}
		var back Duration
		if err := json.Unmarshal(b, &back); err != nil || time.Duration(back) != tt.d {
			t.Errorf("Unmarshal(%s) = %s, %v", b, back, err)
		}
	}

	// The whole policy round-trips and reads like the settings file should.
	b, err := json.Marshal(DefaultPolicy())
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"urgent":{"first_response":"1h","resolution":"24h"},"normal":{"first_response":"24h","resolution":"72h"},"low":{"first_response":"72h","resolution":"168h"}}`
	if string(b) != want {
		t.Errorf("policy JSON = %s", b)
	}
	var p Policy
	if err := json.Unmarshal(b, &p); err != nil || p != DefaultPolicy() {
		t.Errorf("policy round trip = %+v, %v", p, err)
	}

	// Categories omit unset overrides.
	b, _ = json.Marshal(Category{Slug: "x", Resolution: Duration(48 * time.Hour)})
	if s := string(b); strings.Contains(s, "first_response") || !strings.Contains(s, `"resolution":"48h"`) {
		t.Errorf("category JSON = %s", s)
	}

	var d Duration
	for in, want := range map[string]time.Duration{`"2h30m"`: 150 * time.Minute, `3600000000000`: time.Hour, `""`: 0} {
		d = 5
		if err := json.Unmarshal([]byte(in), &d); err != nil || time.Duration(d) != want {
			t.Errorf("Unmarshal(%s) = %s, %v; want %s", in, d, err, want)
		}
	}
	for _, in := range []string{`"tomorrow"`, `"24"`, `true`, `{}`} {
		if err := json.Unmarshal([]byte(in), &d); !errors.Is(err, ErrInvalid) {
			t.Errorf("Unmarshal(%s) error = %v, want ErrInvalid", in, err)
		}
	}
}
