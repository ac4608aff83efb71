package present

import (
	"strconv"
	"time"

	"casebook/data"
)

// SignIn says why a sign-in (or a change that needs one) was refused.
func (p *P) SignIn(e *data.SignInError) string {
	switch e.Reason {
	case data.SignInLocked:
		return p.T("Too many wrong tries for {{.name}}: wait {{.wait}}, then try again (the owner can reset the PIN).", "name", e.Name, "wait", p.Wait(e.Wait))
	case data.SignInWrong:
		return p.T("Wrong PIN or password for {{.name}}: {{.left}} more tries before a pause.", "name", e.Name, "left", strconv.Itoa(e.TriesLeft()))
	case data.SignInNoSecret:
		return p.T("{{.name}} has no PIN yet: the owner sets one under Settings → Staff (casebook staff pin NAME).", "name", e.Name)
	case data.SignInNeeded:
		return p.T("Sign-in is on: give {{.name}}'s PIN in CASEBOOK_PIN, or run the command on a terminal to type it.", "name", e.Name)
	case data.SignInOwnerFirst:
		return p.T("Sign-in is not on yet: an owner first chooses their own PIN, then sets the others'.")
	case data.SignInMismatch:
		return p.T("The two PINs differ; nothing was changed.")
	}
	return p.T("A PIN is 4 to 8 digits; a password is at least 8 characters.")
}

// Wait is how long someone must wait: seconds under a minute, else whole
// minutes (rounded up).
func (p *P) Wait(d time.Duration) string {
	if d < time.Minute {
		return p.T("{{.n}} s", "n", strconv.Itoa(max(1, int((d+time.Second-1)/time.Second))))
	}
	return p.T("archive.dur.minutes", "n", strconv.Itoa(int((d+time.Minute-1)/time.Minute)))
}
