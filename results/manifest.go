package results

import (
	"encoding/json"
	"fmt"
	"os"
)

// Manifest is everything needed to reproduce a run. It never holds secrets:
// API keys are named by their environment variable only.
type Manifest struct {
	Schema      string            `json:"schema"` // "niah.manifest/1"
	Tool        string            `json:"tool"`   // "niah <version>"
	Created     string            `json:"created"`
	Args        []string          `json:"args,omitempty"`
	Task        string            `json:"task"`
	Lengths     []int             `json:"lengths"`
	Depths      []float64         `json:"depths"`
	Trials      int               `json:"trials"`
	Seed        int64             `json:"seed"`
	Haystack    string            `json:"haystack"`
	CorpusHash  string            `json:"corpus_hash"`
	Tokenizer   string            `json:"tokenizer"`
	MaxTokens   int               `json:"max_tokens"`
	Options     map[string]string `json:"options,omitempty"`
	Order       string            `json:"order,omitempty"`
	Concurrency int               `json:"concurrency,omitempty"`
	// Shard is "i/n" for one part of a sharded run; merge clears it and
	// lists the parts in Merged.
	Shard  string   `json:"shard,omitempty"`
	Merged []string `json:"merged,omitempty"`
	// Incomplete says, one line each, why a merge's parts do not make the
	// whole run (a shard missing or given twice, parts of different
	// shardings, a part not finished or still being written); empty when
	// they do. niah merge exits 5 when it is set, unless --partial.
	Incomplete []string    `json:"incomplete,omitempty"`
	Models     []ModelInfo `json:"models"`
	// Adaptive is set when the run searched for the effective context
	// instead of sweeping the grid (Lengths is then the coarse ladder).
	Adaptive *AdaptiveInfo `json:"adaptive,omitempty"`
	Warnings []string      `json:"warnings,omitempty"`
	// Pairs counts a latent run's pairs, and those left out because the
	// haystack holds their words.
	Pairs *PairCount `json:"pairs,omitempty"`

	// LengthCounts is what a length counts: CountsWindow or CountsPrompt
	// ("" in manifests written before it was recorded: the prompt).
	LengthCounts string `json:"length_counts,omitempty"`
}

// PairCount is how many pairs a latent task's set holds and how many of
// them the run's haystack left out.
type PairCount struct {
	Total   int `json:"total"`
	LeftOut int `json:"left_out"`
}

// ModelInfo is one model of the run and what its server said about itself.
type ModelInfo struct {
	Spec          string `json:"spec"` // no secrets
	Label         string `json:"label"`
	Kind          string `json:"kind,omitempty"`
	Version       string `json:"version,omitempty"`
	ContextLength int    `json:"context_length,omitempty"` // server-reported window; 0 = unknown
	ContextSource string `json:"context_source,omitempty"`
	// TotalSlots is how many slots the server splits its context into
	// (llama-server -np; ContextLength is then per slot); 0 = not reported.
	TotalSlots int `json:"total_slots,omitempty"`
	// Rope is the model's RoPE settings as the server reports them
	// (provider.ServerInfo.Rope).
	Rope      map[string]string `json:"rope,omitempty"`
	Claimed   int               `json:"claimed,omitempty"` // --claimed N
	APIKeyEnv string            `json:"api_key_env,omitempty"`
	Simulated bool              `json:"simulated,omitempty"`
	// TokenizerNote says how lengths were made the model's own tokens
	// (server tokenizer, calibration, offline file, or a fallback).
	TokenizerNote string `json:"tokenizer_note,omitempty"`
}

// AdaptiveInfo records an adaptive run's settings.
type AdaptiveInfo struct {
	Resolution float64 `json:"resolution"`       // refine until first fail ≤ (1+Resolution) × last pass
	Budget     int     `json:"budget,omitempty"` // prompt tokens per model; 0: none
	Threshold  float64 `json:"threshold"`        // the RULER bar searched for
	Relative   float64 `json:"relative"`         // the NoLiMa fraction searched for
	// Target is the share of the full grid's tokens the search aims at
	// (one length takes at most half of it; narrowing stops at it); 0,
	// in runs from before it existed: the whole grid.
	Target float64 `json:"target,omitempty"`
}

// ReadManifest reads a manifest.json.
func ReadManifest(path string) (*Manifest, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &m, nil
}

// WriteManifest writes m to path, replacing it atomically.
func WriteManifest(path string, m *Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return WriteAtomic(path, append(b, '\n'))
}
