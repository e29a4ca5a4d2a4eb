import { defineConfig } from 'tsdown';
import base from '../../tsdown.config.base.ts';

// Two entries: the client, and `./geo` (the region table and the conversions that use it).
export default defineConfig({ ...base, entry: ['src/index.ts', 'src/geo.ts'] });
