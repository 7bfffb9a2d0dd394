package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/temporal"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/workflows"
)

func init() {
	// A 5xx never shows a Go error: the details go to the log, the client
	// gets the status and a generic sentence.
	base := huma.NewError
	huma.NewError = func(code int, msg string, errs ...error) huma.StatusError {
		if code >= 500 {
			return base(code, serverMessage(code))
		}
		return base(code, msg, bounded(errs)...)
	}
	// An error no handler mapped reaches here as a 500. When it is the
	// store restarting or out of reach, the client is told to retry: the
	// request did nothing, and the same request will work shortly.
	withContext := huma.NewErrorWithContext
	huma.NewErrorWithContext = func(ctx huma.Context, code int, msg string, errs ...error) huma.StatusError {
		if code == http.StatusInternalServerError && slices.ContainsFunc(errs, store.Unavailable) {
			ctx.SetHeader("Retry-After", "5")
			code = http.StatusServiceUnavailable
		}
		return withContext(ctx, code, msg, errs...)
	}
}

// The bounds of an error answer: a client that sends a megabyte of bad
// input gets a few kilobytes back, never its input echoed once per error.
const (
	maxErrors     = 20
	maxValueChars = 120
	// A message may list the units that receive a procedure: long enough
	// for a commune's whole province, short of an echo of a huge input.
	maxMessageChars = 2000
)

// bounded caps the errors listed and cuts their values short.
func bounded(errs []error) []error {
	out := make([]error, 0, min(len(errs), maxErrors+1))
	for i, e := range errs {
		if i == maxErrors {
			out = append(out, &huma.ErrorDetail{Location: "body",
				Message: fmt.Sprintf("and %d more errors; correct these first", len(errs)-maxErrors)})
			break
		}
		if d, ok := e.(*huma.ErrorDetail); ok {
			c := *d
			c.Value = shortValue(d.Value)
			// Cut at a character, never inside one: Vietnamese letters
			// take two or three bytes.
			if r := []rune(c.Message); len(r) > maxMessageChars {
				c.Message = string(r[:maxMessageChars]) + "…"
			}
			e = &c
		}
		out = append(out, e)
	}
	return out
}

// shortValue keeps a value an error names only when it is short: a long
// string is cut, and an object or list is left out.
func shortValue(v any) any {
	switch x := v.(type) {
	case nil, bool, int, int64, float64, json.Number:
		return x
	case string:
		if r := []rune(x); len(r) > maxValueChars {
			return string(r[:maxValueChars]) + "…"
		}
		return x
	}
	b, err := json.Marshal(v)
	if err != nil || len(b) > maxValueChars {
		return nil
	}
	return v
}

func serverMessage(code int) string {
	if code == http.StatusServiceUnavailable {
		return "the service is briefly unavailable; retry after the time given in Retry-After"
	}
	return "something went wrong on our side; it has been logged"
}

// field is an error about one field, in Huma's terms: location is a path
// such as body.components[2].code.
func field(location, message string, value any) error {
	return &huma.ErrorDetail{Location: location, Message: message, Value: value}
}

// unprocessable answers 422 with the fields at fault.
func unprocessable(msg string, errs ...error) error {
	return huma.Error422UnprocessableEntity(msg, errs...)
}

// together answers 422 with the fields of every 422 among problems, and
// any other problem alone: a filer fixes all they can in one round.
func together(problems ...error) error {
	var all *huma.ErrorModel
	for _, err := range problems {
		if err == nil {
			continue
		}
		var m *huma.ErrorModel
		if !errors.As(err, &m) || m.Status != http.StatusUnprocessableEntity {
			return err
		}
		if all == nil {
			all = &huma.ErrorModel{Title: m.Title, Status: m.Status, Detail: m.Detail}
		} else {
			all.Detail += "; " + m.Detail
		}
		all.Errors = append(all.Errors, m.Errors...)
	}
	if all == nil {
		return nil
	}
	return all
}

// unavailable answers 503 with Retry-After, for when Temporal or the store
// cannot be reached: the client should retry, and nothing was lost.
func unavailable() error {
	return huma.ErrorWithHeaders(huma.Error503ServiceUnavailable(""), http.Header{"Retry-After": {"5"}})
}

// isUnavailable reports whether err means Temporal or the store could not
// be reached in time, as opposed to either refusing the request.
func isUnavailable(err error) bool {
	var unav *serviceerror.Unavailable
	var exceeded *serviceerror.DeadlineExceeded
	// motcua's namespace exists from the first start on; a cluster that
	// says otherwise has lost its persistence for a moment (PostgreSQL
	// restarting) and reads it again when it is back.
	var namespace *serviceerror.NamespaceNotFound
	if errors.As(err, &unav) || errors.As(err, &exceeded) || errors.As(err, &namespace) || errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	switch status.Code(err) {
	case codes.Unavailable, codes.DeadlineExceeded:
		return true
	}
	return store.Unavailable(err) || strings.Contains(err.Error(), "connection refused")
}

// fromTemporal maps what Temporal answered about a dossier to a problem:
// a refused action to 409 or 422 with the workflow's reason, a missing
// workflow to 404, an unreachable cluster to 503.
func (s *Server) fromTemporal(ctx context.Context, code string, err error) error {
	var app *temporal.ApplicationError
	var notFound *serviceerror.NotFound
	switch {
	case errors.As(err, &app) && app.Type() == workflows.ErrWrongStage:
		return huma.Error409Conflict(app.Message())
	case errors.As(err, &app) && app.Type() == workflows.ErrInvalid:
		loc, msg := "body", app.Message()
		if name, rest, ok := strings.Cut(msg, ": "); ok && !strings.Contains(name, " ") {
			loc, msg = "body."+name, rest
		}
		return unprocessable("the action was refused", field(loc, msg, nil))
	case errors.As(err, &notFound):
		return huma.Error404NotFound("dossier " + code + " has no running workflow")
	case isUnavailable(err):
		s.Log.WarnContext(ctx, "temporal unavailable", "dossier", code, "err", err)
		return unavailable()
	}
	s.Log.ErrorContext(ctx, "temporal", "dossier", code, "err", err)
	return huma.Error500InternalServerError("")
}
