#!/usr/bin/env bash
# The README's main job on a fresh machine: installs the pinned chain toolchain if missing (npm ci), builds the
# `rwa` CLI and runs `rwa devnet` — anvil on 127.0.0.1, the suite and a test USDC deployed (CREATE2, manifest in
# ./deployments/31337.json), a provider, a lot, an allowlist, a purchase, a pledge and repay, a redemption delivered
# and one refunded for an SLA breach, signed oracle reports, and the summary tables. Arguments go to `rwa devnet`
# (`--keep-running`, `--port N`, `--json`, `--deployments DIR`; see docs/CLI.md).
set -euo pipefail
source "$(dirname "$0")/../ci/toolchain.sh"
cd "$RWA_ROOT"
dotnet build tools/RwaCompute.Cli -c Release --nologo -v quiet -clp:ErrorsOnly >&2
exec dotnet tools/RwaCompute.Cli/bin/Release/net10.0/rwa.dll devnet "$@"
