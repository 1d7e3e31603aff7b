#!/usr/bin/env bash
# Builds the rig's Kubernetes v1.20.2 server and client binaries from Debian bookworm's
# `kubernetes` source package with bookworm's Go, into a per-machine cache:
#   ${KIT_CACHE:-/var/cache/kit}/kubernetes/v1.20.2/bin/{kube-apiserver,...,kubectl}
#   ${KIT_CACHE:-/var/cache/kit}/kubernetes/v1.20.2/SHA256SUMS   (paths relative to v1.20.2/)
#   ${KIT_CACHE:-/var/cache/kit}/kubernetes/v1.20.2/BUILD-INFO
# Debian ships no server binaries for any release this machine reaches, hence the build.
# Re-running is cheap: a complete cache whose sums verify prints "cached" and exits 0.
# Usage: test/artifacts/build-kubernetes.sh [--force]
set -euo pipefail

readonly K8S_VERSION=v1.20.2
# bookworm's source version; "really1.20.2" is upstream v1.20.2 under a higher Debian version.
readonly SOURCE_PACKAGE=kubernetes
readonly SOURCE_UPSTREAM=1.20.5+really1.20.2
readonly SUITE=bookworm
readonly BINARIES=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl)
readonly BUILD_DEPS=(golang-go rsync golang-github-modern-go-reflect2-dev dpkg-dev)
readonly REFLECT2_SRC=/usr/share/gocode/src/github.com/modern-go/reflect2

CACHE_ROOT="${KIT_CACHE:-/var/cache/kit}"
OUT="$CACHE_ROOT/kubernetes/$K8S_VERSION"
BUILD_ROOT="$CACHE_ROOT/build"
LOCK_FILE="$CACHE_ROOT/kubernetes/.build-$K8S_VERSION.lock"
FORCE=0
[ "${1-}" = "--force" ] && FORCE=1

# shellcheck source=test/artifacts/apt-deb-src.sh
source "$(dirname "${BASH_SOURCE[0]}")/apt-deb-src.sh"

log() { printf '[build-kubernetes %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

is_cached() {
  local name
  [ -f "$OUT/SHA256SUMS" ] || return 1
  for name in "${BINARIES[@]}"; do
    [ -x "$OUT/bin/$name" ] || return 1
    grep -q " bin/$name\$" "$OUT/SHA256SUMS" || return 1
  done
  (cd "$OUT" && sha256sum --quiet --strict -c SHA256SUMS >/dev/null 2>&1)
}

# Downloads and unpacks the source package into $1/src, checking it is upstream v1.20.2.
fetch_source() {
  local work="$1" dsc
  (cd "$work" && apt-get "${KIT_APT_OPTS[@]}" -o APT::Sandbox::User=root -qq \
    source --download-only "$SOURCE_PACKAGE")
  dsc=$(find "$work" -maxdepth 1 -name "${SOURCE_PACKAGE}_${SOURCE_UPSTREAM}-*.dsc" | head -n 1)
  if [ -z "$dsc" ]; then
    echo "error: apt served no ${SOURCE_PACKAGE} ${SOURCE_UPSTREAM} source (got: $(ls "$work"))" >&2
    echo "hint: this build needs Debian $SUITE's deb-src; check apt-cache showsrc $SOURCE_PACKAGE" >&2
    return 1
  fi
  log "unpacking $(basename "$dsc")"
  dpkg-source --no-check -x "$dsc" "$work/src" >/dev/null
}

# The vendored reflect2 1.0.1 reads runtime internals that moved in Go 1.18 and crashes at run
# time; Debian's 1.0.2 has the same API and knows both layouts.
swap_reflect2() {
  local vendored="$1/vendor/github.com/modern-go/reflect2"
  [ -f "$REFLECT2_SRC/go_above_118.go" ] || { echo "error: $REFLECT2_SRC lacks reflect2 1.0.2" >&2; return 1; }
  rm -f "$vendored"/*.go "$vendored"/*.s
  cp "$REFLECT2_SRC"/*.go "$REFLECT2_SRC"/*.s "$vendored/"
}

build() {
  local work="$1" goarch
  goarch=$(go env GOARCH)
  log "make (linux/$goarch, $(go version | cut -d' ' -f3)); takes about 5 minutes on 2 cores"
  # Go's cache and scratch space inside the work dir, so they go away with it.
  mkdir -p "$work/home" "$work/gotmp"
  (cd "$work/src" && env HOME="$work/home" GOCACHE="$work/gocache" GOTMPDIR="$work/gotmp" CGO_ENABLED=0 \
    KUBE_BUILD_PLATFORMS="linux/$goarch" \
    nice -n 10 make WHAT="${BINARIES[*]/#/cmd/}")
}

# Copies the binaries into a fresh v1.20.2 directory and swaps it in with one rename.
install_cache() {
  local work="$1" seconds="$2" stage="$OUT.new" name
  rm -rf "$stage" && mkdir -p "$stage/bin"
  for name in "${BINARIES[@]}"; do
    install -m 0755 "$work/src/_output/bin/$name" "$stage/bin/$name"
  done
  (cd "$stage" && sha256sum "${BINARIES[@]/#/bin/}" >SHA256SUMS)
  cat >"$stage/BUILD-INFO" <<INFO
version=$K8S_VERSION
source=$(dpkg-parsechangelog -l "$work/src/debian/changelog" -S Source)_$(dpkg-parsechangelog -l "$work/src/debian/changelog" -S Version)
go=$(go version | cut -d' ' -f3)
reflect2=$(dpkg-query -W -f '${Version}' golang-github-modern-go-reflect2-dev)
built=$(date -u +%Y-%m-%dT%H:%M:%SZ)
build_seconds=$seconds
INFO
  rm -rf "$OUT.old"
  [ -d "$OUT" ] && mv "$OUT" "$OUT.old"
  mv "$stage" "$OUT"
  rm -rf "$OUT.old"
}

main() {
  if [ "$FORCE" -eq 0 ] && is_cached; then echo "cached: $OUT"; exit 0; fi
  mkdir -p "$CACHE_ROOT/kubernetes" "$BUILD_ROOT"
  exec 9>"$LOCK_FILE"
  if ! flock -n 9; then
    log "another build holds $LOCK_FILE; waiting for it"
    flock -w 3600 9 || { echo "error: waited an hour for $LOCK_FILE" >&2; exit 1; }
  fi
  # A concurrent run may have filled the cache while we waited.
  if [ "$FORCE" -eq 0 ] && is_cached; then echo "cached: $OUT"; exit 0; fi

  local started work
  started=$(date +%s)
  work=$(mktemp -d "$BUILD_ROOT/kubernetes-$K8S_VERSION.XXXXXX")
  # shellcheck disable=SC2064 # expand $work now: it is local to main
  trap "rm -rf '$work'" EXIT
  kit_ensure_deb_src "$SUITE"
  kit_apt_install "${BUILD_DEPS[@]}"
  fetch_source "$work"
  swap_reflect2 "$work/src"
  build "$work"
  install_cache "$work" "$(($(date +%s) - started))"
  log "built in $(($(date +%s) - started)) s: $OUT"
  cat "$OUT/SHA256SUMS"
}

main
