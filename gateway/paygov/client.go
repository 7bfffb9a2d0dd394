package paygov

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/motcua/motcua/money"
)

// Client calls the platform.
type Client struct {
	// URL is the platform's base address; INIT and QUERY are under it.
	URL     string
	Partner string // MaDoiTac
	Secret  string
	HTTP    *http.Client
}

// ErrSignature is an answer whose MaXacThuc does not match: it did not
// come from the platform, or was changed on the way.
var ErrSignature = fmt.Errorf("the platform's answer is not signed with the shared secret")

func (c *Client) call(ctx context.Context, path string, req, resp any) error {
	body, err := json.Marshal(req)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	r, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimSuffix(c.URL, "/")+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	r.Header.Set("Content-Type", "application/json")
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	res, err := hc.Do(r)
	if err != nil {
		return fmt.Errorf("the payment platform: %w", err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(res.Body, 64<<10))
	if res.StatusCode >= 300 {
		return fmt.Errorf("the payment platform: %s: HTTP %d: %.200s", path, res.StatusCode, raw)
	}
	if err := json.Unmarshal(raw, resp); err != nil {
		return fmt.Errorf("the payment platform: %s: %w", path, err)
	}
	return nil
}

// Init opens a payment and returns the URL where the citizen pays.
func (c *Client) Init(ctx context.Context, ref, dossier, procedure string, amount money.VND) (string, error) {
	req := InitRequest{MaDoiTac: c.Partner, MaThamChieu: ref, SoTien: amount, MaHoSo: dossier, MaTTHC: procedure,
		MoTa: "Nộp phí, lệ phí hồ sơ " + dossier}
	req.MaXacThuc = Sign(c.Secret, req.Fields())
	var resp InitResponse
	if err := c.call(ctx, "/init", req, &resp); err != nil {
		return "", err
	}
	if !Verify(c.Secret, resp.Fields(), resp.MaXacThuc) {
		return "", ErrSignature
	}
	if resp.MaLoi != Success {
		return "", fmt.Errorf("the payment platform refused to open the payment: %s %s", resp.MaLoi, resp.MoTa)
	}
	return resp.UrlThanhToan, nil
}

// Query asks what became of a payment.
func (c *Client) Query(ctx context.Context, ref string) (QueryResponse, error) {
	req := QueryRequest{MaDoiTac: c.Partner, MaThamChieu: ref}
	req.MaXacThuc = Sign(c.Secret, req.Fields())
	var resp QueryResponse
	if err := c.call(ctx, "/query", req, &resp); err != nil {
		return resp, err
	}
	if !Verify(c.Secret, resp.Fields(), resp.MaXacThuc) {
		return resp, ErrSignature
	}
	if resp.MaLoi != Success {
		return resp, fmt.Errorf("the payment platform cannot answer for %s: %s", ref, resp.MaLoi)
	}
	return resp, nil
}
