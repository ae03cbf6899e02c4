package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/spf13/pflag"

	"niah/runner"
)

// shardFlags pick one part of a run: --shard i/n, or --shards n with the
// part from JOB_COMPLETION_INDEX (a Kubernetes Indexed Job's pod index).
type shardFlags struct {
	shard  string
	shards int
}

const jobIndexEnv = "JOB_COMPLETION_INDEX"

func (f *shardFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.shard, "shard", "", "run part i of n of the trials (i from 0), e.g. 0/3; join the parts with niah merge")
	fs.IntVar(&f.shards, "shards", 0, "split into n parts and run the one $"+jobIndexEnv+" names (a Kubernetes Indexed Job)")
}

// resolve is the part to run, ok=false for the whole run; errors name
// the flag or the variable.
func (f *shardFlags) resolve(getenv func(string) string) (runner.Shard, bool, error) {
	switch {
	case f.shard != "" && f.shards != 0:
		return runner.Shard{}, false, fmt.Errorf("--shard and --shards: give one (--shards takes the part from $%s)", jobIndexEnv)
	case f.shard != "":
		s, err := runner.ParseShard(f.shard)
		if err != nil {
			return s, false, fmt.Errorf("--shard %w", err)
		}
		return s, true, nil
	case f.shards != 0:
		v := getenv(jobIndexEnv)
		if v == "" {
			return runner.Shard{}, false, fmt.Errorf("--shards %d: $%s is not set (it names the part, from 0; or use --shard i/n)", f.shards, jobIndexEnv)
		}
		i, err := strconv.Atoi(v)
		if err != nil {
			return runner.Shard{}, false, fmt.Errorf("$%s=%q: not a number", jobIndexEnv, v)
		}
		s, err := runner.ParseShard(fmt.Sprintf("%d/%d", i, f.shards))
		if err != nil {
			return s, false, fmt.Errorf("--shards %d with $%s=%d: %w", f.shards, jobIndexEnv, i, err)
		}
		return s, true, nil
	}
	return runner.Shard{}, false, nil
}

// apply makes cfg send only the shard's part of the grid.
func (f *shardFlags) apply(cfg *runner.Config, jobs int) (string, error) {
	s, ok, err := f.resolve(os.Getenv)
	if err != nil || !ok {
		return "", err
	}
	src, err := runner.ShardSource(runner.GridSource(cfg.Grid, jobs), s)
	if err != nil {
		return "", err
	}
	cfg.Source = src
	return s.String(), nil
}
