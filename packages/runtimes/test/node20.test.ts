import { RUNTIMES } from '../src/runtimes';
import { defineRuntimeSuite } from '../src/smoke-suite';

defineRuntimeSuite(RUNTIMES.node20);
