import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The runtimes the suite runs the built client on, each from its npm package (devDependencies
 * of this package): nothing is installed by hand, so a fresh clone runs them after setup.
 */

const require = createRequire(import.meta.url);
const packageDir = (name: string, from = require) => dirname(from.resolve(`${name}/package.json`));

export interface Runtime {
  name: string;
  /** The executable and the arguments that run one ES module file. */
  command(script: string): { file: string; args: string[] };
  /** The binary's path, resolved when the suite starts (throws when the package is missing). */
  binary(): string;
}

function nodeRuntime(name: string, binary: () => string): Runtime {
  return { name, binary, command: (script) => ({ file: binary(), args: [script] }) };
}

function hostNode20(): string {
  // CI's Node is the repository's minimum (engines: >=20); a different host would mislabel the line.
  const major = process.versions.node.split('.')[0];
  if (major !== '20') throw new Error(`runtime node20 needs the host Node to be 20, got ${process.version}`);
  return process.execPath;
}

const fromPackage =
  (name: string, ...path: string[]) =>
  () => {
    const file = join(packageDir(name), ...path);
    if (!existsSync(file)) throw new Error(`${name} has no ${path.join('/')}: run node scripts/setup.mjs`);
    return file;
  };

const denoBinary = () => {
  // The `deno` package's postinstall only copies this binary next to its shim; we run it directly.
  const platformPackage = packageDir('@deno/linux-x64-glibc', createRequire(join(packageDir('deno'), 'package.json')));
  return join(platformPackage, 'deno');
};

export const RUNTIMES = {
  node20: nodeRuntime('node20', hostNode20),
  node22: nodeRuntime('node22', fromPackage('node22', 'bin', 'node')),
  node24: nodeRuntime('node24', fromPackage('node24', 'bin', 'node')),
  bun: {
    name: 'bun',
    binary: fromPackage('@oven/bun-linux-x64', 'bin', 'bun'),
    command(script) {
      return { file: this.binary(), args: ['run', script] };
    },
  },
  deno: {
    name: 'deno',
    binary: denoBinary,
    command(script) {
      // deno.json beside the script is the project's config (nodeModulesDir, npm: imports). Writes
      // stay in the consumer project (the webhook handler's file queue).
      const write = `--allow-write=${dirname(script)}`;
      return { file: this.binary(), args: ['run', '--allow-net', '--allow-env', '--allow-read', write, script] };
    },
  },
} satisfies Record<string, Runtime>;

/** Node 24 runs miniflare (it needs Node 22+), which runs workerd. */
export const workerdHost: Runtime = RUNTIMES.node24;
