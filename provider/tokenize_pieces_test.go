package provider

import (
	"context"
	"slices"
	"testing"
)

// llama.cpp's /tokenize with_pieces gives each token's text, or its bytes
// as numbers when they are not valid UTF-8 alone (README, /tokenize).
func TestCountBoundariesMapsPieces(t *testing.T) {
	cases := []struct {
		name, text, body string
		bounds, want     []int
	}{
		{"text pieces", "Hi there. Next one.",
			`{"tokens":[{"id":1,"piece":"Hi"},{"id":2,"piece":" there"},{"id":3,"piece":"."},{"id":4,"piece":" Next"},{"id":5,"piece":" one"},{"id":6,"piece":"."}]}`,
			[]int{9, 19}, []int{3, 6}},
		{"byte pieces", "é. x.",
			`{"tokens":[{"id":1,"piece":[195]},{"id":2,"piece":[169]},{"id":3,"piece":"."},{"id":4,"piece":" x"},{"id":5,"piece":"."}]}`,
			[]int{3, 6}, []int{3, 5}},
		{"SentencePiece's added leading space", "Hi. Yo.",
			`{"tokens":[{"id":1,"piece":" Hi"},{"id":2,"piece":"."},{"id":3,"piece":" Yo"},{"id":4,"piece":"."}]}`,
			[]int{3, 7}, []int{2, 4}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t, map[string][]scripted{"POST /tokenize": {{body: tc.body}}})
			c := client(t, "llamacpp:any", f.URL+"/v1", Options{}).(BoundaryCounting)
			if !c.CountsAtBoundaries() {
				t.Fatal("llama.cpp counts at boundaries")
			}
			got, err := c.CountBoundaries(context.Background(), tc.text, tc.bounds)
			if err != nil || !slices.Equal(got, tc.want) {
				t.Fatalf("got %v, %v; want %v", got, err, tc.want)
			}
			if req := f.requests("/tokenize")[0]; req.Body["with_pieces"] != true || req.Body["add_special"] != false {
				t.Errorf("body %v", req.Body)
			}
		})
	}
	// Pieces that do not cover the text are refused, not guessed at.
	f := newFake(t, map[string][]scripted{"POST /tokenize": {{body: `{"tokens":[{"id":1,"piece":"abc"}]}`}}})
	c := client(t, "llamacpp:any", f.URL+"/v1", Options{}).(BoundaryCounting)
	if _, err := c.CountBoundaries(context.Background(), "a", []int{1}); err == nil {
		t.Error("pieces of 3 bytes for a 1-byte text should fail")
	}
	if client(t, "vllm:m", f.URL+"/v1", Options{}).(BoundaryCounting).CountsAtBoundaries() {
		t.Error("vLLM's /tokenize gives no offsets")
	}
}
