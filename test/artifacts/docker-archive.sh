# Sourced by the image scripts: writes a single-layer image as a docker-archive tarball (the
# `docker save` layout that `ctr images import` and `docker load` read), built offline by hand.
# Every tar is written with fixed owners, order and times, so the same inputs give the same
# digests on every machine.
# shellcheck shell=bash

kit_tar_reproducible() { # kit_tar_reproducible OUT_TAR DIR [MEMBER...]
  local out="$1" dir="$2"; shift 2
  tar --create --file "$out" --directory "$dir" --sort=name --format=gnu \
    --owner=0 --group=0 --numeric-owner --mtime=@0 "$@"
}

kit_sha256() { sha256sum "$1" | cut -d' ' -f1; }

# kit_docker_archive ROOTFS OUT_TAR CONFIG_JSON TAG...
#   ROOTFS       directory that becomes the image's only layer (owners are forced to 0:0)
#   CONFIG_JSON  the image's "config" object, e.g. {"Entrypoint":["/pause"]}
#   TAG          one or more repo:tag names, all pointing at the same image
# Prints the image's config digest (its image ID).
kit_docker_archive() {
  local rootfs="$1" out="$2" config="$3"; shift 3
  local stage layer_sha config_sha arch tags="" repos="" tag
  stage=$(mktemp -d "${out}.stage.XXXXXX")
  kit_tar_reproducible "$stage/layer.tar" "$rootfs" .
  layer_sha=$(kit_sha256 "$stage/layer.tar")
  mkdir "$stage/$layer_sha"
  mv "$stage/layer.tar" "$stage/$layer_sha/layer.tar"
  printf '1.0' >"$stage/$layer_sha/VERSION"
  printf '{"id":"%s","created":"1970-01-01T00:00:00Z","os":"linux"}' "$layer_sha" >"$stage/$layer_sha/json"

  arch=$(dpkg --print-architecture)
  printf '{"architecture":"%s","os":"linux","created":"1970-01-01T00:00:00Z","config":%s,"rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"history":[{"created":"1970-01-01T00:00:00Z","created_by":"kit test/artifacts (built offline)"}]}' \
    "$arch" "$config" "$layer_sha" >"$stage/config.json"
  config_sha=$(kit_sha256 "$stage/config.json")
  mv "$stage/config.json" "$stage/$config_sha.json"

  for tag in "$@"; do
    tags+="${tags:+,}\"$tag\""
    repos+="${repos:+,}\"${tag%:*}\":{\"${tag##*:}\":\"$layer_sha\"}"
  done
  printf '[{"Config":"%s.json","RepoTags":[%s],"Layers":["%s/layer.tar"]}]' "$config_sha" "$tags" "$layer_sha" >"$stage/manifest.json"
  printf '{%s}' "$repos" >"$stage/repositories"

  kit_tar_reproducible "$out.tmp" "$stage" manifest.json repositories "$config_sha.json" "$layer_sha"
  mv "$out.tmp" "$out"
  rm -rf "$stage"
  echo "sha256:$config_sha"
}

# Rewrites DIR/SHA256SUMS over every image archive in DIR.
kit_images_sums() {
  local dir="$1"
  (cd "$dir" && find . -maxdepth 1 -name '*.tar' -printf '%f\n' | sort | xargs -r sha256sum >SHA256SUMS.tmp && mv SHA256SUMS.tmp SHA256SUMS)
}
