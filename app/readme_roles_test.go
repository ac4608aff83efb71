package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casebook/data"
	"casebook/data/present"
)

// rolesTable is the README's table of who may do what, written from the
// permission table itself (data.Actions, Actor.Can) and the English labels.
func rolesTable() string {
	p := present.For("en")
	var b strings.Builder
	b.WriteString("| may … | " + p.Role(data.RoleStaff) + " | " + p.Role(data.RoleSupervisor) + " | " + p.Role(data.RoleOwner) + " |\n")
	b.WriteString("| --- | :-: | :-: | :-: |\n")
	for _, act := range data.Actions {
		b.WriteString("| " + p.Action(act) + " (`" + string(act) + "`) |")
		for _, r := range data.Roles {
			if (data.Actor{Role: r}).Can(act) {
				b.WriteString(" ✓ |")
			} else {
				b.WriteString("   |")
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

// The README's "Roles and limits" table is the permission table: a change
// of either without the other fails here, printing the table to paste.
func TestREADMERolesTableIsThePermissionTable(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(moduleRoot(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	want := rolesTable()
	if !strings.Contains(string(b), "\n"+want+"\n") {
		t.Errorf("README.md (Roles and limits) does not hold the permission table; it should read:\n\n%s", want)
	}
}
