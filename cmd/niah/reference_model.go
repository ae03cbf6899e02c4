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
)

const refModelUsage = `Usage: niah reference-model --out ref.gguf [--rope-scale 2] [--head-dim 224]

Writes the reference model of known behaviour: a small llama GGUF whose
weights are set by hand to retrieve by exact byte induction, with an
effective context of 2,310 tokens by design (2,310 x the factor with
--rope-scale). Serve it with Ollama or llama.cpp and run the passkey task
on it: the tool must find 100% up to the designed context and failure past
it. It answers only llama.cpp-style passkey prompts (the question ends with
the needle's own lead-in), with one token per byte (--tokenizer bytes).

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
	opts := refmodel.Options{RopeScale: *scale, HeadDim: *headDim}
	if err := opts.Validate(); err != nil {
		return fmt.Errorf("--head-dim: %w", err)
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
	factor := opts.EffectiveContext() / refmodel.DesignedContext // the RoPE scale, 1 when unscaled
	name := refModelName(opts)
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

// refModelName names the model after its variant: niah-ref, niah-ref-x2,
// niah-ref-h224, niah-ref-x2-h224.
func refModelName(opts refmodel.Options) string {
	name := "niah-ref"
	if factor := opts.EffectiveContext() / refmodel.DesignedContext; factor > 1 {
		name += fmt.Sprintf("-x%d", factor)
	}
	if h := opts.HeadDimension(); h != refmodel.NaturalHeadDim {
		name += fmt.Sprintf("-h%d", h)
	}
	return name
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
