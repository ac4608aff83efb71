package service

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"casebook/data"
	"casebook/data/classify"
)

// Classify holds the classifier learned from the agency's closed cases
// (data/classify) and keeps it current: Start trains it in the background
// and trains again, after a quiet moment, whenever a case is closed, reopened
// or changed after closing, or the settings change. Suggestions are never
// applied: the screens and the command line show them for staff to take.
type Classify struct {
	c *core

	// Debounce is how long a burst of changes is gathered before training
	// again (default 3 s); set it before Start.
	Debounce time.Duration

	mu       sync.Mutex
	model    *classify.Classifier
	learned  map[uint64]bool // ids of the cases the model learned from
	at       time.Time
	training bool
	err      error
	started  bool
	closed   bool
	timer    *time.Timer
	unsub    func()
	ctx      context.Context
	cancel   context.CancelFunc
	wg       sync.WaitGroup
	trainMu  sync.Mutex // one training at a time
}

// maxLearningCases bounds what the model learns from: the most recent
// closed cases say how the agency classifies now, and 20,000 train in well
// under a second.
const maxLearningCases = 20000

func newClassify(c *core) *Classify {
	ctx, cancel := context.WithCancel(context.Background())
	return &Classify{c: c, Debounce: 3 * time.Second, ctx: ctx, cancel: cancel}
}

// Start trains the classifier in the background and follows the change
// feed; the call returns at once. Calling it again does nothing. The GUI
// starts it; a command line that needs a model calls Train.
func (k *Classify) Start() {
	k.mu.Lock()
	if k.started || k.closed {
		k.mu.Unlock()
		return
	}
	k.started = true
	k.mu.Unlock()
	k.unsub = k.c.feed.Subscribe(k.notice)
	k.background()
}

// background runs one training in its own goroutine.
func (k *Classify) background() {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.closed {
		return
	}
	k.wg.Add(1)
	go func() {
		defer k.wg.Done()
		if err := k.Train(k.ctx); err != nil && !errors.Is(err, context.Canceled) {
			slog.Warn("classifier training failed", "err", err)
		}
	}()
}

// notice schedules a training when a change may alter what the model learns from.
func (k *Classify) notice(n data.Notice) {
	switch n := n.(type) {
	case data.CaseChanged:
		k.mu.Lock()
		was := k.learned[n.ID]
		k.mu.Unlock()
		if !was {
			c, err := k.c.store.CaseByID(k.ctx, n.ID)
			if err != nil || c.Status != data.StatusClosed {
				return
			}
		}
		k.schedule()
	case data.SettingsChanged:
		k.schedule()
	}
}

// schedule trains again once no change has come for Debounce.
func (k *Classify) schedule() {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.closed {
		return
	}
	if k.timer != nil {
		k.timer.Stop()
	}
	k.timer = time.AfterFunc(k.Debounce, k.background)
}

// Train learns from every closed case now, and returns when done.
func (k *Classify) Train(ctx context.Context) error {
	k.trainMu.Lock()
	defer k.trainMu.Unlock()
	k.setTraining(true, nil)
	cases, err := k.c.store.LearningCases(ctx)
	if err != nil {
		k.setTraining(false, err)
		return fmt.Errorf("classifier: %w", err)
	}
	if len(cases) > maxLearningCases {
		cases = cases[len(cases)-maxLearningCases:] // the most recent: ids grow with time
	}
	st := k.c.store.Settings().Classify
	learned := make(map[uint64]bool, len(cases))
	for _, lc := range cases {
		learned[lc.ID] = true
	}
	start := time.Now()
	m := classify.New(learningCases(cases), classify.Options{MinCases: st.Minimum(), MinPerLabel: classify.DefaultMinPerLabel})
	slog.Info("classifier trained", "cases", len(cases), "took", time.Since(start))
	k.mu.Lock()
	k.model, k.learned, k.at, k.training, k.err = m, learned, k.c.store.Now(), false, nil
	k.mu.Unlock()
	k.c.feed.Publish(data.ClassifierChanged{})
	return nil
}

func (k *Classify) setTraining(on bool, err error) {
	k.mu.Lock()
	k.training, k.err = on, err
	k.mu.Unlock()
}

func learningCases(in []data.LearningCase) []classify.Case {
	out := make([]classify.Case, len(in))
	for i, lc := range in {
		out[i] = classify.Case{Subject: lc.Subject, Text: lc.Text, Category: lc.Category, Severity: string(lc.Severity)}
	}
	return out
}

// Status says what the current model learned from and whether it suggests.
func (k *Classify) Status() data.LearnStatus {
	st := k.c.store.Settings().Classify
	k.mu.Lock()
	defer k.mu.Unlock()
	s := data.LearnStatus{TrainedAt: k.at, Training: k.training, Threshold: st.Confidence(), MinCases: st.Minimum()}
	if k.model != nil {
		s.Cases = k.model.Cases
		s.Ready = k.model.Category != nil || k.model.Severity != nil
	}
	if k.err != nil {
		s.Err = k.err.Error()
	}
	return s
}

// Suggest proposes a category and a severity for a case's subject and text,
// each only above the threshold in Settings; Reason says why nothing is
// suggested. It never changes a case.
func (k *Classify) Suggest(subject, text string) data.LearnedSuggestion {
	st := k.c.store.Settings()
	cs := st.Classify
	k.mu.Lock()
	m, at := k.model, k.at
	k.mu.Unlock()
	out := data.LearnedSuggestion{Threshold: cs.Confidence(), TrainedAt: at}
	switch {
	case m == nil:
		out.Reason = data.LearnNotTrained
		return out
	case m.Category == nil && m.Severity == nil:
		out.Cases = m.Cases
		out.Reason = data.LearnTooFewCases
		return out
	case strings.TrimSpace(subject+text) == "":
		out.Cases = m.Cases
		out.Reason = data.LearnNoText
		return out
	}
	out.Cases = m.Cases
	s := m.Suggest(subject, text, cs.Confidence())
	// A suggestion of a category that was retired since is no suggestion.
	if c, ok := st.Category(s.Category.Value); s.Category.Value != "" && (!ok || c.Retired) {
		s.Category = classify.Guess{}
	}
	out.Category, out.CategoryConfidence = s.Category.Value, s.Category.Confidence
	out.Severity, out.SeverityConfidence = data.Severity(s.Severity.Value), s.Severity.Confidence
	out.Best, out.BestConfidence = s.BestCategory.Value, s.BestCategory.Confidence
	if !out.Any() {
		out.Reason = data.LearnBelowThreshold
	}
	return out
}

// Evaluate cross-validates the classifier on the closed cases in folds
// (a deterministic shuffle with seed), next to the keyword rules of the
// settings on the same cases.
func (k *Classify) Evaluate(ctx context.Context, folds int, seed uint64) (classify.Report, error) {
	cases, err := k.c.store.LearningCases(ctx)
	if err != nil {
		return classify.Report{}, fmt.Errorf("evaluate the classifier: %w", err)
	}
	if len(cases) > maxLearningCases {
		cases = cases[len(cases)-maxLearningCases:] // what the model learns from
	}
	st := k.c.store.Settings()
	rules := func(subject, text string) (string, string) {
		_, c, s := data.RulesSet(st.MailRules, subject, text)
		return c, string(s)
	}
	o := classify.Options{MinCases: st.Classify.Minimum(), MinPerLabel: classify.DefaultMinPerLabel}
	return classify.Evaluate(learningCases(cases), folds, seed, st.Classify.Confidence(), o, rules,
		data.FallbackCategory, string(data.SeverityNormal)), nil
}

// close stops the background work: no new training starts, and a running
// one is cancelled and waited for.
func (k *Classify) close() {
	k.mu.Lock()
	k.closed = true
	if k.timer != nil {
		k.timer.Stop()
	}
	unsub := k.unsub
	k.mu.Unlock()
	if unsub != nil {
		unsub()
	}
	k.cancel()
	k.wg.Wait()
}

// parseThreshold reads 0.6, 60% or 60.
func parseThreshold(v string) (float64, error) {
	v = strings.TrimSpace(v)
	pct := strings.HasSuffix(v, "%")
	t, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(v, "%")), 64)
	if err != nil {
		return 0, err
	}
	if pct || t > 1 {
		t /= 100
	}
	return t, nil
}
