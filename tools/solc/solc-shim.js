#!/usr/bin/env node
// A native-solc stand-in for forge on machines that cannot download a solc binary:
// it answers `--version` and `--standard-json` (the two things forge asks) with solc-js.
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require(require.resolve('solc', { paths: [path.resolve(__dirname, '..', '..')] }));

const args = process.argv.slice(2);
if (args.includes('--version')) {
  const version = solc.version().replace('Emscripten.clang', 'Linux.g++');
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${version}\n`);
  process.exit(0);
}
if (!args.includes('--standard-json')) {
  process.stderr.write('solc-shim: only --version and --standard-json are supported\n');
  process.exit(2);
}

// forge passes --allow-paths/--base-path; resolve imports against the base path (or cwd).
const baseIndex = args.indexOf('--base-path');
const basePath = baseIndex >= 0 ? args[baseIndex + 1] : process.cwd();
function findImports(importPath) {
  const candidate = path.isAbsolute(importPath) ? importPath : path.join(basePath, importPath);
  try {
    return { contents: fs.readFileSync(candidate, 'utf8') };
  } catch (e) {
    return { error: `File not found: ${importPath}` };
  }
}

const input = fs.readFileSync(0, 'utf8');
process.stdout.write(solc.compile(input, { import: findImports }));
