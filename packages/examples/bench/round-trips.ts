import { createMauticClient, type MauticClient } from '@mautic-woo/sync';
import { type LocalMautic, startLocalMautic } from './local-server';
import { makeOrder } from './orders';
import type { BenchResult } from './report';

/**
 * Requests per workflow, counted at the server: the first call on a fresh client, then a repeat
 * call on the same client (custom fields already checked, the email → id already cached). Beside
 * it, the request count of the Sitepact WooCommerce plugin's flow, MODELLED (not measured) from
 * its documentation (sitepact.com, "Mautic Integration for WooCommerce": feature list and its "Mautic API
 * Endpoints" page): per sync it looks the contact up
 * (GET /api/contacts?search=…), creates or edits it, checks each custom field it writes (one
 * request per field, every time), and edits the contact a second time for the cart coupon.
 */

const cart = (email: string) => ({
  email,
  firstName: 'John',
  lastName: 'Doe',
  items: [{ name: 'Woo Single #1', sku: 'W1', quantity: 2, total: '6.00' }],
  total: '6.00',
  currency: 'USD',
  recoveryUrl: 'https://shop.example.com/cart?restore=abc',
  couponCode: 'COMEBACK10',
});

interface Scenario {
  workflow: string;
  /** Contacts the server knows before the first call. */
  existing?: string;
  run: (client: MauticClient, call: number) => Promise<unknown>;
  sitepact: { count: number; how: string };
}

const orderOptions = { note: true, emailOnStatus: { completed: 12 } };
const emailOf = (n: number) => `customer-${n}@example.com`;

const scenarios: Scenario[] = [
  {
    workflow: 'createOrUpdateContact, new contact (lookup)',
    run: (c) => c.contacts.upsert({ email: emailOf(1), firstname: 'John' }),
    sitepact: { count: 2, how: 'search + create/edit' },
  },
  {
    workflow: 'createOrUpdateContact, existing contact (lookup)',
    existing: emailOf(2),
    run: (c) => c.contacts.upsert({ email: emailOf(2), firstname: 'John' }),
    sitepact: { count: 2, how: 'search + create/edit' },
  },
  {
    workflow: 'createOrUpdateContact, new contact (merge)',
    run: (c) => c.contacts.upsert({ email: emailOf(3), firstname: 'John' }, { strategy: 'merge' }),
    sitepact: { count: 2, how: 'search + create/edit' },
  },
  {
    workflow: 'createOrUpdateContact, existing contact (merge)',
    existing: emailOf(4),
    run: (c) => c.contacts.upsert({ email: emailOf(4), firstname: 'John' }, { strategy: 'merge' }),
    sitepact: { count: 2, how: 'search + create/edit' },
  },
  {
    workflow: 'syncOrder + note + email, new customer',
    run: (c, call) => c.syncOrder(makeOrder(100 + call, 5), orderOptions),
    sitepact: {
      count: 7,
      how: 'search + create/edit + 3 field checks (order data, total spent, order count) + note + email',
    },
  },
  {
    workflow: 'syncOrder + note + email, existing customer',
    existing: emailOf(6),
    run: (c, call) => c.syncOrder(makeOrder(200 + call, 6), orderOptions),
    sitepact: { count: 7, how: 'as above' },
  },
  {
    workflow: 'syncAbandonedCart + segment',
    run: (c) => c.syncAbandonedCart(cart(emailOf(7)), { segmentId: 3 }),
    sitepact: {
      count: 7,
      how: 'search + create/edit + 3 field checks (cart, recovery URL, coupon) + coupon edit + segment',
    },
  },
  {
    workflow: 'markCartRecovered',
    existing: emailOf(8),
    run: (c) => c.markCartRecovered(emailOf(8)),
    sitepact: { count: 2, how: 'search + edit' },
  },
];

function newClient(server: LocalMautic): MauticClient {
  return createMauticClient({ baseUrl: server.url, auth: { type: 'basic', username: 'bench', password: 'secret' } });
}

/** Counts of one call as `total (route ×n, …)`. */
function describe(server: LocalMautic): { total: number; detail: string } {
  const detail = [...server.counts].map(([route, n]) => (n > 1 ? `${route} ×${n}` : route)).join(', ');
  return { total: server.total(), detail };
}

export async function benchRoundTrips(): Promise<BenchResult> {
  const server = await startLocalMautic({ remember: true });
  const rows: Array<Array<string | number>> = [];
  const details: string[] = [];
  try {
    for (const scenario of scenarios) {
      if (scenario.existing) {
        // Made by another client, so the measured client has nothing cached.
        await newClient(server).contacts.upsert({ email: scenario.existing }, { strategy: 'merge' });
      }
      const client = newClient(server);
      server.resetCounts();
      await scenario.run(client, 0);
      const first = describe(server);
      server.resetCounts();
      await scenario.run(client, 1);
      const repeat = describe(server);
      rows.push([scenario.workflow, first.total, repeat.total, scenario.sitepact.count, scenario.sitepact.how]);
      details.push(`${scenario.workflow}: first = ${first.detail}; repeat = ${repeat.detail}`);
    }
  } finally {
    await server.close();
  }
  return {
    title: '2. Round trips per workflow (counted at the server)',
    tables: [
      {
        head: ['workflow', 'first call', 'repeat call (same client)', 'Sitepact plugin (modelled)', 'model'],
        rows,
      },
    ],
    notes: [
      'The custom fields already exist in Mautic (the usual case after the first run); on a fresh Mautic the first call of a client also creates the 6 missing fields once (+6).',
      'Sitepact counts are a model from its documentation (its feature list and "Mautic API Endpoints" page), not a measurement: it caches nothing between syncs, so the repeat call costs the same as the first; the field checks are one request per custom field the workflow writes.',
      ...details.map((d) => `Requests: ${d}`),
    ],
    targets: [],
  };
}
