package data

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Duration is a time.Duration that reads and writes JSON as "24h", "30m", "168h",
// so that the settings file stays readable and hand-editable.
type Duration time.Duration

// String formats like time.Duration without the trailing zero units: "24h", "1h30m".
func (d Duration) String() string {
	s := time.Duration(d).String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}

// MarshalJSON writes a string such as "24h".
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads a duration string; a bare number is taken as nanoseconds,
// which is how a plain time.Duration would have been written.
func (d *Duration) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		var n int64
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("duration %s: %w: want a string such as \"24h\"", b, ErrInvalid)
		}
		*d = Duration(n)
		return nil
	}
	if s == "" {
		*d = 0
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("duration %q: %w: want a value such as \"24h\" or \"30m\"", s, ErrInvalid)
	}
	*d = Duration(v)
	return nil
}

// Targets are the two deadlines of a case.
type Targets struct {
	FirstResponse Duration `json:"first_response"`
	Resolution    Duration `json:"resolution"`
}

// Policy holds the deadlines per severity.
type Policy struct {
	Urgent Targets `json:"urgent"`
	Normal Targets `json:"normal"`
	Low    Targets `json:"low"`
}

// DefaultPolicy: urgent 1 h / 24 h, normal 24 h / 72 h, low 72 h / 7 days.
func DefaultPolicy() Policy {
	return Policy{
		Urgent: Targets{FirstResponse: Duration(time.Hour), Resolution: Duration(24 * time.Hour)},
		Normal: Targets{FirstResponse: Duration(24 * time.Hour), Resolution: Duration(72 * time.Hour)},
		Low:    Targets{FirstResponse: Duration(72 * time.Hour), Resolution: Duration(168 * time.Hour)},
	}
}

// Validate checks that every target is positive and no first response is due after the resolution.
func (p Policy) Validate() error {
	if ps := p.Problems(); len(ps) > 0 {
		return ps[0]
	}
	return nil
}

// Problems lists every wrong target, each a *FieldError naming its field
// ("policy.urgent.first_response"), so a form can mark them all at once.
func (p Policy) Problems() []error {
	var out []error
	for _, sev := range Severities {
		t := p.For(sev)
		field := "policy." + string(sev) + "."
		if t.FirstResponse <= 0 {
			out = append(out, &FieldError{Field: field + "first_response", Code: ReasonNotPositive,
				Reason: fmt.Sprintf("policy %s: first response target must be positive", sev)})
		}
		if t.Resolution <= 0 {
			out = append(out, &FieldError{Field: field + "resolution", Code: ReasonNotPositive,
				Reason: fmt.Sprintf("policy %s: resolution target must be positive", sev)})
		}
		if t.FirstResponse > 0 && t.Resolution > 0 && t.FirstResponse > t.Resolution {
			out = append(out, &FieldError{Field: field + "first_response", Code: ReasonFirstAfterResolved,
				Reason: fmt.Sprintf("policy %s: first response (%s) must not be longer than resolution (%s)", sev, t.FirstResponse, t.Resolution)})
		}
	}
	return out
}

// For returns the severity's targets; an unknown severity is treated as normal.
func (p Policy) For(sev Severity) Targets {
	switch sev {
	case SeverityUrgent:
		return p.Urgent
	case SeverityLow:
		return p.Low
	}
	return p.Normal
}

// TargetsFor returns a case's targets: the category's overrides win field by
// field, except that an urgent case never gets a longer target than its
// severity gives. The first response is never due after the resolution.
func (p Policy) TargetsFor(sev Severity, cat *Category) Targets {
	t := p.For(sev)
	if cat != nil {
		t.FirstResponse = override(t.FirstResponse, cat.FirstResponse, sev == SeverityUrgent)
		t.Resolution = override(t.Resolution, cat.Resolution, sev == SeverityUrgent)
	}
	if t.FirstResponse > t.Resolution {
		t.FirstResponse = t.Resolution // e.g. a low case in a category resolved in 48 h
	}
	return t
}

func override(base, cat Duration, onlyShorter bool) Duration {
	if cat <= 0 || (onlyShorter && cat > base) {
		return base
	}
	return cat
}

// Category is a configurable case category with optional deadline overrides.
type Category struct {
	Slug          string            `json:"slug"`
	Names         map[string]string `json:"names"`                    // keys "en", "zh-Hans", "zh-Hant"
	FirstResponse Duration          `json:"first_response,omitempty"` // 0 = from the policy
	Resolution    Duration          `json:"resolution,omitempty"`
	// Retired keeps the category on the cases that have it (their labels and
	// the reports still name it) but offers it to no new case and no change.
	Retired bool `json:"retired,omitempty"`
}

// Name returns the category's name in lang, falling back to English, then the slug.
func (c Category) Name(lang string) string {
	if n := c.Names[lang]; n != "" {
		return n
	}
	if n := c.Names["en"]; n != "" {
		return n
	}
	return c.Slug
}

// FallbackCategory is the category of a case that names none (mail intake,
// the command line's default): it cannot be retired.
const FallbackCategory = "other"

// CategoryError says why a category cannot be used or saved as it is. Its
// Category carries the names, so that the message can name it in any language.
type CategoryError struct {
	Reason   CategoryProblem
	Category Category
	Line     int // the keyword rule's line, for CategoryRuleRetired
}

// CategoryProblem is what is wrong with a category.
type CategoryProblem string

const (
	CategoryIsRetired       CategoryProblem = "retired"        // chosen for a new case or a change
	CategoryRuleRetired     CategoryProblem = "rule_retired"   // a keyword rule points at a retired one
	CategoryFallbackRetired CategoryProblem = "fallback"       // "other" cannot be retired
	CategoryNoneActive      CategoryProblem = "none_active"    // every category retired
	CategoryNoCode          CategoryProblem = "no_code"        // neither a code nor a name to derive one from
	CategoryBadCode         CategoryProblem = "bad_code"       // not lower-case letters, digits and _
	CategoryDuplicate       CategoryProblem = "duplicate_code" // the code is used twice
)

func (e *CategoryError) Error() string {
	switch e.Reason {
	case CategoryIsRetired:
		return fmt.Sprintf("category %q is retired: choose another, or restore it in Settings → Categories (casebook settings set category.%s.retired false)", e.Category.Slug, e.Category.Slug)
	case CategoryRuleRetired:
		return fmt.Sprintf("keyword rule on line %d points at the retired category %q: change the rule first", e.Line, e.Category.Slug)
	case CategoryFallbackRetired:
		return fmt.Sprintf("category %q is the one a case gets when none is given: it cannot be retired", e.Category.Slug)
	case CategoryNoneActive:
		return "at least one category must stay in use"
	case CategoryNoCode:
		return "a category has neither a code nor a name"
	case CategoryBadCode:
		return fmt.Sprintf("category code %q must be lower-case letters, digits and _ (at most 40)", e.Category.Slug)
	case CategoryDuplicate:
		return fmt.Sprintf("category code %q is used twice", e.Category.Slug)
	}
	return fmt.Sprintf("category %q: %s", e.Category.Slug, e.Reason)
}

// Unwrap makes it an ErrInvalid.
func (e *CategoryError) Unwrap() error { return ErrInvalid }

// Assignable checks that slug may be given to a case now: it exists and is
// not retired. A case that already has a retired category keeps it.
func (s Settings) Assignable(slug string) error {
	c, ok := s.Category(slug)
	if !ok {
		return fieldErr("category", "unknown category %q", slug)
	}
	if c.Retired {
		return &CategoryError{Reason: CategoryIsRetired, Category: c}
	}
	return nil
}

// ActiveCategories are the categories a new case may have, in order.
func (s Settings) ActiveCategories() []Category {
	var out []Category
	for _, c := range s.Categories {
		if !c.Retired {
			out = append(out, c)
		}
	}
	return out
}

// CategoryCode derives a code for a category that has none, from its English
// name when that has letters or digits ("Noise at night" → "noise_at_night"),
// else "cat_N" with the first N not taken. taken holds the codes in use; the
// result is not among them (a suffix "_2", "_3"… is added). The same names and
// codes in use always give the same code.
func CategoryCode(names map[string]string, taken map[string]bool) string {
	var b strings.Builder
	under := false
	for _, r := range strings.ToLower(names["en"]) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if under && b.Len() > 0 {
				b.WriteByte('_')
			}
			under = false
			b.WriteRune(r)
		default:
			under = true
		}
	}
	base := b.String()
	if len(base) > 32 {
		base = strings.TrimRight(base[:32], "_")
	}
	if base == "" {
		for n := 1; ; n++ {
			if code := fmt.Sprintf("cat_%d", n); !taken[code] {
				return code
			}
		}
	}
	if !taken[base] {
		return base
	}
	for n := 2; ; n++ {
		if code := fmt.Sprintf("%s_%d", base, n); !taken[code] {
			return code
		}
	}
}

// FillCategoryCodes gives every category without a code one derived from its
// name (CategoryCode), in order, so that a category typed with only a Chinese
// name is kept, never dropped. A category with neither a code nor any name is
// left as it is, for Validate to refuse.
func (s *Settings) FillCategoryCodes() {
	taken := map[string]bool{}
	for _, c := range s.Categories {
		if c.Slug != "" {
			taken[c.Slug] = true
		}
	}
	cats := slices.Clone(s.Categories)
	for i, c := range cats {
		if strings.TrimSpace(c.Slug) != "" || !hasName(c) {
			continue
		}
		cats[i].Slug = CategoryCode(c.Names, taken)
		taken[cats[i].Slug] = true
	}
	s.Categories = cats
}

func hasName(c Category) bool {
	for _, n := range c.Names {
		if strings.TrimSpace(n) != "" {
			return true
		}
	}
	return false
}

// DefaultCategories are the usual complaint topics of a Chinese travel agency.
func DefaultCategories() []Category {
	cat := func(slug, en, hans, hant string) Category {
		return Category{Slug: slug, Names: map[string]string{"en": en, "zh-Hans": hans, "zh-Hant": hant}}
	}
	transport := cat("transport_delay", "Transport / flight delay", "交通/航班延误", "交通/航班延誤")
	transport.Resolution = Duration(48 * time.Hour) // travellers are stranded: settle faster
	return []Category{
		cat("itinerary_change", "Itinerary change", "行程变更", "行程變更"),
		cat("guide_conduct", "Tour guide service", "导游服务", "導遊服務"),
		cat("forced_shopping", "Forced shopping", "强制购物", "強制購物"),
		cat("accommodation", "Accommodation", "住宿", "住宿"),
		cat("meals", "Meals", "餐饮", "餐飲"),
		transport,
		cat("refund_change", "Refund / change / cancellation", "退改签", "退改簽"),
		cat("fee_dispute", "Fee dispute", "费用争议", "費用爭議"),
		cat("tour_cancellation", "Tour cancellation", "团队取消", "團隊取消"),
		cat("visa_documents", "Visa / travel documents", "签证证件", "簽證證件"),
		cat("luggage", "Luggage", "行李", "行李"),
		cat("safety_injury", "Safety / injury or illness", "安全/伤病", "安全/傷病"),
		cat("insurance", "Insurance", "保险", "保險"),
		cat("booking_error", "Booking error", "预订错误", "預訂錯誤"),
		cat("privacy", "Privacy", "隐私", "隱私"),
		cat("other", "Other", "其他", "其他"),
	}
}
