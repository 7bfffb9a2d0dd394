package auth

import (
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed"
	"errors"
	"fmt"
	"os"
	"strings"

	"gopkg.in/yaml.v3"
)

// Tokens verifies static bearer tokens read from a file: the embedded
// default's way to give counters, officers and supervisors access without
// an identity provider.
type Tokens struct {
	// byHash keys principals by the SHA-256 of their token, so that the
	// lookup takes the same time whatever prefix a guess shares.
	byHash map[[32]byte]Principal
	// name and order are the file and its principals as listed, for
	// messages that point at an entry.
	name  string
	order []Principal
}

// tokensFile is the file's shape.
type tokensFile struct {
	Tokens []struct {
		Token     string `yaml:"token"`
		Principal `yaml:",inline"`
	} `yaml:"tokens"`
}

//go:embed demo-tokens.yaml
var demoTokens []byte

// DemoTokens are the tokens of the walk-through in the README, for trying
// motcua on one machine. They must never be used in production.
func DemoTokens() *Tokens {
	t, err := ParseTokens("demo-tokens.yaml", demoTokens)
	if err != nil {
		panic(err)
	}
	return t
}

// LoadTokens reads a tokens file.
func LoadTokens(path string) (*Tokens, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseTokens(path, b)
}

// ParseTokens reads the content of a tokens file named name.
func ParseTokens(name string, b []byte) (*Tokens, error) {
	var f tokensFile
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	t := &Tokens{byHash: map[[32]byte]Principal{}, name: name}
	for i, e := range f.Tokens {
		if len(e.Token) < 16 {
			return nil, fmt.Errorf("%s: tokens[%d].token: must be at least 16 characters", name, i)
		}
		if err := e.Principal.check(); err != nil {
			return nil, fmt.Errorf("%s: tokens[%d]: %w", name, i, err)
		}
		h := sha256.Sum256([]byte(e.Token))
		if _, dup := t.byHash[h]; dup {
			return nil, fmt.Errorf("%s: tokens[%d].token: given twice", name, i)
		}
		t.byHash[h] = e.Principal
		t.order = append(t.order, e.Principal)
	}
	return t, nil
}

// CheckUnits refuses a file whose officers or supervisors name a unit the
// directory does not know, listing every such entry: a typo in a unit
// would otherwise lock an officer out of their own dossiers, or give a
// supervisor an empty province.
func (t *Tokens) CheckUnits(known func(code string) bool) error {
	var bad []string
	for i, p := range t.order {
		if p.Agency != "" && !known(p.Agency) {
			bad = append(bad, fmt.Sprintf("%s: tokens[%d].agency: there is no unit %q in the directory (%s)", t.name, i, p.Agency, p.Subject))
		}
	}
	if len(bad) > 0 {
		return errors.New(strings.Join(bad, "\n"))
	}
	return nil
}

// Verify implements Verifier.
func (t *Tokens) Verify(_ context.Context, token string) (Principal, error) {
	p, ok := t.byHash[sha256.Sum256([]byte(token))]
	if !ok {
		return Principal{}, ErrUnknownToken
	}
	return p, nil
}
