package runner

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"niah/corpora"
	"niah/haystack"
	"niah/needle"
	"niah/provider"
)

// countingServer is a server with a tokenize endpoint (llama.cpp, vLLM...).
type countingServer struct {
	fakeClient
	requests atomic.Int64
}

func (c *countingServer) CountTokens(_ context.Context, text string) (int, error) {
	c.requests.Add(1)
	return haystack.SimCount(text), nil
}

func TestAutoUsesTheServerTokenizer(t *testing.T) {
	srv := &countingServer{}
	info := provider.ServerInfo{Kind: "llamacpp", Model: "m", HasTokenizer: true}
	res, err := Resolve(context.Background(), "auto", srv, info)
	if err != nil || !res.Exact || !strings.HasPrefix(res.Tok.Name(), "server:llamacpp") {
		t.Fatalf("resolved %+v, %v", res, err)
	}
	if _, ok := res.Tok.(haystack.Remote); !ok {
		t.Error("a server tokenizer should be marked remote")
	}
	task, _ := needle.ByName("single")
	pr, err := NewPrompter(task, corpora.Builtin(0), res.Tok, 1, 4096, testCache)
	if err != nil {
		t.Fatal(err)
	}
	if srv.requests.Load() == 0 {
		t.Fatal("the haystack was not counted by the server")
	}
	for _, l := range []int{1024, 4096} {
		p, err := pr.Build("", Item{Length: l, Depth: 50})
		if err != nil {
			t.Fatal(err)
		}
		if n := haystack.SimCount(p.Text()); n < l-8 || n > l+8 || n != p.Layout.Tokens {
			t.Errorf("length %d: the server counts %d, planned %d", l, n, p.Layout.Tokens)
		}
	}
}

func TestAutoFallsBackToACalibratedStandIn(t *testing.T) {
	fc := &fakeClient{} // reports prompt counts, offers no tokenizer
	res, err := Resolve(context.Background(), "auto", fc, provider.ServerInfo{Kind: "openai"})
	if err != nil || res.Exact || res.Tok.Name() != "o200k" || res.Warn == "" {
		t.Fatalf("resolved %+v, %v", res, err)
	}
	task, _ := needle.ByName("single")
	pr, err := NewPrompter(task, corpora.Builtin(0), res.Tok, 1, 8192, testCache)
	if err != nil {
		t.Fatal(err)
	}
	cal, err := Calibrate(context.Background(), fc, pr, false)
	if err != nil || cal.Probes != 2 || cal.Scale < 0.7 || cal.Scale > 1.3 {
		t.Fatalf("calibration %+v, %v", cal, err)
	}
	pr.Cal = cal
	// The fake server counts in sim tokens; the calibrated o200k plan must
	// land within 2% of the target in the server's count.
	for _, l := range []int{2048, 8192} {
		p, err := pr.Build("", Item{Length: l, Depth: 50})
		if err != nil {
			t.Fatal(err)
		}
		n := haystack.SimCount(p.Text())
		if d := float64(n-l) / float64(l); d > 0.02 || d < -0.02 {
			t.Errorf("length %d: server counts %d (expected %d)", l, n, p.ServerTokens)
		}
	}
	_, err = Resolve(context.Background(), "server", fc, provider.ServerInfo{Kind: "openai"})
	var se *SettingError
	if !errors.As(err, &se) || se.Setting != "tokenizer" || !strings.Contains(err.Error(), "offers no tokenizer") {
		t.Errorf("tokenizer server without a server tokenizer must fail as a tokenizer setting: %v", err)
	}
}

// A hosted API's counter is rate-limited: auto plans in o200k and
// calibrates with two counts, sending no completion at all.
func TestHostedCounterCalibratesTheStandIn(t *testing.T) {
	srv := &countingServer{}
	info := provider.ServerInfo{Kind: "anthropic", Model: "m", HasTokenizer: true}
	res, err := Resolve(context.Background(), "auto", srv, info)
	if err != nil || res.Exact || res.Tok.Name() != "o200k" {
		t.Fatalf("resolved %+v, %v", res, err)
	}
	task, _ := needle.ByName("single")
	pr, err := NewPrompter(task, corpora.Builtin(0), res.Tok, 1, 20000, testCache)
	if err != nil {
		t.Fatal(err)
	}
	cal, err := Calibrate(context.Background(), srv, pr, res.Exact)
	if err != nil || cal.Probes != 2 || srv.requests.Load() != 2 || srv.calls.Load() != 0 {
		t.Fatalf("calibration %+v, %v: %d counts, %d completions", cal, err, srv.requests.Load(), srv.calls.Load())
	}
}
