#!/usr/bin/env node
// Checks that every relative link in the repository's Markdown files points at a file or folder that exists, and that
// every bare mention of a `*.md` file in prose (e.g. "see TOOLCHAIN.md") names a document the repository has.
// Usage: node tools/ci/check-doc-links.mjs   (exit 1 and one line per broken reference)
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const root = execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();
const files = execFileSync('git', ['ls-files', '*.md'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter(Boolean);

const link = /\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g; // [text](target "title")
const bareMd = /(?<![\w/.-])((?:\.\.?\/)?(?:[\w.-]+\/)*[\w.-]+\.md)\b/g; // foo.md, docs/foo.md, ./foo.md
const external = /^(?:[a-z][a-z0-9+.-]*:|#)/i; // http:, https:, mailto:, anchors

const problems = [];
for (const file of files) {
  const text = readFileSync(join(root, file), 'utf8');
  const dir = dirname(file);
  const lines = text.split('\n');
  let fenced = false;
  lines.forEach((line, i) => {
    if (/^\s*```/.test(line)) fenced = !fenced;
    if (fenced) return;
    for (const m of line.matchAll(link)) {
      const target = m[1];
      if (external.test(target)) continue;
      const path = normalize(join(dir, decodeURIComponent(target.split('#')[0])));
      if (!existsSync(join(root, path))) problems.push(`${file}:${i + 1}: link to missing ${target}`);
    }
    // Bare mentions: resolved next to the file, from the repository root, or under docs/.
    const withoutLinks = line.replace(link, '');
    for (const m of withoutLinks.matchAll(bareMd)) {
      const name = m[1];
      const candidates = [join(dir, name), name, join('docs', name)].map((p) => join(root, normalize(p)));
      if (!candidates.some((p) => existsSync(p))) problems.push(`${file}:${i + 1}: mentions missing ${name}`);
    }
  });
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`${problems.length} broken documentation reference(s)`);
  process.exit(1);
}
console.log(`${files.length} Markdown files, every relative link and .md mention resolves`);
