#!/usr/bin/env bash
# Peak memory of a run against a server whose every answer is an endless
# body (streamed and not): prints niah's maximum resident set size, which
# should stay under 200 MB. CONCURRENCY (default 4) requests in flight.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$tmp"' EXIT
go build -o "$tmp/niah" ./cmd/niah
go build -o "$tmp/serve" ./internal/hostile/serve
"$tmp/serve" -faults endless >"$tmp/url" 2>/dev/null &
server=$!
for _ in $(seq 50); do [ -s "$tmp/url" ] && break; sleep 0.1; done
url=$(head -1 "$tmp/url")
for stream in false true; do
  /usr/bin/time -f '%M' -o "$tmp/rss" "$tmp/niah" run --model "openai:m@$url" --tokenizer cl100k \
    --lengths 1k --depths 0,50,100 --trials 4 --concurrency "${CONCURRENCY:-4}" --retries 0 \
    --stream="$stream" --out "$tmp/run-$stream" >"$tmp/out" 2>&1 || true
  errors=$(grep -c '"status":"error"' "$tmp/run-$stream/results.jsonl" || true)
  echo "peak RSS, endless bodies, stream=$stream, concurrency ${CONCURRENCY:-4}: $(( $(cat "$tmp/rss") / 1024 )) MB ($errors trials recorded as errors)"
done
