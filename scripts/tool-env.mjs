// The repository root and the environment the scripts run the workspace's tools in: the pinned
// pnpm (.tools) and the workspace's binaries first on PATH, telemetry off.
import { delimiter, join } from 'node:path';

export const root = join(import.meta.dirname, '..');

export const toolEnv = {
  ...process.env,
  PATH: [join(root, '.tools', 'node_modules', '.bin'), join(root, 'node_modules', '.bin'), process.env.PATH].join(
    delimiter,
  ),
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
};
