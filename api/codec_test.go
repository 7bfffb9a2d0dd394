package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	commonpb "go.temporal.io/api/common/v1"
	enumspb "go.temporal.io/api/enums/v1"

	"github.com/motcua/motcua/codec"
	"github.com/motcua/motcua/workflows"
)

// startInput is the sealed filing of a dossier, as Temporal holds it.
func startInput(t *testing.T, code string) *commonpb.Payload {
	t.Helper()
	iter := svc.Temporal.GetWorkflowHistory(context.Background(), workflows.WorkflowID(code), "", false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	for iter.HasNext() {
		e, err := iter.Next()
		if err != nil {
			t.Fatal(err)
		}
		if a := e.GetWorkflowExecutionStartedEventAttributes(); a != nil {
			return a.GetInput().GetPayloads()[0]
		}
	}
	t.Fatalf("no start event for %s", code)
	return nil
}

func codecCall(t *testing.T, method, path, token, origin string, body []byte) response {
	t.Helper()
	req, _ := http.NewRequest(method, base+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	return do(t, req)
}

// Temporal holds a dossier's filing sealed; the Web UI opens it through
// motcua's codec endpoint, from its own origin, for a supervisor only.
func TestTheWebUIReadsSealedPayloadsThroughTheCodecEndpoint(t *testing.T) {
	code := fileResidence(t, "codec")
	sealed := startInput(t, code)
	if string(sealed.GetMetadata()["encoding"]) != codec.Encoding || len(sealed.GetMetadata()[codec.MetadataKeyID]) == 0 {
		t.Fatalf("the filing is stored with metadata %q", sealed.GetMetadata())
	}
	if bytes.Contains(sealed.GetData(), []byte("Trần Thị Bình")) || bytes.Contains(sealed.GetData(), []byte("042185005678")) {
		t.Fatal("the filing shows the applicant in Temporal")
	}
	body, _ := json.Marshal(&commonpb.Payloads{Payloads: []*commonpb.Payload{sealed}})

	pre := codecCall(t, http.MethodOptions, "/codec/decode", "", webUI, nil).must(t, 204)
	if pre.header.Get("Access-Control-Allow-Origin") != webUI || !strings.Contains(pre.header.Get("Access-Control-Allow-Headers"), "Authorization") ||
		pre.header.Get("Access-Control-Allow-Credentials") != "true" {
		t.Fatalf("preflight headers %v", pre.header)
	}
	codecCall(t, http.MethodPost, "/codec/decode", "", webUI, body).must(t, 401)
	if r := codecCall(t, http.MethodPost, "/codec/decode", citizenBinh, webUI, body).must(t, 403); strings.Contains(r.raw, "Bình") {
		t.Fatal("a refusal showed the payload")
	}
	codecCall(t, http.MethodPost, "/codec/decode", officerXa, webUI, body).must(t, 403)
	other := codecCall(t, http.MethodPost, "/codec/decode", supervisor, "http://elsewhere.example", body).must(t, 403)
	if other.header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatal("another origin was allowed")
	}

	open := codecCall(t, http.MethodPost, "/codec/decode", supervisor, webUI, body).must(t, 200)
	if open.header.Get("Access-Control-Allow-Origin") != webUI {
		t.Fatalf("no CORS header on the answer: %v", open.header)
	}
	var out commonpb.Payloads
	if err := json.Unmarshal([]byte(open.raw), &out); err != nil || len(out.Payloads) != 1 {
		t.Fatalf("%v: %s", err, open.raw)
	}
	if !bytes.Contains(out.Payloads[0].GetData(), []byte("Trần Thị Bình")) || string(out.Payloads[0].GetMetadata()["encoding"]) != "json/plain" {
		t.Fatalf("decoded %s", out.Payloads[0])
	}

	// Encoding, for the UI's signal and start forms, seals with the key in force.
	plain, _ := json.Marshal(&commonpb.Payloads{Payloads: out.Payloads})
	enc := codecCall(t, http.MethodPost, "/codec/encode", supervisor, webUI, plain).must(t, 200)
	if strings.Contains(enc.raw, "Bình") || !strings.Contains(enc.raw, codec.MetadataKeyID) {
		t.Fatalf("encode answered %s", enc.raw)
	}
	codecCall(t, http.MethodPost, "/codec/decode", supervisor, webUI, []byte("{not json")).must(t, 400)
}
