#!/usr/bin/env bash
# Runs every fuzz target for a fixed number of inputs (FUZZTIME, default
# 20000x), one package at a time: go test -fuzz takes one target per run.
# New crashers land in the package's testdata/fuzz and fail the script.
# A count, not a duration: Go 1.26's fuzz coordinator can fail a target
# with a bare "context deadline exceeded" when a -fuzztime duration ends
# while a worker is busy (golang/go#75804, fixed in Go 1.27), which it did
# here on gguf FuzzRead with no input written; a count has no deadline.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime="${FUZZTIME:-20000x}"
targets=$(grep -rl --include='*_test.go' '^func Fuzz' . | xargs -n1 dirname | sort -u)
n=0
for dir in $targets; do
  for name in $(grep -h '^func Fuzz' "$dir"/*_test.go | sed 's/^func \(Fuzz[A-Za-z0-9_]*\).*/\1/'); do
    echo "fuzz: $dir $name ($fuzztime)"
    go test -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" "$dir" >/tmp/fuzz.$$.log 2>&1 || { cat /tmp/fuzz.$$.log; exit 1; }
    n=$((n + 1))
  done
done
rm -f /tmp/fuzz.$$.log
echo "fuzz: $n targets passed"
