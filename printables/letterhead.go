package printables

// Letterhead is who issues a paper, as the top of the page prints it: the
// body it answers to, the unit itself, the place of the date line, and the
// paper's number in the unit's register. The forms of Thông tư
// 03/2025/TT-VPCP (Phụ lục I) open with these, as every administrative
// paper does under Nghị định 30/2020/NĐ-CP.
type Letterhead struct {
	// Parent is the body above the unit (cơ quan chủ quản): Ủy ban nhân
	// dân tỉnh Hà Tĩnh for a commune since 1 July 2025.
	Parent string `json:"parent,omitempty"`
	// Body is the unit: Ủy ban nhân dân xã Thạch Hà.
	Body string `json:"body"`
	// Place is the địa danh of the date line: Thạch Hà.
	Place string `json:"place,omitempty"`
	// Register is the paper's number in the unit's register: 15/2026/TN.
	Register string `json:"register,omitempty"`
}

// or returns the letterhead, or one naming only body when it has none: a
// paper issued before the directory of units knew its unit.
func (h Letterhead) or(body string) Letterhead {
	if h.Body == "" {
		h.Body = body
	}
	return h
}
