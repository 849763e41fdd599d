// viem reference for the "issue" scenarios: N × issue(lotId, holder, 1) from the issuer account.
//   node benchmarks/viem/issue.mjs --mode sequential|pipelined|concurrent --rpc URL --fixture FILE [--txs N]
//        [--polling-ms MS] [--trace-rpc]
// sequential: writeContract, waitForTransactionReceipt, next.
// pipelined:  explicit nonces (one eth_getTransactionCount up front), writeContract for all N (each awaited
//             for its hash, in nonce order), then Promise.all of the N waitForTransactionReceipt.
// concurrent: viem's fastest path for many sends from one account (the "issue-bulk" reference): explicit nonces,
//             all N writeContract started at once (Promise.all), then Promise.all of the N receipts.
// Every transaction still goes through viem's normal prepare path (gas estimate and fees per transaction),
// exactly as an application calling writeContract would; only the nonce is supplied in pipelined mode.
// Prints one JSON line: {impl, scenario, txs, seconds, txPerSecond, ...}.
import { POLLING_MS, clients, emit, loadArtifact, loadFixture, need, parseArgs, round } from './common.mjs';
import { traceFetch } from './trace.mjs';

const args = parseArgs();
const mode = need(args, 'mode');
if (!['sequential', 'pipelined', 'concurrent'].includes(mode)) { console.error('--mode sequential|pipelined|concurrent'); process.exit(2); }
const rpc = need(args, 'rpc');
const fx = loadFixture(need(args, 'fixture'));
const txs = Number(args.txs ?? fx.issue.txs);
const pollingInterval = Number(args['polling-ms'] ?? fx.receiptPollingMs ?? POLLING_MS);
const { abi } = loadArtifact(fx.artifact);
const trace = args['trace-rpc'] ? traceFetch() : null;

const { publicClient, walletClient, account } = clients(rpc, fx.accounts.issuer.privateKey, { pollingInterval });
const call = {
  address: fx.contracts.token, abi, functionName: 'issue',
  args: [BigInt(fx.issue.lotId), fx.issue.to, BigInt(fx.issue.units)],
};

// Warm-up, read-only (no state change): connection, ABI encoding, signing code paths.
await publicClient.simulateContract({ ...call, account });
await publicClient.estimateContractGas({ ...call, account });
const balanceBefore = await publicClient.readContract({
  address: fx.contracts.token, abi, functionName: 'balanceOf', args: [fx.issue.to, BigInt(fx.issue.lotId)],
});
trace?.reset();

let receipts;
const t0 = process.hrtime.bigint();
if (mode === 'sequential') {
  receipts = [];
  for (let i = 0; i < txs; i++) {
    const hash = await walletClient.writeContract(call);
    receipts.push(await publicClient.waitForTransactionReceipt({ hash }));
  }
} else if (mode === 'concurrent') {
  const nonce = await publicClient.getTransactionCount({ address: account.address, blockTag: 'pending' });
  const hashes = await Promise.all(Array.from({ length: txs }, (_, i) => walletClient.writeContract({ ...call, nonce: nonce + i })));
  receipts = await Promise.all(hashes.map((hash) => publicClient.waitForTransactionReceipt({ hash })));
} else {
  let nonce = await publicClient.getTransactionCount({ address: account.address, blockTag: 'pending' });
  const hashes = [];
  for (let i = 0; i < txs; i++) hashes.push(await walletClient.writeContract({ ...call, nonce: nonce++ }));
  receipts = await Promise.all(hashes.map((hash) => publicClient.waitForTransactionReceipt({ hash })));
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const rpcCalls = trace?.snapshot();

// Verification, outside the timed section.
const failed = receipts.filter((r) => r.status !== 'success').length;
const balanceAfter = await publicClient.readContract({
  address: fx.contracts.token, abi, functionName: 'balanceOf', args: [fx.issue.to, BigInt(fx.issue.lotId)],
});
const minted = balanceAfter - balanceBefore;
if (failed || minted !== BigInt(txs * fx.issue.units)) {
  console.error(`verification failed: ${failed} reverted, ${minted} units minted (expected ${txs * fx.issue.units})`);
  process.exit(1);
}
emit({
  impl: 'viem', scenario: mode === 'concurrent' ? 'issue-bulk' : `issue-${mode}`, txs,
  ...(mode === 'concurrent' ? { path: 'concurrent writeContract, explicit nonces' } : {}), seconds: round(seconds), txPerSecond: round(txs / seconds, 1),
  pollingMs: pollingInterval, ...(rpcCalls ? { rpcCalls } : {}),
});
