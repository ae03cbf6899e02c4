package runner

import (
	"context"
	"testing"

	"niah/provider"
)

// openSpec parses spec and opens its client as a run does.
func openSpec(spec string, opts provider.Options) (provider.Client, error) {
	s, err := provider.ParseSpec(spec)
	if err != nil {
		return nil, err
	}
	return OpenClient(s, opts)
}

// A sim spec opens the in-process simulation; provider alone refuses it,
// since it has no server to connect to.
func TestOpenClientDispatchesTheSimulation(t *testing.T) {
	s, err := provider.ParseSpec("sim:32k")
	if err != nil {
		t.Fatal(err)
	}
	c, err := OpenClient(s, provider.Options{})
	if err != nil {
		t.Fatal(err)
	}
	info, err := c.Info(context.Background())
	if err != nil || !info.Simulated || info.Kind != provider.KindSim || info.ContextLength != 32768 {
		t.Fatalf("info %+v, %v", info, err)
	}
	if _, err := provider.Open(s, provider.Options{}); err == nil {
		t.Fatal("provider.Open opened the simulation")
	}
	v, _ := provider.ParseSpec("vllm:m@http://127.0.0.1:1/v1")
	if c, err := OpenClient(v, provider.Options{}); err != nil || c.Spec() != "vllm:m@http://127.0.0.1:1/v1" {
		t.Fatalf("vllm spec: %v %v", c, err)
	}
}
