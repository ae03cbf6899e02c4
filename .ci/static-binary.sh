#!/usr/bin/env bash
# The image's binary, without a Docker engine: build niah exactly as the
# Dockerfile does (CGO_ENABLED=0, -trimpath, -ldflags "-s -w"), then run it
# on the simulation in a root that holds nothing but the binary and an empty
# folder for its output (no /etc, no /etc/ssl, no /tmp, no libc, no shell),
# with an empty environment, as the image's user 65532, and check that it
# wrote a run directory. What this proves: the binary is static and needs
# nothing from the filesystem or the environment for a whole run. What it
# does not: the container runtime's own namespaces and limits, and HTTPS
# (no network here; the embedded roots are checked by
# TestEmbeddedRootsVerifyWithoutSystemRoots in cmd/niah).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o "$root/niah" ./cmd/niah
chmod 755 "$root"
mkdir "$root/work"
chown 65532:65532 "$root/work"
env -i "$(command -v chroot)" --userspec=65532:65532 "$root" /niah run --model sim --lengths 4k,8k --depths 3 --trials 2 \
  --out /work/run > "$root/work/stdout" 2> "$root/work/stderr" || {
  echo "static binary: the run failed in an empty root" >&2
  cat "$root/work/stdout" "$root/work/stderr" >&2
  exit 1
}
for f in results.jsonl manifest.json heatmap.png report.html; do
  if [ ! -s "$root/work/run/$f" ]; then
    echo "static binary: no $f in the run directory" >&2
    ls -la "$root/work/run" >&2 || true
    exit 1
  fi
done
records=$(wc -l < "$root/work/run/results.jsonl")
if [ "$records" -ne 12 ]; then
  echo "static binary: $records records, want 12 (2 lengths x 3 depths x 2 trials)" >&2
  exit 1
fi
echo "static binary: $(stat -c %s "$root/niah") bytes; ran in a root of only [$(cd "$root" && echo *)] with no environment as uid 65532: $records records, $(cd "$root/work/run" && ls | wc -l) files in the run directory"
