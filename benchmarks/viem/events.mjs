// viem reference for the "events" scenario: fetch and decode every token event of the fixture's block range.
//   node benchmarks/viem/events.mjs --rpc URL --fixture FILE [--chunk-blocks N] [--trace-rpc]
// The range fixture.events.fromBlock..toBlock is walked in consecutive chunks of chunkBlocks blocks, one
// eth_getLogs each (publicClient.getContractEvents with the full token ABI and no event filter, so every log is
// matched to its event by topic0 and its indexed and data arguments decoded), one chunk after another. The
// timed section ends when every log is decoded; the count per event name is then checked against the fixture.
// Prints one JSON line: {impl, scenario, events, seconds, eventsPerSecond, requests, ...}.
import { clients, emit, loadArtifact, loadFixture, need, parseArgs, round } from './common.mjs';
import { traceFetch } from './trace.mjs';

const args = parseArgs();
const rpc = need(args, 'rpc');
const fx = loadFixture(need(args, 'fixture'));
const ev = fx.events;
const chunk = BigInt(args['chunk-blocks'] ?? ev.chunkBlocks);
const { abi } = loadArtifact(fx.artifact);
const trace = args['trace-rpc'] ? traceFetch() : null;
const { publicClient } = clients(rpc, fx.accounts.admin.privateKey);

const fetchRange = async (from, to) => {
  const all = [];
  let requests = 0;
  for (let a = from; a <= to; a += chunk) {
    const b = a + chunk - 1n < to ? a + chunk - 1n : to;
    const logs = await publicClient.getContractEvents({ address: ev.address, abi, fromBlock: a, toBlock: b });
    requests++;
    for (const l of logs) all.push(l);
  }
  return { logs: all, requests };
};

// Warm-up on a small range (the setup blocks before the seeded ones): connection, decoder code paths.
await fetchRange(BigInt(ev.fromBlock), BigInt(Math.min(ev.fromBlock + 9, ev.toBlock)));
trace?.reset();

const t0 = process.hrtime.bigint();
const { logs, requests } = await fetchRange(BigInt(ev.fromBlock), BigInt(ev.toBlock));
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const rpcCalls = trace?.snapshot();

const byName = {};
for (const l of logs) {
  if (!l.eventName || !l.args) { console.error('undecoded log', l); process.exit(1); }
  byName[l.eventName] = (byName[l.eventName] ?? 0) + 1;
}
const want = JSON.stringify(Object.entries(ev.byName).sort());
const got = JSON.stringify(Object.entries(byName).sort());
if (logs.length !== ev.expected || want !== got) {
  console.error(`verification failed: ${logs.length} events (expected ${ev.expected}); ${got} vs ${want}`);
  process.exit(1);
}
emit({
  impl: 'viem', scenario: 'events', events: logs.length, seconds: round(seconds),
  eventsPerSecond: round(logs.length / seconds, 1), requests, chunkBlocks: Number(chunk),
  ...(rpcCalls ? { rpcCalls } : {}),
});
