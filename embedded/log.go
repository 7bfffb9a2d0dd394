package embedded

import (
	"context"
	"errors"
	"log/slog"

	"go.temporal.io/server/common/log/tag"
	"go.temporal.io/server/service/history/shard"
)

// serverLogger passes the server's logs to slog.
type serverLogger struct{ log *slog.Logger }

func (l serverLogger) Debug(msg string, tags ...tag.Tag)  { l.emit(slog.LevelDebug, msg, tags) }
func (l serverLogger) Info(msg string, tags ...tag.Tag)   { l.emit(slog.LevelInfo, msg, tags) }
func (l serverLogger) Warn(msg string, tags ...tag.Tag)   { l.emit(slog.LevelWarn, msg, tags) }
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

func (l serverLogger) emit(level slog.Level, msg string, tags []tag.Tag) {
	if !l.log.Enabled(context.Background(), level) {
		return
	}
	attrs := make([]slog.Attr, len(tags))
	for i, t := range tags {
		attrs[i] = slog.Any(t.Key(), t.Value())
	}
	l.log.LogAttrs(context.Background(), level, msg, attrs...)
}
