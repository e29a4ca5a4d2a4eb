import { RUNTIMES } from '../src/runtimes';
import { defineRuntimeSuite } from '../src/smoke-suite';
import { defineWebhookSuite } from '../src/webhook-suite';

defineRuntimeSuite(RUNTIMES.deno);
defineWebhookSuite(RUNTIMES.deno);
