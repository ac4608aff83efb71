package store

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"casebook/data"
)

// bucketKB holds the knowledge base: article id(8) → JSON data.Article.
// Created by the first article (or the seeded defaults), so older databases
// need no migration; a few hundred articles are searched in memory
// (data.SearchArticles), which finds one- and two-character Chinese words.
var bucketKB = []byte("kb")

// metaKBSeeded is set in the meta bucket once the default articles were
// added, so articles the agency removed do not come back.
var metaKBSeeded = []byte("kb_seeded")

// Articles lists every article, oldest first.
func (s *Store) Articles(ctx context.Context) ([]data.Article, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []data.Article
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketKB)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var a data.Article
			if err := json.Unmarshal(v, &a); err != nil {
				return fmt.Errorf("article %d: %w", binary.BigEndian.Uint64(k), err)
			}
			out = append(out, a)
			return nil
		})
	})
	return out, err
}

// Article is the article id, or data.ErrNotFound.
func (s *Store) Article(ctx context.Context, id uint64) (data.Article, error) {
	if err := ctx.Err(); err != nil {
		return data.Article{}, err
	}
	var a data.Article
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		a, err = getArticle(tx, id)
		return err
	})
	return a, err
}

func getArticle(tx *bolt.Tx, id uint64) (data.Article, error) {
	var a data.Article
	b := tx.Bucket(bucketKB)
	if b == nil {
		return a, &data.ArticleNotFoundError{ID: id}
	}
	raw := b.Get(u64(id))
	if raw == nil {
		return a, &data.ArticleNotFoundError{ID: id}
	}
	return a, json.Unmarshal(raw, &a)
}

// PutArticle stores a new article (ID 0: numbered here) or replaces an
// existing one (which must exist), and returns it as stored.
func (s *Store) PutArticle(ctx context.Context, a data.Article, by string) (data.Article, error) {
	if err := ctx.Err(); err != nil {
		return a, err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	err := s.db.Update(func(tx *bolt.Tx) error {
		what := "changed"
		if a.ID != 0 {
			if _, err := getArticle(tx, a.ID); err != nil {
				return err
			}
		} else {
			what = "added"
		}
		if err := putArticle(tx, &a); err != nil {
			return err
		}
		return appendAudit(tx, kbAudit(by, fmt.Sprintf("article %d %s", a.ID, what), a))
	})
	if err != nil {
		return a, fmt.Errorf("save article: %w", err)
	}
	s.notify(data.KBChanged{ID: a.ID})
	return a, nil
}

func putArticle(tx *bolt.Tx, a *data.Article) error {
	b, err := tx.CreateBucketIfNotExists(bucketKB)
	if err != nil {
		return err
	}
	if a.ID == 0 {
		if a.ID, err = b.NextSequence(); err != nil {
			return err
		}
	}
	raw, err := json.Marshal(a)
	if err != nil {
		return err
	}
	return b.Put(u64(a.ID), raw)
}

// DeleteArticle removes the article id, or says data.ErrNotFound.
func (s *Store) DeleteArticle(ctx context.Context, id uint64, by string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	err := s.db.Update(func(tx *bolt.Tx) error {
		a, err := getArticle(tx, id)
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketKB).Delete(u64(id)); err != nil {
			return err
		}
		return appendAudit(tx, kbAudit(by, fmt.Sprintf("article %d removed", id), a))
	})
	if err != nil {
		return fmt.Errorf("remove article: %w", err)
	}
	s.notify(data.KBChanged{ID: id})
	return nil
}

// KBSeeded tells whether the default articles were added (or the agency
// had articles before they could be).
func (s *Store) KBSeeded() bool {
	seeded := false
	_ = s.db.View(func(tx *bolt.Tx) error {
		seeded = tx.Bucket(bucketMeta).Get(metaKBSeeded) != nil || tx.Bucket(bucketKB) != nil
		return nil
	})
	return seeded
}

// SeedArticles adds the default articles once, in one transaction: not
// when it was done before, nor when the knowledge base already exists.
func (s *Store) SeedArticles(ctx context.Context, arts []data.Article) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	added := false
	err := s.db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta.Get(metaKBSeeded) != nil || tx.Bucket(bucketKB) != nil {
			return nil
		}
		for i := range arts {
			a := arts[i]
			a.ID = 0
			if err := putArticle(tx, &a); err != nil {
				return err
			}
		}
		added = true
		if err := meta.Put(metaKBSeeded, []byte{1}); err != nil {
			return err
		}
		return appendAudit(tx, kbAudit("", fmt.Sprintf("%d articles seeded", len(arts)), arts))
	})
	if err != nil {
		return fmt.Errorf("seed the knowledge base: %w", err)
	}
	if added {
		s.notify(data.KBChanged{})
	}
	return nil
}

// kbAudit is the audit entry of a knowledge-base change; v is what was
// stored or removed (articles are the agency's texts, not personal data).
func kbAudit(by, what string, v any) *data.AuditEntry {
	e := &data.AuditEntry{Kind: data.AuditKB, By: data.AuditBy(by), What: what}
	raw, _ := json.Marshal(v)
	e.Content = data.Digest(append(e.Canonical(), raw...))
	return e
}
