package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"niah/provider"
	"niah/runner"
)

// warnTo makes each model's client report what it notices mid-run (a
// replica dropped) as a warning line.
func warnTo(w io.Writer, models []runner.ModelConfig) {
	for i := range models {
		models[i].Client.Warn = func(s string) { fmt.Fprintln(w, "\nwarning:", s) }
	}
}

// printReplicaSpread says how many trials each replica of a model served.
func printReplicaSpread(w io.Writer, models []*runner.Model) {
	for _, m := range models {
		served, ok := provider.ReplicaServed(m.Job.Client)
		if !ok {
			continue
		}
		var parts []string
		for url, n := range served {
			parts = append(parts, fmt.Sprintf("%s %d", url, n))
		}
		sort.Strings(parts)
		fmt.Fprintf(w, "replicas of %s: %s\n", m.Job.Label, strings.Join(parts, ", "))
	}
}
