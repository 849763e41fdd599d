#!/usr/bin/env bash
# The devnet main job: start an embedded anvil on 127.0.0.1, deploy the suite and a test stablecoin, run the
# lifecycle (issue, purchase, pledge and repay, redeem with delivery, redeem with SLA refund, oracle report) and
# print what happened. `--keep-running` leaves the chain up. The `rwa devnet` CLI command replaces this script.
set -euo pipefail
source "$(dirname "$0")/../ci/toolchain.sh"
cd "$RWA_ROOT"

keep_running=false
[ "${1:-}" = "--keep-running" ] && keep_running=true

# anvil's public test mnemonic: devnet only, never a real key.
export DEVNET_MNEMONIC="test test test test test test test test test test test junk"

forge build --quiet

log="$(mktemp -t rwa-anvil.XXXXXX)"
anvil --host 127.0.0.1 --port 0 >"$log" 2>&1 &
anvil_pid=$!
cleanup() { if [ "$keep_running" = false ]; then kill "$anvil_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT

port=""
for _ in $(seq 1 100); do
  port="$(grep -oE 'Listening on 127\.0\.0\.1:[0-9]+' "$log" | grep -oE '[0-9]+$' || true)"
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "anvil did not start; its log:" >&2; cat "$log" >&2; exit 1; }
rpc="http://127.0.0.1:$port"
echo "anvil listening on $rpc (pid $anvil_pid)"

mkdir -p deployments
run_phase() {
  local out
  if ! out="$(forge script contracts/script/DevnetLifecycle.s.sol:DevnetLifecycle --sig "$1" \
      --rpc-url "$rpc" --broadcast --slow 2>&1)"; then
    echo "$out" >&2
    echo "devnet: phase $1 failed (see above); nothing else was sent" >&2
    exit 1
  fi
  printf '%s\n' "$out"
}

run_phase 'setUpAndTrade()' | grep -E '^\s*phase 1:' | sed 's/^ *//'

# The oracle observation must be timestamped after the redemptions it settles.
cast rpc --rpc-url "$rpc" evm_increaseTime 60 >/dev/null
cast rpc --rpc-url "$rpc" evm_mine >/dev/null

run_phase 'attestAndSettle()' | sed -n '/== Lot ==/,/manifest:/p' | sed 's/^ *//'

if [ "$keep_running" = true ]; then
  echo "chain left running on $rpc (stop it with: kill $anvil_pid)"
fi
