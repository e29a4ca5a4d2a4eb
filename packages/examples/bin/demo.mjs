#!/usr/bin/env node
// Starts the demo (TypeScript) through tsx's loader, with no build step and no package manager in
// between: a failure ends with the demo's own message and exit code, nothing after it.
import { register } from 'tsx/esm/api';

register();
await import('../src/demo.ts');
