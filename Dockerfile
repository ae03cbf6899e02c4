# niah as an image for a cluster: the static binary alone, run as a user
# that is not root. It needs no /etc: the CA roots for HTTPS to hosted APIs
# are compiled in (golang.org/x/crypto/x509roots/fallback), and without a
# home directory the tokenizer cache stays in memory.
#
#   docker build -t registry.example/niah:latest .
#   docker run --rm --user "$(id -u)" -v "$PWD/runs:/work/runs" registry.example/niah:latest run --model sim
#
# .ci/run builds the same binary with the same flags (see .ci/static-binary.sh)
# and runs it with an empty environment in a root holding nothing else.

# The build runs on the builder's own platform and cross-compiles (pure Go),
# so `docker buildx build --platform linux/amd64,linux/arm64` needs no
# emulation.
FROM --platform=$BUILDPLATFORM golang:1.26 AS build
ARG TARGETOS
ARG TARGETARCH
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath -ldflags="-s -w" -o /out/niah ./cmd/niah \
    && mkdir -p /out/work

FROM scratch
COPY --from=build /out/niah /niah
# The working directory (run directories go to runs/ under it), writable
# by the user the image runs as; mount a volume here or pass --out.
COPY --from=build --chown=65532:65532 /out/work /work
WORKDIR /work
USER 65532:65532
ENTRYPOINT ["/niah"]
