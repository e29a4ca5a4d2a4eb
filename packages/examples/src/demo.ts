import {
  ConfigError,
  colorEnabled,
  describeError,
  ENV_HELP,
  type MauticTarget,
  mauticTargetFromEnv,
  type OutcomeLine,
  stepLines,
} from '@mautic-woo/cli';
import { createMauticClient, type FieldStatus, type MauticClient } from '@mautic-woo/sync';
import { type PrismServer, startPrism } from '@mautic-woo/testkit';
import { Report } from './report';
import { createRequestLog } from './request-log';
import { sampleCart, sampleOrder } from './sample-data';

/**
 * The demo: one sample shop's order and abandoned cart, then a refused marketing consent and an
 * erasure, synced step by step into a Prism mock of the Mautic API (default) or into the real
 * Mautic named by MAUTIC_URL and its credentials.
 */

/**
 * Prism answers the lowest 2xx it knows; a contact create would come back as 200 "merged into an
 * existing contact" right after a lookup that found nobody. Asking for the 201 example (Prism's
 * `Prefer` header) keeps the mock's story straight. Only ever used against the mock.
 */
const mockFetch: typeof fetch = (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (!new URL(url).pathname.endsWith('/api/contacts/new')) return fetch(input, init);
  const headers = new Headers(init?.headers);
  headers.set('Prefer', 'code=201');
  return fetch(input, { ...init, headers });
};

// Prism checks that an Authorization header is there, not what it says.
const MOCK_AUTH = { type: 'basic', username: 'demo', password: 'demo-password' } as const;

function optionalId(name: string, fallback: number | undefined): number | undefined {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new ConfigError(`${name} must be a positive integer`);
  return Number(raw);
}

function fieldLine(field: FieldStatus): OutcomeLine {
  switch (field.status) {
    case 'exists':
      return { mark: 'ok', text: `${field.alias} already exists` };
    case 'created':
      return { mark: 'ok', text: `${field.alias} created` };
    case 'queued':
      return { mark: 'warn', text: `${field.alias} queued: Mautic adds its column in the background (cron)` };
    case 'renamed':
      return {
        mark: 'warn',
        text: `${field.alias} came back as ${field.actualAlias}: Mautic renamed the alias; writes go to ${field.actualAlias}`,
      };
  }
}

async function runSteps(
  client: MauticClient,
  report: Report,
  take: () => ReturnType<ReturnType<typeof createRequestLog>['take']>,
  mock: boolean,
) {
  const emailId = optionalId('MAUTIC_DEMO_EMAIL_ID', mock ? 1 : undefined);
  const segmentId = optionalId('MAUTIC_DEMO_SEGMENT_ID', mock ? 1 : undefined);

  const step = async (title: string, action: () => Promise<OutcomeLine[]>) => {
    report.step(title);
    try {
      const lines = await action();
      report.requests(take());
      report.outcome(lines);
    } catch (error) {
      report.requests(take());
      report.error(error);
      throw new StepFailed(title, error);
    }
  };

  await step('Test the connection', async () => {
    const result = await client.testConnection();
    return [{ mark: 'ok', text: `connected; Mautic ${result.mauticVersion ?? '(version header not sent)'}` }];
  });

  await step('Ensure the mautic_woo_* custom fields', async () => {
    const result = await client.fields.ensure();
    const lines = result.fields.map(fieldLine);
    if (mock && result.fields.some((f) => f.status === 'renamed')) {
      lines.push({ mark: 'info', text: 'the mock answers every field create with the same example field' });
    }
    return lines;
  });

  const order = sampleOrder();
  const total = `${order.currency} ${order.total}`;
  await step(`Sync WooCommerce order #${order.id} (${order.status}, ${order.billing?.email}, ${total})`, async () => {
    const result = await client.syncOrder(order, {
      note: true,
      ...(emailId === undefined ? {} : { emailOnStatus: { completed: emailId } }),
    });
    const lines = stepLines(
      result.steps.filter((s) => s.step !== 'fields'),
      { contact: `contact ${result.contactId}`, note: 'order note', email: 'order email' },
    );
    for (const field of result.droppedFields)
      lines.push({ mark: 'warn', text: `Mautic refused ${field}; saved without it` });
    for (const geo of result.unconverted)
      lines.push({ mark: 'warn', text: `no Mautic name for ${geo.field} ${geo.value}` });
    if (emailId === undefined) lines.push({ mark: 'info', text: 'set MAUTIC_DEMO_EMAIL_ID to send an order email' });
    return lines;
  });

  const cart = sampleCart(order.billing?.email);
  await step(
    `Sync an abandoned cart (${cart.email}, ${cart.items.length} items, ${cart.currency} ${cart.total}${segmentId ? `, segment ${segmentId}` : ''})`,
    async () => {
      const result = await client.syncAbandonedCart(cart, segmentId === undefined ? {} : { segmentId });
      const lines = stepLines(
        result.steps.filter((s) => s.step !== 'fields'),
        { contact: `contact ${result.contactId}`, segment: 'added to segment' },
      );
      lines.push({ mark: 'info', text: `recovery link and coupon ${cart.couponCode} stored on the contact` });
      if (segmentId === undefined)
        lines.push({ mark: 'info', text: 'set MAUTIC_DEMO_SEGMENT_ID to add it to a segment' });
      return lines;
    },
  );

  await step(`Mark the cart recovered (${cart.email} placed the order)`, async () => {
    const result = await client.markCartRecovered(cart.email, segmentId === undefined ? {} : { segmentId });
    if (!result.found) return [{ mark: 'warn', text: 'no contact has this email; nothing to clear' }];
    const lines: OutcomeLine[] = [
      { mark: 'ok', text: `contact ${result.contactId}: cart fields cleared, abandoned_cart → recovered_cart` },
    ];
    if (result.removedFromSegment) lines.push({ mark: 'ok', text: `left segment ${result.removedFromSegment}` });
    return lines;
  });

  // The checkout's marketing checkbox, as a plugin stores it in the order's meta data.
  const refused = { ...order, meta_data: [...(order.meta_data ?? []), { key: '_marketing_optin', value: 'no' }] };
  await step(`The customer refused marketing consent at checkout (meta _marketing_optin = no)`, async () => {
    const result = await client.syncOrder(refused, { ensureFields: false, consent: { metaKey: '_marketing_optin' } });
    const lines = stepLines(
      result.steps.filter((s) => s.step === 'consent'),
      { consent: 'consent' },
    );
    lines.push({ mark: 'info', text: 'given consent lifts only an entry set here, never an unsubscribe or a bounce' });
    return lines;
  });

  await step(`Erase the customer (${order.billing?.email}, on request)`, async () => {
    const email = order.billing?.email ?? '';
    const result = await client.eraseCustomer(email);
    const lines: OutcomeLine[] = result.found
      ? [{ mark: 'ok', text: `deleted contact ${result.deletedContactIds.join(', ')}; forgot the email here` }]
      : [{ mark: 'info', text: 'no contact has this email; nothing to delete' }];
    const late = await client.syncOrder(order, { ensureFields: false, note: true });
    lines.push(
      late.skipped === 'erased'
        ? { mark: 'ok', text: `a late webhook for order #${order.id} is skipped: it predates the erasure` }
        : { mark: 'fail', text: `a late webhook for order #${order.id} wrote the contact again` },
    );
    return lines;
  });
}

class StepFailed extends Error {
  constructor(
    readonly title: string,
    override readonly cause: unknown,
  ) {
    super(`${title}: ${describeError(cause)}`);
  }
}

export async function runDemo(): Promise<number> {
  const color = colorEnabled(process.stdout);
  const report = new Report(process.stdout, color);
  let target: MauticTarget | null;
  try {
    target = mauticTargetFromEnv();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(
      `demo: ${error.message}\n\n${ENV_HELP}\n\nWithout any of them the demo runs against a mock.\n`,
    );
    return 2;
  }

  let prism: PrismServer | null = null;
  let stopping: Promise<void> | null = null;
  const stopPrism = () => {
    stopping ??= prism ? prism.close() : Promise.resolve();
    return stopping;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`\ndemo: ${signal} received, stopping${prism ? ' the mock' : ''}…\n`);
    void stopPrism().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const startedAt = Date.now();
  const log = createRequestLog();
  try {
    if (!target) {
      process.stdout.write('Starting a Prism mock of the Mautic API…\n');
      prism = await startPrism();
    }
    const baseUrl = target?.baseUrl ?? (prism as PrismServer).url;
    report.title(
      'mautic-woo demo: a WooCommerce order and an abandoned cart, synced to Mautic',
      target
        ? `your Mautic at ${target.description}`
        : `a Prism mock of the Mautic API at ${baseUrl} (nothing is stored)`,
    );
    const client = createMauticClient({
      baseUrl,
      auth: target?.auth ?? MOCK_AUTH,
      timeoutMs: 15_000,
      logger: log.logger,
      ...(target ? {} : { fetch: mockFetch }),
    });
    await runSteps(client, report, log.take, !target);
    report.summary(log.count(), Date.now() - startedAt);
    if (report.failed) {
      process.stderr.write('demo: finished, but some steps failed (see ✗ above)\n');
      return 1;
    }
    return 0;
  } catch (error) {
    report.summary(log.count(), Date.now() - startedAt);
    const reason = error instanceof StepFailed ? `stopped at "${error.title}"` : `failed: ${describeError(error)}`;
    process.stderr.write(`demo: ${reason}\n`);
    return 1;
  } finally {
    await stopPrism();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

const code = await runDemo();
process.exitCode = code;
