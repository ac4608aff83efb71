package mailsync

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"
)

// SyncOnce fetches new mail, then sends the outbox. Sending is tried even when
// fetching failed, and the other way round; both errors are returned.
func SyncOnce(ctx context.Context, st Store, imapCfg IMAPConfig, smtpCfg SMTPConfig, progress Progress) (Summary, error) {
	start := time.Now()
	slog.Debug("mail sync started", "imap", imapCfg.Host, "smtp", smtpCfg.Host)
	sum, fetchErr := Fetch(ctx, st, imapCfg, progress)
	sent, sendErr := SendQueued(ctx, st, smtpCfg)
	sum.Sent, sum.Failed, sum.Retrying, sum.Uncertain = sent.Sent, sent.Failed, sent.Retrying, sent.Uncertain
	var copyErr error
	if err := appendSent(ctx, imapCfg, st.Settings().Mail.SentFolder, sent.sentRaw); err != nil {
		copyErr = fmt.Errorf("copy sent mail to %s: %w", st.Settings().Mail.SentFolder, err)
	}
	found, checkErr := CheckUncertain(ctx, st, imapCfg)
	for _, m := range found {
		sum.Sent++
		if slices.Contains(sent.uncertainIDs, m.ID) {
			sum.Uncertain--
		}
	}
	err := errors.Join(fetchErr, sendErr, copyErr, checkErr)
	logSync(ctx, sum, time.Since(start), err)
	return sum, err
}

// logSync records a sync's counts; never addresses, subjects or names.
func logSync(ctx context.Context, sum Summary, took time.Duration, err error) {
	attrs := []any{"fetched", sum.Fetched, "new_cases", sum.NewCases, "threaded", sum.Threaded,
		"automatic", sum.Automatic, "duplicates", sum.Duplicates, "parked", sum.Parked,
		"sent", sum.Sent, "failed", sum.Failed, "retrying", sum.Retrying, "uncertain", sum.Uncertain, "duration", took.Round(time.Millisecond)}
	switch {
	case err == nil:
		slog.Info("mail sync done", attrs...)
	case ctx.Err() != nil:
		slog.Info("mail sync cancelled", attrs...)
	default:
		slog.Warn("mail sync failed", append(attrs, "err", err)...)
	}
}

// EventKind says what a worker event reports.
type EventKind int

const (
	EventSyncStarted EventKind = iota
	EventProgress
	EventSyncDone
	EventSyncFailed
)

// Event is what the worker tells the interface: plain data, never widgets.
type Event struct {
	Kind        EventKind
	At          time.Time
	Done, Total int // EventProgress
	Summary     Summary
	Err         error
}

// Credentials supplies the current account and password for each sync, so a
// change in Settings applies at the next round; ok=false means no account.
type Credentials func() (imapCfg IMAPConfig, smtpCfg SMTPConfig, ok bool, err error)

// Worker owns the mail connections: it syncs every interval, when asked, and
// backs off after failures; nothing else talks to the servers.
type Worker struct {
	store    Store
	creds    Credentials
	events   func(Event)
	kick     chan struct{}
	interval func() time.Duration
}

// NewWorker makes a worker; events is called from the worker's goroutine.
func NewWorker(st Store, creds Credentials, events func(Event)) *Worker {
	return &Worker{store: st, creds: creds, events: events, kick: make(chan struct{}, 1),
		interval: func() time.Duration {
			if m := st.Settings().Mail.SyncMinutes; m > 0 {
				return time.Duration(m) * time.Minute
			}
			return 5 * time.Minute
		}}
}

// SyncNow asks for a sync as soon as the worker is free.
func (w *Worker) SyncNow() {
	select {
	case w.kick <- struct{}{}:
	default:
	}
}

// Run syncs until ctx ends. After a failure it waits 30 s, 1 min, 2 min … up
// to the normal interval before trying again.
func (w *Worker) Run(ctx context.Context) {
	failures := 0
	for {
		wait := w.interval()
		idleOn := IMAPConfig{}
		if imapCfg, smtpCfg, ok, err := w.creds(); err != nil {
			slog.Warn("mail sync skipped: no credentials", "err", err)
			w.emit(Event{Kind: EventSyncFailed, Err: err})
		} else if ok {
			w.emit(Event{Kind: EventSyncStarted})
			sum, err := SyncOnce(ctx, w.store, imapCfg, smtpCfg, func(done, total int) {
				w.emit(Event{Kind: EventProgress, Done: done, Total: total})
			})
			if ctx.Err() != nil {
				return
			}
			if err != nil {
				failures++
				wait = min(30*time.Second<<min(failures-1, 6), wait)
				slog.Info("mail sync will retry", "failures", failures, "in", wait)
				w.emit(Event{Kind: EventSyncFailed, Summary: sum, Err: err})
			} else {
				failures = 0
				idleOn = imapCfg
				w.emit(Event{Kind: EventSyncDone, Summary: sum})
			}
		}
		w.wait(ctx, idleOn, wait)
		if ctx.Err() != nil {
			return
		}
	}
}

// wait returns after d, on SyncNow, or, where the server offers IDLE, as soon
// as new mail arrives.
func (w *Worker) wait(ctx context.Context, idleOn IMAPConfig, d time.Duration) {
	waitCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	idled := make(chan struct{})
	if idleOn.Host != "" {
		folder := w.store.Settings().Mail.Folder
		if folder == "" {
			folder = "INBOX"
		}
		go func() {
			defer close(idled)
			if _, supported, err := WaitForMail(waitCtx, idleOn, folder, d); !supported || err != nil {
				if err != nil && waitCtx.Err() == nil {
					slog.Info("waiting for new mail (IDLE) failed; polling instead", "err", err)
				} else if !supported {
					slog.Debug("the server has no IDLE; polling")
				}
				<-waitCtx.Done() // no IDLE here: the timer decides
			}
		}()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-w.kick:
	case <-t.C:
	case <-idled:
	}
	cancel()
	if idleOn.Host != "" {
		<-idled // the IDLE connection is closed before the next sync opens one
	}
}

func (w *Worker) emit(e Event) {
	if w.events != nil {
		e.At = time.Now()
		w.events(e)
	}
}
