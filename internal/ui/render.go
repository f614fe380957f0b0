package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// width is the width of s in terminal cells, escape sequences ignored: the
// measure Lip Gloss and the renderer use.
func width(s string) int { return ansi.StringWidth(s) }

// stripANSI removes styles, so a row can be restyled as a whole.
func stripANSI(s string) string { return ansi.Strip(s) }

// fit cuts s (which may hold styles) to w cells and pads it with spaces to
// exactly w cells.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	n := width(s)
	if n > w {
		s = ansi.Truncate(s, w, "…")
		n = width(s)
	}
	if n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

// padLeft right-aligns s in w cells; a longer s is returned whole.
func padLeft(s string, w int) string {
	if n := width(s); n < w {
		return strings.Repeat(" ", w-n) + s
	}
	return s
}

// padRight left-aligns s in w cells; a longer s is returned whole.
func padRight(s string, w int) string {
	if n := width(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// block is a pane's rendering: exactly h lines of exactly w cells.
type block []string

// newBlock fits lines into a w×h block, cutting or padding both ways.
func newBlock(lines []string, w, h int) block {
	b := make(block, h)
	for i := range b {
		if i < len(lines) {
			b[i] = fit(lines[i], w)
		} else {
			b[i] = strings.Repeat(" ", max(w, 0))
		}
	}
	return b
}

// beside joins blocks of the same height left to right with sep between.
func beside(sep string, bs ...block) block {
	if len(bs) == 0 {
		return nil
	}
	out := make(block, len(bs[0]))
	for i := range out {
		var sb strings.Builder
		for j, b := range bs {
			if j > 0 {
				sb.WriteString(sep)
			}
			sb.WriteString(b[i])
		}
		out[i] = sb.String()
	}
	return out
}

// rect is a pane's place on the screen, in cells.
type rect struct{ x, y, w, h int }

func (r rect) contains(x, y int) bool {
	return x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h
}

// Minimum terminal size; below it the explorer says so instead of drawing.
const (
	minWidth  = 50
	minHeight = 14
	// wideWidth is where the three panes stand side by side; below it the
	// source goes under the agency list and the figures.
	wideWidth = 120
)

// layout places the panes for a w×h terminal: a header line, the panes,
// a status line and a help line.
type layout struct {
	tooSmall        bool
	wide            bool
	list, figs, src rect
}

func computeLayout(w, h int) layout {
	if w < minWidth || h < minHeight {
		return layout{tooSmall: true}
	}
	top, ph := 1, h-3
	if w >= wideWidth {
		lw := w * 24 / 100
		fw := w * 34 / 100
		sw := w - lw - fw - 2
		return layout{wide: true,
			list: rect{0, top, lw, ph},
			figs: rect{lw + 1, top, fw, ph},
			src:  rect{lw + fw + 2, top, sw, ph},
		}
	}
	uh := max(ph*2/5, min(10, ph/2))
	lw := w * 38 / 100
	return layout{
		list: rect{0, top, lw, uh},
		figs: rect{lw + 1, top, w - lw - 1, uh},
		src:  rect{0, top + uh, w, ph - uh},
	}
}
