package runner

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"sync"

	"niah/corpora"
	"niah/haystack"
	"niah/needle"
)

// A plan runs one task, or every task of a set (--task ruler), each on its
// own haystack: a model gets a job per task, and the run's jobs go model
// by model, each model's in the set's order.

// generatedHaystackBytes is the size of a haystack needle writes (RULER's
// haystack of needles): about as many tokens as the built-in prose.
const generatedHaystackBytes = 5_000_000

// composerReach is how far a task that writes its own context indexes its
// haystack: far enough for calibration's probes, which read its opening.
const composerReach = 1 << 15

// tasks are the plan's tasks, in the order their jobs go.
func (p Plan) tasks() []needle.Task {
	set, ok := p.Task.(needle.Set)
	if !ok {
		return []needle.Task{p.Task}
	}
	var out []needle.Task
	for _, m := range set.Members() {
		out = append(out, m.Task)
	}
	return out
}

// checkTasks refuses settings a task or set cannot honour.
func (p Plan) checkTasks() error {
	_, isSet := p.Task.(needle.Set)
	if isSet && (p.Haystack != "" || p.RepeatHaystack) {
		return badSetting("haystack", fmt.Errorf("%s picks each task's haystack itself (noise, prose, a haystack of needles)", p.Task.Name()))
	}
	if p.Search != nil && (isSet || needle.Depthless(p.Task)) {
		return badSetting("adaptive", fmt.Errorf("--task %s cannot be searched (the search walks depths and one task): run the grid", p.Task.Name()))
	}
	return nil
}

// depthless says, per job of jobs, whether its task has no depth.
func (p Plan) depthless(jobs int) []bool {
	tasks := p.tasks()
	out := make([]bool, jobs)
	for j := range out {
		out[j] = needle.Depthless(tasks[j%len(tasks)])
	}
	return out
}

// corpusFor opens the haystack of task t: the plan's --haystack, else
// the task's own (a corpus, or a haystack needle writes). Each is opened
// once per plan.
func (p Plan) corpusFor(t needle.Task) (*corpora.Corpus, error) {
	src := p.Haystack
	if src == "" {
		src = t.DefaultHaystack()
	}
	if c, ok := p.opened.get(src); ok {
		return c, nil
	}
	var c *corpora.Corpus
	if text, used, ok := needle.Haystack(src, generatedHaystackBytes); ok {
		c = corpora.FromText(src, text, false)
		p.opened.setUsed(c, used)
	} else {
		var err error
		if c, err = corpora.Open(src); err != nil {
			return nil, badSetting("haystack", err)
		}
	}
	p.opened.put(src, c)
	return c, nil
}

// reachFor is how far task t indexes its haystack for a grid that needs reach.
func reachFor(t needle.Task, reach int) int {
	switch t.(type) {
	case needle.Composer, *promptFile:
		return min(reach, composerReach)
	}
	return reach
}

// haystacksOf names the haystacks of a model's jobs and fingerprints them
// together, for the manifest: one corpus, or a set's several.
func haystacksOf(jobs []Job) (names, hash string) {
	if len(jobs) == 1 {
		if n, h, ok := needle.MaterialOf(jobs[0].Prompter.Task); ok {
			return n, h
		}
		c := jobs[0].Prompter.Corpus
		return c.Name, c.Hash
	}
	var ns []string
	h := sha256.New()
	for _, j := range jobs {
		c := j.Prompter.Corpus
		name, hash := c.Name, c.Hash
		if n, h, ok := needle.MaterialOf(j.Prompter.Task); ok {
			name, hash = n, h // a task's own material: the QA file
		}
		if !slices.Contains(ns, name) {
			ns = append(ns, name)
		}
		fmt.Fprintf(h, "%s=%s=%s;", j.Prompter.Task.Name(), name, hash)
	}
	return strings.Join(ns, ","), hex.EncodeToString(h.Sum(nil))
}

// openedCorpora keeps the haystacks a plan opened, so a set's tasks on
// one haystack, and its models, share one copy.
type openedCorpora struct {
	mu   sync.Mutex
	m    map[string]*corpora.Corpus
	used map[*corpora.Corpus]func(string) bool // a generated haystack's own test
}

func (o *openedCorpora) setUsed(c *corpora.Corpus, used func(string) bool) {
	if o == nil {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.used == nil {
		o.used = map[*corpora.Corpus]func(string) bool{}
	}
	o.used[c] = used
}

// prompter is NewPrompter, with a generated haystack's own test of what
// it holds.
func (p Plan) prompter(t needle.Task, c *corpora.Corpus, tok haystack.Tokenizer, reach int, cache *haystack.Cache) (*Prompter, error) {
	pr, err := NewPrompter(t, c, tok, *p.Seed, reachFor(t, reach), cache)
	if err != nil {
		return nil, err
	}
	if p.opened != nil {
		p.opened.mu.Lock()
		if u := p.opened.used[c]; u != nil {
			pr.used = u
		}
		p.opened.mu.Unlock()
	}
	pr.Reserve, pr.Counts = p.reserve(), p.LengthCounts
	return pr, nil
}

func (o *openedCorpora) get(src string) (*corpora.Corpus, bool) {
	if o == nil {
		return nil, false
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	c, ok := o.m[src]
	return c, ok
}

func (o *openedCorpora) put(src string, c *corpora.Corpus) {
	if o == nil {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.m == nil {
		o.m = map[string]*corpora.Corpus{}
	}
	o.m[src] = c
}

// readyTasks makes the jobs of a model's other tasks (a set's), each on
// its haystack, calibrated as the first: calibration measures the server,
// not the task.
func (p Plan) readyTasks(m *Model, res Resolved, reach int, cache *haystack.Cache) error {
	m.Jobs = []Job{m.Job}
	for _, t := range p.tasks()[1:] {
		corpus, err := p.corpusFor(t)
		if err != nil {
			return err
		}
		pr, err := p.prompter(t, corpus, res.Tok, reach, cache)
		if err != nil {
			return err
		}
		pr.Cal = m.Job.Prompter.Cal
		job := m.Job
		job.Prompter = pr
		m.Jobs = append(m.Jobs, job)
	}
	return nil
}
