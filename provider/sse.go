package provider

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"

	"niah/results"
)

// sseEvent is one server-sent event: its "event:" name (empty when the
// server names none) and its "data:" lines joined by newlines.
type sseEvent struct {
	name string
	data []byte // a fresh slice per event: safe to keep
}

// eachEvent reads a text/event-stream body and calls fn for every event
// that carries data, until fn says stop, the stream ends, or reading fails
// (then a timeout or network Error). Comment lines (":" pings) and the
// "id:" and "retry:" fields carry nothing a client of ours needs. An event
// left open when the stream ends is still delivered.
func (c *conn) eachEvent(ctx context.Context, body io.Reader, fn func(ev sseEvent) (stop bool, e *Error)) *Error {
	sc := bufio.NewScanner(body)
	sc.Buffer(make([]byte, 64<<10), maxStreamLine)
	var (
		ev      sseEvent
		hasData bool
	)
	dispatch := func() (bool, *Error) {
		cur, had := ev, hasData
		ev, hasData = sseEvent{}, false
		if !had {
			return false, nil
		}
		return fn(cur)
	}
	for sc.Scan() {
		line := sc.Bytes() // the scanner drops the "\r" of "\r\n" endings
		if len(line) == 0 {
			if stop, e := dispatch(); e != nil || stop {
				return e
			}
			continue
		}
		if line[0] == ':' {
			continue
		}
		field, value, _ := bytes.Cut(line, []byte(":"))
		value = bytes.TrimPrefix(value, []byte(" "))
		switch string(field) {
		case "event":
			ev.name = string(value)
		case "data":
			if hasData {
				ev.data = append(ev.data, '\n')
			}
			ev.data = append(ev.data, value...) // copied: the scanner reuses its buffer
			hasData = true
		}
	}
	if errors.Is(sc.Err(), errTooLarge) {
		return c.transportError(ctx, errTooLarge) // an event left open by the cap is not delivered
	}
	if err := sc.Err(); errors.Is(err, bufio.ErrTooLong) {
		return c.fail(results.ReasonBadResponse, 200, "stream line longer than %d bytes", maxStreamLine)
	} else if err != nil {
		return c.transportError(ctx, err)
	}
	_, e := dispatch()
	return e
}
