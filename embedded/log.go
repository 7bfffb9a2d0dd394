package embedded

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync/atomic"

	"go.temporal.io/server/common/log/tag"
	"go.temporal.io/server/service/history/shard"
)

// serverLogger passes the server's logs to slog. Its own information is
// motcua's debug: at info, an operator sees what motcua runs and where,
// and from Temporal only what needs a look, unless --log-level debug.
// What the server logs once it is being stopped is the stop itself, and
// is debug too.
type serverLogger struct {
	log      *slog.Logger
	stopping *atomic.Bool
}

func (l serverLogger) Debug(msg string, tags ...tag.Tag)  { l.emit(slog.LevelDebug, msg, tags) }
func (l serverLogger) Info(msg string, tags ...tag.Tag)   { l.emit(slog.LevelDebug, msg, tags) }
func (l serverLogger) Warn(msg string, tags ...tag.Tag)   { l.emit(warnLevel(msg), msg, tags) }
func (l serverLogger) Error(msg string, tags ...tag.Tag)  { l.emit(errorLevel(tags), msg, tags) }
func (l serverLogger) DPanic(msg string, tags ...tag.Tag) { l.emit(slog.LevelError, msg, tags) }
func (l serverLogger) Panic(msg string, tags ...tag.Tag)  { l.emit(slog.LevelError, msg, tags) }
func (l serverLogger) Fatal(msg string, tags ...tag.Tag)  { l.emit(slog.LevelError, msg, tags) }

// errorLevel is the level of an error the server logs: WARN for one it
// retries by itself and that says nothing went wrong, ERROR otherwise. A
// history shard's queues start reading a moment before the shard is
// acquired on every start; the read fails with "shard status unknown" and
// is retried after a backoff.
func errorLevel(tags []tag.Tag) slog.Level {
	for _, t := range tags {
		z, ok := t.(tag.ZapTag)
		if !ok {
			continue
		}
		if err, ok := z.Field().Interface.(error); ok && errors.Is(err, shard.ErrShardStatusUnknown) {
			return slog.LevelWarn
		}
	}
	return slog.LevelError
}

// warnLevel is the level of a warning the server logs: debug for those
// that say the server did what it should on a first start, WARN otherwise.
// A new SQLite file has no cluster ID yet, and the server makes one; the
// search attributes motcua registers at every start exist after the first.
func warnLevel(msg string) slog.Level {
	switch {
	case strings.HasPrefix(msg, "Cluster Id in Cluster Metadata config is not a valid uuid"),
		strings.HasPrefix(msg, "Search attribute ") && strings.HasSuffix(msg, " already exists."):
		return slog.LevelDebug
	}
	return slog.LevelWarn
}

func (l serverLogger) emit(level slog.Level, msg string, tags []tag.Tag) {
	if l.stopping != nil && l.stopping.Load() {
		level = min(level, slog.LevelDebug)
	}
	if !l.log.Enabled(context.Background(), level) {
		return
	}
	attrs := make([]slog.Attr, len(tags))
	for i, t := range tags {
		attrs[i] = slog.Any(t.Key(), t.Value())
	}
	l.log.LogAttrs(context.Background(), level, msg, attrs...)
}
