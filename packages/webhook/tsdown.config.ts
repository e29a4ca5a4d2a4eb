import { defineConfig } from 'tsdown';
import base from '../../tsdown.config.base.ts';

// Two builds of the one public entry: index (Node, Bun, Deno: the embedded file queue is the
// default) and edge (Workers and other runtimes without a file system: a queue must be passed).
// Both have the same exports, so they share index.d.ts.
export default defineConfig({
  ...base,
  entry: ['src/index.ts', 'src/edge.ts'],
  // The file queue's node:fs and node:path are the runtime's own (Node, Bun, Deno), never bundled.
  deps: { neverBundle: [/^node:/] },
});
