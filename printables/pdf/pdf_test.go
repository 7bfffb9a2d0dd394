package pdf

import (
	"bytes"
	"encoding/binary"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua/printables/printablestest"
)

func serif(t testing.TB, file string) *Font {
	t.Helper()
	b, err := os.ReadFile("../fonts/" + file)
	if err != nil {
		t.Fatal(err)
	}
	f, err := ParseFont(strings.TrimSuffix(file, ".ttf"), b)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestFontMapsEveryVietnameseLetter(t *testing.T) {
	f := serif(t, "DejaVuSerif.ttf")
	for _, c := range "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ" {
		if f.glyph(c) == 0 {
			t.Errorf("%q has no glyph", c)
		}
	}
	if f.glyph('漢') != 0 {
		t.Error("a letter the font lacks should be drawn with the missing-glyph box, glyph 0")
	}
	// DejaVu's em is 2048 units; its space is 651 of them.
	if got := f.Width(" ", 12); got < 3.8 || got > 3.82 {
		t.Errorf("a space at 12 pt is %.3f pt wide, want 3.81", got)
	}
}

func TestParseFontRejectsWhatIsNotAFont(t *testing.T) {
	good, err := os.ReadFile("../fonts/DejaVuSerif.ttf")
	if err != nil {
		t.Fatal(err)
	}
	truncated := bytes.Clone(good[:2000])
	for name, b := range map[string][]byte{
		"too short":         []byte("OTTO"),
		"a PDF":             []byte("%PDF-1.4 not a font at all"),
		"cut after its toc": truncated,
	} {
		if _, err := ParseFont("Broken", b); err == nil || !strings.Contains(err.Error(), "font Broken") {
			t.Errorf("%s: err = %v, want an error naming the font", name, err)
		}
	}
}

func TestSubsetKeepsWhatCompositeLettersAreBuiltFrom(t *testing.T) {
	f := serif(t, "DejaVuSerif.ttf")
	e := f.glyph('ệ')
	data := f.glyf[f.loca[e]:f.loca[e+1]]
	if int16(binary.BigEndian.Uint16(data)) >= 0 {
		t.Skip("this font draws ệ with outlines of its own")
	}
	file, err := f.subset(map[uint16]bool{e: true})
	if err != nil {
		t.Fatal(err)
	}
	sub, err := ParseFont("Sub", file)
	if err != nil {
		t.Fatalf("the subset does not read back: %v", err)
	}
	if len(sub.advance) != len(f.advance) || sub.glyph('ệ') != e {
		t.Fatal("the subset renumbered its glyphs")
	}
	outlined := func(g uint16) bool { return sub.loca[g+1] > sub.loca[g] }
	if !outlined(e) || !outlined(f.glyph('e')) {
		t.Error("ệ or the e it is built on lost its outline")
	}
	if outlined(f.glyph('x')) {
		t.Error("x, which the page does not use, kept its outline")
	}
	if checksum(file) != 0xB1B0AFBA {
		t.Errorf("the file's checksum is %#x; head's adjustment should make it 0xB1B0AFBA", checksum(file))
	}
}

func TestWrapBreaksAtTheLastSpaceThatFitsAndCutsLongWords(t *testing.T) {
	d := New(Info{})
	d.SetFont(serif(t, "DejaVuSerif.ttf"), 12)
	word := d.TextWidth("Thạch")
	lines := d.wrap(2.5*word, "Thạch Hà Thạch Hà")
	if want := []string{"Thạch Hà", "Thạch Hà"}; strings.Join(lines, "|") != strings.Join(want, "|") {
		t.Errorf("wrapped into %q, want %q", lines, want)
	}
	lines = d.wrap(word/2, "Thạch")
	if len(lines) < 2 || strings.Join(lines, "") != "Thạch" {
		t.Errorf("a word wider than the cell became %q: it should be cut and kept whole", lines)
	}
	if lines := d.wrap(100, "một\nhai"); len(lines) != 2 {
		t.Errorf("a newline gave %q; it always breaks", lines)
	}
}

func TestPaperReadsBackAndBreaksPages(t *testing.T) {
	regular, bold := serif(t, "DejaVuSerif.ttf"), serif(t, "DejaVuSerif-Bold.ttf")
	issued := time.Date(2026, 3, 5, 14, 30, 0, 0, time.FixedZone("ICT", 7*3600))
	write := func() []byte {
		d := New(Info{Title: "Giấy thử", Lang: "vi", Producer: "motcua", Created: issued})
		d.Margins(30, 20, 20)
		d.AddPage()
		d.SetFont(bold, 13)
		d.Cell(165, 7, "GIẤY TIẾP NHẬN HỒ SƠ", Center, NextLine)
		d.SetFont(regular, 12)
		for i := range 60 {
			d.MultiCell(165, 6.5, strings.Repeat("Đăng ký thường trú tại xã Thạch Hà, ", 1+i%3)+"hết.", Left)
		}
		b, err := d.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	b := write()
	if !bytes.Equal(b, write()) {
		t.Error("the same calls gave different bytes")
	}
	if pages := bytes.Count(b, []byte("/Type /Page ")); pages < 3 {
		t.Errorf("60 paragraphs fit on %d pages; they should have broken onto at least 3", pages)
	}
	text := printablestest.Text(t, b)
	for _, want := range []string{"GIẤY TIẾP NHẬN HỒ SƠ", "Đăng ký thường trú tại xã Thạch Hà, Đăng ký thường trú tại xã Thạch Hà, hết."} {
		if !strings.Contains(text, want) {
			t.Errorf("the paper lacks %q; it reads:\n%s", want, text)
		}
	}
}

func TestTextBeforeAFontIsAnError(t *testing.T) {
	d := New(Info{})
	d.AddPage()
	d.Cell(10, 5, "chữ", Left, Right)
	if _, err := d.Bytes(); err == nil {
		t.Error("text with no font set made a paper")
	}
}
