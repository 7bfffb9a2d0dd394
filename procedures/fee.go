package procedures

import (
	"gopkg.in/yaml.v3"
)

// Fees are the phí and lệ phí a procedure charges, and how they are rounded.
type Fees struct {
	Rounding Rounding `yaml:"rounding,required"`
	Items    []Fee    `yaml:"items,required"`
}

// FeeKind distinguishes a phí (a fee for a service) from a lệ phí (a state
// charge); the law treats them differently and receipts name them apart.
type FeeKind string

// The kinds of fee.
const (
	ServiceFee FeeKind = "fee"    // phí
	Charge     FeeKind = "charge" // lệ phí
)

func (k *FeeKind) decodeNode(r *report, n *yaml.Node, path string) {
	if s, ok := enum(r, n, path, string(ServiceFee), string(Charge)); ok {
		*k = FeeKind(s)
	}
}

// Fee is one item of the fees: its amount is a rule on the dossier.
type Fee struct {
	Code      string     `yaml:"code,required"`
	Name      string     `yaml:"name,required"`
	Kind      FeeKind    `yaml:"kind,required"`
	Amount    Amount     `yaml:"amount,required"`
	Basis     string     `yaml:"basis"`
	Discounts []Discount `yaml:"discounts"`
}

// Discount lowers a fee item when its condition holds within its dates,
// either by a percentage or by an amount. Discounts do not stack: the one
// that lowers the item most applies.
type Discount struct {
	Name          string    `yaml:"name,required"`
	When          Condition `yaml:"when,required"`
	Percent       *int64    `yaml:"percent"`
	Amount        *int64    `yaml:"amount"`
	EffectiveFrom Date      `yaml:"effective_from"`
	EffectiveTo   Date      `yaml:"effective_to"`
	Basis         string    `yaml:"basis"`
}

// RoundingMode says which way a discounted amount is rounded.
type RoundingMode string

// The rounding modes.
const (
	RoundDown   RoundingMode = "down"
	RoundUp     RoundingMode = "up"
	RoundHalfUp RoundingMode = "half_up"
)

func (m *RoundingMode) decodeNode(r *report, n *yaml.Node, path string) {
	if s, ok := enum(r, n, path, string(RoundDown), string(RoundUp), string(RoundHalfUp)); ok {
		*m = RoundingMode(s)
	}
}

// Rounding is the stated rule for amounts that a percentage leaves uneven:
// the mode, and the unit in đồng to round to.
type Rounding struct {
	Mode RoundingMode `yaml:"mode,required" json:"mode"`
	Unit int64        `yaml:"unit,required" json:"unit"`
}

// apply rounds hundredths of a đồng to the rule's unit.
func (r Rounding) apply(hundredths int64) int64 {
	q := r.Unit * 100
	whole, rest := hundredths/q, hundredths%q
	switch {
	case rest == 0:
	case r.Mode == RoundUp:
		whole++
	case r.Mode == RoundHalfUp && rest*2 >= q:
		whole++
	}
	return whole * r.Unit
}
