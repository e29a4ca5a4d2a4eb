import { existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { type FakeMauticServer, startFakeMautic } from '@mautic-woo/testkit';
import { afterEach, describe, expect, inject, test } from 'vitest';
import { EXPECTED_ANSWERS, WEBHOOK_SECRET, webhookTraffic } from './deliveries';
import { runScenario } from './run-scenario';
import type { Runtime } from './runtimes';

/**
 * The published webhook handler on one runtime, served by the runtime's own HTTP server, with its
 * default embedded file queue (consumer/webhook-server.mjs), against the fake Mautic.
 */
export function defineWebhookSuite(runtime: Runtime): void {
  describe(`${runtime.name} webhook`, () => {
    let fake: FakeMauticServer | undefined;
    afterEach(async () => {
      await fake?.close();
      fake = undefined;
    });

    test('a signed delivery is answered 202 and synced once; a bad signature, a replay and an older state are not', async () => {
      const consumerDir = inject('consumerDir');
      // The queue goes to its default directory under the working directory: one per run.
      const cwd = mkdtempSync(join(consumerDir, `webhook-${runtime.name}-`));
      fake = await startFakeMautic();
      const { order, requests } = webhookTraffic();
      const result = await runScenario(
        runtime,
        consumerDir,
        fake,
        {
          secret: WEBHOOK_SECRET,
          options: { auth: { type: 'basic', username: 'api', password: 'smoke-password' } },
          syncOptions: { note: true },
          requests,
        },
        { script: 'webhook-server.mjs', cwd },
      );
      expect(result.error).toBeUndefined();
      expect(result.value).toEqual(EXPECTED_ANSWERS);
      // whenIdle() resolved in the runtime: the one accepted delivery is in Mautic, once.
      expect(fake.mautic.contact(order.billing.email)).toBeDefined();
      expect(fake.server.received('POST', '/api/contacts/new')).toHaveLength(1);
      expect(fake.mautic.notesByOrder.get(order.id)).toBe(1);
      expect(existsSync(join(cwd, '.mautic-woo', 'queue', 'journal.ndjson'))).toBe(true);
    });
  });
}
