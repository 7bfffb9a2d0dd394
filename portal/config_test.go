package portal

import (
	"strings"
	"testing"
)

func TestTheShippedMappingLoads(t *testing.T) {
	c := Default()
	if c.Statuses["returned"] != 10 || c.Fields["code"] != "MaHoSo" || c.Channels["online"] != 2 {
		t.Errorf("%+v", c)
	}
}

// A broken mapping is refused with every problem at its line.
func TestABrokenMappingNamesEveryProblem(t *testing.T) {
	bad := strings.Replace(string(defaultConfig), "url: http://127.0.0.1:8080/portal-simulator", "url: ftp://portal", 1)
	bad = strings.Replace(bad, "  code: MaHoSo\n", "  kode: MaHoSo\n", 1)
	bad = strings.Replace(bad, "  create: /hoso/them-moi", "  create: hoso/them-moi", 1)
	_, err := Parse("portal.yaml", []byte(bad))
	if err == nil {
		t.Fatal("accepted")
	}
	for _, want := range []string{"portal.yaml:10: url: must be an http:// or https:// address",
		"endpoints.create: must be a path starting with /", "fields: must name the portal's field for code",
		"fields.kode: is not a field motcua sends"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("no %q in:\n%s", want, err)
		}
	}
	if _, err := Parse("portal.yaml", []byte(string(defaultConfig)+"\nretries: 3\n")); err == nil || !strings.Contains(err.Error(), "retries") {
		t.Errorf("an unknown key: %v", err)
	}
}
