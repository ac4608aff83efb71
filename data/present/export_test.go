package present

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
	"testing"

	"casebook/data"
)

func TestExportErrorsSaySo(t *testing.T) {
	p := For("zh-Hans")
	full := fmt.Errorf("xlsx: %w", &fs.PathError{Op: "write", Path: "/media/u/a.xlsx", Err: syscall.ENOSPC})
	if got := p.ExportError(full); got != p.T("export.error.disk_full") || got == "export.error.disk_full" {
		t.Errorf("disk full: %q", got)
	}
	denied := &fs.PathError{Op: "open", Path: "/a.xlsx", Err: syscall.EACCES}
	if got := p.ExportError(denied); got != p.T("export.error.permission") {
		t.Errorf("permission: %q", got)
	}
	if got := p.ExportError(errors.New("boom")); got != "导出失败：boom" {
		t.Errorf("other: %q", got)
	}
}

func TestAuditSaysCaseRowsWereExported(t *testing.T) {
	e := data.AuditEntry{Kind: data.AuditExport, What: "cases:xlsx:1234"}
	for lang, want := range map[string]string{"en": "case rows exported: 1234 cases as XLSX", "zh-Hans": "导出案件明细：1234 件，XLSX 格式"} {
		if got := For(lang).AuditWhat(e, nil, data.Settings{}); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	if got := For("en").AuditWhat(data.AuditEntry{Kind: data.AuditExport, What: "#12"}, nil, data.Settings{}); got != "customer data exported: #12" {
		t.Errorf("customer export: %q", got)
	}
}
