package service

import (
	"context"
	"testing"
	"time"

	"casebook/data"
)

var chenSup = data.Actor{Name: "陈静", Role: data.RoleSupervisor}

// closeForTest takes a case from recorded to closed through the workflow.
// Closing needs the follow-up first (followup_test.go).
func closeForTest(t *testing.T, svc *Service, number string) {
	t.Helper()
	ctx := context.Background()
	for _, to := range []data.Status{data.StatusAcknowledged, data.StatusInvestigating, data.StatusProposed,
		data.StatusAgreed, data.StatusResolved} {
		if _, err := svc.Cases.Move(ctx, chenSup, number, to, ""); err != nil {
			t.Fatalf("→ %s: %v", to, err)
		}
	}
	followedUp(t, svc, number)
	if _, err := svc.Cases.Move(ctx, chenSup, number, data.StatusClosed, ""); err != nil {
		t.Fatalf("close: %v", err)
	}
}

// waitStatus waits until the classifier's status satisfies ok.
func waitStatus(t *testing.T, svc *Service, what string, ok func(data.LearnStatus) bool) data.LearnStatus {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s := svc.Classify.Status()
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited for %s; status %+v", what, s)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestClassifyRetrainsWhenACaseCloses(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	if err := svc.LoadDemo(ctx, boss, 300, 3, nil); err != nil {
		t.Fatal(err)
	}
	// Not started: nothing learned, nothing suggested, and it says why.
	if s := svc.Classify.Suggest("导游强制购物", "导游带我们进购物店"); s.Any() || s.Reason != data.LearnNotTrained {
		t.Fatalf("before training: %+v", s)
	}
	svc.Classify.Debounce = 20 * time.Millisecond
	svc.Classify.Start()
	first := waitStatus(t, svc, "the first training", func(s data.LearnStatus) bool { return !s.TrainedAt.IsZero() })
	if !first.Ready || first.Cases < 100 {
		t.Fatalf("trained on %+v", first)
	}
	s := svc.Classify.Suggest("导游强制购物", "导游带我们连进三家购物店，不买东西不让上车。")
	if s.Category != "forced_shopping" || s.CategoryConfidence < s.Threshold {
		t.Errorf("a clear forced-shopping text: %+v", s)
	}

	c, err := svc.Cases.Create(ctx, wang, data.NewCase{Kind: data.KindComplaint, Category: "meals", Severity: data.SeverityNormal,
		Channel: data.ChannelWalkIn, Subject: "团餐太差", Description: "每顿都是剩菜", Customer: data.Customer{Name: "李雷"}})
	if err != nil {
		t.Fatal(err)
	}
	closeForTest(t, svc, c.Number)
	waitStatus(t, svc, "a training with the closed case", func(s data.LearnStatus) bool { return s.Cases == first.Cases+1 })

	// A threshold above every confidence: nothing, below the threshold.
	if _, err := svc.Settings.Set(ctx, boss, "classify.threshold", "99%"); err != nil {
		t.Fatal(err)
	}
	if s := svc.Classify.Suggest("你好", "请回电"); s.Any() || s.Reason != data.LearnBelowThreshold {
		t.Errorf("at 99 %%: %+v", s)
	}
	// A minimum above the closed cases: the next training learns nothing.
	if _, err := svc.Settings.Set(ctx, boss, "classify.min_cases", "5000"); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, svc, "a training under the new minimum", func(s data.LearnStatus) bool { return !s.Ready && s.MinCases == 5000 })
	if s := svc.Classify.Suggest("导游强制购物", "导游带我们连进三家购物店"); s.Any() || s.Reason != data.LearnTooFewCases {
		t.Errorf("with too few cases: %+v", s)
	}
}

func TestClassifySettingsKeys(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	for _, bad := range [][2]string{{"classify.threshold", "0.3"}, {"classify.threshold", "abc"}, {"classify.min_cases", "3"}} {
		if _, err := svc.Settings.Set(ctx, boss, bad[0], bad[1]); err == nil {
			t.Errorf("%s = %s accepted", bad[0], bad[1])
		}
	}
	if _, err := svc.Settings.Set(ctx, boss, "classify.threshold", "75%"); err != nil {
		t.Fatal(err)
	}
	if got := svc.Settings.Get().Classify.Confidence(); got != 0.75 {
		t.Errorf("threshold %v", got)
	}
}
