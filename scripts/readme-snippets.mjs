#!/usr/bin/env node
// README snippets compile as written: every ```ts block of the root README and of each package's
// README becomes its own module and is typechecked, strictly, against the built packages (run after
// `turbo run build`). A block declares what it uses but does not show (`declare const order:
// WooOrder;`), so what a reader copies is what was checked. Errors point at the README line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { strictConsumerOptions } from './consumer-tsconfig.mjs';

const root = join(import.meta.dirname, '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
// Inside packages/examples, whose node_modules link every published package.
const dir = join(root, 'packages', 'examples', '.test-results', 'readme-snippets');

const readmes = [
  join(root, 'README.md'),
  ...readdirSync(join(root, 'packages')).map((pkg) => join(root, 'packages', pkg, 'README.md')),
].filter((file) => {
  try {
    readFileSync(file);
    return true;
  } catch {
    return false;
  }
});

/** Each ```ts block: its text and the README line of its first line. */
function blocks(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const found = [];
  let current = null;
  lines.forEach((line, index) => {
    if (current === null && /^```ts\s*$/.test(line)) current = { start: index + 2, lines: [] };
    else if (current !== null && /^```\s*$/.test(line)) {
      found.push(current);
      current = null;
    } else if (current !== null) current.lines.push(line);
  });
  return found;
}

rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const origin = new Map();
for (const readme of readmes) {
  const name = relative(root, readme);
  blocks(readme).forEach((block, i) => {
    const file = `${name.replaceAll('/', '_').replace(/\.md$/, '')}_${i + 1}.mts`;
    // `export {}` keeps a block without imports a module (top-level await, its own scope).
    writeFileSync(join(dir, file), `${block.lines.join('\n')}\nexport {};\n`);
    origin.set(file, { name, start: block.start });
  });
}
writeFileSync(
  join(dir, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: { ...strictConsumerOptions, noUnusedLocals: false, skipLibCheck: true },
    include: ['*.mts'],
  }),
);

const result = spawnSync(process.execPath, [tsc, '-p', '.', '--pretty', 'false'], { cwd: dir, encoding: 'utf8' });
const output = `${result.stdout}${result.stderr}`;
// tsc reports `file.mts(line,col): error …`; point at the README line instead.
const mapped = output.replace(/^(?:.*\/)?([\w.-]+\.mts)\((\d+),(\d+)\)/gm, (whole, file, line, col) => {
  const where = origin.get(file);
  return where ? `${where.name}:${where.start + Number(line) - 1}:${col}` : whole;
});
if (mapped.trim()) console.log(mapped.trim());
console.log(
  `readme snippets: ${origin.size} ts blocks in ${readmes.length} READMEs, ${result.status === 0 ? 'all compile' : 'errors above'}`,
);
process.exit(result.status === 0 ? 0 : 1);
