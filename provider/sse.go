package provider

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
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
// "id:" and "retry:" fields carry nothing a client of ours needs.
//
// An event is dispatched by the blank line that ends it. When the stream
// ends in the middle of one (a data or event line read, no blank line
// yet), the SSE specification discards it: the connection was cut, and
// that is a network error, retried like one, never an unfinished event
// parsed as if it were whole.
func (c *conn) eachEvent(ctx context.Context, body io.Reader, fn func(ev sseEvent) (stop bool, e *Error)) *Error {
	return c.readEvents(ctx, body, nil, fn)
}

// readEvents is eachEvent that also hands other every line that is no
// SSE field of ours (neither data, event, id nor retry, nor a comment):
// Gemini may send an error after HTTP 200 as plain JSON, over several
// lines, with no "data:" prefix. nil: such lines are ignored, as the
// specification says.
func (c *conn) readEvents(ctx context.Context, body io.Reader, other func(line []byte) (stop bool, e *Error), fn func(ev sseEvent) (stop bool, e *Error)) *Error {
	sc, cut := lineScanner(body)
	var (
		ev      sseEvent
		hasData bool
		open    bool   // a data or event line was read since the last dispatch
		last    []byte // the last line read, while it may be one cut short
	)
	dispatch := func() (bool, *Error) {
		cur, had := ev, hasData
		ev, hasData, open = sseEvent{}, false, false
		if !had {
			return false, nil
		}
		return fn(cur)
	}
	for sc.Scan() {
		line := sc.Bytes() // the scanner drops the "\r" of "\r\n" endings
		if *cut {
			last = bytes.Clone(line)
		}
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
			ev.name, open = string(value), true
		case "data":
			if hasData {
				ev.data = append(ev.data, '\n')
			}
			ev.data = append(ev.data, value...) // copied: the scanner reuses its buffer
			hasData, open = true, true
		case "id", "retry":
		default:
			if other != nil {
				if stop, e := other(bytes.Clone(line)); e != nil || stop {
					return e
				}
			}
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
	if open || (*cut && fieldBegun(last)) {
		return c.cutMidEvent()
	}
	return nil
}

// fieldBegun reports whether a line cut short may have begun a data or
// event field ("da", "even"): the connection closed inside its name.
func fieldBegun(line []byte) bool {
	return len(line) > 0 && !bytes.ContainsRune(line, ':') &&
		(bytes.HasPrefix([]byte("data"), line) || bytes.HasPrefix([]byte("event"), line))
}

// cutMidEvent is the error of a stream whose connection closed in the
// middle of an event or a line: transient, so the request is sent again.
func (c *conn) cutMidEvent() *Error {
	return c.fail(results.ReasonNetwork, 0, "the connection closed in the middle of a stream event (the unfinished event is discarded)")
}

// lineScanner splits a stream into lines like bufio.ScanLines and reports,
// through cut, whether the last line read ended without a newline: at the
// end of a stream, a line cut short by a closed connection.
func lineScanner(body io.Reader) (*bufio.Scanner, *bool) {
	sc := bufio.NewScanner(body)
	sc.Buffer(make([]byte, 64<<10), maxStreamLine)
	cut := new(bool)
	sc.Split(func(data []byte, atEOF bool) (int, []byte, error) {
		adv, tok, err := bufio.ScanLines(data, atEOF)
		if tok != nil {
			*cut = atEOF && adv == len(data) && (len(data) == 0 || data[len(data)-1] != '\n')
		}
		return adv, tok, err
	})
	return sc, cut
}

// plainJSON gathers an object a server sent as plain (multi-line) JSON
// inside an event stream, line by line, until its braces balance, as the
// official google-genai SDK does (python-genai _iter_response_stream).
// Braces inside strings do not count.
type plainJSON struct {
	buf   []byte
	depth int
	inStr bool
	esc   bool
}

// add takes one line and returns the whole text once it is complete.
func (p *plainJSON) add(line []byte) (whole []byte, done bool) {
	if len(p.buf) == 0 {
		t := bytes.TrimSpace(line)
		if len(t) == 0 || (t[0] != '{' && t[0] != '[') {
			return nil, false // not the start of a JSON value: ignored, as SSE ignores unknown fields
		}
	}
	for _, ch := range line {
		switch {
		case p.esc:
			p.esc = false
		case p.inStr && ch == '\\':
			p.esc = true
		case ch == '"':
			p.inStr = !p.inStr
		case p.inStr:
		case ch == '{' || ch == '[':
			p.depth++
		case ch == '}' || ch == ']':
			p.depth--
		}
	}
	p.buf = append(append(p.buf, line...), '\n')
	if p.depth > 0 {
		return nil, false
	}
	whole = p.buf
	*p = plainJSON{}
	return whole, true
}

// pending reports whether an object was begun and not finished.
func (p *plainJSON) pending() bool { return len(p.buf) > 0 }

// firstObject is text as one JSON object: itself, or the first element of
// an array (the non-SSE stream form is an array of chunks).
func firstObject(text []byte) json.RawMessage {
	t := bytes.TrimSpace(text)
	if len(t) > 0 && t[0] == '[' {
		var arr []json.RawMessage
		if json.Unmarshal(t, &arr) == nil && len(arr) > 0 {
			return arr[0]
		}
	}
	return t
}
