package main

import (
	"fmt"

	"github.com/spf13/pflag"

	"niah/runner"
)

// shardFlags pick one part of a run: --shard i/n, or --shards n with the
// part from JOB_COMPLETION_INDEX (a Kubernetes Indexed Job's pod index).
type shardFlags struct {
	shard  string
	shards int
	fs     *pflag.FlagSet // to tell --shards 0 from no --shards
}

func (f *shardFlags) register(fs *pflag.FlagSet) {
	f.fs = fs
	fs.StringVar(&f.shard, "shard", "", "run part i of n of the trials (i from 0), e.g. 0/3; join the parts with niah merge")
	fs.IntVar(&f.shards, "shards", 0, "split into n parts and run the one $"+runner.JobIndexEnv+" names (a Kubernetes Indexed Job)")
}

// resolve is the part to run, nil for the whole run; errors name the
// flag or the variable.
func (f *shardFlags) resolve(getenv func(string) string) (*runner.Shard, error) {
	if f.fs != nil && f.fs.Changed("shards") && f.shards < 1 {
		return nil, fmt.Errorf("--shards %d: want at least 1 part (without the flag every trial runs)", f.shards)
	}
	s, err := runner.ResolveShard(f.shard, f.shards, getenv)
	if err != nil {
		return nil, explain(err)
	}
	return s, nil
}
