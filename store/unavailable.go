package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
)

// Unavailable reports whether err means the database could not serve the
// request for now — restarting, out of reach, out of connections — so that
// the same request may succeed when retried. Callers answer such errors
// with "retry later" rather than as a fault in what they were given.
func Unavailable(err error) bool {
	if err == nil {
		return false
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		// Class 08 is a connection exception; 57P01-03 a server shutting
		// down or starting; 53300 too many connections (SQLSTATE appendix A).
		return strings.HasPrefix(pg.Code, "08") || pg.Code == "57P01" || pg.Code == "57P02" ||
			pg.Code == "57P03" || pg.Code == "53300"
	}
	var connect *pgconn.ConnectError
	var op *net.OpError
	switch {
	case errors.As(err, &connect), errors.As(err, &op),
		errors.Is(err, driver.ErrBadConn), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE),
		errors.Is(err, context.DeadlineExceeded):
		return true
	}
	// pgx reports a connection lost mid-query as text only.
	return pgconn.SafeToRetry(err) || strings.Contains(err.Error(), "conn closed")
}
