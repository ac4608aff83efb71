package service

import (
	"context"
	"errors"
	"net"
	"sync"
	"syscall"

	"casebook/data"
	"casebook/mailsync"
)

// RunWorker syncs in the background until ctx ends: every few minutes, when
// asked (SyncNow), and with backoff after failures. What it does goes onto the
// feed as data.MailStatusChanged; onEvent, when not nil, also sees each event.
func (m *Mail) RunWorker(ctx context.Context, onEvent func(mailsync.Event)) {
	var mu sync.Mutex
	status := data.MailStatus{}
	w := mailsync.NewWorker(m.store, m.credentials, func(e mailsync.Event) {
		queued, uncertain, _ := m.store.OutboxCounts(ctx)
		mu.Lock()
		status.Queued, status.Uncertain = queued, uncertain
		switch e.Kind {
		case mailsync.EventSyncStarted:
			status.Syncing, status.Done, status.Total = true, 0, 0
		case mailsync.EventProgress:
			status.Syncing, status.Done, status.Total = true, e.Done, e.Total
		case mailsync.EventSyncDone:
			status.Syncing, status.Err, status.Problem = false, nil, data.ProblemNone
			status.LastSync, status.Summary = e.At, e.Summary.SyncCounts
		case mailsync.EventSyncFailed:
			status.Syncing, status.Err, status.Problem = false, e.Err, Problem(e.Err)
		}
		snapshot := status
		mu.Unlock()
		m.feed.Publish(data.MailStatusChanged{Status: snapshot})
		if onEvent != nil {
			onEvent(e)
		}
	})
	m.worker.Store(w)
	w.Run(ctx)
}

// SyncNow asks the background worker for a sync, if one runs.
func (m *Mail) SyncNow() {
	if w := m.worker.Load(); w != nil {
		w.SyncNow()
	}
}

// Problem sorts a sync error into what the interfaces can explain.
func Problem(err error) data.Problem {
	var netErr net.Error
	var dnsErr *net.DNSError
	var opErr *net.OpError
	switch {
	case err == nil:
		return data.ProblemNone
	case errors.Is(err, mailsync.ErrIMAPAuth), errors.Is(err, mailsync.ErrAuth):
		return data.ProblemAuth
	case errors.Is(err, ErrNoPassword):
		return data.ProblemPassword
	case errors.Is(err, mailsync.ErrTimeout):
		return data.ProblemTimeout
	case errors.As(err, &dnsErr), errors.As(err, &opErr), errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ENETUNREACH):
		return data.ProblemOffline
	case errors.As(err, &netErr) && netErr.Timeout():
		return data.ProblemTimeout
	}
	return data.ProblemOther
}
