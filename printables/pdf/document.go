// Package pdf writes the one-stop counter's papers: A4 pages of text in
// TrueType fonts, laid out in cells and wrapped paragraphs, as PDF.
//
// It does what the papers need and no more. Fonts are read once per
// process and cut, for each paper, to the glyphs it prints, keeping their
// numbers; streams are compressed with writers kept between papers. The
// same calls give the same bytes, so that a paper rendered again is the
// paper issued.
package pdf

import (
	"bytes"
	"cmp"
	"errors"
	"time"
)

// A4 portrait, in millimetres, and the factor from millimetres to the
// PDF's points.
const (
	pageWidth  = 210.0
	pageHeight = 297.0
	k          = 72 / 25.4
	// cellMargin keeps text off a cell's edges, as the papers were first
	// laid out with.
	cellMargin = 1.0
)

// Info is what a paper says about itself in its metadata.
type Info struct {
	Title    string
	Lang     string // BCP 47, such as vi
	Producer string
	// Created is the paper's date in its metadata: the issue's, not the
	// rendering's, so that the same facts give the same bytes.
	Created time.Time
}

// Document is one paper being written. Its positions are in millimetres
// from the page's top left corner.
type Document struct {
	info              Info
	left, top, bottom float64
	pages             []*bytes.Buffer
	x, y              float64
	font              *Font
	size              float64 // points
	fonts             []*Font // in the order first used: F1, F2, …
	used              map[*Font]map[uint16]rune
	// err is the first mistake in writing the paper, kept until Bytes
	// reports it, so that the paper's code reads as the paper does.
	err error
}

// New starts a paper with no page yet.
func New(info Info) *Document {
	return &Document{info: info, left: 10, top: 10, bottom: 20,
		used: map[*Font]map[uint16]rune{}}
}

// Margins sets where lines start, where a page's text starts, and where
// text breaks to the next page. The right margin is the paper's own: its
// cells are as wide as it makes them.
func (d *Document) Margins(left, top, bottom float64) {
	d.left, d.top, d.bottom = left, top, bottom
}

// AddPage starts a new page and puts the position at its top margin.
func (d *Document) AddPage() {
	d.pages = append(d.pages, &bytes.Buffer{})
	d.x, d.y = d.left, d.top
}

// SetFont sets the font and its size in points for the text that follows.
func (d *Document) SetFont(f *Font, size float64) {
	d.font, d.size = f, size
	if f == nil {
		d.err = cmp.Or(d.err, errNoFont)
		return
	}
	if d.used[f] == nil {
		d.used[f] = map[uint16]rune{}
		d.fonts = append(d.fonts, f)
	}
}

// Y is the position's distance from the top edge.
func (d *Document) Y() float64 { return d.y }

// SetX moves the position across.
func (d *Document) SetX(x float64) { d.x = x }

// SetY moves the position down the page and back to the left margin.
func (d *Document) SetY(y float64) { d.x, d.y = d.left, y }

// SetXY moves the position.
func (d *Document) SetXY(x, y float64) { d.x, d.y = x, y }

// Ln moves down by h and back to the left margin.
func (d *Document) Ln(h float64) { d.x, d.y = d.left, d.y+h }

// TextWidth is how wide the paper's current font sets s, in millimetres.
func (d *Document) TextWidth(s string) float64 { return d.font.Width(s, d.size) / k }

// fontSize is the current font's size in millimetres.
func (d *Document) fontSize() float64 { return d.size / k }

// page is the current page's content, and a fresh page if none was added.
func (d *Document) page() *bytes.Buffer {
	if len(d.pages) == 0 {
		d.AddPage()
	}
	return d.pages[len(d.pages)-1]
}

// Bytes finishes the paper.
func (d *Document) Bytes() ([]byte, error) {
	if d.err != nil {
		return nil, d.err
	}
	if len(d.pages) == 0 {
		d.AddPage()
	}
	return d.write()
}

// errNoFont is text written with no font, or with a font that could not
// be read: a bug in the paper's code or its build.
var errNoFont = errors.New("pdf: text written with no font set")
