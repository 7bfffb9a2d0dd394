// Package money holds amounts of Vietnamese đồng. Fees and charges are whole
// đồng by law, so an amount is an integer and never a float.
package money

import (
	"fmt"
	"strconv"
	"strings"
)

// VND is an amount in Vietnamese đồng.
type VND int64

// String formats the amount the Vietnamese way, with dots between thousands:
// 200.000 ₫.
func (v VND) String() string {
	s := strconv.FormatInt(int64(v), 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	b.WriteString(" ₫")
	return b.String()
}

// Parse reads an amount written as digits, optionally grouped with dots,
// commas or spaces and followed by "đ", "₫" or "VND".
func Parse(s string) (VND, error) {
	t := strings.TrimSpace(s)
	for _, suffix := range []string{"VND", "vnd", "₫", "đ", "d"} {
		t = strings.TrimSpace(strings.TrimSuffix(t, suffix))
	}
	t = strings.NewReplacer(".", "", ",", "", " ", "").Replace(t)
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not an amount in đồng", s)
	}
	return VND(n), nil
}
