#!/usr/bin/env bash
# Runs every fuzz target for a few seconds (FUZZTIME, default 3s), one
# package at a time: go test -fuzz takes one target per run. New crashers
# land in the package's testdata/fuzz and fail the script.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime="${FUZZTIME:-3s}"
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
