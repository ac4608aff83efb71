package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// casebook report: the month's figures as JSON and as text in the user's
// language, the cases behind a key, the formats and periods it refuses, the
// travellers setting; the figures' own answers are tested in data/report.
func TestReportCommand(t *testing.T) {
	tc := todayFixture(t) // five cases in November 2026, 老板 the owner, 王芳 staff, 陈静 supervisor
	tc.ok("settings", "travellers", "2026-11", "2,500", "--by", "老板")
	if got := tc.ok("settings", "travellers"); got != "2026-11 = 2500\n" {
		t.Errorf("settings travellers = %q", got)
	}
	var fig struct {
		Volume struct {
			Received struct {
				Key string `json:"key"`
				N   int    `json:"n"`
			} `json:"received"`
		} `json:"volume"`
		Travellers struct {
			Per1000 *float64 `json:"per_1000"`
		} `json:"travellers"`
	}
	out := tc.ok("report", "--period", "2026-11", "--format", "json", "--by", "陈静")
	if err := json.Unmarshal([]byte(out), &fig); err != nil {
		t.Fatal(err)
	}
	if fig.Volume.Received.N != 5 || fig.Travellers.Per1000 == nil || *fig.Travellers.Per1000 != 2 { // 5 complaints per 2,500
		t.Errorf("received %d, per 1,000 %v", fig.Volume.Received.N, fig.Travellers.Per1000)
	}
	cases := tc.ok("report", "cases", fig.Volume.Received.Key, "--period", "2026-11", "--by", "陈静")
	if n := strings.Count(cases, "A-2026-"); n != 5 {
		t.Errorf("report cases received lists %d cases:\n%s", n, cases)
	}
	var facts []map[string]any
	if err := json.Unmarshal([]byte(tc.ok("report", "cases", "first_response:overdue_now", "--format", "json", "--by", "老板")), &facts); err != nil || len(facts) != 1 {
		t.Errorf("overdue first responses = %d %v", len(facts), err)
	}
	text := tc.ok("report", "--lang", "zh-Hans", "--by", "老板")
	for _, want := range []string{"统计期间: 2026-11", "收到案件: 5", "首次响应按时率", "每千人次投诉率: 2 (5 / 2500)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the Chinese text lacks %q:\n%s", want, text)
		}
	}
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"report", "--format", "doc", "--by", "老板"}, 2, "text, json, pdf, xlsx, csv"},
		{[]string{"report", "cases", "received", "--format", "xlsx", "--by", "老板"}, 2, "text, json"},
		{[]string{"report", "--period", "2026-13", "--by", "老板"}, 1, "not a period"},
		{[]string{"report", "--period", "2026-11", "--from", "2026-11-01", "--to", "2026-11-02", "--by", "老板"}, 1, "not a period"},
		{[]string{"report", "--by", "王芳"}, 1, "Supervisor"},
		{[]string{"report", "cases", "nonsense", "--by", "老板"}, 1, "nonsense"},
		{[]string{"settings", "travellers", "2026-11", "lots", "--by", "老板"}, 1, "whole number"},
		{[]string{"settings", "travellers", "2026-11", "100", "--by", "陈静"}, 1, "Owner"},
	} {
		_, stderr, code := tc.run(c.args...)
		if code != c.code || !strings.Contains(stderr, c.says) {
			t.Errorf("%v: exit %d, %q", c.args, code, stderr)
		}
	}
}
