#!/usr/bin/env bash
# Sourced by the project's scripts: installs the pinned chain toolchain (npm ci) when it is missing and puts
# the NATIVE forge/anvil/cast binaries on PATH. The npm launchers in node_modules/.bin always exit 0, so no
# gate may call them (docs/ARCHITECTURE.md, "Toolchain").
set -euo pipefail
RWA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [ ! -x "$RWA_ROOT/node_modules/@foundry-rs/forge-linux-amd64/bin/forge" ]; then
  (cd "$RWA_ROOT" && npm ci --no-audit --no-fund --loglevel=error)
fi
for tool in forge anvil cast; do
  PATH="$RWA_ROOT/node_modules/@foundry-rs/$tool-linux-amd64/bin:$PATH"
done
export PATH RWA_ROOT
