package service

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"casebook/data"
)

// settingKey is one scriptable setting: how to read it and how to change it
// from the text a command line gives.
type settingKey struct {
	name string // "policy.urgent.resolution"; a pattern with SLUG for categories
	help string
	get  func(st *data.Settings, key string) string
	set  func(st *data.Settings, value, key string) error
}

// UnknownKeyError names a setting that does not exist.
type UnknownKeyError = data.UnknownSettingError

// Keys lists the settable keys with a line of help each (patterns name a category SLUG).
func Keys() [][2]string {
	out := make([][2]string, len(settingKeys))
	for i, k := range settingKeys {
		out[i] = [2]string{k.name, k.help}
	}
	return out
}

func invalid(field, format string, args ...any) error {
	return &data.FieldError{Field: field, Reason: fmt.Sprintf(format, args...)}
}

var weekdayNames = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

var settingKeys = []settingKey{
	{name: "counter_code", help: "prefix of case numbers: 1–4 capital letters or digits",
		get: func(st *data.Settings, _ string) string { return st.CounterCode },
		set: func(st *data.Settings, v, _ string) error { st.CounterCode = strings.ToUpper(v); return nil }},
	{name: "language", help: "interface, archive and default letter language: zh-Hans, zh-Hant, en, or \"\" to follow the system",
		get: func(st *data.Settings, _ string) string { return st.Language },
		set: func(st *data.Settings, v, _ string) error { st.Language = v; return nil }},
	{name: "currency", help: "currency of new cases, e.g. CNY",
		get: func(st *data.Settings, _ string) string { return st.Currency },
		set: func(st *data.Settings, v, _ string) error { st.Currency = strings.ToUpper(v); return nil }},
	{name: "timezone", help: "the agency's time zone, e.g. Asia/Shanghai",
		get: func(st *data.Settings, _ string) string { return st.Calendar.Location },
		set: func(st *data.Settings, v, _ string) error { st.Calendar.Location = v; return nil }},
	{name: "ui.theme", help: "how the desktop app looks: system (follow the computer), light or dark",
		get: func(st *data.Settings, _ string) string { return orDefault(st.UI.Theme, data.Themes[0]) },
		set: func(st *data.Settings, v, _ string) error { st.UI.Theme = strings.ToLower(v); return nil }},
	{name: "ui.text_size", help: "text size of the desktop app: normal, large or larger",
		get: func(st *data.Settings, _ string) string { return orDefault(st.UI.TextSize, data.TextSizes[0]) },
		set: func(st *data.Settings, v, _ string) error { st.UI.TextSize = strings.ToLower(v); return nil }},
	{name: "business_hours", help: "working hours, e.g. 09:00-18:00",
		get: func(st *data.Settings, _ string) string {
			return clockText(st.Calendar.DayStart) + "-" + clockText(st.Calendar.DayEnd)
		},
		set: func(st *data.Settings, v, _ string) error {
			from, to, ok := strings.Cut(v, "-")
			start, err1 := parseClock(from)
			end, err2 := parseClock(to)
			if !ok || err1 != nil || err2 != nil || end <= start {
				return invalid("business_hours", "write the hours as 09:00-18:00")
			}
			st.Calendar.DayStart, st.Calendar.DayEnd = start, end
			return nil
		}},
	{name: "workdays", help: "working weekdays, e.g. mon,tue,wed,thu,fri",
		get: func(st *data.Settings, _ string) string {
			names := make([]string, len(st.Calendar.Workdays))
			for i, d := range st.Calendar.Workdays {
				names[i] = weekdayNames[d]
			}
			return strings.Join(names, ",")
		},
		set: func(st *data.Settings, v, _ string) error {
			var days []time.Weekday
			for _, n := range splitList(v) {
				i := slices.Index(weekdayNames, strings.ToLower(n)[:min(3, len(n))])
				if i < 0 {
					return invalid("workdays", "unknown weekday %q: use mon, tue, wed, thu, fri, sat, sun", n)
				}
				days = append(days, time.Weekday(i))
			}
			st.Calendar.Workdays = days
			return nil
		}},
	{name: "holidays", help: "days off although workdays, comma-separated YYYY-MM-DD, each with an optional label: 2026-10-01 国庆节, 2026-10-02 国庆节 (the whole list)",
		get: func(st *data.Settings, _ string) string { return data.FormatDays(st.Calendar.Holidays) },
		set: func(st *data.Settings, v, _ string) (err error) {
			st.Calendar.Holidays, err = data.ParseDays(v)
			return err
		}},
	{name: "extra_workdays", help: "swapped working weekend days (调休), comma-separated YYYY-MM-DD, each with an optional label: 2026-10-10 调休上班 (the whole list)",
		get: func(st *data.Settings, _ string) string { return data.FormatDays(st.Calendar.ExtraWorkdays) },
		set: func(st *data.Settings, v, _ string) (err error) {
			st.Calendar.ExtraWorkdays, err = data.ParseDays(v)
			return err
		}},
	{name: "mail_rules", help: "how a case opened from an e-mail is classified: one rule a line, \"keywords = kind category severity\"",
		get: func(st *data.Settings, _ string) string {
			return strings.TrimSpace(data.FormatKeywordRules(st.MailRules))
		},
		set: func(st *data.Settings, v, _ string) error {
			rules, err := data.ParseKeywordRules(v, *st)
			if err == nil {
				st.MailRules = rules
			}
			return err
		}},
	{name: "mail.aliases", help: "further addresses of the agency, comma-separated: mail from them never opens a case and is never acknowledged",
		get: func(st *data.Settings, _ string) string { return strings.Join(st.Mail.Aliases, ",") },
		set: func(st *data.Settings, v, _ string) error {
			st.Mail.Aliases = nil
			for _, a := range splitList(v) {
				if a = data.NormalizeEmail(a); a != "" {
					st.Mail.Aliases = append(st.Mail.Aliases, a)
				}
			}
			return nil
		}},
	{name: "mail.ack_interval", help: "least time between two automatic acknowledgements to one address, e.g. 24h (RFC 3834; whole hours)",
		get: func(st *data.Settings, _ string) string { return data.Duration(st.Mail.AckInterval()).String() },
		set: func(st *data.Settings, v, _ string) error {
			d, err := parseDuration(v)
			if err != nil {
				return invalid("mail.ack_interval", "write the time as 24h or 2d")
			}
			if h := time.Duration(d).Hours(); h < 1 || h != float64(int(h)) {
				return invalid("mail.ack_interval", "the interval is whole hours, at least 1h")
			}
			st.Mail.AckHours = int(time.Duration(d).Hours())
			return nil
		}},
	escalationKey(data.EscalationSupervisor), escalationKey(data.EscalationOwner),
	policyKey(data.SeverityUrgent, true), policyKey(data.SeverityUrgent, false),
	policyKey(data.SeverityNormal, true), policyKey(data.SeverityNormal, false),
	policyKey(data.SeverityLow, true), policyKey(data.SeverityLow, false),
	{name: "category.SLUG.name.LANG", help: "a category's name in zh-Hans, zh-Hant or en; a new SLUG adds a category",
		get: func(st *data.Settings, key string) string {
			slug, rest := categoryKey(key)
			c, _ := st.Category(slug)
			return c.Names[strings.TrimPrefix(rest, "name.")]
		},
		set: func(st *data.Settings, v, key string) error {
			slug, rest := categoryKey(key)
			lang := strings.TrimPrefix(rest, "name.")
			if !slices.Contains(data.Languages, lang) {
				return invalid("language", "no language %q: use zh-Hans, zh-Hant or en", lang)
			}
			c := category(st, slug)
			if c.Names == nil {
				c.Names = map[string]string{}
			}
			c.Names[lang] = v
			return nil
		}},
	{name: "category.SLUG.first_response", help: "a category's own first-response deadline, e.g. 4h (0: the policy's)",
		get: categoryDuration(false), set: setCategoryDuration(false)},
	{name: "category.SLUG.resolution", help: "a category's own resolution deadline, e.g. 48h (0: the policy's)",
		get: categoryDuration(true), set: setCategoryDuration(true)},
	{name: "category.SLUG.retired", help: "true retires a category: old cases keep it, new cases cannot have it; false brings it back",
		get: func(st *data.Settings, key string) string {
			slug, _ := categoryKey(key)
			c, _ := st.Category(slug)
			return strconv.FormatBool(c.Retired)
		},
		set: func(st *data.Settings, v, key string) error {
			slug, _ := categoryKey(key)
			if _, ok := st.Category(slug); !ok {
				return invalid("categories", "no category %q (casebook settings show lists them)", slug)
			}
			retired, err := strconv.ParseBool(strings.ToLower(v))
			if err != nil {
				return invalid("retired", "write true or false")
			}
			category(st, slug).Retired = retired
			return nil
		}},
	{name: "referral.reply_days", help: "calendar days after a regulator's notice (12345 hotline, culture and tourism bureau) by which the written reply is due (default 10)",
		get: func(st *data.Settings, _ string) string { return strconv.Itoa(st.Referral.Days()) },
		set: func(st *data.Settings, v, _ string) error {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || n < 1 || n > data.MaxReferralReplyDays {
				return invalid("referral.reply_days", "write a number of days from 1 to %d", data.MaxReferralReplyDays)
			}
			st.Referral.ReplyDays = n
			return nil
		}},
	{name: "backup.folder", help: "where the scheduled backup goes (a USB stick, a NAS), or \"\" to turn it off; 7 daily, 4 weekly and 12 monthly copies are kept",
		get: func(st *data.Settings, _ string) string { return st.Backup.Folder },
		set: func(st *data.Settings, v, _ string) error { st.Backup.Folder = strings.TrimSpace(v); return nil }},
	{name: "backup.at", help: "when the scheduled backup runs: a time of day HH:MM, or close (when Casebook closes)",
		get: func(st *data.Settings, _ string) string { return st.Backup.At },
		set: func(st *data.Settings, v, _ string) error {
			b := data.BackupSchedule{Folder: st.Backup.Folder, At: strings.ToLower(strings.TrimSpace(v))}
			if err := b.Validate(); err != nil {
				return err
			}
			st.Backup.At = b.At
			return nil
		}},
	{name: "backup.warn_days", help: "Today warns supervisors and the owner when the last good backup is this many days old (default 3)",
		get: func(st *data.Settings, _ string) string { return strconv.Itoa(st.Backup.WarnDays) },
		set: func(st *data.Settings, v, _ string) error {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || n < 0 || n > data.MaxWaitingDays {
				return invalid("backup.warn_days", "a whole number of days from 0 to 365")
			}
			st.Backup.WarnDays = n
			return nil
		}},
	{name: "signin.idle_minutes", help: "the window locks after this many minutes without input, once sign-in is on (default 5; 0 never)",
		get: func(st *data.Settings, _ string) string { return strconv.Itoa(st.SignIn.Minutes()) },
		set: func(st *data.Settings, v, _ string) error {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				return invalid("signin.idle_minutes", "a whole number of minutes from 0 to %d", data.MaxIdleMinutes)
			}
			return st.SignIn.SetMinutes(n)
		}},
	{name: "privacy.retention_years", help: "cases closed more than this many years ago are due for anonymisation (casebook privacy due; default 2)",
		get: func(st *data.Settings, _ string) string { return strconv.Itoa(st.Privacy.Years()) },
		set: func(st *data.Settings, v, _ string) error {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || n < 1 || n > data.MaxRetentionYears {
				return invalid("privacy.retention_years", "a whole number of years from 1 to 30")
			}
			st.Privacy.RetentionYears = n
			return nil
		}},
	{name: "classify.threshold", help: "learned suggestions show only at this confidence or above: 0.5 to 0.99, or 50% to 99% (default 0.6)",
		get: func(st *data.Settings, _ string) string {
			return strconv.FormatFloat(st.Classify.Confidence(), 'f', -1, 64)
		},
		set: func(st *data.Settings, v, _ string) error {
			t, err := parseThreshold(v)
			if err != nil {
				return invalid("classify.threshold", "a confidence from 0.5 to 0.99, or 50%% to 99%%")
			}
			st.Classify.Threshold = t
			return st.Classify.Validate()
		}},
	{name: "classify.min_cases", help: "closed cases the classifier needs before it suggests anything (default 30, at least 10)",
		get: func(st *data.Settings, _ string) string { return strconv.Itoa(st.Classify.Minimum()) },
		set: func(st *data.Settings, v, _ string) error {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				return invalid("classify.min_cases", "a whole number of cases from 10 to %d", data.MaxClassifyMinCases)
			}
			st.Classify.MinCases = n
			return st.Classify.Validate()
		}},
	{name: "customers.repeat_months", help: "a customer with customers.repeat_count complaints received within this many months is marked a repeat complainant (default 12)",
		get: func(st *data.Settings, _ string) string { return strconv.Itoa(st.Customers.Months()) },
		set: func(st *data.Settings, v, _ string) error {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || n < 1 || n > data.MaxRepeatMonths {
				return invalid("customers.repeat_months", "a whole number of months from 1 to 120")
			}
			st.Customers.RepeatMonths = n
			return nil
		}},
	{name: "customers.repeat_count", help: "how many complaints within customers.repeat_months make a repeat complainant (default 2)",
		get: func(st *data.Settings, _ string) string { return strconv.Itoa(st.Customers.Count()) },
		set: func(st *data.Settings, v, _ string) error {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || n < 1 || n > 100 {
				return invalid("customers.repeat_count", "a whole number from 1 to 100")
			}
			st.Customers.RepeatCount = n
			return nil
		}},
	{name: "followup.due_working_days", help: "the follow-up is due this many working days after a case is resolved (default 3)",
		get: func(st *data.Settings, _ string) string { return strconv.Itoa(st.FollowUps.Days()) },
		set: func(st *data.Settings, v, _ string) error {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || n < 1 || n > data.MaxFollowUpDays {
				return invalid("followup.due_working_days", "a whole number of working days from 1 to %d", data.MaxFollowUpDays)
			}
			st.FollowUps.DueWorkingDays = n
			return nil
		}},
	{name: "followup.max_attempts", help: "after this many unreached attempts a follow-up may be closed as unreachable (default 3)",
		get: func(st *data.Settings, _ string) string { return strconv.Itoa(st.FollowUps.Attempts()) },
		set: func(st *data.Settings, v, _ string) error {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || n < 1 || n > data.MaxFollowUpAttempts {
				return invalid("followup.max_attempts", "a whole number of attempts from 1 to %d", data.MaxFollowUpAttempts)
			}
			st.FollowUps.MaxAttempts = n
			return nil
		}},
}

// escalationKey is the default person of an escalation level: a staff member
// of the level or above, or "" for the first of the level.
func escalationKey(level data.Escalation) settingKey {
	field := func(st *data.Settings) *string {
		if level == data.EscalationOwner {
			return &st.Escalation.Owner
		}
		return &st.Escalation.Supervisor
	}
	help := "who a case escalated to supervisor goes to when nobody is chosen: a supervisor or the owner (\"\": the first supervisor)"
	if level == data.EscalationOwner {
		help = "who a case escalated to owner goes to when nobody is chosen: an owner (\"\": the first owner)"
	}
	return settingKey{name: "escalation." + string(level), help: help,
		get: func(st *data.Settings, _ string) string { return *field(st) },
		set: func(st *data.Settings, v, _ string) error {
			v = strings.TrimSpace(v)
			if v != "" {
				if err := st.CheckEscalationTarget(level, v); err != nil {
					return err
				}
			}
			*field(st) = v
			return nil
		}}
}

func policyKey(sev data.Severity, first bool) settingKey {
	which, help := "resolution", "resolution deadline"
	if first {
		which, help = "first_response", "first-response deadline"
	}
	target := func(st *data.Settings) *data.Duration {
		t := &st.Policy.Normal
		switch sev {
		case data.SeverityUrgent:
			t = &st.Policy.Urgent
		case data.SeverityLow:
			t = &st.Policy.Low
		}
		if first {
			return &t.FirstResponse
		}
		return &t.Resolution
	}
	return settingKey{name: "policy." + string(sev) + "." + which, help: fmt.Sprintf("%s of %s cases, e.g. 24h", help, sev),
		get: func(st *data.Settings, _ string) string { return target(st).String() },
		set: func(st *data.Settings, v, _ string) error {
			d, err := parseDuration(v)
			if err != nil {
				return err
			}
			*target(st) = d
			return nil
		}}
}

// findKey finds the key's definition; category keys match their pattern.
func findKey(key string) (settingKey, bool) {
	for _, k := range settingKeys {
		if k.name == key {
			return k, true
		}
		if slug, rest := categoryKey(key); slug != "" {
			pattern := "category.SLUG." + rest
			if strings.HasPrefix(rest, "name.") {
				pattern = "category.SLUG.name.LANG"
			}
			if k.name == pattern {
				return k, true
			}
		}
	}
	return settingKey{}, false
}

// expandKeys lists the keys with each category's own, in order.
func expandKeys(st data.Settings) []settingKey {
	var out []settingKey
	for _, k := range settingKeys {
		if !strings.HasPrefix(k.name, "category.SLUG.") {
			out = append(out, k)
			continue
		}
		for _, c := range st.Categories {
			name := strings.Replace(k.name, "SLUG", c.Slug, 1)
			if strings.HasSuffix(name, ".LANG") {
				for _, l := range data.Languages {
					out = append(out, settingKey{name: strings.TrimSuffix(name, "LANG") + l, get: k.get, set: k.set})
				}
				continue
			}
			out = append(out, settingKey{name: name, get: k.get, set: k.set})
		}
	}
	return out
}

// categoryKey splits "category.flight_delay.name.en" into its slug and the rest.
func categoryKey(key string) (slug, rest string) {
	tail, ok := strings.CutPrefix(key, "category.")
	if !ok {
		return "", ""
	}
	slug, rest, _ = strings.Cut(tail, ".")
	return slug, rest
}

// category finds the category with slug, adding it when there is none.
func category(st *data.Settings, slug string) *data.Category {
	for i := range st.Categories {
		if st.Categories[i].Slug == slug {
			return &st.Categories[i]
		}
	}
	st.Categories = append(slices.Clone(st.Categories), data.Category{Slug: slug})
	return &st.Categories[len(st.Categories)-1]
}

func categoryDuration(resolution bool) func(st *data.Settings, key string) string {
	return func(st *data.Settings, key string) string {
		slug, _ := categoryKey(key)
		c, _ := st.Category(slug)
		if resolution {
			return c.Resolution.String()
		}
		return c.FirstResponse.String()
	}
}

func setCategoryDuration(resolution bool) func(st *data.Settings, v, key string) error {
	return func(st *data.Settings, v, key string) error {
		slug, _ := categoryKey(key)
		if _, ok := st.Category(slug); !ok {
			return invalid("categories", "no category %q: give it a name first (category.%s.name.zh-Hans)", slug, slug)
		}
		d, err := parseDuration(v)
		if err != nil {
			return err
		}
		if resolution {
			category(st, slug).Resolution = d
		} else {
			category(st, slug).FirstResponse = d
		}
		return nil
	}
}

// parseDuration reads "24h", "90m" or "7d".
func parseDuration(v string) (data.Duration, error) {
	if days, ok := strings.CutSuffix(v, "d"); ok {
		var n int
		if _, err := fmt.Sscanf(days, "%d", &n); err == nil && n >= 0 && fmt.Sprint(n) == days {
			return data.Duration(time.Duration(n) * 24 * time.Hour), nil
		}
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		return 0, invalid("policy", "write the time as 24h, 90m or 7d")
	}
	return data.Duration(d), nil
}

func parseClock(s string) (int, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, err
	}
	return t.Hour()*60 + t.Minute(), nil
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func clockText(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

func splitList(v string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '，' }) {
		out = append(out, strings.TrimSpace(p))
	}
	return out
}
