#!/usr/bin/env bash
# Runs every example against a fresh devnet, consuming RwaCompute.Sdk as a package from the local feed:
#   1. dotnet pack sdk/RwaCompute.Sdk (and the RwaCompute.Contracts.Runtime it depends on) -> artifacts/packages,
#      at the version MinVer computes from git (one per commit)
#   2. rwa devnet --keep-running on a free 127.0.0.1 port (deploys the suite, runs its own story)
#   3. each example restores RwaCompute.Sdk at that version from artifacts/packages (examples/nuget.config) and runs
# Exits non-zero if any step or example fails.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

dotnet pack sdk/RwaCompute.Contracts.Runtime -c Release -o artifacts/packages --nologo -v quiet
dotnet pack sdk/RwaCompute.Sdk -c Release -o artifacts/packages --nologo -v quiet
# MinVer gives every commit its own version (docs/SDK.md, "Packages and versions"): ask it which one was packed, so
# the examples restore exactly that package and not another version left in the feed.
version=$(dotnet msbuild sdk/RwaCompute.Sdk -t:MinVer -getProperty:PackageVersion -p:Configuration=Release)
nupkg="artifacts/packages/RwaCompute.Sdk.$version.nupkg"
[ -f "$nupkg" ] || { echo "MinVer says $version but there is no $nupkg"; exit 1; }
echo "packed RwaCompute.Sdk $version"
dotnet build tools/RwaCompute.Cli -c Release --nologo -v quiet -clp:ErrorsOnly
# Uncommitted changes pack under the same version as their commit: the examples' private package folder must not
# hold an older build of it.
rm -rf examples/.packages/rwacompute.sdk examples/.packages/rwacompute.contracts.runtime

work=$(mktemp -d)
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
log="$work/devnet.log"
dotnet tools/RwaCompute.Cli/bin/Release/net10.0/rwa.dll devnet --keep-running --port "$port" --deployments "$work/deployments" >"$log" 2>&1 &
devnet=$!
cleanup() { kill -TERM "$devnet" 2>/dev/null || true; wait "$devnet" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

for _ in $(seq 1 600); do
  if grep -q "Ctrl+C" "$log" 2>/dev/null; then break; fi
  if ! kill -0 "$devnet" 2>/dev/null; then cat "$log"; echo "rwa devnet exited early"; exit 1; fi
  sleep 0.2
done
grep -q "Ctrl+C" "$log" || { cat "$log"; echo "rwa devnet did not become ready"; exit 1; }

export RWA_RPC_URL="http://127.0.0.1:$port"
export RWA_MANIFEST="$work/deployments/31337.json"
export RWA_MNEMONIC="test test test test test test test test test test test junk" # anvil's public test keys
for example in IssueAndSell OrderBook PledgeForLoan RedeemWithSlaRefund; do
  echo "==> example: $example"
  dotnet run --project "examples/$example" -c Release -p:RwaComputeSdkVersion="$version"
done
echo "all examples passed (RwaCompute.Sdk $version from $root/artifacts/packages)"
