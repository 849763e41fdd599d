// Seeds the event-fetch benchmark: `txs` issueBatch transactions by the lot's provider, each naming the fixture's
// lot `batch` times with 1 unit each. Every transaction emits `batch` UnitsIssued(lotId, to, 1) events plus one
// ERC-1155 TransferBatch(operator, 0, to, ids[batch], values[batch]): 50 × 200 = 10 000 UnitsIssued + 50
// TransferBatch = 10 050 suite events in 50 blocks (~1.1 M gas per transaction).
//
// Why issueBatch and not setAllowedBatch over fresh addresses (which emits AllowlistUpdated): anvil's time to
// mine a block grows with the token's storage size. Measured here: after 10 000 allowlist slots an issue
// transaction took ~30 ms instead of ~3–8 ms to be mined (~55 ms after 20 000), and even allow-then-disallow
// pairs (storage back to zero) left it at ~18 ms. issueBatch on one lot rewrites the same few slots, so the
// issue scenarios that run on the same chain afterwards measure the client, not anvil's state growth.
//
// Called by setup.mjs; also runnable alone (adds events only; setup.mjs is what counts them into the fixture):
//   node benchmarks/viem/seed-events.mjs --rpc URL --fixture FILE [--txs 50] [--batch 200]
import { pathToFileURL } from 'node:url';
import { clients, loadArtifact, loadFixture, need, parseArgs } from './common.mjs';

export async function seedEvents({ rpc, token, abi, issuer, lotId, to, txs = 50, batch = 200 }) {
  const { walletClient, publicClient } = clients(rpc, issuer.privateKey);
  let nonce = await publicClient.getTransactionCount({ address: issuer.address, blockTag: 'pending' });
  const ids = Array(batch).fill(BigInt(lotId));
  const units = Array(batch).fill(1n);
  const hashes = [];
  for (let i = 0; i < txs; i++) {
    hashes.push(await walletClient.writeContract({
      address: token, abi, functionName: 'issueBatch', args: [ids, to, units], nonce: nonce++,
    }));
  }
  const receipts = await Promise.all(hashes.map((hash) => publicClient.waitForTransactionReceipt({ hash })));
  const failed = receipts.filter((r) => r.status !== 'success');
  if (failed.length) throw new Error(`${failed.length} issueBatch transactions reverted`);
  const logs = receipts.reduce((n, r) => n + r.logs.length, 0);
  if (logs !== txs * (batch + 1)) throw new Error(`expected ${txs * (batch + 1)} logs, got ${logs}`);
  return {
    txs, batch, events: logs,
    firstBlock: Number(receipts[0].blockNumber), lastBlock: Number(receipts.at(-1).blockNumber),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = parseArgs();
  const fx = loadFixture(need(args, 'fixture'));
  const { abi } = loadArtifact(fx.artifact);
  seedEvents({
    rpc: need(args, 'rpc'), token: fx.contracts.token, abi, issuer: fx.accounts.issuer,
    lotId: fx.lot.id, to: fx.accounts.holder.address,
    txs: Number(args.txs ?? 50), batch: Number(args.batch ?? 200),
  }).then((r) => console.error(`seeded ${JSON.stringify(r)}`)).catch((e) => { console.error(e); process.exit(1); });
}
