package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"niah/results"
)

func TestParseSpecReplicas(t *testing.T) {
	s, err := ParseSpec("vllm:Qwen/Qwen3-8B@http://gpu1:8000/v1,https://user:pw@gpu2:8000/v1/?key=s3cret")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Replicas) != 2 || s.BaseURL != "http://gpu1:8000/v1" || s.Model != "Qwen/Qwen3-8B" {
		t.Fatalf("%+v", s)
	}
	if got := s.String(); got != "vllm:Qwen/Qwen3-8B@http://gpu1:8000/v1,https://gpu2:8000/v1" {
		t.Errorf("String() = %q: each URL redacted", got)
	}
	if _, err := ParseSpec("vllm:m@http://a:1,ftp://b"); err == nil || !strings.Contains(err.Error(), "bad base URL") {
		t.Errorf("a bad replica URL: %v", err)
	}
}

// replicaServer is an OpenAI-compatible server that answers after a
// pause and counts what it served.
func replicaServer(t *testing.T, served *atomic.Int64) *httptest.Server {
	t.Helper()
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v1/models":
			fmt.Fprint(w, `{"data":[{"id":"m"}]}`)
		case "/v1/chat/completions":
			time.Sleep(20 * time.Millisecond)
			served.Add(1)
			fmt.Fprint(w, `{"choices":[{"message":{"content":"42"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5}}`)
		default:
			http.NotFound(w, r)
		}
	}))
}

// Requests spread over the replicas by load; when one dies mid-run it is
// dropped with one warning and every request still gets its answer.
func TestReplicasSpreadAndSurviveADeadOne(t *testing.T) {
	var a, b atomic.Int64
	sa, sb := replicaServer(t, &a), replicaServer(t, &b)
	defer sa.Close()
	var warnings []string
	var mu sync.Mutex
	c, err := openSpec("vllm:m@"+sa.URL+"/v1,"+sb.URL+"/v1", Options{MaxRetries: -1, Warn: func(s string) {
		mu.Lock()
		warnings = append(warnings, s)
		mu.Unlock()
	}})
	if err != nil {
		t.Fatal(err)
	}
	info, err := c.Info(context.Background())
	if err != nil || info.Extra["replicas"] != "2 of 2 answering" {
		t.Fatalf("info %+v, %v", info, err)
	}
	send := func(n int) (fails int) {
		var wg sync.WaitGroup
		var failed atomic.Int64
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				resp, err := c.Complete(context.Background(), Request{MaxTokens: 8, Messages: []results.Message{{Role: "user", Content: "q"}}})
				if err != nil || resp.Answer != "42" {
					failed.Add(1)
				}
			}()
			time.Sleep(5 * time.Millisecond)
		}
		wg.Wait()
		return int(failed.Load())
	}
	if f := send(20); f != 0 {
		t.Fatalf("%d requests failed with both replicas up", f)
	}
	if a.Load() < 5 || b.Load() < 5 {
		t.Errorf("spread %d / %d: want both replicas used", a.Load(), b.Load())
	}
	sb.CloseClientConnections()
	sb.Close() // the second replica dies
	before := a.Load()
	if f := send(10); f != 0 {
		t.Errorf("%d requests lost after a replica died", f)
	}
	if a.Load()-before != 10 {
		t.Errorf("the live replica served %d of the 10 requests after the death", a.Load()-before)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "dropped (1 of 2 left)") || !strings.Contains(warnings[0], sb.URL) {
		t.Errorf("warnings %q: want one naming the dead replica", warnings)
	}
	served, ok := ReplicaServed(c)
	if !ok || served[sb.URL+"/v1 (dropped)"] != int(b.Load()) {
		t.Errorf("served %v", served)
	}
}

// Three request streams over two replicas (--concurrency 3): each stream
// keeps to one replica, whose prefix cache then serves its ascending
// prompts, and both replicas work.
func TestReplicasKeepEachStreamOnOneReplica(t *testing.T) {
	var mu sync.Mutex
	servedBy := map[string]map[string]bool{} // stream -> replica names
	server := func(name string) *httptest.Server {
		return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			var body struct {
				Messages []results.Message `json:"messages"`
			}
			json.NewDecoder(r.Body).Decode(&body)
			time.Sleep(time.Duration(1+len(name)) * time.Millisecond)
			mu.Lock()
			s := body.Messages[0].Content
			if servedBy[s] == nil {
				servedBy[s] = map[string]bool{}
			}
			servedBy[s][name] = true
			mu.Unlock()
			fmt.Fprint(w, `{"choices":[{"message":{"content":"42"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5}}`)
		}))
	}
	sa, sb := server("a"), server("bb")
	defer sa.Close()
	defer sb.Close()
	c, err := openSpec("vllm:m@"+sa.URL+"/v1,"+sb.URL+"/v1", Options{MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for stream := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 15 {
				msg := []results.Message{{Role: "user", Content: fmt.Sprint("stream ", stream)}}
				if _, err := c.Complete(context.Background(), Request{MaxTokens: 8, Messages: msg, Stream: stream}); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	used := map[string]bool{}
	for s, reps := range servedBy {
		if len(reps) != 1 {
			t.Errorf("%s went to %d replicas: %v", s, len(reps), reps)
		}
		for r := range reps {
			used[r] = true
		}
	}
	if len(servedBy) != 3 || len(used) != 2 {
		t.Errorf("streams %d, replicas used %v: want 3 streams over both", len(servedBy), used)
	}
}

// A dropped replica that comes back (a restarted server on the same
// address) is asked again in the background and takes work again.
func TestReplicaThatComesBackTakesWorkAgain(t *testing.T) {
	var a, b atomic.Int64
	sa := replicaServer(t, &a)
	defer sa.Close()
	sb := replicaServer(t, &b)
	addr := sb.Listener.Addr().String()
	var mu sync.Mutex
	var warnings []string
	c, err := openSpec("vllm:m@"+sa.URL+"/v1,http://"+addr+"/v1", Options{MaxRetries: -1, ReplicaRecheck: 20 * time.Millisecond, Warn: func(s string) {
		mu.Lock()
		warnings = append(warnings, s)
		mu.Unlock()
	}})
	if err != nil {
		t.Fatal(err)
	}
	send := func() {
		t.Helper()
		req := Request{MaxTokens: 8, Messages: []results.Message{{Role: "user", Content: "q"}}}
		if resp, err := c.Complete(context.Background(), req); err != nil || resp.Answer != "42" {
			t.Fatalf("%+v, %v", resp, err)
		}
	}
	sb.CloseClientConnections()
	sb.Close()
	if info, err := c.Info(context.Background()); err != nil || info.Extra["replicas"] != "1 of 2 answering" {
		t.Fatalf("info %+v, %v: want the closed replica dropped", info, err)
	}
	// The same address serves again.
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s again: %v", addr, err)
	}
	back := httptest.NewUnstartedServer(replicaServer(t, &b).Config.Handler)
	back.Listener.Close()
	back.Listener = l
	back.Start()
	defer back.Close()
	returned := func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(warnings) == 2
	}
	for i := 0; i < 1000 && !returned(); i++ {
		send() // a pick is what asks a dropped replica again
		time.Sleep(2 * time.Millisecond)
	}
	// Two streams at once: one stays on the first replica, the other
	// finds it busy past its fair share and goes to the one that is back.
	before := b.Load()
	var wg sync.WaitGroup
	for stream := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req := Request{MaxTokens: 8, Messages: []results.Message{{Role: "user", Content: "q"}}, Stream: stream}
			if _, err := c.Complete(context.Background(), req); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if b.Load() == before {
		t.Error("the replica that came back was not used again")
	}
	mu.Lock()
	defer mu.Unlock()
	if len(warnings) != 2 || !strings.Contains(warnings[0], "dropped (1 of 2 left)") || !strings.Contains(warnings[1], "answers again (2 of 2 live)") {
		t.Errorf("warnings %q: want the drop, then the return", warnings)
	}
}
