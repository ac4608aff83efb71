package mailsync

import (
	"context"
	"testing"
	"time"

	"casebook/mailsync/memserver"
)

func TestWorkerWakesOnNewMailThroughIDLE(t *testing.T) {
	im, sm, s := memserver.StartIMAP(t), memserver.StartSMTP(t), openStore(t)
	events := make(chan Event, 100)
	w := NewWorker(s, func() (IMAPConfig, SMTPConfig, bool, error) {
		return imapConfig(im, ""), smtpConfig(sm), true, nil
	}, func(e Event) { events <- e })
	w.interval = func() time.Duration { return time.Hour } // only IDLE can wake it
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	defer func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("the worker did not stop when cancelled")
		}
	}()
	waitDone := func() Summary {
		t.Helper()
		deadline := time.After(10 * time.Second)
		for {
			select {
			case e := <-events:
				switch e.Kind {
				case EventSyncDone:
					return e.Summary
				case EventSyncFailed:
					t.Fatalf("sync failed: %v", e.Err)
				}
			case <-deadline:
				t.Fatal("no sync")
			}
		}
	}
	waitDone()
	time.Sleep(300 * time.Millisecond) // let it settle into IDLE
	im.Deliver(t, memserver.Mail("idle1@qq.com", "周杰 <zj@qq.com>", "行李丢失", "托运行李没有到。"))
	if sum := waitDone(); sum.NewCases != 1 {
		t.Fatalf("after new mail: %s", sum)
	}
	// SyncNow wakes it too.
	w.SyncNow()
	waitDone()
}
