#!/usr/bin/env node
// Writes openapi.json next to openapi.yaml: the same document as JSON (2-space indent, trailing newline).
// openapi.yaml is a single self-contained file (only internal $refs), so "bundling" is a faithful
// YAML → JSON conversion; key order follows the YAML source, so the output is deterministic.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Parses openapi.yaml and writes openapi.json; returns the written path. */
export function bundle() {
  const source = readFileSync(join(root, 'openapi.yaml'), 'utf8');
  // `uniqueKeys` (default true) makes duplicate keys an error; no YAML 1.1 booleans (yes/no) either.
  const doc = parse(source, { version: '1.2', prettyErrors: true });
  if (doc?.openapi !== '3.1.0') throw new Error('openapi.yaml: expected `openapi: 3.1.0`');
  const out = join(root, 'openapi.json');
  writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = bundle();
  console.log(`wrote ${out}`);
}
