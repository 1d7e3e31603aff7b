#!/usr/bin/env bash
# Builds the rig's test-pod image offline from Debian's busybox-static package, packed by hand
# as a docker-archive tarball at
#   ${KIT_CACHE:-/var/cache/kit}/images/busybox-test.tar   (+ images/SHA256SUMS)
# tagged localhost/kit/busybox:test. Its default command (/bin/kit-serve) answers HTTP on
# $PORT (8080) with the container's hostname, i.e. the pod name, so a test can tell which pod
# answered through a Service; sh, nc, wget, nslookup and ip are there for the client side.
# Cached: unchanged inputs (the .deb, this script) print "cached".
# Usage: test/artifacts/build-busybox-image.sh [--force]
set -euo pipefail

readonly TAG=localhost/kit/busybox:test
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE_ROOT="${KIT_CACHE:-/var/cache/kit}"
IMAGES="$CACHE_ROOT/images"
DEBS="$CACHE_ROOT/debs"
OUT="$IMAGES/busybox-test.tar"
FORCE=0
[ "${1-}" = "--force" ] && FORCE=1

# shellcheck source=test/artifacts/docker-archive.sh
source "$HERE/docker-archive.sh"

# Prints the path of the busybox-static .deb, downloading the candidate version once.
busybox_deb() {
  local deb
  deb=$(find "$DEBS" -maxdepth 1 -name 'busybox-static_*.deb' | sort | tail -n 1)
  if [ -z "$deb" ]; then
    (cd "$DEBS" && apt-get -o APT::Sandbox::User=root -o Acquire::Retries=3 -qq download busybox-static)
    deb=$(find "$DEBS" -maxdepth 1 -name 'busybox-static_*.deb' | sort | tail -n 1)
  fi
  [ -n "$deb" ] || { echo "error: apt-get download busybox-static left no .deb in $DEBS" >&2; return 1; }
  echo "$deb"
}

write_rootfs() {
  local rootfs="$1" deb="$2" applet
  mkdir -p "$rootfs"/{bin,sbin,usr/bin,usr/sbin,etc,root,tmp,www}
  dpkg-deb --fsys-tarfile "$deb" | tar -xO ./bin/busybox >"$rootfs/bin/busybox"
  chmod 0755 "$rootfs/bin/busybox"
  # The busybox binary is static, so it can list its own applets on this machine.
  while read -r applet; do
    [ "$applet" = bin/busybox ] || ln -sf /bin/busybox "$rootfs/$applet"
  done < <("$rootfs/bin/busybox" --list-full)
  chmod 1777 "$rootfs/tmp"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
  cat >"$rootfs/bin/kit-serve" <<'SERVE'
#!/bin/sh
# Answers GET / with this container's hostname (the pod name) on $PORT, default 8080.
set -e
mkdir -p /tmp/www
hostname >/tmp/www/index.html
exec httpd -f -v -p "${PORT:-8080}" -h /tmp/www
SERVE
  chmod 0755 "$rootfs/bin/kit-serve"
}

main() {
  mkdir -p "$IMAGES" "$DEBS"
  exec 9>"$IMAGES/.lock"
  flock -w 600 9
  local deb key work image_id
  deb=$(busybox_deb)
  key=$({ sha256sum "$deb"; cat "$HERE/build-busybox-image.sh" "$HERE/docker-archive.sh"; } | sha256sum | cut -d' ' -f1)
  if [ "$FORCE" -eq 0 ] && [ -f "$OUT" ] && [ "$(cat "$OUT.inputs" 2>/dev/null)" = "$key" ]; then
    echo "cached: $OUT"
    exit 0
  fi
  work=$(mktemp -d "$IMAGES/.busybox.XXXXXX")
  # shellcheck disable=SC2064 # expand $work now: it is local to main
  trap "rm -rf '$work'" EXIT
  write_rootfs "$work/rootfs" "$deb"
  chmod 0755 "$work/rootfs"
  image_id=$(kit_docker_archive "$work/rootfs" "$OUT" \
    '{"Cmd":["/bin/kit-serve"],"Env":["PATH=/bin:/sbin:/usr/bin:/usr/sbin"],"ExposedPorts":{"8080/tcp":{}}}' "$TAG")
  printf '%s\n' "$key" >"$OUT.inputs"
  kit_images_sums "$IMAGES"
  echo "built $OUT ($(stat -c %s "$OUT") bytes, image $image_id, tag $TAG, from $(basename "$deb"))"
}

main
