#!/usr/bin/env node
// Checks the branching-tree unit tests (docs/TESTING.md, "Contracts: layout, branching trees and their checker"): every
// `contracts/test/**/*.tree` is the spec of the `.t.sol` beside it, one test function per tested branch, and nothing
// else in that file is a test.
//
// Usage: node tools/ci/check-trees.mjs          exit 1 and one line per problem, or exit 0 and a one-line summary
//        node tools/ci/check-trees.mjs --list   also print every test node and the test function it requires
//
// Tree syntax. Line 1 is the name of the sibling test file (`lock.tree` starts with `lock.t.sol`). Every other line
// is a node: `├── ` or `└── ` after one `│   ` or 4-space column per level; `│   ` continues an ancestor that has
// siblings below it, 4 spaces an ancestor drawn with `└── `, and only the last child of a node is drawn `└── `. A
// node starting with `when` or `given` is a condition, one starting with `it` an action; anything after ` // ` is a
// comment. Actions are leaves and every condition has children. No blank lines (one tree per file).
//
// Test nodes. A condition with at least one direct `it` child is a test node; so is the root (the file name line)
// when it has direct `it` children (the function's unconditional behaviour). Each test node corresponds to exactly
// one test function and every `function test...` of the sibling `.t.sol` (comments ignored) to exactly one test node.
// Names, as bulloak derives them for Sablier's trees (with `_` after When/Given in both forms, as bulloak writes them
// for files with several trees):
//   condition  `test_` + `Revert` + Keyword + `_` + Text   when a direct `it` child contains the word revert
//              `test_` + Keyword + `_` + Text               otherwise
//              Keyword is `When` or `Given` (the node's first word); Text is the rest of the node in PascalCase:
//              apostrophes dropped, split on every other non-alphanumeric character, each word's first letter
//              upper-cased and the rest kept ("when the lot's window has ended" + a reverting leaf ->
//              test_RevertWhen_TheLotsWindowHasEnded; "when the units exceed type(uint48).max" ->
//              ..._TheUnitsExceedTypeUint48Max).
//   root       `test_` + Function, or `test_Revert_` + Function when a direct `it` child reverts; Function is the
//              tree's file name with its first letter upper-cased (hashReport.tree -> test_HashReport).
// "Contains the word revert": revert, reverts or reverted as a whole word, in any case. So only a leaf saying that the
// call under test reverts uses the word; a consequence for later calls is worded otherwise ("it should close the
// offer to later purchases", not "it should make later purchases revert").
// The Text of two test nodes of one file must differ (whatever their keyword or revert prefix): the innermost
// condition alone names the test, so it must be unique in its tree; reword the tree, keeping its meaning.
//
// Layout. Trees live in `contracts/test/<contract>/unit/`, each beside its `.t.sol`, and every `.t.sol` of a `unit/`
// folder has its `.tree`. Only `.t.sol` files with a sibling `.tree` are checked: fuzz, invariant, access-control
// matrix, gas, SecurityFindings and codegen suites have no tree. The test contract of `unit/<function>.t.sol` is
// `<Function>_Unit_Test`, or `<Contract>_<Function>_Unit_Test` (`Escrow_Constructor_Unit_Test`) when more than one
// contract has a tree named <function>, so that `--match-contract` names one suite.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const testRoot = join(root, 'contracts', 'test');
const listNodes = process.argv.includes('--list');

const problems = [];
const report = (where, message) => problems.push(`${where}: ${message}`);
const rel = (path) => relative(root, path).split(sep).join('/');

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}

const upperFirst = (word) => word.charAt(0).toUpperCase() + word.slice(1);
const pascal = (text) =>
  text
    .replace(/['’]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(upperFirst)
    .join('');
const REVERT = /\brevert(?:s|ed)?\b/i;

/// Parses one tree, reporting malformed lines; returns the root node ({ text, kind: 'root', line, children }).
function parseTree(treePath) {
  const where = rel(treePath);
  const lines = readFileSync(treePath, 'utf8').replace(/\r\n/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const expectedHeader = basename(treePath).replace(/\.tree$/, '.t.sol');
  const header = (lines[0] ?? '').trim();
  if (header !== expectedHeader) report(`${where}:1`, `first line must be "${expectedHeader}", found "${header}"`);

  const rootNode = { text: header, kind: 'root', line: 1, children: [], closed: false, last: true };
  const stack = [rootNode]; // stack[d + 1] is the latest node at depth d
  lines.slice(1).forEach((raw, index) => {
    const line = index + 2;
    const at = `${where}:${line}`;
    const m = /^((?:│ {3}| {4})*)(├── |└── )(.*)$/u.exec(raw);
    if (!m) {
      report(at, raw.trim() === '' ? 'blank line inside the tree' : `not a tree node: "${raw.trim()}"`);
      return;
    }
    const depth = m[1].length / 4;
    if (depth > stack.length - 1) {
      report(at, 'indented more than one level below the node above');
      return;
    }
    for (let d = 0; d < depth; d++) {
      const column = m[1].slice(d * 4, d * 4 + 4);
      const expected = stack[d + 1].last ? '    ' : '│   ';
      if (column !== expected) {
        const why =
          expected === '    ' ? 'blank (that ancestor is drawn └──)' : '"│" (that ancestor has siblings below)';
        report(at, `column ${d * 4 + 1} must be ${why}`);
        break;
      }
    }
    stack.length = depth + 1;
    const parent = stack[depth];
    if (parent.closed) report(at, 'follows a sibling drawn └── (only the last child is drawn └──)');
    const text = m[3].replace(/\s+\/\/.*$/, '').trim();
    const keyword = text.split(/\s+/)[0].toLowerCase();
    const kind = keyword === 'when' || keyword === 'given' ? 'condition' : keyword === 'it' ? 'action' : 'unknown';
    if (kind === 'unknown') report(at, `a node must start with "when", "given" or "it": "${text}"`);
    if (parent.kind === 'action') {
      report(at, `an "it" leaf cannot have children (this node is under line ${parent.line})`);
    }
    const node = { text, kind, line, children: [], closed: false, last: m[2] === '└── ' };
    parent.children.push(node);
    if (node.last) parent.closed = true;
    stack.push(node);
  });

  (function verify(node) {
    if (node.children.length > 0 && !node.closed) {
      report(`${where}:${node.children.at(-1).line}`, 'the last child of a node is drawn └──');
    }
    if (node.kind === 'condition' && node.children.length === 0) {
      report(`${where}:${node.line}`, `condition without an "it" leaf or a nested condition: "${node.text}"`);
    }
    node.children.forEach(verify);
  })(rootNode);
  return rootNode;
}

/// The test nodes of a tree, in tree order, with the test function each one requires.
function testNodes(rootNode, functionName) {
  const nodes = [];
  (function visit(node) {
    const leaves = node.children.filter((child) => child.kind === 'action');
    if (leaves.length > 0 && (node.kind === 'condition' || node.kind === 'root')) {
      const reverts = leaves.some((leaf) => REVERT.test(leaf.text));
      if (node.kind === 'root') {
        const name = `test_${reverts ? 'Revert_' : ''}${upperFirst(functionName)}`;
        nodes.push({ node, name, key: `root:${functionName}` });
      } else {
        const [word, ...rest] = node.text.split(/\s+/);
        const keyword = upperFirst(word.toLowerCase());
        const text = pascal(rest.join(' '));
        const name = reverts ? `test_Revert${keyword}_${text}` : `test_${keyword}_${text}`;
        nodes.push({ node, name, key: text.toLowerCase() });
      }
    }
    node.children.filter((child) => child.kind === 'condition').forEach(visit);
  })(rootNode);
  return nodes;
}

/// The source with its comments blanked out (newlines kept, so offsets keep their line); string literals are skipped
/// so that a "//" or "/*" inside one is not taken for a comment.
function withoutComments(text) {
  let out = '';
  for (let i = 0; i < text.length; ) {
    const two = text.slice(i, i + 2);
    if (two === '//' || two === '/*') {
      const close = two === '//' ? text.indexOf('\n', i) : text.indexOf('*/', i + 2);
      const stop = close === -1 ? text.length : two === '//' ? close : close + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (text[i] === '"' || text[i] === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== text[i] && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else {
      out += text[i];
      i += 1;
    }
  }
  return out;
}

/// `function test...` declarations of a Solidity file (comments ignored), with their line numbers.
function testFunctions(solPath) {
  const source = withoutComments(readFileSync(solPath, 'utf8'));
  const lineOf = (offset) => source.slice(0, offset).split('\n').length;
  const functions = [...source.matchAll(/\bfunction\s+(test\w*)\s*\(/g)].map((m) => ({
    name: m[1],
    line: lineOf(m.index),
  }));
  const contracts = [...source.matchAll(/^\s*contract\s+(\w+)/gm)].map((m) => m[1]);
  return { functions, contracts };
}

const files = walk(testRoot);
const trees = files.filter((f) => f.endsWith('.tree'));
const unitSols = files.filter((f) => f.endsWith('.t.sol') && basename(dirname(f)) === 'unit');

for (const sol of unitSols) {
  if (!existsSync(sol.replace(/\.t\.sol$/, '.tree'))) {
    report(rel(sol), 'unit test without its .tree (every unit/ suite is a branching tree)');
  }
}

// Contract prefix for function names that more than one contract's unit folder has (e.g. constructor).
const areaOf = (tree) => basename(dirname(dirname(tree)));
const stemOf = (tree) => basename(tree, '.tree');
const areasByStem = new Map();
for (const tree of trees) {
  areasByStem.set(stemOf(tree), new Set([...(areasByStem.get(stemOf(tree)) ?? []), areaOf(tree)]));
}

let nodeCount = 0;
let checkedFiles = 0;
for (const tree of trees.sort()) {
  const where = rel(tree);
  if (basename(dirname(tree)) !== 'unit' || dirname(dirname(dirname(tree))) !== testRoot) {
    report(where, 'trees live in contracts/test/<contract>/unit/');
  }
  const sol = tree.replace(/\.tree$/, '.t.sol');
  if (!existsSync(sol)) {
    report(where, `no sibling ${basename(sol)}`);
    continue;
  }
  const stem = stemOf(tree);
  const rootNode = parseTree(tree);
  const nodes = testNodes(rootNode, stem);
  const { functions, contracts } = testFunctions(sol);
  checkedFiles += 1;
  nodeCount += nodes.length;

  const expectedContract =
    (areasByStem.get(stem).size > 1 ? `${upperFirst(areaOf(tree))}_` : '') + `${upperFirst(stem)}_Unit_Test`;
  if (!contracts.includes(expectedContract)) {
    report(rel(sol), `the test contract must be named ${expectedContract} (found ${contracts.join(', ') || 'none'})`);
  }

  const seen = new Map();
  for (const entry of nodes) {
    const first = seen.get(entry.key);
    if (first) {
      const message = `duplicate test node "${entry.node.text}" (same name as line ${first.node.line}): reword one`;
      report(`${where}:${entry.node.line}`, message);
    } else {
      seen.set(entry.key, entry);
    }
  }

  const declared = new Map();
  for (const fn of functions) {
    if (declared.has(fn.name)) {
      report(`${rel(sol)}:${fn.line}`, `${fn.name} declared twice (also line ${declared.get(fn.name).line})`);
    } else {
      declared.set(fn.name, fn);
    }
  }
  const expected = new Set(nodes.map((entry) => entry.name));
  for (const entry of nodes) {
    if (listNodes) console.log(`${where}:${entry.node.line}\t${entry.name}\t${entry.node.text}`);
    if (!declared.has(entry.name)) {
      const message = `no test for "${entry.node.text}": ${basename(sol)} must declare ${entry.name}`;
      report(`${where}:${entry.node.line}`, message);
    }
  }
  for (const fn of declared.values()) {
    if (!expected.has(fn.name)) {
      report(`${rel(sol)}:${fn.line}`, `${fn.name} matches no test node of ${basename(tree)}`);
    }
  }
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(
  `${checkedFiles} branching trees, ${nodeCount} test nodes, ` +
    'each matched by exactly one test function and no other test',
);
