import { defineConfig } from 'tsdown';
import base from '../../tsdown.config.base.ts';

// Node only (ioredis, node:crypto, signals), unlike sdk and sync.
export default defineConfig({ ...base, platform: 'node', fixedExtension: false });
