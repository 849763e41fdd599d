#!/usr/bin/env bash
# SDK-vs-viem throughput benchmarks on ONE local anvil (benchmarks/README.md).
#   benchmarks/run.sh [--rounds N] [--txs N] [--scenarios "issue-sequential issue-pipelined issue-bulk node-limit events"]
# Starts anvil on 127.0.0.1 (free port), runs setup once (deploy, roles, provider, pool, lot, 10 050 seeded
# events -> fixture), then per round runs every scenario for every implementation, alternating which
# implementation goes first. Every single run is wrapped in evm_snapshot / evm_revert, so each run starts from
# the identical chain state left by setup. Raw lines -> benchmarks/results/latest.jsonl; medians printed.
# issue-bulk compares the SDK's SendBatchAsync with viem's best path (concurrent sends, explicit nonces);
# node-limit is the node's own reference (pre-signed transactions in one JSON-RPC batch), run by "node" only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source tools/ci/toolchain.sh
cd "$RWA_ROOT"

ROUNDS=5
TXS=500
SCENARIOS="issue-sequential issue-pipelined issue-bulk node-limit events"
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --txs) TXS="$2"; shift 2 ;;
    --scenarios) SCENARIOS="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

[ -d node_modules/viem ] || npm ci --no-audit --no-fund --loglevel=error

RESULTS="$RWA_ROOT/benchmarks/results"
mkdir -p "$RESULTS"
WORK="$(mktemp -d /tmp/rwa-bench.XXXXXX)"
FIXTURE="$RESULTS/fixture.json"
OUT="$RESULTS/latest.jsonl"
: > "$OUT"

# Compiled token: the shared contracts/out if present, else a private build (never into contracts/out).
ARTIFACT="$RWA_ROOT/contracts/out/ComputeCapacityToken.sol/ComputeCapacityToken.json"
if [ ! -f "$ARTIFACT" ]; then
  forge build --out "$WORK/out" --cache-path "$WORK/cache" >&2
  ARTIFACT="$WORK/out/ComputeCapacityToken.sol/ComputeCapacityToken.json"
fi

ANVIL_PID=""
cleanup() {
  if [ -n "$ANVIL_PID" ]; then kill "$ANVIL_PID" 2>/dev/null || true; wait "$ANVIL_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
anvil --host 127.0.0.1 --port 0 > "$WORK/anvil.log" 2>&1 &
ANVIL_PID=$!
PORT=""
for _ in $(seq 1 100); do
  PORT="$(grep -o 'Listening on 127\.0\.0\.1:[0-9]*' "$WORK/anvil.log" | head -1 | sed 's/.*://' || true)"
  [ -n "$PORT" ] && break
  kill -0 "$ANVIL_PID" 2>/dev/null || { cat "$WORK/anvil.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$PORT" ] || { echo "anvil did not start" >&2; exit 1; }
RPC="http://127.0.0.1:$PORT"
echo "$(anvil --version | head -1) on $RPC" >&2

rpc() { # method [params-json] -> result
  curl -sf -H 'content-type: application/json' \
    -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$1\",\"params\":${2:-[]}}" "$RPC" | jq -r '.result'
}

node benchmarks/viem/setup.mjs --rpc "$RPC" --out "$FIXTURE" --artifact "$ARTIFACT" --txs "$TXS"

# Implementations: name -> command prefix; the scenario, --rpc and --fixture are appended.
declare -A CMD
IMPLS=(viem node)
DOTNET_PROJECT="benchmarks/RwaCompute.Benchmarks"
if [ -f "$DOTNET_PROJECT/RwaCompute.Benchmarks.csproj" ]; then
  dotnet build "$DOTNET_PROJECT" -c Release --nologo -v q >&2
  IMPLS+=(sdk)
fi
cmd_for() { # impl scenario
  case "$1" in
    viem)
      case "$2" in
        issue-sequential) echo "node benchmarks/viem/issue.mjs --mode sequential" ;;
        issue-pipelined) echo "node benchmarks/viem/issue.mjs --mode pipelined" ;;
        issue-bulk) echo "node benchmarks/viem/issue.mjs --mode concurrent" ;;
        events) echo "node benchmarks/viem/events.mjs" ;;
        node-limit) ;;
        *) echo "unknown scenario $2" >&2; return 1 ;;
      esac ;;
    node)
      case "$2" in
        node-limit) echo "node benchmarks/viem/node-limit.mjs" ;;
        *) ;;
      esac ;;
    sdk)
      case "$2" in
        node-limit) ;;
        *) echo "dotnet run --project $DOTNET_PROJECT -c Release --no-build -- $2" ;;
      esac ;;
  esac
}

for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ]; then ORDER=("${IMPLS[@]}"); else ORDER=(); for ((i=${#IMPLS[@]}-1; i>=0; i--)); do ORDER+=("${IMPLS[$i]}"); done; fi
  for scenario in $SCENARIOS; do
    for impl in "${ORDER[@]}"; do
      cmd="$(cmd_for "$impl" "$scenario")"
      [ -n "$cmd" ] || continue   # this implementation does not run this scenario
      snap="$(rpc evm_snapshot)"
      # shellcheck disable=SC2046
      line="$(timeout 600 $cmd --rpc "$RPC" --fixture "$FIXTURE" | grep '^{' | tail -1)" \
        || { echo "round $round: $impl $scenario failed" >&2; rpc evm_revert "[\"$snap\"]" >/dev/null; exit 1; }
      [ "$(rpc evm_revert "[\"$snap\"]")" = "true" ] || { echo "evm_revert $snap failed" >&2; exit 1; }
      line="$(jq -c --arg impl "$impl" --argjson round "$round" '. + {impl: $impl, round: $round}' <<<"$line")"
      echo "$line" >> "$OUT"
      echo "$line" >&2
    done
  done
done

echo
echo "load: $(uptime)"
node benchmarks/summarize.mjs "$OUT"
echo "raw: $OUT  fixture: $FIXTURE  ($(anvil --version | head -1); viem $(node -p 'require("viem/package.json").version'))"
