package ui

// unsavedWork is one kind of typed-but-unsaved work (a half-filled new case,
// findings not yet saved) that quitting or leaving must ask about first.
type unsavedWork struct {
	pending  func() bool   // is there any now?
	question func() string // what to ask, translated ("Save the findings of A-…?")
	save     func() error  // saves it; nil when it can only be discarded or kept
}

// guardQuit adds w to what a quit asks about.
func (u *UI) guardQuit(w unsavedWork) { u.unsaved = append(u.unsaved, w) }
