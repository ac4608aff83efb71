package service

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"casebook/data"
	"casebook/data/ledger"
	"casebook/data/ledger/ledgertest"
)

// writeLedgers writes the test ledger as GBK CSV, UTF-8-BOM CSV and XLSX.
func writeLedgers(t *testing.T, rows [][]string) map[string]string {
	t.Helper()
	dir := t.TempDir()
	out := map[string]string{}
	for name, gen := range map[string]func() ([]byte, error){
		"台账-gbk.csv": func() ([]byte, error) { return ledgertest.CSV(rows, true) },
		"台账-bom.csv": func() ([]byte, error) { return ledgertest.CSV(rows, false) },
		"台账.xlsx":    func() ([]byte, error) { return ledgertest.XLSX(rows) },
	} {
		b, err := gen()
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		out[name] = p
	}
	return out
}

// TestImportLedger is the "done when": the dry run names each bad
// row and column, the import adds the good ones, a second import adds none,
// and an edited ledger with a reference column adds only its new rows.
func TestImportLedger(t *testing.T) {
	for name, path := range writeLedgers(t, ledgertest.All()) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			svc, _ := newTestService(t)
			req := ImportRequest{Path: path}
			dry, err := svc.Import.DryRun(ctx, chen, req)
			if err != nil {
				t.Fatal(err)
			}
			if dry.Good != ledgertest.Good || dry.Refused != len(ledgertest.Bad) || dry.New() != ledgertest.Good || len(dry.Known) != 0 {
				t.Fatalf("dry run: good %d refused %d new %d known %d", dry.Good, dry.Refused, dry.New(), len(dry.Known))
			}
			for line, bad := range ledgertest.Bad {
				i := slices.IndexFunc(dry.Rows, func(r ledger.Row) bool { return r.Line == line })
				if i < 0 || !slices.ContainsFunc(dry.Rows[i].Problems, func(p ledger.Problem) bool { return p.Header == bad[0] && p.Code == bad[1] }) {
					t.Errorf("row %d: want %s in %s", line, bad[1], bad[0])
				}
			}
			if svc.Cases.Count() != 0 {
				t.Fatal("a dry run wrote cases")
			}
			run, err := svc.Import.Run(ctx, chen, req)
			if err != nil {
				t.Fatal(err)
			}
			if len(run.Added) != ledgertest.Good || svc.Cases.Count() != ledgertest.Good {
				t.Fatalf("added %d, %d cases", len(run.Added), svc.Cases.Count())
			}
			again, err := svc.Import.Run(ctx, chen, req)
			if err != nil {
				t.Fatal(err)
			}
			if len(again.Added) != 0 || len(again.Known) != ledgertest.Good || svc.Cases.Count() != ledgertest.Good {
				t.Fatalf("second import added %d, skipped %d", len(again.Added), len(again.Known))
			}
			if d, _ := svc.Import.DryRun(ctx, chen, req); d.New() != 0 {
				t.Errorf("a dry run after the import would add %d", d.New())
			}

			// The first row: closed with its dates, owing no follow-up, marked.
			c, err := svc.Cases.Get(ctx, run.Added[0])
			if err != nil {
				t.Fatal(err)
			}
			sh, _ := time.LoadLocation("Asia/Shanghai")
			if c.Status != data.StatusClosed || !c.ReceivedAt.Equal(time.Date(2025, 1, 1, 0, 0, 0, 0, sh)) ||
				!c.ClosedAt.Equal(time.Date(2025, 1, 4, 0, 0, 0, 0, sh)) || !c.Resolution.MetAt.Equal(c.ClosedAt) ||
				c.NeedsFollowUp() || c.Imported.Row != 2 || c.Imported.Ref != "TS-2025-001" || c.Imported.File != filepath.Base(path) ||
				len(c.Remedies) != 1 || c.Remedies[0].Amount != 100_00 || c.Owner != "王芳" {
				t.Errorf("row 2 imported as %+v", c)
			}
			if ev := c.Timeline[len(c.Timeline)-1]; ev.Type != data.EventImported || ev.Arg(data.ArgRow) != "2" || ev.Arg(data.ArgName) != filepath.Base(path) {
				t.Errorf("imported event %+v", ev)
			}
			// A resolved row (i=2, row 4) owes no follow-up and may be closed.
			r4, _ := svc.Cases.Get(ctx, run.Added[2])
			if r4.Status != data.StatusResolved || r4.NeedsFollowUp() {
				t.Errorf("row 4: %s, needs follow-up %v", r4.Status, r4.NeedsFollowUp())
			}
			if _, err := svc.Cases.Move(ctx, chen, r4.Number, data.StatusClosed, ""); err != nil {
				t.Errorf("closing an imported resolved case: %v", err)
			}
			// Rows 152 and 2 are one customer (the same phone).
			c152, _ := svc.Cases.Get(ctx, run.Added[slices.IndexFunc(run.Rows, func(r ledger.Row) bool { return r.Line == 152 })-countRefusedBefore(run.Rows, 152)])
			if c152.CustomerID != c.CustomerID {
				t.Errorf("row 152's customer #%d, row 2's #%d", c152.CustomerID, c.CustomerID)
			}

			// An edited copy a month later: two rows changed, ten new.
			edited := writeLedgers(t, ledgertest.Edited(10))[name]
			ed, err := svc.Import.Run(ctx, chen, ImportRequest{Path: edited})
			if err != nil {
				t.Fatal(err)
			}
			if len(ed.Added) != 10 || svc.Cases.Count() != ledgertest.Good+10 {
				t.Errorf("edited re-import added %d", len(ed.Added))
			}
			// Every import is on the audit chain, which still verifies.
			if _, err := svc.Audit.Verify(ctx); err != nil {
				t.Errorf("audit chain: %v", err)
			}
			recent, _ := svc.Audit.Recent(ctx, 1)
			if len(recent) != 1 || recent[0].Kind != data.AuditImport || recent[0].By != chen.Name {
				t.Errorf("last audit entry %+v", recent)
			}
		})
	}
}

// countRefusedBefore counts the refused rows above line.
func countRefusedBefore(rows []ledger.Row, line int) int {
	n := 0
	for _, r := range rows {
		if r.Line < line && r.Refused() {
			n++
		}
	}
	return n
}

// Without a reference column, a row is known by its cells: the same file
// again adds nothing, whatever the mapping; rows identical to each other are
// both kept.
func TestImportWithoutReference(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	path := filepath.Join(t.TempDir(), "ledger.csv")
	body := "Name\tPhone\tDate\tComplaint\tStatus\n刘洋\t13900139000\t2026/11/2\t导游强制购物\tclosed\n刘洋\t13900139000\t2026/11/2\t导游强制购物\tclosed\n"
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	first, err := svc.Import.Run(ctx, chen, ImportRequest{Path: path})
	if err != nil || len(first.Added) != 2 {
		t.Fatalf("%v, added %d", err, len(first.Added))
	}
	// The same rows read with another mapping are the same rows.
	second, err := svc.Import.Run(ctx, chen, ImportRequest{Path: path, Map: []string{"Status=-"}})
	if err != nil || len(second.Added) != 0 || len(second.Known) != 2 {
		t.Fatalf("%v, added %d again", err, len(second.Added))
	}
}

func TestImportRefusals(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	path := filepath.Join(t.TempDir(), "x.csv")
	if err := os.WriteFile(path, []byte("备注,电话\n甲,1390000\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var missing *ledger.MissingError
	if _, err := svc.Import.DryRun(ctx, chen, ImportRequest{Path: path}); !errors.As(err, &missing) || len(missing.Fields) != 2 {
		t.Errorf("no name or date column: %v", err)
	}
	if _, err := svc.Import.Run(ctx, wang, ImportRequest{Path: path}); !errors.Is(err, data.ErrForbidden) {
		t.Errorf("staff may import: %v", err)
	}
	var me *ledger.MappingError
	if _, err := svc.Import.Preview(ctx, ImportRequest{Path: path, Map: []string{"备注=colour"}}); !errors.As(err, &me) {
		t.Errorf("a bad --map: %v", err)
	}
}

// Erasing a customer who came from a ledger keeps the rows' import keys:
// the agency's spreadsheet still holds them, and importing it again must
// not bring the erased person back.
func TestReimportDoesNotRestoreAnErasedCustomer(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	path := filepath.Join(t.TempDir(), "ledger.csv")
	body := "Name\tPhone\tDate\tComplaint\tStatus\n刘洋\t13900139000\t2025/11/2\t导游强制购物\tclosed\n"
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	first, err := svc.Import.Run(ctx, chen, ImportRequest{Path: path})
	if err != nil || len(first.Added) != 1 {
		t.Fatalf("%v, added %d", err, len(first.Added))
	}
	c, err := svc.Cases.Get(ctx, first.Added[0])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Privacy.Anonymise(ctx, boss, data.CustomerRef(c.CustomerID)); err != nil {
		t.Fatal(err)
	}
	again, err := svc.Import.Run(ctx, chen, ImportRequest{Path: path})
	if err != nil || len(again.Added) != 0 || len(again.Known) != 1 {
		t.Fatalf("%v: re-import after erasure added %d", err, len(again.Added))
	}
	if n := svc.Cases.Count(); n != 1 {
		t.Fatalf("%d cases", n)
	}
	erased, _ := svc.Cases.Get(ctx, first.Added[0])
	if erased.Customer.Name != data.AnonymisedName(c.CustomerID) || erased.Customer.Phone != "" {
		t.Errorf("the customer came back: %+v", erased.Customer)
	}
}
