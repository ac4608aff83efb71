package service

import (
	"context"
	"fmt"
	"strings"

	"casebook/data"
	"casebook/data/present"
)

// KB is the knowledge base: policies, FAQ, canned answers and emergency
// plans, searched from the reply composer and the command line. Anyone may
// read it; adding, editing and removing is data.ActionKnowledge.
type KB struct{ *core }

// List returns the articles matching q, best first (data.SearchArticles).
// A database that never had a knowledge base gets the default articles
// first (unless it is open only to read).
func (k *KB) List(ctx context.Context, q data.ArticleQuery) ([]data.Article, error) {
	if err := k.seed(ctx); err != nil {
		return nil, err
	}
	if k.store.ReadOnly() && !k.store.KBSeeded() {
		// A read-only look before the first use shows the articles that
		// use will add, without numbers (nothing is stored yet).
		return data.SearchArticles(k.defaultArticles(), q), nil
	}
	all, err := k.store.Articles(ctx)
	if err != nil {
		return nil, err
	}
	return data.SearchArticles(all, q), nil
}

// ForCase lists the articles for a reply on case number: those of its
// category first, then those in its language.
func (k *KB) ForCase(ctx context.Context, number, text string) ([]data.Article, error) {
	c, err := k.store.Case(ctx, number)
	if err != nil {
		return nil, err
	}
	lang := c.Language // the reply's language, as mailsync.CaseTemplateData and RenderTemplate choose it
	if lang == "" {
		lang = k.store.Settings().Language
	}
	lang = present.LanguageFromLocale(lang)
	return k.List(ctx, data.ArticleQuery{Text: text, Category: c.Category, Language: lang})
}

// Get is the article id.
func (k *KB) Get(ctx context.Context, id uint64) (data.Article, error) {
	return k.store.Article(ctx, id)
}

// Add stores a new article written by a.
func (k *KB) Add(ctx context.Context, a data.Actor, art data.Article) (data.Article, error) {
	if err := check(a, data.ActionKnowledge); err != nil {
		return data.Article{}, err
	}
	if err := k.seed(ctx); err != nil { // the defaults come before the agency's first own article
		return data.Article{}, err
	}
	if err := art.Normalize(k.store.Settings()); err != nil {
		return data.Article{}, err
	}
	now := k.store.Now()
	art.ID, art.CreatedBy, art.Created, art.UpdatedBy, art.Updated = 0, a.Name, now, a.Name, now
	return k.store.PutArticle(ctx, art, a.Name)
}

// Edit changes the article id with edit and stores it.
func (k *KB) Edit(ctx context.Context, a data.Actor, id uint64, edit func(art *data.Article)) (data.Article, error) {
	if err := check(a, data.ActionKnowledge); err != nil {
		return data.Article{}, err
	}
	art, err := k.store.Article(ctx, id)
	if err != nil {
		return data.Article{}, err
	}
	edit(&art)
	art.ID = id
	if err := art.Normalize(k.store.Settings()); err != nil {
		return data.Article{}, err
	}
	art.UpdatedBy, art.Updated = a.Name, k.store.Now()
	return k.store.PutArticle(ctx, art, a.Name)
}

// Remove deletes the article id.
func (k *KB) Remove(ctx context.Context, a data.Actor, id uint64) error {
	if err := check(a, data.ActionKnowledge); err != nil {
		return err
	}
	return k.store.DeleteArticle(ctx, id, a.Name)
}

// seed adds the default articles (a canned apology, a refund policy, an
// emergency plan, in each language) the first time the knowledge base is
// used, so a new agency sees how it works; removed ones do not come back.
func (k *KB) seed(ctx context.Context) error {
	if k.store.ReadOnly() || k.store.KBSeeded() {
		return nil
	}
	if err := k.store.SeedArticles(ctx, k.defaultArticles()); err != nil {
		return fmt.Errorf("knowledge base: %w", err)
	}
	return nil
}

// defaultArticles are the articles a new knowledge base starts with.
func (k *KB) defaultArticles() []data.Article {
	now := k.store.Now()
	var arts []data.Article
	for _, lang := range data.Languages {
		p := present.For(lang)
		for _, s := range []struct {
			key      string
			kind     data.ArticleKind
			category string
		}{{"apology", data.ArticleCanned, ""}, {"refund", data.ArticlePolicy, "refund_change"}, {"emergency", data.ArticleEmergency, "safety_injury"}} {
			if _, ok := k.store.Settings().Category(s.category); !ok {
				s.category = ""
			}
			arts = append(arts, data.Article{Title: p.T("kb.seed." + s.key + ".title"), Body: p.T("kb.seed." + s.key + ".body"),
				Tags: strings.Split(p.T("kb.seed."+s.key+".tags"), ", "), Kind: s.kind, Category: s.category, Language: lang,
				Created: now, Updated: now})
		}
	}
	return arts
}
