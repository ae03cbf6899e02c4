#!/usr/bin/env bash
# Builds Ollama v0.17.4 from the Go module proxy (CPU only) into $(go env GOPATH)/bin.
# The end-to-end tests serve the project's own tiny GGUF with it; no model is downloaded.
set -euo pipefail
version=${OLLAMA_VERSION:-v0.17.4}
gobin="$(go env GOPATH)/bin"
# The binary reports version 0.0.0 (no ldflags); its build info names the module version.
if [ -x "$gobin/ollama" ] && go version -m "$gobin/ollama" 2>/dev/null | grep -q "github.com/ollama/ollama[[:space:]]*${version}"; then
  echo "ollama ${version} already built"; exit 0
fi
if ! dpkg -s nlohmann-json3-dev libstb-dev >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nlohmann-json3-dev libstb-dev
fi
inc="${NIAH_OLLAMA_INC:-$HOME/.cache/niah-ollama-inc}"
mkdir -p "$inc/miniaudio"
if [ ! -f "$inc/miniaudio/miniaudio.h" ]; then
  malgo=$(cd "$(mktemp -d)" && go mod download -json github.com/gen2brain/malgo@v0.11.24 | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
  cp "$malgo/miniaudio.h" "$inc/miniaudio/miniaudio.h"
fi
start=$(date +%s)
CGO_CPPFLAGS="-I$inc" go install "github.com/ollama/ollama@${version}"
echo "ollama ${version} built in $(( $(date +%s) - start ))s"
