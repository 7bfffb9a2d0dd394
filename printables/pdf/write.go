package pdf

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"maps"
	"math"
	"slices"
	"strings"
	"unicode/utf16"
)

// Objects are numbered in a fixed order, so that the same paper gives the
// same bytes: the catalog, the page tree, the metadata and the shared
// resources, then each page and its content, then each font's five.
const (
	catalogObj = 1 + iota
	pagesObj
	infoObj
	resourcesObj
	firstPageObj
)

// objectsPerFont are a font's objects: the Type0 font, its CIDFont, its
// descriptor, the font file, and the map back to Unicode for copying.
const objectsPerFont = 5

// pdfWriter writes numbered objects and remembers where each starts, for
// the cross-reference table.
type pdfWriter struct {
	b       bytes.Buffer
	offsets []int
}

func (w *pdfWriter) begin(n int) {
	for len(w.offsets) < n {
		w.offsets = append(w.offsets, 0)
	}
	w.offsets[n-1] = w.b.Len()
	fmt.Fprintf(&w.b, "%d 0 obj\n", n)
}

func (w *pdfWriter) object(n int, body string) {
	w.begin(n)
	w.b.WriteString(body)
	w.b.WriteString("\nendobj\n")
}

// stream writes a compressed stream; dict holds any keys besides its
// length and filter.
func (w *pdfWriter) stream(n int, dict string, data []byte) {
	z := deflate(data)
	w.begin(n)
	fmt.Fprintf(&w.b, "<<%s /Filter /FlateDecode /Length %d>>\nstream\n", dict, len(z))
	w.b.Write(z)
	w.b.WriteString("\nendstream\nendobj\n")
}

// write serializes the paper.
func (d *Document) write() ([]byte, error) {
	w := &pdfWriter{}
	w.b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	fontObj := func(i int) int { return firstPageObj + 2*len(d.pages) + objectsPerFont*i }

	w.object(catalogObj, fmt.Sprintf("<</Type /Catalog /Pages %d 0 R /Lang %s>>", pagesObj, literal(d.info.Lang)))
	kids := make([]string, len(d.pages))
	for i := range d.pages {
		kids[i] = fmt.Sprintf("%d 0 R", firstPageObj+2*i)
	}
	w.object(pagesObj, fmt.Sprintf("<</Type /Pages /Kids [%s] /Count %d /MediaBox [0 0 %s %s]>>",
		strings.Join(kids, " "), len(d.pages), num(pageWidth*k), num(pageHeight*k)))
	date := "D:" + d.info.Created.Format("20060102150405-07'00'")
	w.object(infoObj, fmt.Sprintf("<</Title %s /Producer %s /CreationDate %s /ModDate %s>>",
		text(d.info.Title), literal(d.info.Producer), literal(date), literal(date)))
	var fonts strings.Builder
	for i := range d.fonts {
		fmt.Fprintf(&fonts, " /F%d %d 0 R", i+1, fontObj(i))
	}
	w.object(resourcesObj, fmt.Sprintf("<</Font <<%s >>>>", fonts.String()))
	for i, p := range d.pages {
		w.object(firstPageObj+2*i, fmt.Sprintf("<</Type /Page /Parent %d 0 R /Resources %d 0 R /Contents %d 0 R>>",
			pagesObj, resourcesObj, firstPageObj+2*i+1))
		w.stream(firstPageObj+2*i+1, "", p.Bytes())
	}
	for i, f := range d.fonts {
		if err := d.writeFont(w, fontObj(i), f); err != nil {
			return nil, err
		}
	}

	xref := w.b.Len()
	fmt.Fprintf(&w.b, "xref\n0 %d\n0000000000 65535 f \n", len(w.offsets)+1)
	for _, o := range w.offsets {
		fmt.Fprintf(&w.b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&w.b, "trailer\n<</Size %d /Root %d 0 R /Info %d 0 R>>\nstartxref\n%d\n%%%%EOF\n",
		len(w.offsets)+1, catalogObj, infoObj, xref)
	return w.b.Bytes(), nil
}

// writeFont writes one font as a Type0 font over a CIDFontType2 whose
// character codes are the font's own glyph numbers.
func (d *Document) writeFont(w *pdfWriter, n int, f *Font) error {
	used := d.used[f]
	glyphs := slices.Sorted(maps.Keys(used))
	keep := make(map[uint16]bool, len(glyphs))
	for _, g := range glyphs {
		keep[g] = true
	}
	file, err := f.subset(keep)
	if err != nil {
		return err
	}
	name := tag(f.name, glyphs) + "+" + f.name
	scale := 1000 / f.unitsPerEm
	units := func(v int) int { return int(math.Round(float64(v) * scale)) }

	var widths strings.Builder
	for _, g := range glyphs {
		fmt.Fprintf(&widths, "%d [%d] ", g, units(int(f.advance[g])))
	}
	w.object(n, fmt.Sprintf("<</Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R>>",
		name, n+1, n+4))
	w.object(n+1, fmt.Sprintf("<</Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor %d 0 R /DW %d /W [%s] /CIDToGIDMap /Identity>>",
		name, n+2, units(int(f.advance[0])), strings.TrimSpace(widths.String())))
	flags := 32 // nonsymbolic: the font's letters are Unicode's
	if f.fixedPitch {
		flags |= 1
	}
	if f.italicAngle != 0 {
		flags |= 64
	}
	w.object(n+2, fmt.Sprintf("<</Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [%d %d %d %d] /ItalicAngle %s /Ascent %d /Descent %d /CapHeight %d /StemV %d /FontFile2 %d 0 R>>",
		name, flags, units(f.bbox[0]), units(f.bbox[1]), units(f.bbox[2]), units(f.bbox[3]), num(f.italicAngle),
		units(f.ascent), units(f.descent), units(f.capHeight), f.stemV(), n+3))
	w.stream(n+3, fmt.Sprintf(" /Length1 %d", len(file)), file)
	w.stream(n+4, "", toUnicode(used, glyphs))
	return nil
}

// tag is the six capital letters a subset font's name begins with, drawn
// from the glyphs it holds so that different subsets have different names
// and the same subset the same one.
func tag(name string, glyphs []uint16) string {
	h := fnv.New64a()
	h.Write([]byte(name))
	for _, g := range glyphs {
		h.Write([]byte{byte(g >> 8), byte(g)})
	}
	v := h.Sum64()
	var t [6]byte
	for i := range t {
		t[i] = 'A' + byte(v%26)
		v /= 26
	}
	return string(t[:])
}

// toUnicode is the CMap that takes each glyph back to the letter it was
// drawn for, so that copying text from the paper gives the text.
func toUnicode(used map[uint16]rune, glyphs []uint16) []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	var known []uint16
	for _, g := range glyphs {
		if g != 0 {
			known = append(known, g)
		}
	}
	for chunk := range slices.Chunk(known, 100) {
		fmt.Fprintf(&b, "%d beginbfchar\n", len(chunk))
		for _, g := range chunk {
			fmt.Fprintf(&b, "<%04X> <", g)
			for _, u := range utf16.Encode([]rune{used[g]}) {
				fmt.Fprintf(&b, "%04X", u)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

// literal writes an ASCII string as a PDF literal string.
func literal(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
	return "(" + r.Replace(s) + ")"
}

// text writes any string as a PDF text string: UTF-16 with its byte order
// mark, in hexadecimal.
func text(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}
