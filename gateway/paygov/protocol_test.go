package paygov

import "testing"

// MaXacThuc is the hex SHA-256 of the fields joined with |, then | and the
// secret; the vector was computed apart, with sha256sum.
func TestMaXacThuc(t *testing.T) {
	req := InitRequest{MaDoiTac: "MOTCUA", MaThamChieu: "MC1", SoTien: 200000, MaHoSo: "HS-1", MaTTHC: "2.000488"}
	const want = "edbb8308edd58e0089e8fc4ca42992f75c7251a2ffb3bfeb8474b006e3cc1712"
	if got := Sign("s3cret", req.Fields()); got != want {
		t.Fatalf("MaXacThuc %s, want %s", got, want)
	}
	if !Verify("s3cret", req.Fields(), want) {
		t.Error("its own signature refused")
	}
	for name, c := range map[string]struct {
		secret string
		fields []string
	}{
		"another secret": {"guess", req.Fields()},
		"another amount": {"s3cret", []string{"MOTCUA", "MC1", "200001", "HS-1", "2.000488"}},
		"a field moved":  {"s3cret", []string{"MC1", "MOTCUA", "200000", "HS-1", "2.000488"}},
	} {
		if Verify(c.secret, c.fields, want) {
			t.Errorf("%s: accepted", name)
		}
	}
}
