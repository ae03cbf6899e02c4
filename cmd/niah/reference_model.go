package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"niah/refmodel"
	"niah/units"
)

const refModelUsage = `Usage: niah reference-model --out ref.gguf [--rope-scale 2] [--head-dim 224]
       niah reference-model --out swa.gguf --sliding-window 1024 [--global-layer]

Writes the reference model of known behaviour: a small llama GGUF whose
weights are set by hand to retrieve by exact byte induction, with an
effective context of 2,310 tokens by design (2,310 x the factor with
--rope-scale). Serve it with Ollama or llama.cpp and run the passkey task
on it: the tool must find 100% up to the designed context and failure past
it. It answers only llama.cpp-style passkey prompts (the question ends with
the needle's own lead-in), with one token per byte (--tokenizer bytes).

--sliding-window W writes a gemma2 GGUF instead, whose retrieval layer sees
only the last W tokens: the passkey is found only when the needle ends
within about W tokens of the question, at every length (a distance limit,
as a sliding window makes). --global-layer moves the retrieval into the
global layer that gemma2 interleaves with the sliding ones: found at every
distance.

Flags:
`

func refModelCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := pflag.NewFlagSet("reference-model", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, refModelUsage+fs.FlagUsages()) }
	out := fs.String("out", "", "GGUF file to write (required)")
	scale := fs.Float64("rope-scale", 1, "linear RoPE scaling factor written into the model: 1 (none) or a whole factor 2..8")
	headDim := fs.Int("head-dim", refmodel.NaturalHeadDim, fmt.Sprintf(
		"pad the head dimension to a multiple of 32 (%d..%d) with dimensions that carry nothing, for quantized KV caches (q8_0) that need it",
		refmodel.MinPaddedHeadDim, refmodel.MaxHeadDim))
	window := fs.Int("sliding-window", 0, fmt.Sprintf(
		"write the sliding-window model (gemma2) whose retrieval layer sees only the last W tokens (%d..%d)", refmodel.MinWindow, refmodel.MaxWindow))
	global := fs.Bool("global-layer", false, "with --sliding-window: retrieve in the global layer instead (found at every distance)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("reference-model: unexpected argument %q (use --out FILE)", fs.Arg(0))
	}
	if *out == "" {
		return fmt.Errorf("reference-model: --out FILE is required (e.g. --out ref.gguf)")
	}
	if err := (refmodel.Options{RopeScale: *scale}).Validate(); err != nil {
		return fmt.Errorf("--rope-scale: %w", err)
	}
	if err := (refmodel.Options{HeadDim: *headDim}).Validate(); err != nil {
		return fmt.Errorf("--head-dim: %w", err)
	}
	opts := refmodel.Options{RopeScale: *scale, HeadDim: *headDim, SlidingWindow: *window, GlobalLayer: *global}
	if err := opts.Validate(); err != nil {
		switch {
		case *window == 0:
			return fmt.Errorf("--global-layer: %w", err)
		case fs.Changed("rope-scale"):
			return fmt.Errorf("--rope-scale: %w", err)
		case fs.Changed("head-dim"):
			return fmt.Errorf("--head-dim: %w", err)
		}
		return fmt.Errorf("--sliding-window: %w", err)
	}
	if err := refmodel.Write(*out, opts); err != nil {
		return fmt.Errorf("--out: %w", err) // the error names the file
	}
	fi, err := os.Stat(*out)
	if err != nil {
		return fmt.Errorf("--out %s: %w", *out, err)
	}
	fmt.Fprint(stdout, refModelNextSteps(*out, fi.Size(), opts))
	return ctx.Err()
}

// refModelNextSteps tells the user how to serve the file and which self-check
// to run, with the verdict to expect.
func refModelNextSteps(path string, size int64, opts refmodel.Options) string {
	if opts.SlidingWindow > 0 {
		return windowNextSteps(path, size, opts)
	}
	factor := opts.EffectiveContext() / refmodel.DesignedContext // the RoPE scale, 1 when unscaled
	name := opts.Name()
	lengths, pass, fail := refModelGrid(opts.EffectiveContext())
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	var b strings.Builder
	fmt.Fprintf(&b, "wrote %s (%.1f MB): niah reference model, designed effective context %d tokens", path, float64(size)/1e6, opts.EffectiveContext())
	if factor > 1 {
		fmt.Fprintf(&b, " (linear RoPE scaling x%d)", factor)
	}
	if h := opts.HeadDimension(); h != refmodel.NaturalHeadDim {
		fmt.Fprintf(&b, "; heads padded from %d to %d dimensions, so a q8_0 KV cache can hold them", refmodel.NaturalHeadDim, h)
	}
	fmt.Fprintf(&b, "\n\nNext steps:\n")
	fmt.Fprintf(&b, "  1. Serve it with Ollama (the template passes the prompt through untouched):\n")
	fmt.Fprintf(&b, "       printf 'FROM %s\\nTEMPLATE \"\"\"{{ .Prompt }}\"\"\"\\nPARAMETER num_ctx %d\\n' > Modelfile\n", abs, opts.ContextLength())
	fmt.Fprintf(&b, "       ollama create %s -f Modelfile\n", name)
	fmt.Fprintf(&b, "     or with llama.cpp:  llama-server -m %s -c %d --jinja\n", abs, opts.ContextLength())
	fmt.Fprintf(&b, "  2. Run the self-check:\n")
	fmt.Fprintf(&b, "       niah run --model ollama:%s --task passkey --haystack noise --tokenizer bytes --lengths %s --depths 0,50,100\n", name, lengths)
	fmt.Fprintf(&b, "     (for llama-server: --model llamacpp:%s@http://127.0.0.1:8080/v1)\n", name)
	fmt.Fprintf(&b, "     Expect 100%% at %s at every depth and failure at %s: an effective context between\n", pass, fail)
	fmt.Fprintf(&b, "     the last passing length and %d tokens. Anything else points at the chain (prompt, tokenizer,\n", opts.EffectiveContext())
	fmt.Fprintf(&b, "     template, server truncation, grading), not at the model. On CPU a 2K prompt takes ~15-20 s to\n")
	fmt.Fprintf(&b, "     prefill; --max-tokens 8 skips the long continuation the model writes after the key.\n")
	return b.String()
}

// refModelGrid picks self-check lengths, in K tokens: every usual length
// within the designed context, then the first one past it.
func refModelGrid(effective int) (lengths, pass, fail string) {
	var ks []string
	for _, k := range []int{1, 2, 3, 4, 6, 8, 12, 16, 24, 32} {
		if k*1024 < effective {
			ks = append(ks, fmt.Sprintf("%dk", k))
			continue
		}
		fail = fmt.Sprintf("%dk", k)
		break
	}
	return strings.Join(append(ks, fail), ","), strings.Join(ks, ", "), fail
}

// windowNextSteps tells how to serve the sliding-window model and what its
// self-check must show: a distance limit near the window, or none.
func windowNextSteps(path string, size int64, opts refmodel.Options) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	w, name := opts.SlidingWindow, opts.Name()
	var ls []string
	for i := 1; i <= 3; i++ {
		ls = append(ls, units.FormatLength(i*w))
	}
	lengths := strings.Join(ls, ",")
	var b strings.Builder
	fmt.Fprintf(&b, "wrote %s (%.1f MB): niah reference model, %s\n\n", path, float64(size)/1e6, opts.Behaviour())
	fmt.Fprintf(&b, "Next steps:\n")
	fmt.Fprintf(&b, "  1. Serve it with Ollama (v0.17.4 runs gemma2 on llama.cpp; OLLAMA_NEW_ENGINE=1 on its Go engine):\n")
	fmt.Fprintf(&b, "       printf 'FROM %s\\nTEMPLATE \"\"\"{{ .Prompt }}\"\"\"\\n' > Modelfile\n", abs)
	fmt.Fprintf(&b, "       ollama create %s -f Modelfile\n", name)
	fmt.Fprintf(&b, "     or with llama.cpp:  llama-server -m %s -c %d --jinja --swa-full   (--swa-full keeps prefix reuse)\n", abs, opts.ContextLength())
	fmt.Fprintf(&b, "  2. Run the self-check:\n")
	fmt.Fprintf(&b, "       niah run --model ollama:%s --task passkey --haystack noise --tokenizer bytes --lengths %s --depths 0,25,50,75,100 --max-tokens 8\n", name, lengths)
	if opts.GlobalLayer {
		fmt.Fprintf(&b, "     Expect 100%% everywhere: the global layer retrieves at every distance, and the diagnosis says no failure.\n")
	} else {
		fmt.Fprintf(&b, "     Expect the key found exactly where the needle ends within %d tokens of the question (distance_tokens;\n", w-80)
		fmt.Fprintf(&b, "     %d on llama.cpp, whose window holds one token fewer), at every length, and the diagnosis\n", w-81)
		fmt.Fprintf(&b, "     a distance limit near %s tokens. A failure at every depth instead points at the chain, not the model.\n", units.FormatCount(w))
	}
	return b.String()
}
