package service

import (
	"sync"

	"casebook/data"
)

// Feed is the one change feed: after each committed change a typed notice
// (data.CaseChanged, data.SettingsChanged, data.OutboxChanged,
// data.MailStatusChanged) goes to every subscriber, in commit order. Each
// subscriber has its own queue and goroutine, so a slow one (a GUI busy
// drawing) never holds up a writer.
type Feed struct {
	mu     sync.Mutex
	subs   map[int]*subscriber
	next   int
	closed bool
}

type subscriber struct {
	mu      sync.Mutex
	cond    *sync.Cond
	queue   []data.Notice
	stopped bool
	done    chan struct{}
}

func newFeed() *Feed { return &Feed{subs: map[int]*subscriber{}} }

// Subscribe calls fn with every notice published from now on, one at a time
// and in order, from a goroutine of its own. The returned func unsubscribes.
func (f *Feed) Subscribe(fn func(data.Notice)) (unsubscribe func()) {
	s := &subscriber{done: make(chan struct{})}
	s.cond = sync.NewCond(&s.mu)
	f.mu.Lock()
	if f.closed {
		f.mu.Unlock()
		close(s.done)
		return func() {}
	}
	id := f.next
	f.next++
	f.subs[id] = s
	f.mu.Unlock()
	go s.run(fn)
	return func() {
		f.mu.Lock()
		delete(f.subs, id)
		f.mu.Unlock()
		s.stop()
	}
}

// Publish hands n to every subscriber without waiting for any of them.
func (f *Feed) Publish(n data.Notice) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, s := range f.subs {
		s.mu.Lock()
		s.queue = append(s.queue, n)
		s.mu.Unlock()
		s.cond.Signal()
	}
}

// Close stops every subscriber after the notices already queued.
func (f *Feed) Close() {
	f.mu.Lock()
	subs := f.subs
	f.subs, f.closed = map[int]*subscriber{}, true
	f.mu.Unlock()
	for _, s := range subs {
		s.stop()
	}
}

func (s *subscriber) run(fn func(data.Notice)) {
	defer close(s.done)
	for {
		s.mu.Lock()
		for len(s.queue) == 0 && !s.stopped {
			s.cond.Wait()
		}
		if len(s.queue) == 0 {
			s.mu.Unlock()
			return
		}
		batch := s.queue
		s.queue = nil
		s.mu.Unlock()
		for _, n := range batch {
			fn(n)
		}
	}
}

// stop lets the goroutine deliver what is queued and end.
func (s *subscriber) stop() {
	s.mu.Lock()
	s.stopped = true
	s.mu.Unlock()
	s.cond.Signal()
}
