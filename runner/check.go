package runner

import (
	"errors"

	"niah/haystack"
	"niah/provider"
)

// checkGrid lays out the shortest and the longest prompt of the grid for a
// prepared model, so a haystack too short for the grid (or a length too
// short for the task) is refused before a run directory is made, not by
// the first trial. Building a prompt has no side effects: prompts are
// drawn from a seed per item.
func checkGrid(g Grid, m *Model) error {
	if len(g.Lengths) == 0 || len(g.Depths) == 0 || m.Job.Prompter == nil {
		return nil
	}
	for _, job := range m.Jobs {
		if err := checkJob(g, job); err != nil {
			return err
		}
	}
	return nil
}

// checkJob lays out the shortest and the longest prompt of one job.
func checkJob(g Grid, job Job) error {
	for _, n := range []int{g.Lengths[0], g.Longest()} {
		_, err := job.Prompter.Build(job.Label, Item{Length: n, Depth: g.Depths[0]})
		var short *haystack.ErrShortCorpus
		var pe *provider.Error
		switch {
		case err == nil:
		case errors.As(err, &short), errors.As(err, &pe):
			return err
		default:
			return badSetting("lengths", err) // a length too short for the task
		}
	}
	return nil
}
