package ollamatest

import "testing"

// StartWith runs a private ollama, as Start does, with extra environment
// settings (e.g. "OLLAMA_NEW_ENGINE=1": Ollama's own Go engine for every
// architecture it knows, instead of llama.cpp) and serving the model store
// models (another server's ModelsDir, so models are not created twice;
// "" for a store of its own). It stops at cleanup.
func StartWith(t testing.TB, models string, env ...string) *Server {
	t.Helper()
	bin, err := FindBinary()
	if err != nil {
		skipOrFail(t, err)
	}
	s, err := start(bin, t.TempDir(), func(s *Server) { s.models, s.extra = models, env })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	return s
}
