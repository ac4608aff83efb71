package mailsync

import (
	"context"

	"github.com/emersion/go-imap/v2"
)

// findInFolder says which of the Message-IDs (without brackets) a folder
// holds, searching its headers on the server without changing any flag.
func findInFolder(ctx context.Context, cfg IMAPConfig, folder string, ids []string) (map[string]bool, error) {
	ic, err := dialIMAP(ctx, cfg)
	if err != nil {
		return nil, err
	}
	defer ic.logout(ctx)
	if err := ic.watch(ctx, "open "+folder, func() error {
		_, err := ic.c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait()
		return err
	}); err != nil {
		return nil, err
	}
	found := make(map[string]bool, len(ids))
	for _, id := range ids {
		criteria := &imap.SearchCriteria{Header: []imap.SearchCriteriaHeaderField{{Key: "Message-ID", Value: "<" + id + ">"}}}
		var res *imap.SearchData
		if err := ic.watch(ctx, "search "+folder, func() error {
			var err error
			res, err = ic.c.UIDSearch(criteria, nil).Wait()
			return err
		}); err != nil {
			return nil, err
		}
		found[id] = len(res.AllUIDs()) > 0
	}
	return found, nil
}
