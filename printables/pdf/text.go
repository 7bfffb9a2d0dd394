package pdf

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
)

// Align is where a line of text sits in its cell.
type Align int

// The alignments the papers use.
const (
	Left Align = iota
	Center
)

// Next is where the position goes after a cell.
type Next int

// After a cell the position moves to its right, to the next line at the
// left margin, or below the cell at its left edge.
const (
	Right Next = iota
	NextLine
	Below
)

// Cell writes one line of text in a cell w wide and h high at the
// position, breaking to a new page first when the cell would cross the
// bottom margin.
func (d *Document) Cell(w, h float64, text string, align Align, next Next) {
	if d.font == nil {
		d.err = cmp.Or(d.err, errNoFont)
		return
	}
	if d.y+h > pageHeight-d.bottom && len(d.pages) > 0 {
		x := d.x
		d.AddPage()
		d.x = x
	}
	if text != "" {
		dx := cellMargin
		if align == Center {
			dx = (w - d.TextWidth(text)) / 2
		}
		d.show((d.x+dx)*k, (pageHeight-(d.y+0.5*h+0.3*d.fontSize()))*k, text)
	}
	switch next {
	case Right:
		d.x += w
	case NextLine:
		d.x, d.y = d.left, d.y+h
	case Below:
		d.y += h
	}
}

// show draws text with its baseline starting at (x, y) in points from the
// page's bottom left, as glyph numbers of the current font.
func (d *Document) show(x, y float64, text string) {
	b := d.page()
	used := d.used[d.font]
	fmt.Fprintf(b, "BT /F%d %s Tf %s %s Td <", d.fontIndex(d.font), num(d.size), num(x), num(y))
	const hex = "0123456789ABCDEF"
	for _, c := range text {
		g := d.font.glyph(c)
		if _, ok := used[g]; !ok {
			used[g] = c
		}
		b.Write([]byte{hex[g>>12], hex[g>>8&15], hex[g>>4&15], hex[g&15]})
	}
	b.WriteString("> Tj ET\n")
}

// fontIndex is a font's number among the paper's: F1 is the first used.
func (d *Document) fontIndex(f *Font) int {
	for i, g := range d.fonts {
		if g == f {
			return i + 1
		}
	}
	return 0
}

// MultiCell writes text as a paragraph w wide, wrapped at spaces into
// lines h high, each aligned in the cell, and leaves the position below it
// at the left margin. A word wider than the cell is cut where it overflows.
func (d *Document) MultiCell(w, h float64, text string, align Align) {
	if d.font == nil {
		d.err = cmp.Or(d.err, errNoFont)
		return
	}
	x := d.x
	for _, line := range d.wrap(w-2*cellMargin, strings.TrimRight(strings.ReplaceAll(text, "\r", ""), "\n")) {
		d.x = x
		d.Cell(w, h, line, align, Below)
	}
	d.x = d.left
}

// wrap breaks text into lines no wider than max millimetres, at the last
// space that fits, dropping that space; a newline always breaks.
func (d *Document) wrap(max float64, text string) []string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		runes := []rune(para)
		start, space, width := 0, -1, 0.0
		for i := 0; i < len(runes); i++ {
			if runes[i] == ' ' {
				space = i
			}
			width += d.font.advanceOf(runes[i], d.size) / k
			if width <= max {
				continue
			}
			switch {
			case space >= start:
				lines = append(lines, string(runes[start:space]))
				i = space
			case i == start:
				lines = append(lines, string(runes[start:i+1]))
			default:
				lines = append(lines, string(runes[start:i]))
				i--
			}
			start, space, width = i+1, -1, 0
		}
		lines = append(lines, string(runes[start:]))
	}
	return lines
}

// num writes a number as the page's content does, to a hundredth.
func num(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
