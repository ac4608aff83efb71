// Package chart draws the report's charts — the 12-month volume trend,
// horizontal bars (by category, hotspots), the SLA gauge and stacked
// compensation bars — with gonum.org/v1/plot, in the bundled CJK font
// (assets.FontRegular), as PNG images for the report PDF (gofpdf embeds them)
// and for the Reports screen (Fyne shows them).
//
// It takes plain inputs (labels, numbers, a language) so that it depends on
// neither the figures' types nor on Fyne or gofpdf; the caller turns its
// figures into labels and values. Every user-visible word it adds itself (the
// empty state, "others", "target", axis words) comes from the translation
// catalogue through data/present.
//
// Output is deterministic: the same input and Size give the same PNG bytes.
package chart
