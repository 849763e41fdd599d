#!/usr/bin/env node
// Checks that the NuGet packages a pack wrote are well-formed (docs/SDK.md, "Packages and versions"): for
// RwaCompute.Sdk and RwaCompute.Contracts.Runtime at the version MinVer gives the current commit,
//   - the .nupkg holds README.md and icon.png (a PNG) and its nuspec names them (<readme>, <icon>);
//   - the nuspec's version is the expected one and looks like 0.<minor>.<patch>[-alpha.0.<height>] (0.x until the
//     first stable release: widen the pattern when v1.0.0 is tagged; a shallow clone sees no height: -alpha.0);
//   - the nuspec has <repository type="git" url="https://github.com/rwacompute/rwacompute" commit="<HEAD>">;
//   - the .snupkg beside it holds the pdb, whose SourceLink map points at that repository and commit, from /_/ (the
//     deterministic source root) when CI=true.
//
// Usage: node tools/ci/check-packages.mjs [feed] [--version <v>]
//   feed defaults to artifacts/packages (where examples/run.sh packs); without --version, MinVer is asked
//   (dotnet msbuild sdk/RwaCompute.Sdk -t:MinVer -getProperty:PackageVersion).
// Exit 1 and one line per problem, or exit 0 and a one-line summary. Reads the zip files itself (no unzip needed).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const PACKAGES = ['RwaCompute.Sdk', 'RwaCompute.Contracts.Runtime'];
const REPOSITORY = 'https://github.com/rwacompute/rwacompute';
const VERSION_PATTERN = /^0\.\d+\.\d+(-alpha\.0(\.\d+)?)?$/;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const root = resolve(import.meta.dirname, '../..');
const args = process.argv.slice(2);
let feed = join(root, 'artifacts/packages');
let version;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--version') version = args[++i];
  else feed = resolve(args[i]);
}
version ??= execFileSync('dotnet', ['msbuild', 'sdk/RwaCompute.Sdk', '-t:MinVer', '-getProperty:PackageVersion',
  '-p:Configuration=Release', '-nologo'], { cwd: root, encoding: 'utf8' }).trim();
const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
const ci = process.env.CI === 'true';

/** The entries of a zip file (no ZIP64, which NuGet's small packages never need): name -> () => contents. */
function readZip(path) {
  const zip = readFileSync(path);
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip file (no end of central directory)');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt central directory');
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    entries.set(name, () => {
      const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const raw = zip.subarray(data, data + size);
      if (method === 0) return raw;
      if (method === 8) return inflateRawSync(raw);
      throw new Error(`${name}: compression method ${method}`);
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The value of attribute `name` in an XML start tag, or undefined. */
const attribute = (tag, name) => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];

const problems = [];
if (!VERSION_PATTERN.test(version)) problems.push(`version ${version} does not match ${VERSION_PATTERN}`);
for (const id of PACKAGES) {
  const nupkg = join(feed, `${id}.${version}.nupkg`);
  const snupkg = join(feed, `${id}.${version}.snupkg`);
  const fail = (message) => problems.push(`${id} ${version}: ${message}`);
  if (!existsSync(nupkg)) {
    fail(`no ${nupkg}`);
    continue;
  }
  const files = readZip(nupkg);
  if (!files.has('README.md') || files.get('README.md')().length === 0) fail('no README.md in the .nupkg');
  if (!files.has('icon.png')) fail('no icon.png in the .nupkg');
  else if (!files.get('icon.png')().subarray(0, 8).equals(PNG_SIGNATURE)) fail('icon.png is not a PNG');
  const nuspec = files.get(`${id}.nuspec`)?.().toString('utf8');
  if (nuspec === undefined) {
    fail(`no ${id}.nuspec in the .nupkg`);
  } else {
    const nuspecVersion = nuspec.match(/<version>([^<]*)<\/version>/)?.[1];
    if (nuspecVersion !== version) fail(`nuspec version is ${nuspecVersion}`);
    if (!nuspec.includes('<readme>README.md</readme>')) fail('nuspec has no <readme>README.md</readme>');
    if (!nuspec.includes('<icon>icon.png</icon>')) fail('nuspec has no <icon>icon.png</icon>');
    const repository = nuspec.match(/<repository\s[^>]*>/)?.[0];
    if (repository === undefined) fail('nuspec has no <repository> element');
    else {
      if (attribute(repository, 'type') !== 'git') fail(`repository type is ${attribute(repository, 'type')}`);
      if (attribute(repository, 'url') !== REPOSITORY) fail(`repository url is ${attribute(repository, 'url')}`);
      if (attribute(repository, 'commit') !== commit) {
        fail(`repository commit is ${attribute(repository, 'commit')}, HEAD is ${commit}`);
      }
    }
  }
  if (!existsSync(snupkg)) {
    fail(`no ${snupkg}`);
    continue;
  }
  const pdbEntry = readZip(snupkg).get(`lib/net10.0/${id}.pdb`);
  if (pdbEntry === undefined) {
    fail(`no lib/net10.0/${id}.pdb in the .snupkg`);
    continue;
  }
  // The SourceLink map is stored as plain UTF-8 JSON in the portable pdb's blob heap.
  const sourceLink = pdbEntry().toString('latin1').match(/\{"documents":\{[^}]*\}\}/)?.[0];
  const target = `https://raw.githubusercontent.com/rwacompute/rwacompute/${commit}/*`;
  if (sourceLink === undefined) fail('the pdb has no SourceLink map');
  else if (!sourceLink.includes(`":"${target}"`)) fail(`SourceLink map ${sourceLink} does not point at ${target}`);
  else if (ci && !sourceLink.startsWith('{"documents":{"/_/*"')) {
    fail(`CI=true but the SourceLink map is not from the deterministic root /_/: ${sourceLink}`);
  }
}

if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  process.exit(1);
}
console.log(`packages: ${PACKAGES.join(', ')} ${version} well-formed (README, icon, repository at ` +
  `${commit.slice(0, 12)}, SourceLink${ci ? ' from /_/' : ''}, .snupkg)`);
