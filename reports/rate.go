package reports

// Rate names one of the rates supervisors track.
type Rate string

// The rates, in the order reports show them.
const (
	// FiledOnline is dossiers filed online, assisted or not, among all
	// dossiers received in the period.
	FiledOnline Rate = "filed_online"
	// FullOnline is dossiers handled online from filing to result (toàn
	// trình): filed online, any fee paid online, the result returned
	// electronically or by public post. It is counted among the dossiers
	// resolved in the period, since only a returned result completes it.
	FullOnline Rate = "full_online"
	// PaidOnline is dossiers paid online among the fee-bearing dossiers
	// received in the period.
	PaidOnline Rate = "paid_online"
	// ResultsDigitized is dossiers whose result was digitized among the
	// dossiers resolved in the period.
	ResultsDigitized Rate = "results_digitized"
	// OnTime is dossiers resolved by their original appointment among the
	// dossiers resolved in the period.
	OnTime Rate = "on_time"
	// OnlinePaymentOffered is fee-bearing procedures configured for online
	// payment among the fee-bearing procedures a unit handles.
	OnlinePaymentOffered Rate = "online_payment_offered"
)

// Rates lists every rate in report order.
var Rates = []Rate{FiledOnline, FullOnline, PaidOnline, ResultsDigitized, OnTime, OnlinePaymentOffered}

// Title is the rate's name in Vietnamese, as supervisors' reports word it.
func (r Rate) Title() string {
	switch r {
	case FiledOnline:
		return "Tỷ lệ hồ sơ trực tuyến"
	case FullOnline:
		return "Tỷ lệ hồ sơ trực tuyến toàn trình"
	case PaidOnline:
		return "Tỷ lệ thanh toán trực tuyến"
	case ResultsDigitized:
		return "Tỷ lệ số hóa kết quả"
	case OnTime:
		return "Tỷ lệ giải quyết đúng hạn"
	case OnlinePaymentOffered:
		return "Tỷ lệ TTHC có thanh toán trực tuyến"
	}
	return string(r)
}
