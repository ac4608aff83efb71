package mailsync

import (
	"context"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// WaitForMail idles on the folder until the server announces new mail
// (true), maxWait passes or ctx ends (false). supported is false, at once,
// when the server does not offer IDLE; the caller then just waits.
func WaitForMail(ctx context.Context, cfg IMAPConfig, folder string, maxWait time.Duration) (newMail, supported bool, err error) {
	arrived := make(chan struct{}, 1)
	var baseline uint32
	handler := &imapclient.UnilateralDataHandler{
		Mailbox: func(d *imapclient.UnilateralDataMailbox) {
			if d.NumMessages != nil && *d.NumMessages > baseline {
				select {
				case arrived <- struct{}{}:
				default:
				}
			}
		},
	}
	ic, err := dialIMAP(ctx, cfg, handler)
	if err != nil {
		return false, true, err
	}
	defer ic.close()
	caps := ic.c.Caps()
	if !caps.Has(imap.CapIdle) && !caps.Has(imap.CapIMAP4rev2) {
		ic.logout(ctx)
		return false, false, nil
	}
	var sel *imap.SelectData
	if err := ic.watch(ctx, "open "+folder, func() error {
		var err error
		sel, err = ic.c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait()
		return err
	}); err != nil {
		return false, true, err
	}
	baseline = sel.NumMessages
	var idle *imapclient.IdleCommand
	if err := ic.watch(ctx, "IDLE", func() error {
		var err error
		idle, err = ic.c.Idle()
		return err
	}); err != nil {
		return false, true, err
	}
	// A dead connection stays silent; the timer ends the wait regardless.
	t := time.NewTimer(maxWait)
	defer t.Stop()
	select {
	case <-arrived:
		newMail = true
	case <-t.C:
	case <-ctx.Done():
	}
	_ = ic.watch(context.Background(), "end IDLE", func() error { return idle.Close() })
	return newMail, true, nil
}
