package printables

import (
	"bytes"
	_ "embed"
	"fmt"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

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
)

// page is one paper being written.
type page struct {
	pdf *fpdf.Fpdf
}

// newPage starts a paper issued at issued: its dates in the PDF's
// metadata are the issue's, so that the same facts give the same bytes.
func newPage(title string, issued time.Time) *page {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(marginLeft, marginTop, marginRight)
	pdf.SetAutoPageBreak(true, 20)
	pdf.AddUTF8FontFromBytes("serif", "", regular)
	pdf.AddUTF8FontFromBytes("serif", "B", bold)
	pdf.AddUTF8FontFromBytes("serif", "I", italic)
	pdf.SetTitle(title, true)
	pdf.SetLang("vi")
	pdf.SetProducer("motcua", false)
	pdf.SetCreationDate(issued)
	pdf.SetModificationDate(issued)
	pdf.SetCatalogSort(true)
	pdf.AddPage()
	return &page{pdf: pdf}
}

// header writes the two columns every administrative paper opens with:
// the body above and the issuing unit on the left, the national motto on
// the right; then the place and date line, and the paper's number.
func (p *page) header(h Letterhead, fallback string, issued time.Time) {
	f := p.pdf
	// The left column is as wide as the motto leaves, so that the usual
	// names (ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH) stay on one line.
	left, right := 73.0, textWidth-73.0
	y := f.GetY()
	if h.Parent != "" {
		f.SetFont("serif", "", 9.5)
		f.MultiCell(left, 5.5, strings.ToUpper(h.Parent), "", "C", false)
	}
	f.SetFont("serif", "B", 9.5)
	f.MultiCell(left, 5.5, strings.ToUpper(h.Body), "", "C", false)
	yLeft := f.GetY()
	f.SetXY(marginLeft+left, y)
	f.SetFont("serif", "B", 10)
	f.MultiCell(right, 5.5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "", "C", false)
	f.SetX(marginLeft + left)
	f.MultiCell(right, 5.5, "Độc lập - Tự do - Hạnh phúc", "", "C", false)
	f.SetY(max(yLeft, f.GetY()) + 2)
	f.SetFont("serif", "", 11)
	number := h.Register
	if number == "" {
		number = fallback
	}
	f.CellFormat(left, 6, "Số: "+number, "", 0, "C", false, 0, "")
	f.SetFont("serif", "I", 11)
	dateLine := "N" + longDate(issued)[1:]
	if h.Place != "" {
		dateLine = h.Place + ", " + longDate(issued)
	}
	f.CellFormat(right, 6, dateLine, "", 1, "C", false, 0, "")
	f.Ln(6)
}

// title writes the paper's name, centred and bold.
func (p *page) title(lines ...string) {
	p.pdf.SetFont("serif", "B", 13)
	for _, l := range lines {
		p.pdf.CellFormat(textWidth, 7, l, "", 1, "C", false, 0, "")
	}
	p.pdf.Ln(5)
}

// para writes a paragraph, wrapped to the text width.
func (p *page) para(format string, args ...any) {
	p.pdf.SetFont("serif", "", 12)
	p.pdf.MultiCell(textWidth, lineHeight, fmt.Sprintf(format, args...), "", "L", false)
}

// item writes a line indented under a numbered heading.
func (p *page) item(format string, args ...any) {
	p.pdf.SetFont("serif", "", 12)
	p.pdf.SetX(marginLeft + 8)
	p.pdf.MultiCell(textWidth-8, lineHeight, fmt.Sprintf(format, args...), "", "L", false)
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
	if f.GetY() > 297-20-45 {
		f.AddPage() // a signature block is never split from its name
	}
	w := 85.0
	y := f.GetY()
	block := func(x float64, role, name string) {
		f.SetXY(x, y)
		f.SetFont("serif", "B", 12)
		f.CellFormat(w, 6, strings.ToUpper(role), "", 2, "C", false, 0, "")
		f.SetX(x)
		f.SetFont("serif", "I", 11)
		f.CellFormat(w, 6, "(Ký và ghi rõ họ tên)", "", 2, "C", false, 0, "")
		f.SetXY(x, y+30)
		f.SetFont("serif", "B", 12)
		f.CellFormat(w, 6, name, "", 2, "C", false, 0, "")
	}
	if leftRole != "" {
		block(marginLeft, leftRole, leftName)
	}
	block(marginLeft+textWidth-w, rightRole, rightName)
	f.SetY(y + 40)
}

// bytes finishes the paper.
func (p *page) bytes() ([]byte, error) {
	var b bytes.Buffer
	if err := p.pdf.Output(&b); err != nil {
		return nil, fmt.Errorf("printables: %w", err)
	}
	return b.Bytes(), nil
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
