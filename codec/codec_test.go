package codec_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/sdk/converter"

	"github.com/motcua/motcua/codec"
)

const name = "Nguyễn Thị Bảo Mật"

func ring(t *testing.T, s string) *codec.Keys {
	t.Helper()
	k, err := codec.ParseKeys(s)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func payload(t *testing.T, v any) *commonpb.Payload {
	t.Helper()
	p, err := converter.GetDefaultDataConverter().ToPayload(v)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSealedPayloadsHideTheirContentAndOpenWithTheRing(t *testing.T) {
	keys := ring(t, codec.NewKey("2026a"))
	c := codec.New(keys)
	in := []*commonpb.Payload{payload(t, map[string]string{"name": name, "id": "079123456789"}), payload(t, 42)}
	sealed, err := c.Encode(in)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range sealed {
		if bytes.Contains(p.Data, []byte(name)) || bytes.Contains(p.Data, []byte("079123456789")) || bytes.Contains(p.Data, []byte("json/plain")) {
			t.Fatalf("payload %d shows its content: %q", i, p.Data)
		}
		if got := string(p.Metadata[codec.MetadataKeyID]); got != "2026a" {
			t.Fatalf("payload %d sealed under %q, want the key in force", i, got)
		}
	}
	again, _ := c.Encode(in)
	if bytes.Equal(again[0].Data, sealed[0].Data) {
		t.Fatal("the same payload sealed twice gave the same bytes: the nonce is not fresh")
	}
	opened, err := c.Decode(sealed)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]string
	if err := converter.GetDefaultDataConverter().FromPayload(opened[0], &back); err != nil || back["name"] != name {
		t.Fatalf("opened %v, %v", back, err)
	}
}

func TestRotationKeepsOldPayloadsReadable(t *testing.T) {
	old := codec.NewKey("2025")
	before := codec.New(ring(t, old))
	sealedBefore, err := before.Encode([]*commonpb.Payload{payload(t, name)})
	if err != nil {
		t.Fatal(err)
	}
	after := codec.New(ring(t, codec.NewKey("2026")+", "+old))
	if after.Keys.Active() != "2026" {
		t.Fatalf("the key in force is %q, want the first one", after.Keys.Active())
	}
	if _, err := after.Decode(sealedBefore); err != nil {
		t.Fatalf("a payload sealed before rotation: %v", err)
	}
	sealedAfter, _ := after.Encode([]*commonpb.Payload{payload(t, name)})
	if got := string(sealedAfter[0].Metadata[codec.MetadataKeyID]); got != "2026" {
		t.Fatalf("sealed after rotation under %q", got)
	}
	_, err = before.Decode(sealedAfter)
	if err == nil || !strings.Contains(err.Error(), `key "2026"`) {
		t.Fatalf("an instance without the new key: %v, want an error naming the key", err)
	}
}

func TestTamperedOrRelabelledPayloadsDoNotOpen(t *testing.T) {
	a, b := codec.NewKey("a"), codec.NewKey("b")
	c := codec.New(ring(t, a+","+b))
	sealed, _ := c.Encode([]*commonpb.Payload{payload(t, name)})
	flipped := &commonpb.Payload{Metadata: sealed[0].Metadata, Data: bytes.Clone(sealed[0].Data)}
	flipped.Data[len(flipped.Data)-1] ^= 1
	if _, err := c.Decode([]*commonpb.Payload{flipped}); err == nil {
		t.Fatal("a tampered payload opened")
	}
	relabelled := &commonpb.Payload{Metadata: map[string][]byte{"encoding": []byte(codec.Encoding), codec.MetadataKeyID: []byte("b")}, Data: sealed[0].Data}
	if _, err := c.Decode([]*commonpb.Payload{relabelled}); err == nil {
		t.Fatal("a payload opened under another key ID")
	}
}

func TestPlainPayloadsPassThrough(t *testing.T) {
	c := codec.New(ring(t, codec.NewKey("k")))
	plain := payload(t, "written before encryption")
	out, err := c.Decode([]*commonpb.Payload{plain})
	if err != nil || out[0] != plain {
		t.Fatalf("%v, %v", out, err)
	}
}

func TestBadRingsAreRefusedWithThePosition(t *testing.T) {
	good := codec.NewKey("ok")
	for s, want := range map[string]string{
		"":                                    "key 1: write it as id=base64",
		good + ",nokey":                       "key 2: write it as id=base64",
		good + ",x=!!!":                       "key 2 (x): not base64",
		good + ",short=AAAA":                  "key 2 (short): 3 bytes",
		good + "," + good:                     `key 2: the id "ok" is given twice`,
		"=" + strings.SplitN(good, "=", 2)[1]: "key 1: write it as id=base64",
	} {
		_, err := codec.ParseKeys(s)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", s, err, want)
		}
	}
}

func TestFailureMessagesAreSealed(t *testing.T) {
	dc := codec.DataConverter(ring(t, codec.NewKey("k")))
	fc := codec.FailureConverter(dc)
	f := fc.ErrorToFailure(errorString("refused: " + name + " has no residence"))
	if strings.Contains(f.GetMessage(), name) || f.GetEncodedAttributes() == nil {
		t.Fatalf("the failure shows %q", f.GetMessage())
	}
	if err := fc.FailureToError(f); !strings.Contains(err.Error(), name) {
		t.Fatalf("the failure did not open: %v", err)
	}
}

type errorString string

func (e errorString) Error() string { return string(e) }

func TestTheEmbeddedRingIsMadeOnceAndKeptPrivate(t *testing.T) {
	path := t.TempDir() + "/temporal/payload-keys"
	first, err := codec.LoadOrCreate(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("the ring file: %v, %v", st, err)
	}
	second, err := codec.LoadOrCreate(path)
	if err != nil {
		t.Fatal(err)
	}
	sealed, _ := codec.New(first).Encode([]*commonpb.Payload{payload(t, name)})
	if _, err := codec.New(second).Decode(sealed); err != nil {
		t.Fatalf("a restart made another key: %v", err)
	}
	os.WriteFile(path, []byte("k1=short"), 0o600)
	if _, err := codec.LoadOrCreate(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("a broken ring file: %v, want its path named", err)
	}
}

func TestDerivedKeysAreSharedByTheRingAndDifferByPurpose(t *testing.T) {
	s := codec.NewKey("k2") + "," + codec.NewKey("k1")
	one, other := ring(t, s), ring(t, s) // two instances given one ring
	if !bytes.Equal(one.Derive("sessions"), other.Derive("sessions")) {
		t.Error("two instances with one ring derive different keys")
	}
	if k := one.Derive("sessions"); len(k) != 32 || bytes.Equal(k, one.Derive("csrf")) {
		t.Errorf("purposes share a key, or the key is %d bytes", len(k))
	}
	if bytes.Equal(one.Derive("sessions"), ring(t, codec.NewKey("k3")).Derive("sessions")) {
		t.Error("another ring derives the same key")
	}
}
