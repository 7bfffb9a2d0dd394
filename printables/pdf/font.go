package pdf

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Font is a TrueType font read once and embedded, cut to the glyphs each
// paper uses, in every paper that writes with it. Reading it is the costly
// part (its tables, its character map, its widths), so a Font is made once
// and shared: it is never changed after ParseFont and is safe to use from
// many papers at once.
type Font struct {
	name       string // the PostScript-safe name the PDF gives it
	unitsPerEm float64
	glyphs     map[rune]uint16
	advance    []uint16 // per glyph, in font units
	longLoca   bool
	loca       []uint32 // numGlyphs+1 offsets into glyf
	glyf       []byte
	tables     []table // every table but glyf, loca and the layout ones, in tag order

	ascent, descent, capHeight int // in font units
	bbox                       [4]int
	italicAngle                float64
	fixedPitch                 bool
	weight                     int // OS/2's weight class: 400 regular, 700 bold
}

// table is one of the font file's tables, kept as read.
type table struct {
	tag  string
	data []byte
}

// layoutTables are the OpenType tables a PDF viewer never reads: it
// places glyphs where the page's content puts them.
var layoutTables = map[string]bool{"GDEF": true, "GPOS": true, "GSUB": true, "MATH": true, "kern": true, "DSIG": true}

// ParseFont reads a TrueType font (glyf outlines, not CFF). name is what
// the PDF calls it, such as DejaVuSerif-Bold.
func ParseFont(name string, ttf []byte) (*Font, error) {
	r := reader{b: ttf}
	if len(ttf) < 12 {
		return nil, fmt.Errorf("pdf: font %s: %d bytes is too short for a font", name, len(ttf))
	}
	if v := r.u32(0); v != 0x00010000 && v != 0x74727565 {
		return nil, fmt.Errorf("pdf: font %s: not a TrueType font (version %#x)", name, v)
	}
	f := &Font{name: name}
	raw := map[string][]byte{}
	n := int(r.u16(4))
	for i := range n {
		at := 12 + 16*i
		tag := string(r.bytes(at, 4))
		off, length := int(r.u32(at+8)), int(r.u32(at+12))
		if off+length > len(ttf) || off < 0 {
			return nil, fmt.Errorf("pdf: font %s: table %q runs past the file's end", name, tag)
		}
		raw[tag] = ttf[off : off+length]
	}
	for _, tag := range []string{"head", "hhea", "hmtx", "maxp", "loca", "glyf", "cmap"} {
		if raw[tag] == nil {
			return nil, fmt.Errorf("pdf: font %s: it has no %q table", name, tag)
		}
	}
	if err := f.readMetrics(raw); err != nil {
		return nil, fmt.Errorf("pdf: font %s: %w", name, err)
	}
	if err := f.readCmap(raw["cmap"]); err != nil {
		return nil, fmt.Errorf("pdf: font %s: cmap: %w", name, err)
	}
	f.glyf = raw["glyf"]
	for tag, data := range raw {
		if tag == "glyf" || tag == "loca" || layoutTables[tag] {
			continue
		}
		if tag == "post" && len(data) >= 32 {
			// Version 3 of post names no glyphs: a PDF finds glyphs by
			// number, and the names were a tenth of what each paper carried.
			data = slices.Clone(data[:32])
			binary.BigEndian.PutUint32(data, 0x00030000)
		}
		f.tables = append(f.tables, table{tag, data})
	}
	slices.SortFunc(f.tables, func(a, b table) int { return strings.Compare(a.tag, b.tag) })
	return f, nil
}

// readMetrics reads what the font descriptor and the line layout need:
// the em, the widths, the glyphs' offsets and the vertical metrics.
func (f *Font) readMetrics(raw map[string][]byte) error {
	head := reader{b: raw["head"]}
	if len(head.b) < 54 {
		return fmt.Errorf("head is %d bytes, want 54", len(head.b))
	}
	f.unitsPerEm = float64(head.u16(18))
	if f.unitsPerEm == 0 {
		return fmt.Errorf("head gives 0 units per em")
	}
	f.bbox = [4]int{int(head.i16(36)), int(head.i16(38)), int(head.i16(40)), int(head.i16(42))}
	f.longLoca = head.i16(50) == 1

	maxp := reader{b: raw["maxp"]}
	if len(maxp.b) < 6 {
		return fmt.Errorf("maxp is %d bytes", len(maxp.b))
	}
	glyphs := int(maxp.u16(4))

	hhea := reader{b: raw["hhea"]}
	if len(hhea.b) < 36 {
		return fmt.Errorf("hhea is %d bytes, want 36", len(hhea.b))
	}
	f.ascent, f.descent = int(hhea.i16(4)), int(hhea.i16(6))
	metrics := int(hhea.u16(34))
	hmtx := reader{b: raw["hmtx"]}
	if metrics == 0 || metrics > glyphs || len(hmtx.b) < 4*metrics {
		return fmt.Errorf("hmtx holds %d bytes for %d metrics", len(hmtx.b), metrics)
	}
	f.advance = make([]uint16, glyphs)
	for g := range glyphs {
		// Glyphs past the last metric share its advance (monospaced tails).
		f.advance[g] = hmtx.u16(4 * min(g, metrics-1))
	}

	loca := reader{b: raw["loca"]}
	f.loca = make([]uint32, glyphs+1)
	for g := range glyphs + 1 {
		switch {
		case f.longLoca && len(loca.b) >= 4*(g+1):
			f.loca[g] = loca.u32(4 * g)
		case !f.longLoca && len(loca.b) >= 2*(g+1):
			f.loca[g] = 2 * uint32(loca.u16(2*g))
		default:
			return fmt.Errorf("loca is %d bytes for %d glyphs", len(loca.b), glyphs)
		}
		if f.loca[g] > uint32(len(raw["glyf"])) || (g > 0 && f.loca[g] < f.loca[g-1]) {
			return fmt.Errorf("loca: glyph %d's offset %d is out of order or past glyf's end", g, f.loca[g])
		}
	}

	f.capHeight, f.weight = f.ascent, 400
	os2 := reader{b: raw["OS/2"]}
	if len(os2.b) >= 6 {
		f.weight = int(os2.u16(4))
	}
	if len(os2.b) >= 90 && os2.u16(0) >= 2 {
		f.capHeight = int(os2.i16(88))
	}
	if post := (reader{b: raw["post"]}); len(post.b) >= 16 {
		f.italicAngle = float64(int32(post.u32(4))) / 65536
		f.fixedPitch = post.u32(12) != 0
	}
	return nil
}

// readCmap reads the Unicode character map: format 12 where the font has
// one, else format 4.
func (f *Font) readCmap(b []byte) error {
	r := reader{b: b}
	if len(b) < 4 {
		return fmt.Errorf("%d bytes", len(b))
	}
	best, bestFormat := -1, 0
	for i := range int(r.u16(2)) {
		at := 4 + 8*i
		if at+8 > len(b) {
			return fmt.Errorf("its encoding records run past its end")
		}
		platform, encoding, off := r.u16(at), r.u16(at+2), int(r.u32(at+4))
		unicode := platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10))
		if !unicode || off+2 > len(b) {
			continue
		}
		if format := int(r.u16(off)); (format == 4 || format == 12) && format > bestFormat {
			best, bestFormat = off, format
		}
	}
	f.glyphs = map[rune]uint16{}
	switch bestFormat {
	case 12:
		return f.readCmap12(reader{b: b[best:]})
	case 4:
		return f.readCmap4(reader{b: b[best:]})
	}
	return fmt.Errorf("no Unicode subtable in format 4 or 12")
}

func (f *Font) readCmap4(r reader) error {
	if len(r.b) < 14 {
		return fmt.Errorf("format 4 subtable is %d bytes", len(r.b))
	}
	segs := int(r.u16(6)) / 2
	ends, starts, deltas, offsets := 14, 16+2*segs, 16+4*segs, 16+6*segs
	if offsets+2*segs > len(r.b) {
		return fmt.Errorf("format 4 subtable's %d segments run past its end", segs)
	}
	for s := range segs {
		end, start := rune(r.u16(ends+2*s)), rune(r.u16(starts+2*s))
		delta, ro := r.u16(deltas+2*s), int(r.u16(offsets+2*s))
		for c := start; c <= end && c != 0xFFFF; c++ {
			g := uint16(c) + delta
			if ro != 0 {
				at := offsets + 2*s + ro + 2*int(c-start)
				if at+2 > len(r.b) {
					return fmt.Errorf("format 4 segment %d points past the subtable", s)
				}
				if g = r.u16(at); g != 0 {
					g += delta
				}
			}
			if g != 0 && int(g) < len(f.advance) {
				f.glyphs[c] = g
			}
		}
	}
	return nil
}

func (f *Font) readCmap12(r reader) error {
	if len(r.b) < 16 {
		return fmt.Errorf("format 12 subtable is %d bytes", len(r.b))
	}
	groups := int(r.u32(12))
	if 16+12*groups > len(r.b) {
		return fmt.Errorf("format 12 subtable's %d groups run past its end", groups)
	}
	for i := range groups {
		at := 16 + 12*i
		start, end, g := rune(r.u32(at)), rune(r.u32(at+4)), r.u32(at+8)
		for c := start; c <= end && c-start < 0x10000; c++ {
			if gid := g + uint32(c-start); gid != 0 && int(gid) < len(f.advance) {
				f.glyphs[c] = uint16(gid)
			}
		}
	}
	return nil
}

// stemV estimates the width of the font's vertical stems from its weight,
// as font tools do when the font does not say: the descriptor must give
// one, and viewers use it only to fake the font when they cannot load it.
func (f *Font) stemV() int { return 50 + int(math.Pow(float64(f.weight)/65, 2)) }

// glyph gives the glyph a rune is drawn with, or 0, the font's "missing"
// box, for a rune the font lacks.
func (f *Font) glyph(c rune) uint16 { return f.glyphs[c] }

// Width is how wide s is at size points, in points.
func (f *Font) Width(s string, size float64) float64 {
	var w float64
	for _, c := range s {
		w += f.advanceOf(c, size)
	}
	return w
}

// advanceOf is how far c moves the pen at size points, in points.
func (f *Font) advanceOf(c rune, size float64) float64 {
	return float64(f.advance[f.glyph(c)]) * size / f.unitsPerEm
}

// reader reads big-endian numbers from a font's bytes; callers check
// lengths first.
type reader struct{ b []byte }

func (r reader) u16(at int) uint16      { return binary.BigEndian.Uint16(r.b[at:]) }
func (r reader) i16(at int) int16       { return int16(r.u16(at)) }
func (r reader) u32(at int) uint32      { return binary.BigEndian.Uint32(r.b[at:]) }
func (r reader) bytes(at, n int) []byte { return r.b[at : at+n] }
