import { RUNTIMES } from '../src/runtimes';
import { defineRuntimeSuite } from '../src/smoke-suite';
import { defineWebhookSuite } from '../src/webhook-suite';

defineRuntimeSuite(RUNTIMES.node20);
defineWebhookSuite(RUNTIMES.node20);
