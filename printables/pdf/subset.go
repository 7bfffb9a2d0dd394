package pdf

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
)

// Composite glyph flags (the glyf table's component records).
const (
	argsAreWords   = 0x0001
	haveScale      = 0x0008
	moreComponents = 0x0020
	haveXYScale    = 0x0040
	haveTwoByTwo   = 0x0080
)

// closure adds to used every glyph a used composite glyph is built from:
// most Vietnamese letters are a base letter and one or two marks, drawn
// by reference.
func (f *Font) closure(used map[uint16]bool) error {
	queue := make([]uint16, 0, len(used))
	for g := range used {
		queue = append(queue, g)
	}
	for len(queue) > 0 {
		g := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		data := f.glyf[f.loca[g]:f.loca[g+1]]
		if len(data) < 10 || int16(binary.BigEndian.Uint16(data)) >= 0 {
			continue // empty, or a simple glyph with outlines of its own
		}
		for at := 10; ; {
			if at+4 > len(data) {
				return fmt.Errorf("glyph %d: a component runs past the glyph's end", g)
			}
			flags, part := binary.BigEndian.Uint16(data[at:]), binary.BigEndian.Uint16(data[at+2:])
			if int(part) >= len(f.advance) {
				return fmt.Errorf("glyph %d: component glyph %d is not in the font", g, part)
			}
			if !used[part] {
				used[part] = true
				queue = append(queue, part)
			}
			at += 4 + 2
			if flags&argsAreWords != 0 {
				at += 2
			}
			switch {
			case flags&haveScale != 0:
				at += 2
			case flags&haveXYScale != 0:
				at += 4
			case flags&haveTwoByTwo != 0:
				at += 8
			}
			if flags&moreComponents == 0 {
				break
			}
		}
	}
	return nil
}

// subset writes the font file with only the outlines of used glyphs (and
// of the glyphs they are built from). Every other glyph keeps its number
// and its width but no outline, so the page's glyph numbers, the widths
// and the character map all stay those of the whole font: no glyph is
// renumbered, and the PDF maps character codes to glyphs one to one.
func (f *Font) subset(used map[uint16]bool) ([]byte, error) {
	used[0] = true // the missing-glyph box, which a font must always have
	if err := f.closure(used); err != nil {
		return nil, fmt.Errorf("pdf: font %s: %w", f.name, err)
	}
	var glyf []byte
	loca := make([]byte, 0, 4*len(f.loca))
	for g := range len(f.loca) - 1 {
		if f.longLoca {
			loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
		} else {
			loca = binary.BigEndian.AppendUint16(loca, uint16(len(glyf)/2))
		}
		if used[uint16(g)] {
			glyf = append(glyf, f.glyf[f.loca[g]:f.loca[g+1]]...)
			if len(glyf)%2 == 1 {
				glyf = append(glyf, 0) // a short loca counts in words
			}
		}
	}
	if f.longLoca {
		loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
	} else {
		loca = binary.BigEndian.AppendUint16(loca, uint16(len(glyf)/2))
	}
	tables := append(slices.Clone(f.tables), table{"glyf", glyf}, table{"loca", loca})
	slices.SortFunc(tables, func(a, b table) int { return strings.Compare(a.tag, b.tag) })
	return assemble(tables), nil
}

// assemble writes a TrueType file from its tables, sorted by tag, with
// each table's checksum and the whole file's in head, as the format asks.
func assemble(tables []table) []byte {
	n := len(tables)
	power := 1
	for power*2 <= n {
		power *= 2
	}
	log2 := 0
	for p := power; p > 1; p /= 2 {
		log2++
	}
	out := binary.BigEndian.AppendUint32(nil, 0x00010000)
	out = binary.BigEndian.AppendUint16(out, uint16(n))
	out = binary.BigEndian.AppendUint16(out, uint16(16*power))
	out = binary.BigEndian.AppendUint16(out, uint16(log2))
	out = binary.BigEndian.AppendUint16(out, uint16(16*(n-power)))
	offset := 12 + 16*n
	headAt := -1
	for _, t := range tables {
		data := t.data
		if t.tag == "head" {
			headAt = offset
			data = slices.Clone(data)
			binary.BigEndian.PutUint32(data[8:], 0) // checkSumAdjustment counts as 0
		}
		out = append(out, t.tag...)
		out = binary.BigEndian.AppendUint32(out, checksum(data))
		out = binary.BigEndian.AppendUint32(out, uint32(offset))
		out = binary.BigEndian.AppendUint32(out, uint32(len(t.data)))
		offset += (len(t.data) + 3) &^ 3
	}
	for _, t := range tables {
		out = append(out, t.data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	if headAt >= 0 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0)
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
}

// checksum is TrueType's: the sum of the data as big-endian 32-bit words,
// the last padded with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
