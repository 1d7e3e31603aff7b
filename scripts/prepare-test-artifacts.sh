#!/usr/bin/env bash
# The per-machine caches the end-to-end tests run on; each step prints "cached" when warm.
# The rig's Debian image, then the real binaries (docs/test-artifacts.md), one heavy build at a time.
set -euo pipefail
cd "$(dirname "$0")/.."
node test/rig/rig-cli.ts image
bash test/artifacts/build-kubernetes.sh
node test/artifacts/fetch-debian-binaries.ts
bash test/artifacts/build-pause-image.sh
bash test/artifacts/build-busybox-image.sh
