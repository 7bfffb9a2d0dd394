package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/store"
)

type receiptInput struct {
	Code string `path:"code" maxLength:"80"`
}

type apologyInput struct {
	Code   string `path:"code" maxLength:"80"`
	Number int    `path:"n" minimum:"1" maximum:"100" doc:"The paper's number: 1 for the dossier's first."`
}

type paperOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	Body               []byte
}

// paperResponses documents that papers are PDFs.
var paperResponses = map[string]*huma.Response{"200": {Description: "The paper as issued, an A4 PDF",
	Content: map[string]*huma.MediaType{"application/pdf": {}}}}

func (s *Server) registerPapers(api huma.API) {
	huma.Register(api, huma.Operation{OperationID: "receipt-slip", Method: http.MethodGet, Path: "/dossiers/{code}/receipt",
		Summary: "The receipt slip (giấy tiếp nhận hồ sơ và hẹn trả kết quả)", Tags: []string{"Papers"}, Security: bearer,
		Description: "Issued when the dossier was received, with its components, fees and appointment. A reprint has the same bytes.",
		Responses:   paperResponses, Errors: []int{401, 403, 404, 503}},
		func(ctx context.Context, in *receiptInput) (*paperOutput, error) {
			return s.paper(ctx, in.Code, model.PaperReceipt, 1, "giay-tiep-nhan")
		})
	huma.Register(api, huma.Operation{OperationID: "apology-letter", Method: http.MethodGet, Path: "/dossiers/{code}/apologies/{n}",
		Summary: "An apology letter (phiếu xin lỗi và hẹn lại ngày trả kết quả)", Tags: []string{"Papers"}, Security: bearer,
		Description: "Issued when an officer set a new appointment, with the reason and the new date.",
		Responses:   paperResponses, Errors: []int{401, 403, 404, 503}},
		func(ctx context.Context, in *apologyInput) (*paperOutput, error) {
			return s.paper(ctx, in.Code, model.PaperApology, in.Number, fmt.Sprintf("phieu-xin-loi-%d", in.Number))
		})
	huma.Register(api, huma.Operation{OperationID: "supplement-request", Method: http.MethodGet, Path: "/dossiers/{code}/supplement-requests/{n}",
		Summary: "A supplement request (phiếu yêu cầu bổ sung, hoàn thiện hồ sơ)", Tags: []string{"Papers"}, Security: bearer,
		Description: "Issued when an officer sent the dossier back for a supplement: what to add, why, and by when.",
		Responses:   paperResponses, Errors: []int{401, 403, 404, 503}},
		func(ctx context.Context, in *apologyInput) (*paperOutput, error) {
			return s.paper(ctx, in.Code, model.PaperSupplement, in.Number, fmt.Sprintf("phieu-yeu-cau-bo-sung-%d", in.Number))
		})
	huma.Register(api, huma.Operation{OperationID: "refusal", Method: http.MethodGet, Path: "/dossiers/{code}/refusal",
		Summary: "The refusal (phiếu từ chối tiếp nhận, giải quyết hồ sơ)", Tags: []string{"Papers"}, Security: bearer,
		Description: "Issued when an officer refused the dossier, with the reason.",
		Responses:   paperResponses, Errors: []int{401, 403, 404, 503}},
		func(ctx context.Context, in *receiptInput) (*paperOutput, error) {
			return s.paper(ctx, in.Code, model.PaperRefusal, 1, "phieu-tu-choi")
		})
}

// paper serves a paper as issued to whoever may read its dossier.
func (s *Server) paper(ctx context.Context, code, kind string, n int, name string) (*paperOutput, error) {
	if _, _, err := s.dossierFor(ctx, code, auth.Citizen, auth.Portal, auth.Officer, auth.Supervisor); err != nil {
		return nil, err
	}
	pdf, err := s.Store.Paper(ctx, code, kind, n)
	if errors.Is(err, store.ErrNotFound) {
		what := "no receipt slip on record: dossiers received before slips were kept have none, and one not yet received has none yet"
		switch kind {
		case model.PaperApology:
			what = fmt.Sprintf("no apology letter %d", n)
		case model.PaperSupplement:
			what = fmt.Sprintf("no supplement request %d", n)
		case model.PaperRefusal:
			what = "no refusal: it was not refused, or was refused before refusals were printed"
		}
		return nil, huma.Error404NotFound(fmt.Sprintf("dossier %s has %s", code, what))
	}
	if err != nil {
		return nil, s.storeError(ctx, err)
	}
	return &paperOutput{ContentType: "application/pdf",
		ContentDisposition: fmt.Sprintf(`inline; filename="%s_%s.pdf"`, name, code), Body: pdf}, nil
}
