// Package codec keeps citizens' personal data out of Temporal: every
// payload a workflow, activity, update or query carries is sealed with
// AES-GCM before it leaves the process, and failure messages with it. Only
// motcua's instances, and the Web UI through motcua's codec endpoint, can
// read them (Decree 13/2023/NĐ-CP on personal data).
package codec

import (
	"crypto/rand"
	"fmt"

	commonpb "go.temporal.io/api/common/v1"
	"google.golang.org/protobuf/proto"
)

// The metadata of a sealed payload.
const (
	// Encoding marks a payload this codec sealed.
	Encoding = "binary/encrypted"
	// MetadataKeyID names the key that sealed it, so that a ring with
	// several keys knows which one opens it.
	MetadataKeyID = "encryption-key-id"
)

// Codec seals and opens payloads. It implements converter.PayloadCodec.
type Codec struct{ Keys *Keys }

// New returns a codec on a key ring.
func New(keys *Keys) *Codec { return &Codec{Keys: keys} }

// Encode seals each payload whole, its metadata included, with the key in
// force. The key ID is the additional data, so a payload moved under
// another ID does not open.
func (c *Codec) Encode(payloads []*commonpb.Payload) ([]*commonpb.Payload, error) {
	id := c.Keys.active
	aead := c.Keys.aeads[id]
	out := make([]*commonpb.Payload, len(payloads))
	for i, p := range payloads {
		plain, err := proto.Marshal(p)
		if err != nil {
			return payloads, fmt.Errorf("payload %d: %w", i, err)
		}
		nonce := make([]byte, aead.NonceSize(), aead.NonceSize()+len(plain)+aead.Overhead())
		rand.Read(nonce)
		out[i] = &commonpb.Payload{
			Metadata: map[string][]byte{"encoding": []byte(Encoding), MetadataKeyID: []byte(id)},
			Data:     aead.Seal(nonce, nonce, plain, []byte(id)),
		}
	}
	return out, nil
}

// Decode opens sealed payloads and passes others through: histories
// written before encryption was turned on stay readable.
func (c *Codec) Decode(payloads []*commonpb.Payload) ([]*commonpb.Payload, error) {
	out := make([]*commonpb.Payload, len(payloads))
	for i, p := range payloads {
		if string(p.GetMetadata()["encoding"]) != Encoding {
			out[i] = p
			continue
		}
		id := string(p.GetMetadata()[MetadataKeyID])
		aead, ok := c.Keys.aeads[id]
		if !ok {
			return payloads, fmt.Errorf("payload %d: sealed with key %q, which is not in the ring", i, id)
		}
		data := p.GetData()
		if len(data) < aead.NonceSize() {
			return payloads, fmt.Errorf("payload %d: too short to be sealed", i)
		}
		plain, err := aead.Open(nil, data[:aead.NonceSize()], data[aead.NonceSize():], []byte(id))
		if err != nil {
			return payloads, fmt.Errorf("payload %d: does not open with key %q: %w", i, id, err)
		}
		var q commonpb.Payload
		if err := proto.Unmarshal(plain, &q); err != nil {
			return payloads, fmt.Errorf("payload %d: %w", i, err)
		}
		out[i] = &q
	}
	return out, nil
}
