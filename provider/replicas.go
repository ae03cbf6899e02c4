package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"niah/haystack"
	"niah/results"
)

// replicaSet is one model served by several base URLs (vllm:M@URL1,URL2).
// Each of the run's request streams (its prompts in ascending prefix
// order) stays on one replica, so that replica's prefix cache keeps paying
// off; streams are placed on the replica with the fewest requests in
// flight, and move only when staying would put theirs over its fair share. A
// replica that cannot be reached is dropped with a warning; the request it
// was serving is sent again to another, so no trial is lost while one
// replica lives. A dropped replica is asked again now and then (a
// restarted pod, a server done loading) and takes work again once it
// answers.
type replicaSet struct {
	spec  Spec
	warn  func(string)
	mu    sync.Mutex
	reps  []*replica
	home  map[int]*replica // per request stream: the replica it was last sent to
	first Client           // the first replica, for what every replica answers alike
	// recheck is how often a dropped replica is asked whether it is back.
	recheck time.Duration
}

type replica struct {
	url      string // redacted, for messages
	client   Client
	inFlight int
	served   int
	dead     bool
	// For a dropped replica: when to ask again whether it is back, and
	// whether that question is out.
	recheckAt time.Time
	checking  bool
}

// replicaCheckTimeout is how long a dropped replica has to answer when it
// is asked again whether it is back.
const replicaCheckTimeout = 5 * time.Second

// newReplicaSet builds one client per base URL of spec.
func newReplicaSet(reg Registry, spec Spec, opts Options) (Client, error) {
	rs := &replicaSet{spec: spec, warn: opts.Warn, home: map[int]*replica{}, recheck: opts.ReplicaRecheck}
	if rs.recheck <= 0 {
		rs.recheck = DefaultReplicaRecheck
	}
	for _, u := range spec.Replicas {
		one := spec
		one.BaseURL, one.Replicas = u, nil
		c, err := reg.Open(one, opts)
		if err != nil {
			return nil, err
		}
		rs.reps = append(rs.reps, &replica{url: redactURL(u), client: c})
	}
	rs.first = rs.reps[0].client
	// Keep what the runner looks for (an exact counter, the model's
	// vocabulary) when the replicas have it.
	_, counts := rs.first.(Tokenizing)
	_, vocab := rs.first.(VocabularySource)
	switch {
	case counts && vocab:
		return &replicaCountingVocab{rs}, nil
	case counts:
		return &replicaCounting{rs}, nil
	case vocab:
		return &replicaVocab{rs}, nil
	}
	return rs, nil
}

func (rs *replicaSet) Spec() string { return rs.spec.String() }

// Info asks every replica; those that do not answer are dropped with a
// warning. The answer is the first live replica's, with how many answer.
func (rs *replicaSet) Info(ctx context.Context) (ServerInfo, error) {
	var info ServerInfo
	var firstErr error
	live := 0
	for _, r := range rs.reps {
		i, err := r.client.Info(ctx)
		if err != nil {
			rs.drop(r, err)
			firstErr = cmpErr(firstErr, err)
			continue
		}
		if live == 0 {
			info = i
		}
		live++
	}
	if live == 0 {
		return info, fmt.Errorf("no replica answers: %w", firstErr)
	}
	if info.Extra == nil {
		info.Extra = map[string]string{}
	}
	info.Extra["replicas"] = fmt.Sprintf("%d of %d answering", live, len(rs.reps))
	return info, nil
}

func cmpErr(old, new error) error {
	if old != nil {
		return old
	}
	return new
}

// pick is the replica for a request of stream: the stream's own replica
// while that one lives and holds fewer requests than its fair share (the
// streams seen over the live replicas, rounded up), else the live replica
// with the fewest requests in flight (the first such in the spec's order).
// It is counted as busy; nil when none lives.
func (rs *replicaSet) pick(stream int) *replica {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	var best *replica
	live := 0
	for _, r := range rs.reps {
		if r.dead {
			rs.maybeRecheck(r)
			continue
		}
		live++
		if best == nil || r.inFlight < best.inFlight {
			best = r
		}
	}
	if best == nil {
		return nil
	}
	streams := len(rs.home)
	if _, seen := rs.home[stream]; !seen {
		streams++
	}
	fair := (streams + live - 1) / live
	if own := rs.home[stream]; own != nil && !own.dead && own.inFlight < fair {
		best = own
	}
	best.inFlight++
	rs.home[stream] = best
	return best
}

func (rs *replicaSet) release(r *replica, ok bool) {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	r.inFlight--
	if ok {
		r.served++
	}
}

// drop marks a replica dead, once, and warns.
func (rs *replicaSet) drop(r *replica, err error) {
	rs.mu.Lock()
	was := r.dead
	r.dead = true
	r.recheckAt = time.Now().Add(rs.recheck)
	live := rs.liveCount()
	rs.mu.Unlock()
	if !was && rs.warn != nil {
		rs.warn(fmt.Sprintf("replica %s dropped (%d of %d left): %v", r.url, live, len(rs.reps), err))
	}
}

// liveCount is how many replicas are not dropped; rs.mu is held.
func (rs *replicaSet) liveCount() int {
	n := 0
	for _, r := range rs.reps {
		if !r.dead {
			n++
		}
	}
	return n
}

// maybeRecheck asks a dropped replica, in the background, whether it is
// back, when its time has come; rs.mu is held. Trials never wait on it.
func (rs *replicaSet) maybeRecheck(r *replica) {
	if r.checking || time.Now().Before(r.recheckAt) {
		return
	}
	r.checking = true
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), replicaCheckTimeout)
		defer cancel()
		_, err := r.client.Info(ctx)
		rs.mu.Lock()
		r.checking = false
		if err != nil {
			r.recheckAt = time.Now().Add(rs.recheck)
			rs.mu.Unlock()
			return
		}
		r.dead = false
		live := rs.liveCount()
		rs.mu.Unlock()
		if rs.warn != nil {
			rs.warn(fmt.Sprintf("replica %s answers again (%d of %d live)", r.url, live, len(rs.reps)))
		}
	}()
}

// unreachable is a failure that says the replica is gone, not that the
// request was bad or slow: it cannot be reached at all.
func unreachable(err error) bool {
	var pe *Error
	return errors.As(err, &pe) && pe.Reason == results.ReasonNetwork
}

// Complete sends req to the least-loaded live replica; if that replica
// cannot be reached it is dropped and req goes to another.
func (rs *replicaSet) Complete(ctx context.Context, req Request) (Response, error) {
	var last error
	for {
		r := rs.pick(req.Stream)
		if r == nil {
			if last == nil {
				last = fmt.Errorf("%s: no replica left", rs.Spec())
			}
			return Response{}, last
		}
		resp, err := r.client.Complete(ctx, req)
		rs.release(r, err == nil)
		if err == nil || !unreachable(err) || ctx.Err() != nil {
			return resp, err
		}
		rs.drop(r, err)
		last = err
	}
}

// Served is how many requests each replica answered, by redacted URL,
// with the dropped ones marked.
func (rs *replicaSet) Served() map[string]int {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	out := map[string]int{}
	for _, r := range rs.reps {
		k := r.url
		if r.dead {
			k += " (dropped)"
		}
		out[k] = r.served
	}
	return out
}

func (rs *replicaSet) checkRequest(req Request) error { return CheckRequest(rs.first, req) }

// The same counter and vocabulary on every replica: ask a live one.
func (rs *replicaSet) live() Client {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	for _, r := range rs.reps {
		if !r.dead {
			return r.client
		}
	}
	return rs.first
}

type replicaCounting struct{ *replicaSet }

func (r *replicaCounting) CountTokens(ctx context.Context, text string) (int, error) {
	return r.live().(Tokenizing).CountTokens(ctx, text)
}

type replicaVocab struct{ *replicaSet }

func (r *replicaVocab) Tokenizer(ctx context.Context) (haystack.Tokenizer, error) {
	return r.live().(VocabularySource).Tokenizer(ctx)
}

type replicaCountingVocab struct{ *replicaSet }

func (r *replicaCountingVocab) CountTokens(ctx context.Context, text string) (int, error) {
	return r.live().(Tokenizing).CountTokens(ctx, text)
}

func (r *replicaCountingVocab) Tokenizer(ctx context.Context) (haystack.Tokenizer, error) {
	return r.live().(VocabularySource).Tokenizer(ctx)
}

// ReplicaServed reports, for a client of several replicas, how many
// requests each answered; ok is false for a single-server client.
func ReplicaServed(c Client) (map[string]int, bool) {
	type served interface{ Served() map[string]int }
	if s, ok := c.(served); ok {
		return s.Served(), true
	}
	return nil, false
}

// joinURLs renders replica URLs, each redacted.
func joinURLs(urls []string) string {
	out := make([]string, len(urls))
	for i, u := range urls {
		out[i] = redactURL(u)
	}
	return strings.Join(out, ",")
}
