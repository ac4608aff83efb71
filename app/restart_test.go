package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"casebook/app/service"
	"casebook/data"
)

// The window's restart: the mail worker is stopped and waited for, the
// database closed (another process can take its lock) before the process is
// replaced with the same program and arguments; the new start puts the
// prepared restore in place, records it, and the restored data is what the
// service answers, and it takes work.
func TestRestartStopsTheWorkerClosesAndTheNewStartRestores(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "c.db")
	svc, err := service.Open(ctx, path, service.Options{Index: true})
	if err != nil {
		t.Fatal(err)
	}
	owner := data.Actor{Name: "老板", Role: data.RoleOwner}
	mk := func(s *service.Service) {
		t.Helper()
		if _, err := s.Cases.Create(ctx, owner, data.NewCase{Kind: data.KindComplaint, Category: "meals", Severity: data.SeverityNormal,
			Channel: data.ChannelWalkIn, Subject: "早餐", Customer: data.Customer{Name: "张伟", Phone: "13800138000"}}); err != nil {
			t.Fatal(err)
		}
	}
	st := svc.Settings.Get()
	st.Staff = []data.Staff{{Name: "老板", Role: data.RoleOwner}}
	if err := svc.Settings.Save(ctx, data.Actor{}, st); err != nil {
		t.Fatal(err)
	}
	mk(svc)
	backup := filepath.Join(t.TempDir(), "b.db")
	if _, err := svc.Backup(ctx, owner, backup, "", false); err != nil {
		t.Fatal(err)
	}
	mk(svc)
	mk(svc)

	workerCtx, cancel := context.WithCancel(ctx)
	workerDone := make(chan struct{})
	stopped := false
	go func() { <-workerCtx.Done(); time.Sleep(20 * time.Millisecond); stopped = true; close(workerDone) }()
	var gotExe string
	var gotArgs []string
	execSelf = func(exe string, args, env []string) error {
		gotExe, gotArgs = exe, args
		if !stopped {
			t.Error("exec before the mail worker stopped")
		}
		// The database is closed: another process could open it now.
		s2, err := service.Open(ctx, path, service.Options{Timeout: 50 * time.Millisecond})
		if err != nil {
			t.Errorf("the database is still held at exec: %v", err)
		} else {
			s2.Close()
		}
		return errors.New("exec refused in the test")
	}
	defer func() { execSelf = execProcess }()
	b := liveBackups{Service: svc, restart: restarter(cancel, workerDone, svc)}
	if _, err := b.PrepareRestore(ctx, owner, backup, ""); err != nil {
		t.Fatal(err)
	}
	if err := b.Restart(); err == nil || gotExe == "" || len(gotArgs) == 0 {
		t.Fatalf("restart: %v, exe %q args %v", err, gotExe, gotArgs)
	}

	// What the new process does at its start.
	p := applyAtStart(ctx, path)
	svc2, err := service.Open(ctx, path, service.Options{Index: true})
	if err != nil {
		t.Fatal(err)
	}
	defer svc2.Close()
	after := afterStart(ctx, svc2, p)
	if !after.Restored || after.RestoreErr != nil || after.Cases != 1 || after.Aside == "" || after.Head == "" {
		t.Fatalf("after the restart: %+v", after)
	}
	if n := len(svc2.Cases.List(data.Filter{}, data.Sort{}, time.Now())); n != 1 {
		t.Fatalf("the restored database lists %d cases, want 1", n)
	}
	mk(svc2)
	if n := len(svc2.Cases.List(data.Filter{}, data.Sort{}, time.Now())); n != 2 {
		t.Fatalf("after new work: %d cases", n)
	}
	es, _ := svc2.Audit.Recent(ctx, 2)
	if len(es) != 2 || es[0].Kind != data.AuditRestore || es[0].By != "老板" {
		t.Fatalf("chain: %+v", es)
	}
	if _, err := svc2.Audit.Verify(ctx); err != nil {
		t.Fatal(err)
	}
}

// A restored file that passed its checks but then does not open is undone
// at the start: the database as it was goes back in place, opens, takes
// work, and the window is told the restore failed.
func TestARestoredFileThatDoesNotOpenIsUndone(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "c.db")
	svc, err := service.Open(ctx, path, service.Options{})
	if err != nil {
		t.Fatal(err)
	}
	owner := data.Actor{Name: "老板", Role: data.RoleOwner}
	mk := func(s *service.Service) {
		t.Helper()
		if _, err := s.Cases.Create(ctx, owner, data.NewCase{Kind: data.KindComplaint, Category: "meals", Severity: data.SeverityNormal,
			Channel: data.ChannelWalkIn, Subject: "早餐", Customer: data.Customer{Name: "张伟", Phone: "13800138000"}}); err != nil {
			t.Fatal(err)
		}
	}
	mk(svc)
	backup := filepath.Join(t.TempDir(), "b.db")
	if _, err := svc.Backup(ctx, owner, backup, "", false); err != nil {
		t.Fatal(err)
	}
	mk(svc)
	if _, err := svc.PrepareRestore(ctx, owner, backup, ""); err != nil {
		t.Fatal(err)
	}
	svc.Close()
	p := applyAtStart(ctx, path)
	if p.RestoreErr != nil {
		t.Fatal(p.RestoreErr)
	}
	// The restored file is damaged between its swap and its opening.
	if err := os.WriteFile(path, bytes.Repeat([]byte("garbage!"), 8192), 0o600); err != nil {
		t.Fatal(err)
	}
	svc2, err := openAtStart(ctx, path, &p, service.Options{Index: true})
	if err != nil {
		t.Fatalf("the database as it was does not open: %v", err)
	}
	defer svc2.Close()
	after := afterStart(ctx, svc2, p)
	if !after.Restored || after.RestoreErr == nil {
		t.Fatalf("the window is not told: %+v", after)
	}
	if n := len(svc2.Cases.List(data.Filter{}, data.Sort{}, time.Now())); n != 2 {
		t.Fatalf("the database as it was lists %d cases, want 2", n)
	}
	mk(svc2)
	if _, err := os.Stat(p.Restored.Aside); !os.IsNotExist(err) {
		t.Errorf("the aside name stays: %v", err)
	}
	if _, err := svc2.Audit.Verify(ctx); err != nil {
		t.Fatal(err)
	}
}
