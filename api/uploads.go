package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/blobs"
	"github.com/motcua/motcua/procedures"
	"github.com/motcua/motcua/workflows"
)

// DefaultMaxSize limits the upload of a component that declares no size.
const DefaultMaxSize = 10 << 20

// ResultComponent is the component name an officer uploads the result
// document under: a PDF, for the approval to carry.
const ResultComponent = "result"

// multipartSlack is room for the form's own headers and fields.
const multipartSlack = 64 << 10

type uploadForm struct {
	File      huma.FormFile `form:"file" required:"true" doc:"The file. Its type is read from its content, not from the declared Content-Type."`
	Procedure string        `form:"procedure" required:"true" maxLength:"40" doc:"The procedure whose limits apply."`
	Component string        `form:"component" required:"true" maxLength:"80" doc:"The component the file is for, or result for the result document."`
}

type uploadInput struct {
	Procedure string `query:"procedure" maxLength:"40" doc:"The procedure, as in the form: given here, the component's size limit is applied before the body is read."`
	Component string `query:"component" maxLength:"80" doc:"The component, as in the form."`
	RawBody   huma.MultipartFormFiles[uploadForm]
}

type uploadOutput struct {
	Body blobs.Stored
}

func (s *Server) registerUploads(api huma.API) {
	huma.Register(api, huma.Operation{OperationID: "upload", Method: http.MethodPost, Path: "/uploads",
		Summary: "Upload a component's file", DefaultStatus: http.StatusCreated, Tags: []string{"Dossiers"}, Security: bearer,
		Description: "Stores a file under its SHA-256 within the size and type limits the procedure declares for the " +
			"component. Submissions, supplements and digitization refer to it by the returned ID."}, s.upload)
}

func (s *Server) upload(ctx context.Context, in *uploadInput) (*uploadOutput, error) {
	who, err := caller(ctx, auth.Citizen, auth.Portal, auth.Officer)
	if err != nil {
		return nil, err
	}
	form := in.RawBody.Data()
	defer form.File.Close()
	p, err := s.Catalogue.Lookup(form.Procedure, s.Now())
	if err != nil {
		return nil, unprocessable("unknown procedure", field("body.procedure", err.Error(), form.Procedure))
	}
	if q := in.Procedure + in.Component; q != "" && (in.Procedure != form.Procedure || in.Component != form.Component) {
		return nil, unprocessable("the query and the form name different components",
			field("query.component", "must match the form's procedure and component", in.Component))
	}
	c := s.uploadTarget(form.Procedure, form.Component)
	if c == nil {
		return nil, unprocessable("unknown component", field("body.component",
			fmt.Sprintf("procedure %s has no component %s", p.Code, form.Component), form.Component))
	}
	limit := maxSize(*c)
	if form.File.Size > limit {
		return nil, huma.Error413RequestEntityTooLarge(fmt.Sprintf("the file is %d bytes; component %s takes at most %d", form.File.Size, c.Code, limit),
			field("body.file", "too large", form.File.Size))
	}
	stored, err := s.Blobs.Put(ctx, form.File, limit, c.Media)
	var media *blobs.MediaError
	switch {
	case errors.As(err, &media):
		return nil, huma.Error415UnsupportedMediaType(media.Error(), field("body.file", media.Error(), media.Got))
	case errors.Is(err, blobs.ErrTooLarge):
		return nil, huma.Error413RequestEntityTooLarge(err.Error(), field("body.file", "too large", nil))
	case err != nil:
		s.Log.ErrorContext(ctx, "storing an upload", "err", err)
		return nil, unavailable()
	}
	citizen := ""
	if who.Role == auth.Citizen {
		citizen = who.CitizenID
	}
	if err := s.Store.Uploaded(ctx, stored.ID, who.Subject, citizen, s.Now()); err != nil {
		return nil, s.storeError(ctx, err)
	}
	return &uploadOutput{Body: stored}, nil
}

func componentOf(p *procedures.Procedure, code string) *procedures.Component {
	for i := range p.Components {
		if p.Components[i].Code == code {
			return &p.Components[i]
		}
	}
	return nil
}

func maxSize(c procedures.Component) int64 {
	if c.MaxSize > 0 {
		return int64(c.MaxSize)
	}
	return DefaultMaxSize
}

// errNotYours is a file the caller may not file.
var errNotYours = errors.New("this file was uploaded by someone else: file only your own uploads, or the applicant's")

// fileProblem is what is wrong with a file a filing names, as opposed to
// the store or the files failing to answer, which is not the filer's to fix.
type fileProblem string

func (p fileProblem) Error() string { return string(p) }

// document checks that an uploaded file exists, that the caller may file
// it, and that it fits the component it is filed as, and returns the
// reference the workflow carries. A citizen files their own uploads; an
// officer or a portal filing for a citizen, its own or the applicant's.
func (s *Server) document(ctx context.Context, p auth.Principal, applicant, id string, need *procedures.Need) (*workflows.DocumentRef, error) {
	if p.Role == auth.Citizen {
		applicant = p.CitizenID
	}
	ok, err := s.Store.MayFile(ctx, id, p.Subject, applicant)
	if err != nil {
		return nil, err
	}
	if !ok {
		if _, err := s.Blobs.Stat(ctx, id); errors.Is(err, blobs.ErrNotFound) {
			return nil, fileProblem("no file was uploaded with this ID")
		}
		return nil, errNotYours
	}
	st, err := s.Blobs.Stat(ctx, id)
	if errors.Is(err, blobs.ErrNotFound) {
		return nil, fileProblem("no file was uploaded with this ID")
	}
	if err != nil {
		return nil, err
	}
	if need != nil && len(need.Media) > 0 && !slices.Contains(need.Media, st.Media) {
		return nil, fileProblem(fmt.Sprintf("the file is %s, but component %s takes %s", st.Media, need.Code, strings.Join(need.Media, ", ")))
	}
	if need != nil && need.MaxSize > 0 && st.Size > need.MaxSize {
		return nil, fileProblem(fmt.Sprintf("the file is %d bytes, but component %s takes at most %d", st.Size, need.Code, need.MaxSize))
	}
	return &workflows.DocumentRef{ID: st.ID, SHA256: st.SHA256, Media: st.Media, Size: st.Size}, nil
}

// limitUploads bounds the body of an upload before Huma parses it, since
// Huma does not apply MaxBodyBytes to multipart forms. A client that names
// the procedure and component in the query (?procedure=…&component=…) is
// held to that component's own limit before a byte of the body is read;
// otherwise the bound is the largest file any component takes, and the
// component's limit applies once the form is read. Either way a body past
// its bound, chunked or not, is cut off with 413.
func (s *Server) limitUploads(next http.Handler) http.Handler {
	var largest int64 = DefaultMaxSize
	for _, p := range s.Catalogue.All() {
		for _, c := range p.Components {
			largest = max(largest, maxSize(c))
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/uploads" {
			next.ServeHTTP(w, r)
			return
		}
		limit, what := largest, "no component takes more than"
		if q := r.URL.Query(); q.Get("procedure") != "" && q.Get("component") != "" {
			if c := s.uploadTarget(q.Get("procedure"), q.Get("component")); c != nil {
				limit, what = maxSize(*c), "component "+c.Code+" takes at most"
			}
		}
		bound := limit + multipartSlack
		if r.ContentLength > bound {
			problem(w, http.StatusRequestEntityTooLarge,
				fmt.Sprintf("the upload is %d bytes; %s %d", r.ContentLength, what, limit), "body", "too large")
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, bound)
		next.ServeHTTP(&tooLarge{ResponseWriter: w, r: r}, r)
	})
}

// uploadTarget is the component an upload is for, in the version in force.
func (s *Server) uploadTarget(procedure, component string) *procedures.Component {
	if component == ResultComponent {
		return &procedures.Component{Code: ResultComponent, Media: []string{"application/pdf"}}
	}
	p, err := s.Catalogue.Lookup(procedure, s.Now())
	if err != nil {
		return nil
	}
	return componentOf(p, component)
}

// tooLarge turns the answer to a body cut off by its bound into 413,
// whatever the form parser made of the cut.
type tooLarge struct {
	http.ResponseWriter
	r *http.Request
}

func (t *tooLarge) WriteHeader(code int) {
	if code == http.StatusBadRequest || code == http.StatusUnprocessableEntity {
		var buf [1]byte
		if _, err := t.r.Body.Read(buf[:]); err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				code = http.StatusRequestEntityTooLarge
			}
		}
	}
	t.ResponseWriter.WriteHeader(code)
}
