// Package paygov speaks the national payment platform's protocol (Nền
// tảng thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia, PayGov): a
// payment is opened with INIT, which gives the URL where the citizen
// pays; the platform posts the outcome to a callback; and a payment whose
// callback never came is asked about with QUERY. Every message in both
// directions carries MaXacThuc, the SHA-256 of its fields joined with |
// and followed by the shared secret. The platform's specification is not
// public; this follows one province's production system.
package paygov

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/motcua/motcua/money"
)

// Success is MaLoi of a payment that went through.
const Success = "00"

// The states QUERY answers (TrangThai).
const (
	StatePaid    = 1
	StatePending = 3
	StateFailed  = 4
)

// InitRequest opens a payment.
type InitRequest struct {
	MaDoiTac    string    `json:"MaDoiTac"`    // the partner code the platform gave the province
	MaThamChieu string    `json:"MaThamChieu"` // motcua's reference, unique per payment
	SoTien      money.VND `json:"SoTien"`
	MaHoSo      string    `json:"MaHoSo"`
	MaTTHC      string    `json:"MaTTHC"`
	MoTa        string    `json:"MoTa"`
	MaXacThuc   string    `json:"MaXacThuc"`
}

// Fields lists what the signature covers, in order.
func (r InitRequest) Fields() []string {
	return []string{r.MaDoiTac, r.MaThamChieu, digits(r.SoTien), r.MaHoSo, r.MaTTHC}
}

// InitResponse gives the URL where the citizen pays.
type InitResponse struct {
	MaLoi        string `json:"MaLoi"`
	MoTa         string `json:"MoTa"`
	MaThamChieu  string `json:"MaThamChieu"`
	UrlThanhToan string `json:"UrlThanhToan"`
	MaXacThuc    string `json:"MaXacThuc"`
}

// Fields lists what the signature covers, in order.
func (r InitResponse) Fields() []string { return []string{r.MaLoi, r.MaThamChieu, r.UrlThanhToan} }

// Callback is the platform's word on a payment.
type Callback struct {
	MaLoi       string    `json:"MaLoi"`
	MaThamChieu string    `json:"MaThamChieu"`
	SoTien      money.VND `json:"SoTien"`
	MaGiaoDich  string    `json:"MaGiaoDich"` // the platform's transaction
	NganHang    string    `json:"NganHang"`
	ThoiGianGD  string    `json:"ThoiGianGD"` // yyyyMMddHHmmss
	MaXacThuc   string    `json:"MaXacThuc"`
}

// Fields lists what the signature covers, in order.
func (c Callback) Fields() []string {
	return []string{c.MaLoi, c.MaThamChieu, digits(c.SoTien), c.MaGiaoDich, c.NganHang, c.ThoiGianGD}
}

// QueryRequest asks about a payment.
type QueryRequest struct {
	MaDoiTac    string `json:"MaDoiTac"`
	MaThamChieu string `json:"MaThamChieu"`
	MaXacThuc   string `json:"MaXacThuc"`
}

// Fields lists what the signature covers, in order.
func (r QueryRequest) Fields() []string { return []string{r.MaDoiTac, r.MaThamChieu} }

// QueryResponse is what the platform knows of a payment.
type QueryResponse struct {
	MaLoi       string    `json:"MaLoi"`
	MaThamChieu string    `json:"MaThamChieu"`
	TrangThai   int       `json:"TrangThai"`
	SoTien      money.VND `json:"SoTien"`
	MaGiaoDich  string    `json:"MaGiaoDich"`
	NganHang    string    `json:"NganHang"`
	ThoiGianGD  string    `json:"ThoiGianGD"`
	MaXacThuc   string    `json:"MaXacThuc"`
}

// Fields lists what the signature covers, in order.
func (r QueryResponse) Fields() []string {
	return []string{r.MaLoi, r.MaThamChieu, strconv.Itoa(r.TrangThai), digits(r.SoTien), r.MaGiaoDich}
}

// Sign computes MaXacThuc: the hex SHA-256 of the fields joined with |,
// then | and the secret.
func Sign(secret string, fields []string) string {
	sum := sha256.Sum256([]byte(strings.Join(fields, "|") + "|" + secret))
	return hex.EncodeToString(sum[:])
}

// Verify reports whether mac signs fields, in constant time.
func Verify(secret string, fields []string, mac string) bool {
	want := Sign(secret, fields)
	return subtle.ConstantTimeCompare([]byte(strings.ToLower(mac)), []byte(want)) == 1
}

func digits(v money.VND) string { return strconv.FormatInt(int64(v), 10) }
