package data

import (
	"regexp"
	"slices"
	"strings"
)

// Role is a staff member's authority; escalation goes staff → supervisor → owner.
type Role string

const (
	RoleStaff      Role = "staff"
	RoleSupervisor Role = "supervisor"
	RoleOwner      Role = "owner"
)

// Roles lists the roles in escalation order.
var Roles = []Role{RoleStaff, RoleSupervisor, RoleOwner}

// Staff is a person who handles cases.
type Staff struct {
	Name string `json:"name"`
	Role Role   `json:"role"`
}

// Settings is the agency's configuration, stored in the database.
type Settings struct {
	CounterCode string             `json:"counter_code"` // prefix of case numbers, e.g. "A"
	Staff       []Staff            `json:"staff"`
	Policy      Policy             `json:"policy"`
	Categories  []Category         `json:"categories"`
	Calendar    Calendar           `json:"calendar"`
	Language    string             `json:"language"` // "", "en", "zh-Hans" or "zh-Hant"; "" follows the system
	Currency    string             `json:"currency"` // default currency of new cases
	Mail        MailAccount        `json:"mail"`
	MailRules   []KeywordRule      `json:"mail_rules"`          // how intake suggests kind, category and severity
	Agency      Agency             `json:"agency"`              // the letterhead of printed documents
	UI          Appearance         `json:"ui"`                  // theme and text size of the desktop app
	Escalation  EscalationDefaults `json:"escalation,omitzero"` // who an escalated case goes to when nobody is chosen

	Alerts Alerts `json:"alerts,omitzero"` // Today, desktop warnings, the tray (today.go)

	Approval ApprovalLimits `json:"approval,omitzero"` // what each role may propose without approval (approval.go)
	Backup   BackupSchedule `json:"backup,omitzero"`   // the scheduled backup (backup.go)
	SignIn   SignInSettings `json:"signin,omitzero"`   // the idle lock (signin.go); PINs are never here

	Privacy PrivacySettings `json:"privacy,omitzero"` // retention of personal data (privacy.go)

	Classify  ClassifySettings `json:"classify,omitzero"`  // when learned suggestions show (classify_learn.go)
	Customers CustomerSettings `json:"customers,omitzero"` // the repeat-complainant mark (customers.go)
	// MailTemplates are the agency's own wordings of the mail templates,
	// per language (mailtemplates.go); changed only through the template use
	// cases, never by saving the other settings.
	MailTemplates []MailTemplate   `json:"mail_templates,omitempty"`
	Referral      ReferralSettings `json:"referral,omitzero"` // the reply period of regulators' referrals (referral.go)
	FollowUps     FollowUpSettings `json:"followup,omitzero"` // return visits: due days, attempts (followup.go)

	Travellers map[string]int `json:"travellers,omitempty"` // travellers served per month, "2026-11" → 1840, for the report's complaint rate (travellers.go)
}

// Languages are the interface and letter languages Casebook ships.
var Languages = []string{"zh-Hans", "zh-Hant", "en"}

// DefaultSettings is what a new database starts with.
func DefaultSettings() Settings {
	return Settings{
		CounterCode: "A",
		Policy:      DefaultPolicy(),
		Categories:  DefaultCategories(),
		Calendar:    DefaultCalendar(),
		Currency:    "CNY",
		Mail:        DefaultMailAccount(),
		MailRules:   DefaultKeywordRules(),
	}
}

var counterCodeRe = regexp.MustCompile(`^[A-Z0-9]{1,4}$`)

// Validate checks the settings before they are saved.
func (s Settings) Validate() error {
	if !counterCodeRe.MatchString(s.CounterCode) {
		return fieldErr("counter_code", "counter code %q must be 1–4 capital letters or digits", s.CounterCode)
	}
	seen := map[string]bool{}
	for _, st := range s.Staff {
		name := strings.TrimSpace(st.Name)
		if name == "" {
			return fieldErr("staff", "a staff member has no name")
		}
		if err := CheckText("staff_name", name); err != nil {
			return err
		}
		if seen[name] {
			return fieldErr("staff", "staff member %q is listed twice", name)
		}
		seen[name] = true
		if !validRole(st.Role) {
			return fieldErr("staff", "staff member %q has unknown role %q", name, st.Role)
		}
	}
	if len(s.Staff) > 0 && !slices.ContainsFunc(s.Staff, func(st Staff) bool { return st.Role == RoleOwner }) {
		return fieldErr("staff_owner", "at least one staff member must be an owner, or nobody could change the settings")
	}
	if n := s.SignIn.IdleMinutes; n < -1 || n > MaxIdleMinutes {
		return fieldErr("signin.idle_minutes", "%d is not from 0 to %d", n, MaxIdleMinutes)
	}
	if err := s.Policy.Validate(); err != nil {
		return err
	}
	if err := s.Calendar.Validate(); err != nil {
		return err
	}
	if len(s.Categories) == 0 {
		return fieldErr("categories", "at least one category is needed")
	}
	if err := s.validateCategories(); err != nil {
		return err
	}
	if s.Language != "" && !validLanguage(s.Language) {
		return fieldErr("language", "unknown language %q", s.Language)
	}
	if err := s.Mail.Validate(); err != nil {
		return err
	}
	if err := s.Agency.Validate(); err != nil {
		return err
	}
	if err := s.UI.Validate(); err != nil {
		return err
	}
	if err := s.Approval.Validate(); err != nil {
		return err
	}
	if err := s.Classify.Validate(); err != nil {
		return err
	}
	if err := s.Customers.Validate(); err != nil {
		return err
	}
	if err := s.FollowUps.Validate(); err != nil {
		return err
	}
	if err := validTravellers(s.Travellers); err != nil { // travellers.go
		return err
	}
	if !currencyRe.MatchString(s.Currency) {
		return fieldErr("currency", "currency %q must be a three-letter code such as CNY", s.Currency)
	}
	return nil
}

// validateCategories checks codes, deadlines and retirement: a retired
// category is not the fallback, not the last one in use, and no keyword rule
// points at it.
func (s Settings) validateCategories() error {
	slugs := map[string]bool{}
	active := 0
	for _, c := range s.Categories {
		if c.Slug == "" && !hasName(c) {
			return &CategoryError{Reason: CategoryNoCode, Category: c}
		}
		if !slugRe.MatchString(c.Slug) {
			return &CategoryError{Reason: CategoryBadCode, Category: c}
		}
		if slugs[c.Slug] {
			return &CategoryError{Reason: CategoryDuplicate, Category: c}
		}
		slugs[c.Slug] = true
		if c.FirstResponse < 0 || c.Resolution < 0 {
			return fieldErr("categories", "category %q has a negative deadline", c.Slug)
		}
		if !c.Retired {
			active++
		} else if c.Slug == FallbackCategory {
			return &CategoryError{Reason: CategoryFallbackRetired, Category: c}
		}
	}
	if active == 0 {
		return &CategoryError{Reason: CategoryNoneActive}
	}
	for i, r := range s.MailRules {
		if c, ok := s.Category(r.Category); ok && c.Retired {
			return &CategoryError{Reason: CategoryRuleRetired, Category: c, Line: i + 1}
		}
	}
	return nil
}

var (
	slugRe     = regexp.MustCompile(`^[a-z0-9_]{1,40}$`)
	currencyRe = regexp.MustCompile(`^[A-Z]{3}$`)
)

// Category returns the category with this slug.
func (s Settings) Category(slug string) (Category, bool) {
	for _, c := range s.Categories {
		if c.Slug == slug {
			return c, true
		}
	}
	return Category{}, false
}

// StaffRole returns the role of a named staff member.
func (s Settings) StaffRole(name string) (Role, bool) {
	for _, st := range s.Staff {
		if st.Name == name {
			return st.Role, true
		}
	}
	return "", false
}

func validRole(r Role) bool       { return slices.Contains(Roles, r) }
func validLanguage(l string) bool { return slices.Contains(Languages, l) }

// checkStaff accepts "" and, once staff are configured, only their names.
func (s Settings) checkStaff(field, name string) error {
	if name == "" || len(s.Staff) == 0 {
		return nil
	}
	if _, ok := s.StaffRole(name); !ok {
		return fieldErr(field, "%q is not in the staff list (Settings)", name)
	}
	return nil
}
