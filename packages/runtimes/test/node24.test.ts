import { RUNTIMES } from '../src/runtimes';
import { defineRuntimeSuite } from '../src/smoke-suite';
import { defineWebhookSuite } from '../src/webhook-suite';

defineRuntimeSuite(RUNTIMES.node24);
defineWebhookSuite(RUNTIMES.node24);
