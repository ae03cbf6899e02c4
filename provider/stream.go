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

// maxStreamLine bounds one SSE or NDJSON line; final chunks carrying usage
// and timings are small, but a server may put a whole answer on one line.
const maxStreamLine = 4 << 20

// eachLine calls fn for every non-empty line of a stream until fn says stop,
// the stream ends, or reading fails (then a timeout or network Error). Each
// line is a copy fn may keep: the scanner reuses its buffer, which once
// overwrote the chunks kept for a long stream's raw record. A last line
// cut short by a closed connection (no newline, not whole JSON) is a
// network error, never a line to parse.
func (c *conn) eachLine(ctx context.Context, body io.Reader, fn func(line []byte) (stop bool, e *Error)) *Error {
	sc, cut := lineScanner(body)
	for sc.Scan() {
		line := bytes.Clone(bytes.TrimSpace(sc.Bytes()))
		if len(line) == 0 {
			continue
		}
		if errors.Is(sc.Err(), errTooLarge) {
			return c.transportError(ctx, errTooLarge) // the last line was cut by the cap, not by the server
		}
		if *cut && !json.Valid(line) {
			return c.cutMidEvent()
		}
		stop, e := fn(line)
		if e != nil || stop {
			return e
		}
	}
	if err := sc.Err(); errors.Is(err, bufio.ErrTooLong) {
		return c.fail(results.ReasonBadResponse, 200, "stream line longer than %d bytes", maxStreamLine)
	} else if err != nil {
		return c.transportError(ctx, err)
	}
	return nil
}
