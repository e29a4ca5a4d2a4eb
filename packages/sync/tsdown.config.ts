import { defineConfig } from 'tsdown';
import base from '../../tsdown.config.base.ts';

// Two entries: the client, and `./woo` (the WooCommerce conversions, with the region table).
export default defineConfig({ ...base, entry: { index: 'src/index.ts', woo: 'src/woo-entry.ts' } });
