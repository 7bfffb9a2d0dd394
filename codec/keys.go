package codec

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Keys is a key ring: the first key encrypts, every key decrypts. Rotation
// is putting a new key first and keeping the old ones for as long as a
// history they sealed may still be read: Temporal's retention.
type Keys struct {
	active string
	aeads  map[string]cipher.AEAD
	ids    []string
	// secret is the active key, from which Derive makes keys for other
	// purposes.
	secret []byte
}

// KeySize is the length of a key: AES-256.
const KeySize = 32

// ParseKeys reads a key ring written as "id=base64,id=base64", the key in
// force first. IDs are short names kept in each payload's metadata, so
// they must not be secret; keys are 32 random bytes in standard base64.
func ParseKeys(s string) (*Keys, error) {
	k := &Keys{aeads: map[string]cipher.AEAD{}}
	for i, part := range strings.Split(strings.TrimSpace(s), ",") {
		id, b64, ok := strings.Cut(strings.TrimSpace(part), "=")
		id = strings.TrimSpace(id)
		if !ok || id == "" {
			return nil, fmt.Errorf("key %d: write it as id=base64", i+1)
		}
		if strings.ContainsAny(id, " \t\n") {
			return nil, fmt.Errorf("key %d: the id %q has spaces", i+1, id)
		}
		if _, dup := k.aeads[id]; dup {
			return nil, fmt.Errorf("key %d: the id %q is given twice", i+1, id)
		}
		raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(b64))
		if err != nil {
			return nil, fmt.Errorf("key %d (%s): not base64: %w", i+1, id, err)
		}
		if len(raw) != KeySize {
			return nil, fmt.Errorf("key %d (%s): %d bytes; a key is %d random bytes", i+1, id, len(raw), KeySize)
		}
		block, err := aes.NewCipher(raw)
		if err != nil {
			return nil, fmt.Errorf("key %d (%s): %w", i+1, id, err)
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			return nil, fmt.Errorf("key %d (%s): %w", i+1, id, err)
		}
		if k.active == "" {
			k.active, k.secret = id, raw
		}
		k.aeads[id] = aead
		k.ids = append(k.ids, id)
	}
	return k, nil
}

// NewKey returns a fresh key ring entry, "id=base64", for an operator to
// put in front of the ring.
func NewKey(id string) string {
	raw := make([]byte, KeySize)
	rand.Read(raw)
	return id + "=" + base64.StdEncoding.EncodeToString(raw)
}

// Active is the ID of the key that encrypts.
func (k *Keys) Active() string { return k.active }

// Derive returns a 32-byte key for another purpose, such as sealing the
// pages' session cookies: HKDF-SHA256 of the active key, labelled with the
// purpose, so that every instance given the ring derives the same key and
// no derived key reveals the payload key.
func (k *Keys) Derive(purpose string) []byte {
	out, err := hkdf.Key(sha256.New, k.secret, nil, "motcua "+purpose, KeySize)
	if err != nil {
		panic(err) // only for lengths HKDF cannot give
	}
	return out
}

// IDs lists the ring's key IDs, the one in force first.
func (k *Keys) IDs() []string { return append([]string(nil), k.ids...) }

// LoadOrCreate reads a key ring from a file, writing one with a new key the
// first time. The embedded default keeps its ring beside the Temporal
// database it protects, so that a single machine is private with no set-up;
// a cluster's instances must share a ring, given in the configuration.
func LoadOrCreate(path string) (*Keys, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
			return nil, err
		}
		line := NewKey("k1")
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return nil, err
		}
		if _, err := f.WriteString(line + "\n"); err != nil {
			f.Close()
			return nil, err
		}
		if err := f.Close(); err != nil {
			return nil, err
		}
		b = []byte(line)
	} else if err != nil {
		return nil, err
	}
	k, err := ParseKeys(string(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return k, nil
}
