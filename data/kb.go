package data

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
)

// ArticleKind says what a knowledge-base article is for.
type ArticleKind string

const (
	ArticlePolicy    ArticleKind = "policy"    // the agency's rules: refunds, changes, compensation
	ArticleFAQ       ArticleKind = "faq"       // a question customers ask, with its answer
	ArticleCanned    ArticleKind = "canned"    // a standard answer, inserted into replies as it is
	ArticleEmergency ArticleKind = "emergency" // what to do when something happens during a trip
)

// ArticleKinds lists the kinds in the order the screens offer them.
var ArticleKinds = []ArticleKind{ArticleCanned, ArticlePolicy, ArticleFAQ, ArticleEmergency}

// Article is one entry of the knowledge base: a policy, an FAQ, a standard
// answer or an emergency plan, in one language, optionally for one case
// category (those are offered first on a case of that category).
type Article struct {
	ID        uint64      `json:"id"`
	Title     string      `json:"title"`
	Body      string      `json:"body"`
	Category  string      `json:"category,omitempty"` // a case category slug; "" fits every case
	Language  string      `json:"language,omitempty"` // "zh-Hans", "zh-Hant", "en"; "" any
	Tags      []string    `json:"tags,omitempty"`
	Kind      ArticleKind `json:"kind"`
	CreatedBy string      `json:"created_by,omitempty"`
	Created   time.Time   `json:"created"`
	UpdatedBy string      `json:"updated_by,omitempty"`
	Updated   time.Time   `json:"updated"`
}

func init() {
	// The article's fields, checked like every other text (limits.go).
	TextLimits["kb_title"] = TextLimit{Max: 200}
	TextLimits["kb_body"] = TextLimit{Max: 20000, Multiline: true}
	TextLimits["kb_tag"] = TextLimit{Max: 50}
}

// Normalize trims the article and checks it against the settings' categories.
func (a *Article) Normalize(st Settings) error {
	a.Title = strings.TrimSpace(a.Title)
	a.Body = strings.TrimSpace(CleanText("kb_body", a.Body))
	a.Category = strings.TrimSpace(a.Category)
	a.Language = strings.TrimSpace(a.Language)
	if a.Kind == "" {
		a.Kind = ArticleCanned
	}
	var tags []string
	for _, t := range a.Tags {
		for _, t := range strings.FieldsFunc(t, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
			if t = strings.TrimSpace(t); t != "" && !slices.Contains(tags, t) {
				tags = append(tags, t)
			}
		}
	}
	a.Tags = tags
	if a.Title == "" {
		return &FieldError{Field: "kb_title", Reason: "empty"}
	}
	if a.Body == "" {
		return &FieldError{Field: "kb_body", Reason: "empty"}
	}
	if err := checkTexts([2]string{"kb_title", a.Title}, [2]string{"kb_body", a.Body}); err != nil {
		return err
	}
	for _, t := range a.Tags {
		if err := CheckText("kb_tag", t); err != nil {
			return err
		}
	}
	if !slices.Contains(ArticleKinds, a.Kind) {
		return &FieldError{Field: "kb_kind", Reason: "unknown kind " + string(a.Kind)}
	}
	if a.Language != "" && !validLanguage(a.Language) {
		return &FieldError{Field: "kb_language", Reason: "unknown language " + a.Language}
	}
	if a.Category != "" {
		if _, ok := st.Category(a.Category); !ok {
			return &FieldError{Field: "kb_category", Reason: "unknown category " + a.Category}
		}
	}
	return nil
}

// ArticleQuery filters and orders the knowledge base.
type ArticleQuery struct {
	Text     string      // every word must occur in the title, body or tags (any case; Chinese of any length)
	Category string      // articles of this category first, then those for every category, then the rest
	Language string      // then articles in this language (or in none) before the others
	Kind     ArticleKind // only this kind; "" all
}

// SearchArticles returns the articles matching q, best first. The search is
// a plain substring match, so one- or two-character Chinese words (退款,
// 导游) find what they should — unlike a trigram index.
func SearchArticles(all []Article, q ArticleQuery) []Article {
	words := strings.FieldsFunc(strings.ToLower(q.Text), func(r rune) bool { return unicode.IsSpace(r) || r == '　' })
	var out []Article
	for _, a := range all {
		if q.Kind != "" && a.Kind != q.Kind {
			continue
		}
		if len(words) > 0 {
			hay := strings.ToLower(a.Title + "\n" + a.Body + "\n" + strings.Join(a.Tags, "\n"))
			if !allIn(hay, words) {
				continue
			}
		}
		out = append(out, a)
	}
	rank := func(a Article) (int, int) {
		cat := 2
		switch {
		case q.Category != "" && a.Category == q.Category:
			cat = 0
		case a.Category == "":
			cat = 1
		}
		lang := 0
		if q.Language != "" && a.Language != "" && a.Language != q.Language {
			lang = 1
		}
		return cat, lang
	}
	slices.SortStableFunc(out, func(a, b Article) int {
		ca, la := rank(a)
		cb, lb := rank(b)
		return cmp.Or(cmp.Compare(ca, cb), cmp.Compare(la, lb),
			cmp.Compare(slices.Index(ArticleKinds, a.Kind), slices.Index(ArticleKinds, b.Kind)),
			strings.Compare(a.Title, b.Title), cmp.Compare(a.ID, b.ID))
	})
	return out
}

func allIn(hay string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

// KBChanged says an article of the knowledge base was added, changed or removed.
type KBChanged struct{ ID uint64 }

func (KBChanged) notice() {}

// ArticleNotFoundError says there is no article with this number.
type ArticleNotFoundError struct{ ID uint64 }

func (e *ArticleNotFoundError) Error() string {
	return fmt.Sprintf("article %d: %v", e.ID, ErrNotFound)
}

// Unwrap makes it an ErrNotFound.
func (e *ArticleNotFoundError) Unwrap() error { return ErrNotFound }

// AuditKB is the audit entry of a change to the knowledge base; What:
// "article N added|changed|removed" or "N articles seeded", and the content
// digest covers the article as stored.
const AuditKB AuditKind = "kb"
