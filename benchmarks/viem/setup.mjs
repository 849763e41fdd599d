// Deploys ComputeCapacityToken on a fresh anvil and prepares the chain state both benchmark sides start from:
// roles, a provider with a pool, the bond vault (issuing is bonded: a test stablecoin, the oracle and the escrow,
// wired with setBondVault, the provider funded with a bond far above what the runs issue, so no issue pulls
// stablecoin), one lot issued to an allowlisted holder, and (seed-events.mjs) 10 050 events
// (10 000 UnitsIssued + 50 TransferBatch from 50 issueBatch transactions). Writes the fixture JSON that every implementation reads (benchmarks/README.md).
//
//   node benchmarks/viem/setup.mjs --rpc http://127.0.0.1:PORT --out FILE [--artifact PATH] [--txs 500]
//        [--no-seed] [--event-txs 50] [--event-batch 200] [--chunk-blocks 10] [--polling-ms 10]
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { keccak256, maxUint256, stringToHex, toHex } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { DEFAULT_ARTIFACT, POLLING_MS, clients, loadArtifact, need, parseArgs } from './common.mjs';
import { seedEvents } from './seed-events.mjs';

const MNEMONIC = 'test test test test test test test test test test test junk';

function key(index) {
  const acct = mnemonicToAccount(MNEMONIC, { addressIndex: index });
  return { address: acct.address, privateKey: toHex(acct.getHdKey().privateKey) };
}

/** ASCII label right-padded to bytes16, as the contract stores GPU model and region. */
const bytes16 = (s) => stringToHex(s, { size: 16 });

async function main() {
  const args = parseArgs();
  const rpc = need(args, 'rpc');
  const outFile = need(args, 'out');
  const artifactPath = args.artifact && args.artifact !== true ? args.artifact : DEFAULT_ARTIFACT;
  const { abi, bytecode } = loadArtifact(artifactPath);

  // Anvil's default accounts (test mnemonic): 0 = admin (roles), 1 = issuer (the provider that sends the
  // timed `issue` transactions), 2 = holder (receives the units).
  const admin = key(0), issuer = key(1), holder = key(2);
  const A = clients(rpc, admin.privateKey);
  const P = clients(rpc, issuer.privateKey);
  const pc = A.publicClient;

  const send = async (wc, params) => {
    const hash = await wc.writeContract(params);
    const r = await pc.waitForTransactionReceipt({ hash });
    if (r.status !== 'success') throw new Error(`${params.functionName} reverted (${hash})`);
    return r;
  };

  const deployHash = await A.walletClient.deployContract({
    abi, bytecode, args: [admin.address, 0, 'https://meta.rwacompute.example/lots/{id}.json'], // adminDelay 0: a bench chain
  });
  const deployReceipt = await pc.waitForTransactionReceipt({ hash: deployHash });
  if (deployReceipt.status !== 'success' || !deployReceipt.contractAddress) throw new Error('deploy failed');
  const token = deployReceipt.contractAddress;
  const t = { address: token, abi };

  // The bond vault: issuing calls the escrow, which keeps each lot's free bond >= outstanding units x unit cover.
  const outDir = dirname(dirname(artifactPath));
  const deploy = async (name, args) => {
    const { abi: a, bytecode: b } = loadArtifact(resolve(outDir, `${name}.sol`, `${name}.json`));
    const hash = await A.walletClient.deployContract({ abi: a, bytecode: b, args });
    const r = await pc.waitForTransactionReceipt({ hash });
    if (r.status !== 'success' || !r.contractAddress) throw new Error(`deploy ${name} failed`);
    return { address: r.contractAddress, abi: a };
  };
  const usdc = await deploy('MockUSDC', [admin.address]);
  const oracle = await deploy('UtilizationOracle', [admin.address, 0, [admin.address], 1, 86_400n]);
  const escrow = await deploy('ComputeEscrow', [admin.address, 0, token, usdc.address, oracle.address, 7 * 86_400, 5_000]);
  await send(A.walletClient, { ...t, functionName: 'setBondVault', args: [escrow.address] });
  await send(A.walletClient, { ...usdc, functionName: 'mint', args: [issuer.address, 10_000_000_000_000n] });
  await send(P.walletClient, { ...usdc, functionName: 'approve', args: [escrow.address, maxUint256] });

  const REGISTRAR_ROLE = await pc.readContract({ ...t, functionName: 'REGISTRAR_ROLE' });
  const COMPLIANCE_ROLE = await pc.readContract({ ...t, functionName: 'COMPLIANCE_ROLE' });
  await send(A.walletClient, { ...t, functionName: 'grantRole', args: [REGISTRAR_ROLE, admin.address] });
  await send(A.walletClient, { ...t, functionName: 'grantRole', args: [COMPLIANCE_ROLE, admin.address] });
  await send(A.walletClient, { ...t, functionName: 'registerProvider', args: [issuer.address] });
  const poolId = keccak256(stringToHex('rwacompute-bench-pool-1'));
  await send(A.walletClient, { ...t, functionName: 'registerPool', args: [poolId, issuer.address] });
  await send(A.walletClient, { ...t, functionName: 'setAllowed', args: [holder.address, true] });

  const now = Number((await pc.getBlock()).timestamp);
  const spec = {
    provider: issuer.address,
    poolId,
    gpuModel: bytes16('H100-SXM5-80GB'),
    region: bytes16('eu-west'),
    startsAt: now,
    endsAt: now + 365 * 24 * 3600, // a year ahead: issuing stays legal however long the run takes
    referencePrice: 2_500_000n, // 2.50 in 6-decimals stablecoin units
    slaUptimeBps: 9_900,
    bondCoverageBps: 10_000,
    energyWhPerGpuHour: 700,
    metadataHash: keccak256(stringToHex('rwacompute-bench-lot-1')),
  };
  const lotId = await pc.readContract({ ...t, functionName: 'lotIdOf', args: [spec] });
  await send(P.walletClient, { ...t, functionName: 'issueLot', args: [spec, holder.address, 1_000n] });
  // Headroom for 1 000 000 more units (2.50 USDC each): the seeded events and every timed run find the bond
  // covered, so an issue reads the bond and pulls nothing.
  await send(P.walletClient, { ...escrow, functionName: 'postBond', args: [lotId, 2_500_000n * 1_000_000n] });

  const seeded = args['no-seed']
    ? null
    : await seedEvents({
        rpc, token, abi, issuer, lotId, to: holder.address,
        txs: Number(args['event-txs'] ?? 50),
        batch: Number(args['event-batch'] ?? 200),
      });

  const head = await pc.getBlockNumber({ cacheTime: 0 }); // the client caches the block number for pollingInterval ms
  const fromBlock = deployReceipt.blockNumber;
  const fixture = {
    version: 1,
    chainId: A.chain.id,
    artifact: artifactPath,
    contracts: { token, escrow: escrow.address, stablecoin: usdc.address, oracle: oracle.address },
    accounts: { admin, issuer, holder },
    lot: {
      id: lotId.toString(),
      idHex: toHex(lotId, { size: 32 }),
      poolId,
      spec: { ...spec, referencePrice: spec.referencePrice.toString() },
    },
    issue: {
      from: issuer.address,
      lotId: lotId.toString(),
      to: holder.address,
      units: 1,
      txs: Number(args.txs ?? 500),
    },
    events: {
      address: token,
      fromBlock: Number(fromBlock),
      toBlock: Number(head),
      chunkBlocks: Number(args['chunk-blocks'] ?? 10),
      expected: 0,
      byName: {},
    },
    receiptPollingMs: Number(args['polling-ms'] ?? POLLING_MS),
    deployBlock: Number(fromBlock),
    headBlock: Number(head),
  };
  // Count what the events scenario must find, straight from the node (one getLogs over the whole range).
  const logs = await pc.getContractEvents({ address: token, abi, fromBlock, toBlock: head });
  fixture.events.expected = logs.length;
  for (const l of logs) fixture.events.byName[l.eventName] = (fixture.events.byName[l.eventName] ?? 0) + 1;
  if (seeded) fixture.events.seedTxs = seeded.txs;

  writeFileSync(outFile, JSON.stringify(fixture, null, 2) + '\n');
  console.error(`setup: token ${token}, lot ${fixture.lot.idHex}, ${logs.length} events in blocks ` +
    `${fromBlock}..${head}; fixture -> ${outFile}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
