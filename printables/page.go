package printables

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/motcua/motcua/printables/pdf"

	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/money"
)

// DejaVu Serif covers every Vietnamese letter with its tone marks; the Go
// fonts and the PDF standard fonts do not.
var (
	//go:embed fonts/DejaVuSerif.ttf
	regular []byte
	//go:embed fonts/DejaVuSerif-Bold.ttf
	bold []byte
	//go:embed fonts/DejaVuSerif-Italic.ttf
	italic []byte
)

// vietnam is the zone every date is written in.
var vietnam = calendar.Vietnam

// The page's geometry, in millimetres: A4 with the margins of
// administrative documents (Nghị định 30/2020/NĐ-CP, Phụ lục I).
const (
	marginLeft  = 30.0
	marginRight = 15.0
	marginTop   = 20.0
	textWidth   = 210.0 - marginLeft - marginRight
	lineHeight  = 6.5
	// marginBottom is where text breaks to a new page.
	marginBottom = 20.0
)

// The faces papers are written in, read once: reading a font is most of
// what a paper would otherwise cost.
var faces = sync.OnceValues(func() (faceSet, error) {
	var fs faceSet
	var err error
	for _, f := range []struct {
		to   **pdf.Font
		name string
		ttf  []byte
	}{{&fs.regular, "DejaVuSerif", regular}, {&fs.bold, "DejaVuSerif-Bold", bold}, {&fs.italic, "DejaVuSerif-Italic", italic}} {
		if *f.to, err = pdf.ParseFont(f.name, f.ttf); err != nil {
			return fs, err
		}
	}
	return fs, nil
})

// faceSet is the serif in its three styles.
type faceSet struct{ regular, bold, italic *pdf.Font }

// page is one paper being written.
type page struct {
	pdf   *pdf.Document
	faces faceSet
	// err is why the fonts could not be read. The faces are then nil, the
	// document refuses text in them, and bytes reports this.
	err error
}

// newPage starts a paper issued at issued: its dates in the PDF's
// metadata are the issue's, so that the same facts give the same bytes.
func newPage(title string, issued time.Time) *page {
	fs, err := faces()
	d := pdf.New(pdf.Info{Title: title, Lang: "vi", Producer: "motcua", Created: issued})
	d.Margins(marginLeft, marginTop, marginBottom)
	d.AddPage()
	return &page{pdf: d, faces: fs, err: err}
}

// font sets the face and size of what follows.
func (p *page) font(face *pdf.Font, size float64) { p.pdf.SetFont(face, size) }

// header writes the two columns every administrative paper opens with:
// the body above and the issuing unit on the left, the national motto on
// the right; then the place and date line, and the paper's number.
func (p *page) header(h Letterhead, fallback string, issued time.Time) {
	f := p.pdf
	// The left column is as wide as the motto leaves, so that the usual
	// names (ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH) stay on one line.
	left, right := 73.0, textWidth-73.0
	y := f.Y()
	if h.Parent != "" {
		p.font(p.faces.regular, 9.5)
		f.MultiCell(left, 5.5, strings.ToUpper(h.Parent), pdf.Center)
	}
	p.font(p.faces.bold, 9.5)
	f.MultiCell(left, 5.5, strings.ToUpper(h.Body), pdf.Center)
	yLeft := f.Y()
	f.SetXY(marginLeft+left, y)
	p.font(p.faces.bold, 10)
	f.MultiCell(right, 5.5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", pdf.Center)
	f.SetX(marginLeft + left)
	f.MultiCell(right, 5.5, "Độc lập - Tự do - Hạnh phúc", pdf.Center)
	f.SetY(max(yLeft, f.Y()) + 2)
	p.font(p.faces.regular, 11)
	number := h.Register
	if number == "" {
		number = fallback
	}
	f.Cell(left, 6, "Số: "+number, pdf.Center, pdf.Right)
	p.font(p.faces.italic, 11)
	dateLine := "N" + longDate(issued)[1:]
	if h.Place != "" {
		dateLine = h.Place + ", " + longDate(issued)
	}
	f.Cell(right, 6, dateLine, pdf.Center, pdf.NextLine)
	f.Ln(6)
}

// title writes the paper's name, centred and bold.
func (p *page) title(lines ...string) {
	p.font(p.faces.bold, 13)
	for _, l := range lines {
		p.pdf.Cell(textWidth, 7, l, pdf.Center, pdf.NextLine)
	}
	p.pdf.Ln(5)
}

// addressee writes the "Kính gửi" line, centred and bold.
func (p *page) addressee(name string) {
	p.font(p.faces.bold, 12)
	p.pdf.Cell(textWidth, lineHeight, "Kính gửi: Ông/Bà "+name, pdf.Center, pdf.NextLine)
	p.pdf.Ln(3)
}

// para writes a paragraph, wrapped to the text width.
func (p *page) para(format string, args ...any) {
	p.font(p.faces.regular, 12)
	p.pdf.MultiCell(textWidth, lineHeight, fmt.Sprintf(format, args...), pdf.Left)
}

// item writes a line indented under a numbered heading.
func (p *page) item(format string, args ...any) {
	p.font(p.faces.regular, 12)
	p.pdf.SetX(marginLeft + 8)
	p.pdf.MultiCell(textWidth-8, lineHeight, fmt.Sprintf(format, args...), pdf.Left)
}

// signature writes the signing block at the right: the signer's title,
// the instruction to sign, and the name.
func (p *page) signature(role, name string) { p.signatures("", "", role, name) }

// signatures writes two signing blocks side by side, as the receipt slip
// has them: the person filing on the left, the officer on the right. An
// empty left role leaves the left blank.
func (p *page) signatures(leftRole, leftName, rightRole, rightName string) {
	f := p.pdf
	f.Ln(8)
	if f.Y() > 297-marginBottom-45 {
		f.AddPage() // a signature block is never split from its name
	}
	w := 85.0
	y := f.Y()
	block := func(x float64, role, name string) {
		f.SetXY(x, y)
		p.font(p.faces.bold, 12)
		f.Cell(w, 6, strings.ToUpper(role), pdf.Center, pdf.Below)
		f.SetX(x)
		p.font(p.faces.italic, 11)
		f.Cell(w, 6, "(Ký và ghi rõ họ tên)", pdf.Center, pdf.Below)
		f.SetXY(x, y+30)
		p.font(p.faces.bold, 12)
		f.Cell(w, 6, name, pdf.Center, pdf.Below)
	}
	if leftRole != "" {
		block(marginLeft, leftRole, leftName)
	}
	block(marginLeft+textWidth-w, rightRole, rightName)
	f.SetY(y + 40)
}

// bytes finishes the paper.
func (p *page) bytes() ([]byte, error) {
	if p.err != nil {
		return nil, fmt.Errorf("printables: %w", p.err)
	}
	b, err := p.pdf.Bytes()
	if err != nil {
		return nil, fmt.Errorf("printables: %w", err)
	}
	return b, nil
}

// dong writes an amount as papers do, in words the embedded font has:
// 10.000 đồng.
func dong(v money.VND) string { return strings.TrimSuffix(v.String(), " ₫") + " đồng" }

// longDate writes a day the way administrative papers do: ngày 05 tháng
// 03 năm 2026.
func longDate(t time.Time) string {
	t = t.In(vietnam)
	return fmt.Sprintf("ngày %02d tháng %02d năm %d", t.Day(), int(t.Month()), t.Year())
}

// moment writes an instant with its hour: 14 giờ 30 phút, ngày 05/03/2026.
func moment(t time.Time) string {
	t = t.In(vietnam)
	return fmt.Sprintf("%02d giờ %02d phút, ngày %s", t.Hour(), t.Minute(), t.Format("02/01/2006"))
}
