package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"casebook/data"
)

func TestArticlesStoredSeededOnceAndReadOnly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "casebook.db")
	s := openTest(t, path, nil)
	if all, err := s.Articles(ctx); err != nil || len(all) != 0 || s.KBSeeded() {
		t.Fatalf("new database: %v %v seeded=%v", all, err, s.KBSeeded())
	}
	seed := []data.Article{{Title: "道歉", Body: "抱歉", Kind: data.ArticleCanned}, {Title: "退款", Body: "原路退回", Kind: data.ArticlePolicy}}
	if err := s.SeedArticles(ctx, seed); err != nil {
		t.Fatal(err)
	}
	all, _ := s.Articles(ctx)
	if len(all) != 2 || all[0].ID != 1 || all[1].ID != 2 || !s.KBSeeded() {
		t.Fatalf("seeded: %+v", all)
	}
	for _, a := range all {
		if err := s.DeleteArticle(ctx, a.ID, "王芳"); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SeedArticles(ctx, seed); err != nil {
		t.Fatal(err)
	}
	if all, _ := s.Articles(ctx); len(all) != 0 {
		t.Fatalf("seeded twice: %+v", all)
	}
	a, err := s.PutArticle(ctx, data.Article{Title: "餐标", Body: "差价退款", Kind: data.ArticleCanned}, "王芳")
	if err != nil || a.ID != 3 {
		t.Fatalf("%+v %v", a, err)
	}
	var nf *data.ArticleNotFoundError
	if _, err := s.PutArticle(ctx, data.Article{ID: 99, Title: "x", Body: "y"}, "王芳"); !errors.As(err, &nf) || !errors.Is(err, data.ErrNotFound) {
		t.Errorf("replacing a missing article: %v", err)
	}
	if err := s.DeleteArticle(ctx, 99, "王芳"); !errors.As(err, &nf) {
		t.Errorf("deleting a missing article: %v", err)
	}
	s.Close()
	ro, err := Open(ctx, path, WithReadOnly())
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if all, err := ro.Articles(ctx); err != nil || len(all) != 1 || all[0].Title != "餐标" {
		t.Errorf("read-only: %+v %v", all, err)
	}
	if _, err := ro.PutArticle(ctx, data.Article{Title: "x", Body: "y"}, "王芳"); !errors.Is(err, data.ErrNotWritable) {
		t.Errorf("read-only write: %v", err)
	}
}
