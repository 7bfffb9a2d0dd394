package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

// fingerprint is what an idempotency key of a filing is held to: the SHA-256 of the
// request's JSON in canonical form, with object keys sorted and no space
// between tokens, so that a client whose encoder spaces or orders keys
// otherwise on a retry sends the same request. Numbers keep their text:
// 1 and 1.0 are different requests, as a strict reader takes them. A body
// that is not JSON is taken as it is.
func fingerprint(raw []byte) string {
	canonical := raw
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err == nil {
		if b, err := json.Marshal(v); err == nil {
			canonical = b
		}
	}
	sum := sha256.Sum256(canonical)
	return hex.EncodeToString(sum[:])
}
