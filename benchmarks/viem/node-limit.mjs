// The node's own limit for the issue-bulk scenario (benchmarks/README.md): N issue(lotId, holder, 1) transactions,
// signed beforehand (outside the timed section), posted as ONE JSON-RPC batch of eth_sendRawTransaction, and timed
// from the POST to the last transaction's receipt. No client work is timed but one HTTP request and the receipt
// polls of the last transaction (every 1 ms), so this is what the node itself can take.
//   node benchmarks/viem/node-limit.mjs --rpc URL --fixture FILE [--txs N]
// Prints one JSON line: {impl: 'node', scenario: 'node-limit', txs, seconds, txPerSecond, ...}.
import { encodeFunctionData } from 'viem';
import { clients, emit, loadArtifact, loadFixture, need, parseArgs, round } from './common.mjs';

const args = parseArgs();
const rpc = need(args, 'rpc');
const fx = loadFixture(need(args, 'fixture'));
const txs = Number(args.txs ?? fx.issue.txs);
const { abi } = loadArtifact(fx.artifact);
const { chain, publicClient, account } = clients(rpc, fx.accounts.issuer.privateKey);
const call = {
  address: fx.contracts.token, abi, functionName: 'issue',
  args: [BigInt(fx.issue.lotId), fx.issue.to, BigInt(fx.issue.units)],
};

// Outside the timed section: gas (the estimate + 20 %, as the SDK's default head-room), fees, nonce, N signatures.
const gas = (await publicClient.estimateContractGas({ ...call, account })) * 120n / 100n;
const fees = await publicClient.estimateFeesPerGas();
const nonce = await publicClient.getTransactionCount({ address: account.address, blockTag: 'pending' });
const data = encodeFunctionData({ abi, functionName: 'issue', args: call.args });
const signed = [];
for (let i = 0; i < txs; i++) {
  signed.push(await account.signTransaction({
    chainId: chain.id, type: 'eip1559', to: call.address, data, gas, nonce: nonce + i,
    maxFeePerGas: fees.maxFeePerGas, maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
  }));
}
const balanceBefore = await publicClient.readContract({
  address: fx.contracts.token, abi, functionName: 'balanceOf', args: [fx.issue.to, BigInt(fx.issue.lotId)],
});
const body = JSON.stringify(signed.map((raw, id) => ({ jsonrpc: '2.0', id, method: 'eth_sendRawTransaction', params: [raw] })));
const post = async (payload) => (await fetch(rpc, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload })).json();
await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] })); // connection warm-up

const t0 = process.hrtime.bigint();
const answers = await post(body);
const sentSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
const refused = answers.filter((a) => a.error);
if (refused.length) { console.error(`node refused ${refused.length}: ${JSON.stringify(refused[0].error)}`); process.exit(1); }
const last = answers.find((a) => a.id === txs - 1).result;
const receiptCall = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getTransactionReceipt', params: [last] });
let lastReceipt = null;
while (!(lastReceipt = (await post(receiptCall)).result)) await new Promise((r) => setTimeout(r, 1));
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;

// Verification, outside the timed section: every receipt status 1, the holder's balance grew by N.
const receipts = await Promise.all(answers.map((a) => publicClient.getTransactionReceipt({ hash: a.result })));
const failed = receipts.filter((r) => r.status !== 'success').length;
const balanceAfter = await publicClient.readContract({
  address: fx.contracts.token, abi, functionName: 'balanceOf', args: [fx.issue.to, BigInt(fx.issue.lotId)],
});
const minted = balanceAfter - balanceBefore;
if (failed || minted !== BigInt(txs * fx.issue.units)) {
  console.error(`verification failed: ${failed} reverted, ${minted} units minted (expected ${txs * fx.issue.units})`);
  process.exit(1);
}
const blocks = new Set(receipts.map((r) => r.blockNumber)).size;
emit({
  impl: 'node', scenario: 'node-limit', txs, seconds: round(seconds), txPerSecond: round(txs / seconds, 1),
  batchResponseSeconds: round(sentSeconds), blocks,
});
