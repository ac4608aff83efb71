package store

import (
	"bytes"
	"context"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
)

// maxLearnText bounds the first message's text a case contributes to
// learning: a long forwarded thread says no more about the category than
// its first screen, and would slow training.
const maxLearnText = 4000

// LearningCases reads, in one transaction, every closed case as the
// classifier learns from it: subject, description and its first incoming
// message's text, with the category and severity it ended with. Ordered by
// case id, so the same database gives the same list.
func (s *Store) LearningCases(ctx context.Context) ([]data.LearningCase, error) {
	var out []data.LearningCase
	prefix := append([]byte(data.StatusClosed), 0)
	err := s.db.View(func(tx *bolt.Tx) error {
		cur := tx.Bucket(bucketIdxStatus).Cursor()
		for k, _ := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
			if err := ctx.Err(); err != nil {
				return err
			}
			c, err := getCaseByIDTx(tx, k[len(k)-8:])
			if err != nil {
				return err
			}
			lc := data.LearningCase{ID: c.ID, Number: c.Number, Subject: c.Subject, Text: c.Description,
				Category: c.Category, Severity: c.Severity}
			if m, ok := firstIncomingTx(tx, c.ID); ok && m.Text != "" {
				t := m.Text
				if len(t) > maxLearnText {
					t = string(bytes.ToValidUTF8([]byte(t[:maxLearnText]), nil))
				}
				lc.Text += "\n" + t
			}
			out = append(out, lc)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("closed cases to learn from: %w", err)
	}
	sortLearning(out)
	return out, nil
}

// firstIncomingTx is the case's earliest incoming message.
func firstIncomingTx(tx *bolt.Tx, caseID uint64) (data.Message, bool) {
	var first data.Message
	found := false
	prefix := u64(caseID)
	cur := tx.Bucket(bucketCaseMsgs).Cursor()
	for k, _ := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
		m, err := getMessageTx(tx, k[8:])
		if err != nil || m.Direction != data.DirectionIn {
			continue
		}
		if !found || m.Date.Before(first.Date) {
			first, found = m, true
		}
	}
	return first, found
}

func sortLearning(cs []data.LearningCase) {
	slices.SortFunc(cs, func(a, b data.LearningCase) int {
		switch {
		case a.ID < b.ID:
			return -1
		case a.ID > b.ID:
			return 1
		}
		return 0
	})
}
