// Shared helpers for the viem reference side of the SDK-vs-viem benchmarks (see benchmarks/README.md).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPublicClient, createWalletClient, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';

export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const DEFAULT_ARTIFACT = resolve(REPO_ROOT, 'contracts/out/ComputeCapacityToken.sol/ComputeCapacityToken.json');

/**
 * Default receipt polling interval (ms) for waitForTransactionReceipt; the fixture's `receiptPollingMs` (written
 * by setup.mjs, read by every implementation) overrides it, and --polling-ms overrides both. viem's own default
 * for a chain without `blockTime` is 4 000 ms (12 s / 2, clamped to [500, 4 000]) — tuned for mainnet; on an
 * automining anvil it would measure sleep, not the client. viem checks once for the receipt before it polls,
 * and anvil has usually (~75 % here) mined the transaction by then; a miss costs up to one interval. Measured
 * here (issue-sequential, tx/s): 5 ms 117, 10 ms 97, 25 ms 109, 50 ms 104, 100 ms 84 — within anvil's noise
 * below 50 ms. 10 ms is what one configures for a local dev chain, without hammering the node.
 */
export const POLLING_MS = 10;

/** Minimal `--name value` / `--flag` parser. Positional arguments are returned in `_`. */
export function parseArgs(argv = process.argv.slice(2)) {
  const out = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const key = a.slice(2);
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) out[key] = true;
      else { out[key] = next; i++; }
    } else out._.push(a);
  }
  return out;
}

export function need(args, key) {
  if (args[key] === undefined || args[key] === true) {
    console.error(`missing --${key}`);
    process.exit(2);
  }
  return args[key];
}

export function loadArtifact(path = DEFAULT_ARTIFACT) {
  const j = JSON.parse(readFileSync(path, 'utf8'));
  return { abi: j.abi, bytecode: j.bytecode.object };
}

export function loadFixture(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

export function clients(rpc, privateKey, { pollingInterval = POLLING_MS } = {}) {
  // Plain viem HTTP transport (no batching, keep-alive via Node's fetch), local signing, chain known up front
  // (so no eth_chainId round trip per transaction) — the configuration viem's docs show for a dev chain.
  const chain = { ...foundry, rpcUrls: { default: { http: [rpc] } } };
  const transport = http(rpc, { retryCount: 0 });
  const publicClient = createPublicClient({ chain, transport, pollingInterval });
  const account = privateKeyToAccount(privateKey);
  const walletClient = createWalletClient({ chain, transport, account, pollingInterval });
  return { chain, publicClient, walletClient, account };
}

/** Print the one result line an implementation must emit (benchmarks/README.md, "Contract"). */
export function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

export const round = (x, d = 4) => Number(x.toFixed(d));
