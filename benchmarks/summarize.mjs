// Medians per (implementation, scenario) from a results .jsonl, and the SDK/viem ratio where both exist.
//   node benchmarks/summarize.mjs benchmarks/results/latest.jsonl
import { readFileSync } from 'node:fs';

const lines = readFileSync(process.argv[2] ?? 'benchmarks/results/latest.jsonl', 'utf8')
  .split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const rate = (r) => r.txPerSecond ?? r.eventsPerSecond;
const unit = (scenario) => (scenario === 'events' ? 'events/s' : 'tx/s');

const groups = new Map();
for (const r of lines) {
  const k = `${r.impl}\t${r.scenario}`;
  if (!groups.has(k)) groups.set(k, []);
  groups.get(k).push(r);
}
const med = {};
const rows = [];
for (const [k, rs] of groups) {
  const [impl, scenario] = k.split('\t');
  const m = median(rs.map(rate));
  (med[scenario] ??= {})[impl] = m;
  rows.push([impl, scenario, String(rs.length), `${m.toFixed(1)} ${unit(scenario)}`,
    `${median(rs.map((r) => r.seconds)).toFixed(3)} s`,
    `${Math.min(...rs.map(rate)).toFixed(1)}–${Math.max(...rs.map(rate)).toFixed(1)}`]);
}
rows.sort((a, b) => a[1].localeCompare(b[1]) || a[0].localeCompare(b[0]));
const head = ['impl', 'scenario', 'runs', 'median rate', 'median time', 'range'];
const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const fmt = (r) => r.map((c, i) => c.padEnd(w[i])).join('  ');
console.log(fmt(head));
for (const r of rows) console.log(fmt(r));
// Targets per scenario (docs/PERFORMANCE.md): SDK vs viem, and for issue-bulk also vs the node's own limit.
const targets = { 'issue-pipelined': 1, events: 1, 'issue-bulk': 2 };
for (const [scenario, m] of Object.entries(med)) {
  if (m.sdk !== undefined && m.viem !== undefined) {
    const target = targets[scenario];
    const ratio = m.sdk / m.viem;
    const verdict = target === undefined ? 'reported' : `target >= ${target.toFixed(2)}x: ${ratio >= target ? 'met' : 'NOT met'}`;
    console.log(`ratio sdk/viem ${scenario}: ${ratio.toFixed(2)}x (${verdict})`);
  }
}
const limit = med['node-limit']?.node;
if (limit !== undefined) {
  for (const [scenario, impl, target] of [['issue-bulk', 'sdk', 0.5], ['issue-bulk', 'viem'], ['issue-pipelined', 'sdk']]) {
    const m = med[scenario]?.[impl];
    if (m === undefined) continue;
    const ratio = m / limit;
    const verdict = target === undefined ? 'reported' : `target >= ${target.toFixed(2)}x: ${ratio >= target ? 'met' : 'NOT met'}`;
    console.log(`ratio ${impl} ${scenario}/node-limit: ${ratio.toFixed(2)}x (${verdict})`);
  }
}
