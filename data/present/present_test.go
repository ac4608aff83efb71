package present

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"casebook/data"
)

// englishWord is a run of Latin letters: in a Chinese rendering it may only
// come from the data (a subject, an address, an error text from a server).
var englishWord = regexp.MustCompile(`[A-Za-z]{2,}`)

// sample has one event of every code, with data free of Latin letters except
// where marked.
func sample() []data.Event {
	a := func(kv ...string) map[string]string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	return []data.Event{
		{Type: data.EventCreated, New: "new", Args: a(data.ArgKind, "complaint", data.ArgChannel, "walkin")},
		{Type: data.EventStatus, Old: "new", New: "acknowledged", Note: "已联系"},
		{Type: data.EventNote, Note: "备注文字"},
		{Type: data.EventOwner, Old: "", New: "王芳"},
		{Type: data.EventSeverity, Old: "normal", New: "urgent", Args: a(data.ArgDeadlines, data.DeadlinesRecalculated)},
		{Type: data.EventSeverity, Old: "urgent", New: "low"},
		{Type: data.EventCategory, Old: "accommodation", New: "booking_error"},
		{Type: data.EventWaiting, Old: "", New: "customer", Note: "等照片"},
		{Type: data.EventWaitingEnded, Old: "supplier", Args: a(data.ArgStatus, "resolved")},
		{Type: data.EventEscalation, Old: "staff", New: "owner"},
		{Type: data.EventEscalation, Old: "staff", New: "supervisor", Args: a(data.ArgOwner, "陈静"), Note: "客户情绪激动"},
		{Type: data.EventMailIn, Args: a(data.ArgSubject, "退款")},
		{Type: data.EventMailOut, Args: a(data.ArgSubject, "回复", data.ArgTo, "甲@例子.中国")},
		{Type: data.EventMailSent, Args: a(data.ArgSubject, "回复")},
		{Type: data.EventMailFailed, Args: a(data.ArgSubject, "回复", data.ArgError, "550")},
		{Type: data.EventMailBounced, Args: a(data.ArgSubject, "回复", data.ArgError, "550")},
		{Type: data.EventMentions, Args: a(data.ArgCase, "A-2026-0001", data.ArgFrom, "甲@例子.中国")},
		{Type: data.EventMailLoop, Args: a(data.ArgFrom, "甲@例子.中国", data.ArgCount, "3", data.ArgSubject, "谢谢")},
		{Type: data.EventMailUncertain, Args: a(data.ArgSubject, "回复", data.ArgError, "断开")},
		{Type: data.EventMailUncertain, Args: a(data.ArgSubject, "回复")},
		{Type: data.EventMailFoundSent, Args: a(data.ArgSubject, "回复", data.ArgFolder, "已发送")},
		{Type: data.EventMailMarkedSent, Args: a(data.ArgSubject, "回复")},
		{Type: data.EventMailResend, Args: a(data.ArgSubject, "回复")},
		{Type: data.EventFindings, Old: "", New: "supplier", Args: a(data.ArgFields, strings.Join(data.FindingFields, ","),
			data.ArgTotal, "2378.00", data.ArgCurrency, "CNY")},
		{Type: data.EventFindingsAmended, Note: "客户补交了发票", Args: a(data.ArgFields, "remedies",
			data.ArgTotal, "300.00", data.ArgCurrency, "CNY")},
		{Type: data.EventLetter, New: "abc", Args: a(data.ArgLetter, "ack", data.ArgLanguage, "zh-Hant")},
		{Type: data.EventLegacy, Note: "旧记录", Args: a(data.ArgType, "旧")},
		{Type: data.EventEdited, Old: "旧事由", New: "新事由", Args: a(data.ArgField, "subject")},
		{Type: data.EventEdited, Old: "complaint", New: "request", Args: a(data.ArgField, "kind")},
		{Type: data.EventEdited, Old: "walkin", New: "", Args: a(data.ArgField, "channel")},
		{Type: data.EventEdited, Old: "1200.00", New: "1500.00", Args: a(data.ArgField, "amount", data.ArgCurrency, "CNY")},
		{Type: data.EventEdited, Old: "2026-11-23T09:15:00+08:00", New: "2026-11-22T09:00:00+08:00",
			Args: a(data.ArgField, "received", data.ArgDeadlines, data.DeadlinesRecalculated)},
		{Type: data.EventEdited, Old: "王小明 #1", New: "李雷 #2", Args: a(data.ArgField, data.EditCustomerMoved)},
		{Type: data.EventEvidence, Note: "购物小票", Args: a(data.ArgName, "收据照片", data.ArgSize, "820", data.ArgSHA256, "")},
		{Type: data.EventApprovalAsked, Args: a(data.ArgTotal, "800.00", data.ArgCurrency, "CNY", data.ArgRole, "supervisor")},
		{Type: data.EventApproved, Args: a(data.ArgTotal, "800.00", data.ArgCurrency, "CNY")},
		{Type: data.EventApprovalRefused, Note: "超出标准", Args: a(data.ArgTotal, "800.00", data.ArgCurrency, "CNY")},
		{Type: data.EventAnonymised, Args: a(data.ArgCount, "3")},
		{Type: data.EventCustomerMerged, Old: "#12", New: "#7"},
		{Type: data.EventReferral, Args: a(data.ArgSource, "hotline12345", data.ArgNumber, "12345-88", data.ArgDay, "2026-03-01")},
		{Type: data.EventReferral, Old: "bureau 7 2026-03-01", Args: a(data.ArgSource, "bureau", data.ArgNumber, "文旅-8", data.ArgDay, "2026-03-02")},
		{Type: data.EventFollowUp, Note: "退款已收到", Args: a(data.ArgChannel, "phone", data.ArgReached, "true", data.ArgRating, "4", data.ArgAccepts, "yes")},
		{Type: data.EventFollowUp, Args: a(data.ArgChannel, "email", data.ArgReached, "true", data.ArgRating, "5", data.ArgMessage, "12")},
		{Type: data.EventFollowUp, Note: "无人接听", Args: a(data.ArgChannel, "phone", data.ArgReached, "false")},
		{Type: data.EventFollowUpUnreachable, Args: a(data.ArgCount, "3")},
		{Type: data.EventFollowUpWaived, Note: "客户已移居国外"},
		{Type: data.EventRatingCheck, Args: a(data.ArgMessage, "13", data.ArgRating, "5")},
		{Type: data.EventRatingDismissed, Args: a(data.ArgMessage, "13")},
		{Type: data.EventUnhappySeen, Note: "已致歉"},
		{Type: data.EventImported, New: "closed", Args: a(data.ArgName, "投诉台账", data.ArgRow, "12", data.ArgRef, "甲-001", data.ArgOwner, "老李")},
		{Type: data.EventImported, New: "new", Args: a(data.ArgName, "投诉台账", data.ArgRow, "13")},
	}
}

// checkRendering fails on an empty text, a key printed instead of its text,
// an unfilled placeholder, and English words in a Chinese text.
func checkRendering(t *testing.T, lang, what, s string) {
	t.Helper()
	if strings.TrimSpace(s) == "" {
		t.Errorf("%s: %s renders empty", lang, what)
		return
	}
	if strings.Contains(s, "{{") || regexp.MustCompile(`^[a-z_]+\.[a-z_.]+`).MatchString(s) {
		t.Errorf("%s: %s renders a key or a placeholder: %q", lang, what, s)
	}
	if lang != "en" {
		if w := englishWord.FindString(strings.ReplaceAll(s, "Casebook", "")); w != "" { // the product's name stays
			t.Errorf("%s: %s has the English word %q: %q", lang, what, w, s)
		}
	}
}

func TestEveryEventCodeRendersInEveryLanguage(t *testing.T) {
	covered := map[data.EventType]bool{}
	for _, e := range sample() {
		covered[e.Type] = true
	}
	for _, c := range data.EventTypes {
		if !covered[c] {
			t.Errorf("no sample event of code %s", c)
		}
	}
	st := data.DefaultSettings()
	for _, lang := range data.Languages {
		p := For(lang)
		seen := map[string]data.EventType{}
		for _, e := range sample() {
			s := p.Event(e, st)
			checkRendering(t, lang, "event "+string(e.Type), s)
			if strings.ContainsRune(s, '\n') {
				t.Errorf("%s: event %s is not one line: %q", lang, e.Type, s)
			}
			if e.Note != "" && !strings.Contains(s, e.Note) {
				t.Errorf("%s: event %s lost its note: %q", lang, e.Type, s)
			}
			if other, dup := seen[s]; dup {
				t.Errorf("%s: %s and %s both render %q", lang, other, e.Type, s)
			}
			seen[s] = e.Type
		}
	}
}

func TestEveryValueRendersInEveryLanguage(t *testing.T) {
	st := data.DefaultSettings()
	for _, lang := range data.Languages {
		p := For(lang)
		check := func(what, s, value string) {
			t.Helper()
			checkRendering(t, lang, what, s)
			if s == value {
				t.Errorf("%s: %s has no label (shows %q)", lang, what, s)
			}
		}
		for _, v := range data.Statuses {
			check("status "+string(v), p.Status(v), string(v))
		}
		for _, v := range data.Kinds {
			check("kind "+string(v), p.Kind(v), string(v))
		}
		for _, v := range data.Channels {
			check("channel "+string(v), p.Channel(v), string(v))
		}
		for _, v := range data.Severities {
			check("severity "+string(v), p.Severity(v), string(v))
		}
		for _, v := range []data.Escalation{data.EscalationStaff, data.EscalationSupervisor, data.EscalationOwner} {
			check("escalation "+string(v), p.Escalation(v), string(v))
		}
		for _, v := range []data.Waiting{data.WaitingNone, data.WaitingCustomer, data.WaitingSupplier} {
			check("waiting "+string(v), p.Waiting(v), string(v))
		}
		for _, v := range append([]data.Responsibility{data.ResponsibilityUnknown}, data.Responsibilities...) {
			check("responsibility "+string(v), p.Responsibility(v), string(v))
		}
		for _, v := range data.RemedyKinds {
			check("remedy "+v, p.Remedy(v), v)
		}
		for _, v := range data.LetterTypes {
			check("letter "+string(v), p.Letter(v), string(v))
		}
		for _, v := range data.Roles {
			check("role "+string(v), p.Role(v), string(v))
		}
		for _, v := range data.Actions {
			check("action "+string(v), p.Action(v), string(v))
		}
		for _, v := range data.Languages {
			check("language "+v, p.Language(v), v)
		}
		for _, v := range data.FindingFields {
			check("finding "+v, p.FindingField(v), v)
		}
		for _, c := range st.Categories {
			check("category "+c.Slug, p.Category(st, c.Slug), c.Slug)
		}
		for s := data.ClockNone; s <= data.ClockMetLate; s++ {
			check("clock "+s.String(), p.ClockState(s), s.String())
		}
		now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
		running := data.StartClock(now.Add(-time.Hour), 24*time.Hour, true, st.Calendar)
		check("running clock", p.Clock(running, now, time.UTC), "")
		check("money", p.Money(237800, "CNY"), "")
		check("date", p.DateTime(now), "")
	}
}

func TestErrorsInEveryLanguage(t *testing.T) {
	forbidden := &data.ForbiddenError{Actor: data.Actor{Name: "王芳", Role: data.RoleStaff}, Action: data.ActionClose}
	if got := For("zh-Hans").Error(fmt.Errorf("close A-1: %w", forbidden)); got != "王芳（员工）无权关闭案件：需要主管或以上权限。" {
		t.Errorf("forbidden in zh-Hans: %q", got)
	}
	if got := For("en").Error(forbidden); got != "王芳 (Staff) may not close a case: this needs the Supervisor role or higher." {
		t.Errorf("forbidden in en: %q", got)
	}
	errs := []error{forbidden, data.ErrForbidden, data.ErrNotReady, data.ErrTransition, data.ErrNotFound, data.ErrLocked,
		data.ErrInvalid, &data.NotReadyError{Code: "not-closed"}, &data.FieldError{Field: "phone"},
		&data.EscalationError{Level: data.EscalationSupervisor}, &data.EscalationError{Level: data.EscalationOwner, Name: "陈静", Role: data.RoleSupervisor}}
	for _, lang := range data.Languages {
		p := For(lang)
		for _, err := range errs {
			checkRendering(t, lang, fmt.Sprintf("error %T %v", err, err), p.Error(err))
			if p.Error(err) == p.Error(errors.New("x")) {
				t.Errorf("%s: %v falls through to the generic sentence", lang, err)
			}
		}
		for _, code := range []string{"acknowledge", "declined", "not-declined", "no-proposal", "no-remedies", "not-closed"} {
			if p.NotReady(code) == p.NotReady("?") {
				t.Errorf("%s: not-ready code %s has no sentence", lang, code)
			}
		}
	}
}

func TestEscalationRendersWhoItWentTo(t *testing.T) {
	e := data.Event{Type: data.EventEscalation, Old: "staff", New: "supervisor", Args: map[string]string{data.ArgOwner: "陈静"}}
	for lang, want := range map[string]string{"zh-Hans": "升级：员工 → 主管，交给陈静", "zh-Hant": "升級：員工 → 主管，交給陈静", "en": "Escalation: Staff → Supervisor, to 陈静"} {
		if got := For(lang).Event(e, data.DefaultSettings()); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	below := &data.EscalationError{Level: data.EscalationSupervisor, Name: "小李", Role: data.RoleStaff}
	if got := For("zh-Hans").Error(fmt.Errorf("change A-1: %w", below)); got != "小李是员工：升级到“主管”的案件只能交给主管或更高角色。" {
		t.Errorf("below level: %q", got)
	}
}

func TestLanguageFromLocale(t *testing.T) {
	for in, want := range map[string]string{
		"zh_CN.UTF-8": "zh-Hans", "zh_SG": "zh-Hans", "zh": "zh-Hans", "zh-Hans-CN": "zh-Hans",
		"zh_TW.UTF-8": "zh-Hant", "zh_HK": "zh-Hant", "zh_MO.Big5": "zh-Hant", "zh-Hant": "zh-Hant",
		"en_US.UTF-8": "en", "C": "en", "": "en", "fr_FR": "en", "zhx": "en",
	} {
		if got := LanguageFromLocale(in); got != want {
			t.Errorf("LanguageFromLocale(%q) = %q, want %q", in, got, want)
		}
	}
	if For("fr").Lang() != "en" || For("zh-Hant").Lang() != "zh-Hant" {
		t.Error("For does not fall back to English")
	}
}

func TestEditedEventShowsOldAndNew(t *testing.T) {
	long := strings.Repeat("很长的描述", 40)
	for lang, want := range map[string][]string{
		"en":      {"Corrected the subject: “旧事由” → “新事由”", "Corrected the kind: Complaint → "},
		"zh-Hans": {"更正事由：“旧事由” → “新事由”", "更正案件类型：投诉 → "},
		"zh-Hant": {"更正事由：「旧事由」 → 「新事由」"},
	} {
		p := For(lang)
		got := p.Event(data.Event{Type: data.EventEdited, Old: "旧事由", New: "新事由", Args: map[string]string{data.ArgField: "subject"}}, data.DefaultSettings()) +
			" | " + p.Event(data.Event{Type: data.EventEdited, Old: "complaint", New: "praise", Args: map[string]string{data.ArgField: "kind"}}, data.DefaultSettings())
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", lang, got, w)
			}
		}
		desc := p.Event(data.Event{Type: data.EventEdited, Old: long, New: "短", Args: map[string]string{data.ArgField: "description"}}, data.DefaultSettings())
		if strings.Contains(desc, long) || !strings.Contains(desc, "…") {
			t.Errorf("%s: a long text is not cut short: %q", lang, desc)
		}
	}
}
