package procedures

import "testing"

func TestDefaultCatalogueLoads(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatalf("the shipped catalogue does not load:\n%v", err)
	}
	if len(c.Codes()) == 0 {
		t.Fatal("the shipped catalogue is empty")
	}
}
