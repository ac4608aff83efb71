package service

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"casebook/data"
	"casebook/data/report"
)

// Reports is the agency's figures for a period (data/report): computed once
// here for the command line, the Reports screen and the documents.
type Reports struct{ *core }

// ErrUnknownFigure is a drill-down key no figure of the period has.
var ErrUnknownFigure = fmt.Errorf("%w: no figure has this key", data.ErrInvalid)

// Period reads the period a report asks for, in the agency's zone: a
// month, quarter or year (report.ParsePeriod), or from–to dates (both
// inclusive); nothing at all is the current month.
func (r *Reports) Period(spec, from, to string) (report.Period, error) {
	loc := r.store.Settings().Calendar.Zone()
	spec, from, to = strings.TrimSpace(spec), strings.TrimSpace(from), strings.TrimSpace(to)
	switch {
	case spec != "" && (from != "" || to != ""):
		return report.Period{}, fmt.Errorf("%w: give a period or from and to dates, not both", report.ErrPeriod)
	case spec != "":
		return report.ParsePeriod(spec, loc)
	case from != "" || to != "":
		if from == "" || to == "" {
			return report.Period{}, fmt.Errorf("%w: from and to go together", report.ErrPeriod)
		}
		return report.CustomPeriod(from, to, loc)
	}
	return report.MonthOf(r.store.Now(), loc), nil
}

// Figures computes the figures of period p (supervisor and owner).
func (r *Reports) Figures(ctx context.Context, a data.Actor, p report.Period) (report.Figures, error) {
	if err := check(a, data.ActionReport); err != nil {
		return report.Figures{}, err
	}
	if err := p.Valid(); err != nil {
		return report.Figures{}, err
	}
	start := time.Now()
	st := r.store.Settings()
	facts, err := r.store.ReportFacts(ctx, p.Since(st), p.To)
	if err != nil {
		return report.Figures{}, fmt.Errorf("report %s: %w", p.Label(), err)
	}
	fig := report.Compute(facts, p, st, st.Travellers, r.store.Now())
	slogReport(p, len(facts), time.Since(start))
	return fig, nil
}

// Cases lists the cases behind a figure of period p: key is the figure's
// Key or OfKey (report.Figures); oldest first.
func (r *Reports) Cases(ctx context.Context, a data.Actor, p report.Period, key string) ([]report.Fact, error) {
	if err := check(a, data.ActionReport); err != nil {
		return nil, err
	}
	if err := p.Valid(); err != nil {
		return nil, err
	}
	st := r.store.Settings()
	facts, err := r.store.ReportFacts(ctx, p.Since(st), p.To)
	if err != nil {
		return nil, fmt.Errorf("report %s: %w", p.Label(), err)
	}
	out, ok := report.Cases(key, facts, p, st, r.store.Now())
	if !ok {
		return nil, &UnknownFigureError{Key: key}
	}
	loc := r.zone()
	for i := range out {
		out[i] = out[i].In(loc)
	}
	return out, nil
}

// UnknownFigureError names a drill-down key no figure of the period has.
type UnknownFigureError struct{ Key string }

func (e *UnknownFigureError) Error() string { return fmt.Sprintf("no figure has the key %q", e.Key) }

// Unwrap makes it an ErrUnknownFigure.
func (e *UnknownFigureError) Unwrap() error { return ErrUnknownFigure }

// IsUnknownFigure reports whether err is an UnknownFigureError.
func IsUnknownFigure(err error) bool { var u *UnknownFigureError; return errors.As(err, &u) }

// Travellers lists the months with a travellers figure, oldest first.
func (s *Settings) Travellers() [][2]string {
	st := s.store.Settings()
	var out [][2]string
	for _, m := range st.TravellerMonths() {
		out = append(out, [2]string{m, fmt.Sprint(st.Travellers[m])})
	}
	return out
}

// SetTravellers records the travellers served in a month ("2026-11"); 0
// removes the month's figure. It is a setting: the owner's.
func (s *Settings) SetTravellers(ctx context.Context, a data.Actor, month string, n int) error {
	_, err := s.edit(ctx, a, func(st *data.Settings) error { return st.SetTravellers(month, n) })
	return err
}

func slogReport(p report.Period, facts int, took time.Duration) {
	slog.Debug("report computed", "period", p.Label(), "facts", facts, "took", took)
}
