#!/usr/bin/env bash
# Builds the pod sandbox ("pause") image offline: a static pause binary compiled here from
# test/artifacts/images/pause.c, packed by hand as a docker-archive tarball at
#   ${KIT_CACHE:-/var/cache/kit}/images/pause-3.2.tar   (+ images/SHA256SUMS)
# tagged k8s.gcr.io/pause:3.2 (the kubelet v1.20 default sandbox image, so containerd's
# sandbox_image can keep the name a v1.20 cluster expects) and localhost/kit/pause:3.2.
# Cached: when the inputs (source, this script, the compiler) are unchanged it prints "cached".
# Usage: test/artifacts/build-pause-image.sh [--force]
set -euo pipefail

readonly TAGS=(k8s.gcr.io/pause:3.2 localhost/kit/pause:3.2)
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
IMAGES="${KIT_CACHE:-/var/cache/kit}/images"
OUT="$IMAGES/pause-3.2.tar"
FORCE=0
[ "${1-}" = "--force" ] && FORCE=1

# shellcheck source=test/artifacts/docker-archive.sh
source "$HERE/docker-archive.sh"

inputs_key() {
  { cat "$HERE/images/pause.c" "$HERE/build-pause-image.sh" "$HERE/docker-archive.sh"; gcc --version | head -n 1; printf '%s\n' "${TAGS[@]}"; } \
    | sha256sum | cut -d' ' -f1
}

main() {
  mkdir -p "$IMAGES"
  exec 9>"$IMAGES/.lock"
  flock -w 600 9
  local key work image_id
  key=$(inputs_key)
  if [ "$FORCE" -eq 0 ] && [ -f "$OUT" ] && [ "$(cat "$OUT.inputs" 2>/dev/null)" = "$key" ]; then
    echo "cached: $OUT"
    exit 0
  fi
  command -v gcc >/dev/null || { echo "error: gcc is missing; apt-get install gcc libc6-dev" >&2; exit 1; }
  work=$(mktemp -d "$IMAGES/.pause.XXXXXX")
  # shellcheck disable=SC2064 # expand $work now: it is local to main
  trap "rm -rf '$work'" EXIT
  mkdir -p "$work/rootfs"
  gcc -Os -static -s -Wall -Wextra -Werror -o "$work/rootfs/pause" "$HERE/images/pause.c"
  chmod 0755 "$work/rootfs" "$work/rootfs/pause"
  # 65535 is the conventional "nobody" of pause images: the sandbox needs no privilege.
  image_id=$(kit_docker_archive "$work/rootfs" "$OUT" \
    '{"Entrypoint":["/pause"],"User":"65535:65535","Env":["PATH=/"]}' "${TAGS[@]}")
  printf '%s\n' "$key" >"$OUT.inputs"
  kit_images_sums "$IMAGES"
  echo "built $OUT ($(stat -c %s "$OUT") bytes, image $image_id, tags ${TAGS[*]})"
}

main
