package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"casebook/data"
)

// backupWarning is Today's line about an old (or missing) last good backup.
func (v *todayView) backupWarning(t data.Today) []fyne.CanvasObject {
	if !t.Backup.Warn {
		return nil
	}
	text := TF("The last good backup was {{.days}} days ago: make one (Settings → Backup).", map[string]any{"days": t.Backup.Days})
	if t.Backup.Never {
		text = T("No good backup has been made yet: make one (Settings → Backup).")
	}
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.WarningImportance
	return []fyne.CanvasObject{l}
}
