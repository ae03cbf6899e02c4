package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"niah/provider"
	"niah/runner"
)

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
