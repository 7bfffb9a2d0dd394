package workflows

import (
	"errors"
	"fmt"
	"strings"

	"go.temporal.io/sdk/temporal"
)

// The types of the errors an update is refused with, for the API to map to
// its answers: a conflict with the dossier's stage, or a request that is
// wrong in itself.
const (
	ErrWrongStage = "WrongStage"
	ErrInvalid    = "Invalid"
)

// wrongStage refuses an action that the dossier's stage does not allow.
// The stage rides along as the error's detail, for callers that must tell
// why, such as the ledger telling money paid too early from money paid
// twice.
func wrongStage(action string, s Stage) error {
	return temporal.NewNonRetryableApplicationError(
		fmt.Sprintf("cannot %s: the dossier is %s", action, words(s)), ErrWrongStage, nil, s)
}

// RefusedIn returns the stage a WrongStage refusal was made in.
func RefusedIn(err error) (Stage, bool) {
	var app *temporal.ApplicationError
	var s Stage
	if errors.As(err, &app) && app.Type() == ErrWrongStage && app.HasDetails() && app.Details(&s) == nil {
		return s, true
	}
	return "", false
}

// invalid refuses an action that is wrong in itself.
func invalid(format string, args ...any) error {
	return temporal.NewNonRetryableApplicationError(fmt.Sprintf(format, args...), ErrInvalid, nil)
}

// words says the stage in plain words, for messages people read.
func words(s Stage) string {
	switch s {
	case Closed:
		return "closed"
	case ReadyToReturn:
		return "decided, with its result ready to return"
	}
	return strings.ReplaceAll(string(s), "_", " ")
}

// plain returns the message of the application error inside err, without
// the activity wrapping that means nothing to a citizen.
func plain(err error) string {
	var app *temporal.ApplicationError
	if errors.As(err, &app) {
		return app.Message()
	}
	return err.Error()
}
