// Package gateway speaks to payment gateways: it checks the signature of
// their callbacks, and simulates one for the embedded default, so that the
// whole flow of a dossier can be tried on one machine.
package gateway

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// SignatureHeader carries a callback's signature: "sha256=" and the hex of
// the HMAC-SHA256 of the body under the shared secret.
const SignatureHeader = "X-Motcua-Signature"

// Sign returns the signature of body.
func Sign(secret, body []byte) string {
	m := hmac.New(sha256.New, secret)
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Verify reports whether signature signs body. The comparison takes the
// same time however much of a forged signature is right.
func Verify(secret, body []byte, signature string) bool {
	hexSig, ok := strings.CutPrefix(signature, "sha256=")
	if !ok {
		return false
	}
	got, err := hex.DecodeString(hexSig)
	if err != nil {
		return false
	}
	m := hmac.New(sha256.New, secret)
	m.Write(body)
	return hmac.Equal(got, m.Sum(nil))
}
