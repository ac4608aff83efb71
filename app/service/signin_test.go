package service

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"casebook/data"
)

// cheapKDF keeps the tests fast; DefaultKDF is measured by data's benchmark.
var cheapKDF = data.KDF{Time: 1, Memory: 64, Threads: 1, KeyLen: 32}

func newSignInService(t *testing.T) (*Service, *time.Time, string) {
	t.Helper()
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	path := filepath.Join(t.TempDir(), "c.db")
	svc, err := Open(context.Background(), path, Options{Now: func() time.Time { return now }, KDF: &cheapKDF, Passwords: fakePasswords{}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close() })
	st := svc.Settings.Get()
	st.Staff = []data.Staff{{Name: "老板", Role: data.RoleOwner}, {Name: "王芳", Role: data.RoleStaff}, {Name: "陈静", Role: data.RoleSupervisor}}
	if err := svc.Settings.Save(context.Background(), data.Actor{}, st); err != nil {
		t.Fatal(err)
	}
	return svc, &now, path
}

func TestSignInTurnsOnAndLocks(t *testing.T) {
	ctx := context.Background()
	svc, now, path := newSignInService(t)
	boss := data.Actor{Name: "老板", Role: data.RoleOwner}
	if svc.Settings.SignInOn() {
		t.Fatal("on without any PIN")
	}
	// While sign-in is off, only an owner may turn it on.
	if err := svc.Settings.SetSecret(ctx, wang, "王芳", "", "1111"); !isReason(err, data.SignInOwnerFirst) {
		t.Fatalf("staff turning sign-in on: %v", err)
	}
	if err := svc.Settings.SetSecret(ctx, boss, "王芳", "", "1111"); !isReason(err, data.SignInOwnerFirst) || svc.Settings.SignInOn() {
		t.Fatalf("the owner giving someone else the first PIN: %v", err)
	}
	if err := svc.Settings.SetSecret(ctx, boss, "老板", "", "2580"); err != nil {
		t.Fatal(err)
	}
	if !svc.Settings.SignInOn() {
		t.Fatal("off after the owner's PIN")
	}
	if err := svc.Settings.SetSecret(ctx, boss, "王芳", "", "123"); !errors.Is(err, data.ErrSignIn) {
		t.Fatalf("a 3-digit PIN: %v", err)
	}
	if err := svc.Settings.SetSecret(ctx, boss, "王芳", "", "1357"); err != nil {
		t.Fatal(err)
	}
	// Staff cannot reset someone else's.
	var fb *data.ForbiddenError
	if err := svc.Settings.SetSecret(ctx, wang, "陈静", "", "9999"); !errors.As(err, &fb) {
		t.Fatalf("staff resetting another's PIN: %v", err)
	}
	if _, err := svc.Settings.SignIn(ctx, "陈静", "9999", "pin"); !isReason(err, data.SignInNoSecret) {
		t.Fatalf("no PIN: %v", err)
	}
	if a, err := svc.Settings.SignIn(ctx, "王芳", "1357", "pin"); err != nil || a != wang {
		t.Fatalf("right PIN: %v %v", a, err)
	}
	// Five wrong: locked for 30 s; waiting gives one more try; the sixth wrong locks for a minute.
	for i := 1; i <= 4; i++ {
		if _, err := svc.Settings.SignIn(ctx, "王芳", "0000", "pin"); !isReason(err, data.SignInWrong) {
			t.Fatalf("wrong %d: %v", i, err)
		}
	}
	_, err := svc.Settings.SignIn(ctx, "王芳", "0000", "pin")
	var se *data.SignInError
	if !errors.As(err, &se) || se.Reason != data.SignInLocked || se.Wait != 30*time.Second {
		t.Fatalf("5th wrong: %v", err)
	}
	// The lock survives a restart: it is in the file.
	svc.Close()
	svc2, err := Open(ctx, path, Options{Now: func() time.Time { return *now }, KDF: &cheapKDF, Passwords: fakePasswords{}})
	if err != nil {
		t.Fatal(err)
	}
	defer svc2.Close()
	svc = svc2
	*now = now.Add(10 * time.Second)
	if _, err := svc.Settings.SignIn(ctx, "王芳", "1357", "pin"); !errors.As(err, &se) || se.Reason != data.SignInLocked || se.Wait != 20*time.Second {
		t.Fatalf("right PIN while locked, after a restart: %v", err)
	}
	*now = now.Add(20 * time.Second)
	if _, err := svc.Settings.SignIn(ctx, "王芳", "0000", "pin"); !errors.As(err, &se) || se.Reason != data.SignInLocked || se.Wait != time.Minute {
		t.Fatalf("6th wrong: %v", err)
	}
	// The owner's reset clears the lock.
	if err := svc.Settings.SetSecret(ctx, boss, "王芳", "", "24680"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Settings.SignIn(ctx, "王芳", "24680", "pin"); err != nil {
		t.Fatalf("after the owner's reset: %v", err)
	}
	// One's own change needs the old PIN; a wrong old one counts.
	if err := svc.Settings.SetSecret(ctx, wang, "王芳", "1111", "a long password"); !isReason(err, data.SignInWrong) {
		t.Fatalf("own change with a wrong old PIN: %v", err)
	}
	if err := svc.Settings.SetSecret(ctx, wang, "王芳", "24680", "a long password"); err != nil {
		t.Fatal(err)
	}
	if svc.Settings.SecretKind("王芳") != data.SecretPassword {
		t.Fatal("not a password")
	}
	// A rename keeps the PIN; a removal drops it.
	if err := svc.Settings.SetStaff(ctx, boss, "王芳", "", "王芳芳"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Settings.SignIn(ctx, "王芳芳", "a long password", "password"); err != nil {
		t.Fatalf("after a rename: %v", err)
	}
	if err := svc.Settings.RemoveStaff(ctx, boss, "王芳芳", nil); err != nil {
		t.Fatal(err)
	}
	if svc.Settings.HasSecret("王芳芳") {
		t.Fatal("a removed person keeps a PIN")
	}
	if err := svc.Settings.SignOut(ctx, boss, "lock"); err != nil {
		t.Fatal(err)
	}

	// The audit chain holds every step and still verifies.
	if _, err := svc.Audit.Verify(ctx); err != nil {
		t.Fatal(err)
	}
	kinds := map[data.AuditKind][]string{}
	entries, err := svc.core.store.SignInEntries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		kinds[e.Kind] = append(kinds[e.Kind], e.What)
	}
	if got := strings.Join(kinds[data.AuditPINSet], ","); got != "老板,王芳,王芳,王芳,王芳芳" {
		t.Errorf("PIN set entries: %q", got)
	}
	if got := strings.Join(kinds[data.AuditSignInFailed], ","); got != "1,2,3,4,5,6,1" {
		t.Errorf("failure entries: %q", got)
	}
	if got := strings.Join(kinds[data.AuditSignIn], ","); got != "pin,pin,password" {
		t.Errorf("sign-in entries: %q", got)
	}
	if got := strings.Join(kinds[data.AuditSignOut], ","); got != "lock" {
		t.Errorf("sign-out entries: %q", got)
	}

	// No secret in the settings, nor in clear anywhere in the file.
	raw, _ := json.Marshal(svc.Settings.Get())
	svc.Close()
	file, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, pin := range []string{"2580", "24680", "a long password"} {
		if bytes.Contains(raw, []byte(pin)) || bytes.Contains(file, []byte(pin)) {
			t.Errorf("%q is in clear in the settings or the file", pin)
		}
	}
	if bytes.Contains(raw, []byte("hash")) || bytes.Contains(raw, []byte("salt")) {
		t.Error("the settings hold a credential")
	}
}

func TestFirstOwner(t *testing.T) {
	ctx := context.Background()
	svc, err := Open(ctx, filepath.Join(t.TempDir(), "n.db"), Options{KDF: &cheapKDF, Passwords: fakePasswords{}})
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	if _, err := svc.Settings.FirstOwner(ctx, "赵总", "12"); !errors.Is(err, data.ErrSignIn) {
		t.Fatalf("short PIN: %v", err)
	}
	if len(svc.Settings.Staff()) != 0 {
		t.Fatal("a refused start added someone")
	}
	a, err := svc.Settings.FirstOwner(ctx, "赵总", "8642")
	if err != nil || a.Role != data.RoleOwner || !svc.Settings.SignInOn() {
		t.Fatalf("%v %v", a, err)
	}
	if _, err := svc.Settings.FirstOwner(ctx, "冒名", "1111"); !errors.Is(err, data.ErrForbidden) {
		t.Fatalf("a second first owner: %v", err)
	}
}

func isReason(err error, r data.SignInReason) bool {
	var se *data.SignInError
	return errors.As(err, &se) && se.Reason == r
}

// With sign-in on, the staff list must keep an owner who can sign in:
// removing or demoting the only one is refused (nobody could manage staff,
// settings or PINs again); with a second owner who has a PIN it is allowed.
func TestTheLastOwnerWhoSignsInStays(t *testing.T) {
	ctx := context.Background()
	svc, _, _ := newSignInService(t)
	boss := data.Actor{Name: "老板", Role: data.RoleOwner}
	if err := svc.Settings.SetSecret(ctx, boss, "老板", "", "2580"); err != nil {
		t.Fatal(err)
	}
	st := svc.Settings.Get()
	st.Staff = append(st.Staff, data.Staff{Name: "二老板", Role: data.RoleOwner}) // an owner without a PIN
	if err := svc.Settings.Save(ctx, boss, st); err != nil {
		t.Fatal(err)
	}
	demoted := svc.Settings.Get()
	demoted.Staff[0].Role = data.RoleSupervisor
	if err := svc.Settings.Save(ctx, boss, demoted); !errors.Is(err, data.ErrLastOwnerSignIn) {
		t.Fatalf("demoting the only owner with a PIN: %v", err)
	}
	if err := svc.Settings.RemoveStaff(ctx, boss, "老板", nil); !errors.Is(err, data.ErrLastOwnerSignIn) {
		t.Fatalf("removing the only owner with a PIN: %v", err)
	}
	if r, _ := svc.Settings.Get().StaffRole("老板"); r != data.RoleOwner {
		t.Fatalf("refused, yet the role is %s", r)
	}
	if err := svc.Settings.SetSecret(ctx, boss, "二老板", "", "1470"); err != nil {
		t.Fatal(err)
	}
	if err := svc.Settings.RemoveStaff(ctx, boss, "老板", nil); err != nil {
		t.Fatalf("another owner can sign in: %v", err)
	}
}
