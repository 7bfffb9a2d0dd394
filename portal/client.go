package portal

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/motcua/motcua/store"
)

// Client calls the portal's endpoints.
type Client struct {
	Config Config
	HTTP   *http.Client
}

// ErrExists is a create answered "already exists".
var ErrExists = errors.New("the portal already has the dossier")

// answer is what every endpoint answers.
type answer struct {
	ErrorCode json.RawMessage `json:"error_code"`
	Message   string          `json:"message"`
}

// code reads an error code written as a number or a string.
func (a answer) code() string {
	return strings.Trim(strings.TrimSpace(string(a.ErrorCode)), `"`)
}

// post sends a list of records to an endpoint and reads the answer.
func (c *Client) post(ctx context.Context, path string, records ...map[string]any) error {
	body, err := json.Marshal(records)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, time.Duration(c.Config.Timeout))
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimSuffix(c.Config.URL, "/")+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	res, err := hc.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("%s: no answer in %s", path, time.Duration(c.Config.Timeout))
		}
		return fmt.Errorf("%s: %w", path, err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(res.Body, 64<<10))
	var a answer
	if err := json.Unmarshal(raw, &a); err != nil || len(a.ErrorCode) == 0 {
		return fmt.Errorf("%s: HTTP %d, not an answer: %.200s", path, res.StatusCode, raw)
	}
	switch code := a.code(); {
	case c.Config.ok(code) && res.StatusCode < 300:
		return nil
	case c.Config.exists(code):
		return fmt.Errorf("%w: %s", ErrExists, a.Message)
	default:
		return fmt.Errorf("%s: HTTP %d, error_code %s: %s", path, res.StatusCode, code, a.Message)
	}
}

// Deliver tells the portal of one status change: the dossier, created the
// first time and updated after (a create the portal answers "already
// exists" is sent again as an update), then the process step.
func (c *Client) Deliver(ctx context.Context, it store.PortalChange, names Names, status int) error {
	rec := c.Config.Record(it, names, status)
	e := c.Config.Endpoints
	if it.Created {
		if err := c.post(ctx, e.Update, rec); err != nil {
			return err
		}
	} else {
		err := c.post(ctx, e.Create, rec)
		if errors.Is(err, ErrExists) {
			err = c.post(ctx, e.Update, rec)
		}
		if err != nil {
			return err
		}
	}
	return c.post(ctx, e.Steps, c.Config.Step(it, status))
}
