package runner

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"niah/haystack"
	"niah/needle"
	"niah/results"
)

// --prompts FILE.jsonl sends prompts made elsewhere, in RULER's data
// format: a JSON line per prompt with index, input, outputs (the strings a
// right answer holds) and length (input + answer budget, RULER's way),
// and optionally token_position_answer (where the answer sits, in RULER's
// tokens) and answer_prefix (appended to the input: niah sends one user
// message). The file replaces the grid and the task: each line is a trial
// at its length, its depth the nearest 10% to token_position_answer /
// length (a file without positions has no depth: one row per length).
// niah still counts every prompt in the model's tokens and checks the
// server's count, so truncation verdicts, resume and reports work as for
// niah's own prompts. The task is named after the file: RULER's
// TASK/validation.jsonl is TASK.

// promptFile is a prompts file as a task: its lines are its trials.
type promptFile struct {
	path, name, hash string
	lines            []promptLine
	byTrial          map[int]int // trial (line number among prompts) → lines index
	depthless        bool
	anyOf            bool // qa tasks: any reference is right (RULER's string_match_part)
}

type promptLine struct {
	offset, size int64 // the line's bytes in the file
	length       int
	depth        float64
	position     *int // token_position_answer
}

// rulerLine is one line of RULER's data format.
type rulerLine struct {
	Index               *int     `json:"index"`
	Input               *string  `json:"input"`
	Outputs             []string `json:"outputs"`
	Length              *int     `json:"length"`
	TokenPositionAnswer *int     `json:"token_position_answer"`
	AnswerPrefix        string   `json:"answer_prefix"`
}

// loadPromptFile reads and checks a prompts file; bad input is one error
// naming the file and the line.
func loadPromptFile(path string) (*promptFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, badSetting("prompts", err)
	}
	defer f.Close()
	pf := &promptFile{path: path, name: promptTaskName(path), byTrial: map[int]int{}, depthless: true}
	pf.anyOf = strings.HasPrefix(pf.name, "qa")
	sum := sha256.New()
	r := bufio.NewReaderSize(io.TeeReader(f, sum), 1<<20)
	var offset int64
	for lineNo := 1; ; lineNo++ {
		b, err := r.ReadBytes('\n')
		if len(b) > 0 {
			if perr := pf.addLine(b, offset, lineNo); perr != nil {
				return nil, badSetting("prompts", perr)
			}
			offset += int64(len(b))
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, badSetting("prompts", fmt.Errorf("%s:%d: %w", path, lineNo, err))
		}
	}
	if len(pf.lines) == 0 {
		return nil, badSetting("prompts", fmt.Errorf("%s: no prompt in the file", path))
	}
	pf.hash = hex.EncodeToString(sum.Sum(nil))
	return pf, nil
}

func (pf *promptFile) addLine(b []byte, offset int64, lineNo int) error {
	if len(bytes.TrimSpace(b)) == 0 {
		return nil
	}
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s", pf.path, lineNo, fmt.Sprintf(format, args...))
	}
	var l rulerLine
	if err := json.Unmarshal(b, &l); err != nil {
		return bad("not a JSON object of RULER's data format (index, input, outputs, length): %v", err)
	}
	switch {
	case l.Input == nil || strings.TrimSpace(*l.Input) == "":
		return bad("no input (the prompt)")
	case len(l.Outputs) == 0:
		return bad("no outputs (the strings a right answer holds)")
	case l.Length == nil || *l.Length <= 0 || *l.Length > results.MaxLength:
		return bad("length must be the prompt's tokens plus the answer budget, 1 to %d", results.MaxLength)
	case l.TokenPositionAnswer != nil && (*l.TokenPositionAnswer < 0 || *l.TokenPositionAnswer > *l.Length):
		return bad("token_position_answer %d is outside the prompt", *l.TokenPositionAnswer)
	}
	for _, o := range l.Outputs {
		if strings.TrimSpace(o) == "" {
			return bad("an empty output: every output is a string a right answer holds")
		}
	}
	pl := promptLine{offset: offset, size: int64(len(b)), length: *l.Length, position: l.TokenPositionAnswer}
	if l.TokenPositionAnswer != nil {
		pf.depthless = false
		pl.depth = math.Min(100, 10*math.Round(10*float64(*l.TokenPositionAnswer)/float64(*l.Length)))
	}
	pf.byTrial[len(pf.lines)] = len(pf.lines)
	pf.lines = append(pf.lines, pl)
	return nil
}

// promptTaskName names the task of a prompts file: RULER's
// DATA/TASK/validation.jsonl is TASK, any other file its name less the
// extension; characters unfit for a trial id become '_'.
func promptTaskName(path string) string {
	base := filepath.Base(path)
	name := strings.TrimSuffix(base, filepath.Ext(base))
	if name == "validation" || name == "test" {
		if dir := filepath.Base(filepath.Dir(path)); dir != "." && dir != string(filepath.Separator) {
			name = dir
		}
	}
	b := []byte(name)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.') {
			b[i] = '_'
		}
	}
	return string(b)
}

// read parses one line of the file again (prompts are read when built and
// when sent, not kept: a file of 1M-token prompts is gigabytes).
func (pf *promptFile) read(trial int) (rulerLine, error) {
	i, ok := pf.byTrial[trial]
	if !ok {
		return rulerLine{}, fmt.Errorf("%s: no prompt %d", pf.path, trial)
	}
	f, err := os.Open(pf.path)
	if err != nil {
		return rulerLine{}, err
	}
	defer f.Close()
	b := make([]byte, pf.lines[i].size)
	if _, err := f.ReadAt(b, pf.lines[i].offset); err != nil {
		return rulerLine{}, fmt.Errorf("%s: %w", pf.path, err)
	}
	var l rulerLine
	if err := json.Unmarshal(b, &l); err != nil || l.Input == nil {
		return rulerLine{}, fmt.Errorf("%s: the file changed since the run began", pf.path)
	}
	return l, nil
}

// items are the file's trials.
func (pf *promptFile) items() []Item {
	out := make([]Item, len(pf.lines))
	for i, l := range pf.lines {
		out[i] = Item{Length: l.length, Depth: l.depth, Trial: i}
	}
	return out
}

// grid is the lengths and depths of the file, for the manifest and the
// checks every plan gets; Trials is the most prompts of any cell.
func (pf *promptFile) grid() Grid {
	var g Grid
	cells := map[[2]float64]int{}
	for _, l := range pf.lines {
		g.Lengths = append(g.Lengths, l.length)
		g.Depths = append(g.Depths, l.depth)
		k := [2]float64{float64(l.length), l.depth}
		cells[k]++
		g.Trials = max(g.Trials, cells[k])
	}
	g.Lengths, g.Depths = sortedSet(g.Lengths), sortedSet(g.Depths)
	return g
}

// The needle.Task a prompts file is.
func (pf *promptFile) Name() string            { return pf.name }
func (pf *promptFile) DefaultHaystack() string { return "builtin" } // only calibration reads it
func (pf *promptFile) Depthless() bool         { return pf.depthless }

// Material names the file and its SHA-256, for records and the manifest.
func (pf *promptFile) Material() (string, string) { return "prompts:" + pf.path, pf.hash }

// Make is never used: the file's prompts are built by buildFromFile.
func (pf *promptFile) Make(*rand.Rand, float64, func(string) bool) needle.Instance {
	return needle.Instance{}
}

// buildFromFile is the prompt of one line: its input (and answer prefix)
// counted whole in the planning tokenizer, the outputs to grade against.
func (pr *Prompter) buildFromFile(label string, it Item, pf *promptFile) (*Prompt, error) {
	l, err := pf.read(it.Trial)
	if err != nil {
		return nil, err
	}
	n, err := pr.Tok.Count(*l.Input + l.AnswerPrefix)
	if err != nil {
		return nil, err
	}
	p := &Prompt{Item: it, ID: TrialID(label, pf.Name(), pr.Seed, it),
		Layout:  haystack.Layout{Target: it.Length, Tokens: n + pr.Cal.Overhead, Haystack: n, Offsets: []int{0}},
		Content: needle.Instance{Expected: l.Outputs, AnyOf: pf.anyOf}}
	p.ServerTokens = p.Layout.Tokens
	if pr.Cal.Scale > 0 && pr.Cal.Scale != 1 {
		p.Layout.Tokens = n
		p.ServerTokens = int(math.Round(pr.Cal.Scale*float64(n))) + pr.Cal.Overhead
	}
	if pos := pf.lines[pf.byTrial[it.Trial]].position; pos != nil && n > 0 {
		p.DepthActual = math.Min(100, 100*float64(*pos)/float64(n))
	}
	p.text = func() string {
		l, err := pf.read(it.Trial)
		if err != nil {
			return ""
		}
		return *l.Input + l.AnswerPrefix
	}
	return p, nil
}

// fileSource sends every line of a prompts file to each model.
type fileSource struct {
	items []Item
	jobs  int
}

func (s fileSource) Start([]results.Record) []ModelItem {
	var out []ModelItem
	for j := range s.jobs {
		for _, it := range s.items {
			out = append(out, ModelItem{Job: j, Item: it})
		}
	}
	return out
}

func (fileSource) Observe(*results.Record) []ModelItem { return nil }
