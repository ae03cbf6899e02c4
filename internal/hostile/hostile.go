// Package hostile is an OpenAI-compatible server that misbehaves on
// purpose: each chat completion answers with a fault drawn at random
// (5xx, 429, a dropped connection, truncated JSON, an HTML 502 page, a
// stall, an endless body, an aborted repetition loop, a redirect) or with
// a plain answer. It keeps, per prompt, the faults it served, so a test
// can tell what each trial's record must say.
package hostile

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Fault is one way of answering.
type Fault string

// The faults, and Answer (a well-formed answer).
const (
	Answer     Fault = "answer"
	Status500  Fault = "500"
	Status429  Fault = "429"
	Drop       Fault = "drop"       // the connection is closed with no answer
	Truncated  Fault = "truncated"  // HTTP 200 with half a JSON object
	HTML502    Fault = "html502"    // a proxy's error page
	Stall      Fault = "stall"      // headers, then nothing until the client gives up
	Endless    Fault = "endless"    // HTTP 200 and a body that never ends
	Repetition Fault = "repetition" // Ollama /v1 after its token repeat limit: partial text, prompt_tokens 0
	Redirect   Fault = "redirect"   // 307 to the same endpoint under another path
)

// All is every fault, Answer included.
var All = []Fault{Answer, Status500, Status429, Drop, Truncated, HTML502, Stall, Endless, Repetition, Redirect}

// Server is the handler. Mix gives each fault's weight (a fault not in Mix
// is never served); Seed makes the draws repeatable.
type Server struct {
	Mix  map[Fault]int
	Seed uint64
	// Delay is how long each chat completion takes before its answer, so
	// a run lasts long enough to be killed at random moments.
	Delay time.Duration

	mu     sync.Mutex
	rng    *rand.Rand
	served map[string][]Fault // by the prompt's text
}

// Served returns the faults served for each prompt, in order.
func (s *Server) Served() map[string][]Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string][]Fault, len(s.served))
	for k, v := range s.served {
		out[k] = append([]Fault(nil), v...)
	}
	return out
}

func (s *Server) draw(prompt string) Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.rng == nil {
		s.rng = rand.New(rand.NewPCG(s.Seed, 7))
		s.served = map[string][]Fault{}
	}
	total := 0
	for _, f := range All {
		total += s.Mix[f]
	}
	f := Answer
	if total > 0 {
		n := s.rng.IntN(total)
		for _, g := range All {
			if n < s.Mix[g] {
				f = g
				break
			}
			n -= s.Mix[g]
		}
	}
	s.served[prompt] = append(s.served[prompt], f)
	return f
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.Method == "GET" && strings.HasSuffix(r.URL.Path, "/models"):
		io.WriteString(w, `{"object":"list","data":[{"id":"m","object":"model","owned_by":"hostile"}]}`)
		return
	case r.Method != "POST" || !strings.HasSuffix(r.URL.Path, "/chat/completions"):
		http.NotFound(w, r)
		return
	}
	var req struct {
		Messages []struct{ Content string } `json:"messages"`
		Stream   bool                       `json:"stream"`
	}
	body, _ := io.ReadAll(r.Body)
	if err := json.Unmarshal(body, &req); err != nil || len(req.Messages) == 0 {
		http.Error(w, `{"error":{"message":"bad request"}}`, http.StatusBadRequest)
		return
	}
	prompt := req.Messages[len(req.Messages)-1].Content
	f := s.draw(prompt)
	if s.Delay > 0 {
		select {
		case <-time.After(s.Delay):
		case <-r.Context().Done():
			return
		}
	}
	serve(w, r, f, req.Stream)
}

const answerJSON = `{"choices":[{"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],"usage":{"prompt_tokens":%d,"completion_tokens":3}}`

func serve(w http.ResponseWriter, r *http.Request, f Fault, stream bool) {
	switch f {
	case Answer:
		// No usage count: the prompt's length cannot be checked by a
		// server that tokenizes differently, and the test is about faults.
		if stream {
			io.WriteString(w, "data: {\"choices\":[{\"delta\":{\"content\":\"I do not know.\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n")
			return
		}
		io.WriteString(w, `{"choices":[{"message":{"role":"assistant","content":"I do not know."},"finish_reason":"stop"}]}`)
	case Status500:
		http.Error(w, `{"error":{"message":"internal error"}}`, http.StatusInternalServerError)
	case Status429:
		w.Header().Set("Retry-After", "0")
		http.Error(w, `{"error":{"message":"slow down"}}`, http.StatusTooManyRequests)
	case Drop:
		if hj, ok := w.(http.Hijacker); ok {
			if c, _, err := hj.Hijack(); err == nil {
				c.Close()
				return
			}
		}
		panic(http.ErrAbortHandler)
	case Truncated:
		full := fmt.Sprintf(answerJSON, "It is 42", 10)
		if stream {
			full = "data: " + full + "\n\n"
		}
		io.WriteString(w, full[:len(full)/2])
	case HTML502:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		io.WriteString(w, "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n")
	case Stall:
		w.WriteHeader(http.StatusOK)
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(time.Minute):
		}
	case Endless:
		EndlessBody(w, r, stream)
	case Repetition:
		if stream { // Ollama's /v1 stream after the abort: the text, a stop, no count
			for range 31 {
				io.WriteString(w, "data: {\"choices\":[{\"delta\":{\"content\":\"the \"}}]}\n\n")
			}
			io.WriteString(w, "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":0,\"completion_tokens\":31}}\n\ndata: [DONE]\n\n")
			return
		}
		io.WriteString(w, fmt.Sprintf(answerJSON, strings.Repeat("the ", 31), 0))
	case Redirect:
		http.Redirect(w, r, "/again"+strings.TrimPrefix(r.URL.Path, "/again"), http.StatusTemporaryRedirect)
	}
}

// EndlessBody answers HTTP 200 and writes until the client goes away: a JSON
// string that never closes, or SSE chunks that never finish.
func EndlessBody(w http.ResponseWriter, r *http.Request, stream bool) {
	w.WriteHeader(http.StatusOK)
	chunk := strings.Repeat("a", 32<<10)
	if stream {
		chunk = `data: {"choices":[{"delta":{"content":"` + chunk + `"}}]}` + "\n\n"
	} else {
		io.WriteString(w, `{"choices":[{"message":{"content":"`)
	}
	for r.Context().Err() == nil {
		if _, err := io.WriteString(w, chunk); err != nil {
			return
		}
	}
}
