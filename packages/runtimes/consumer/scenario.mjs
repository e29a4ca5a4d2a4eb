// Runs one scenario of the runtime smoke suite with the published @mautic-woo/sync, on whichever
// runtime started it (Node, Bun or Deno): only web APIs here. The fake Mautic at MAUTIC_URL
// serves the plan (client options, what to call); the answer is one `RESULT {json}` line.
import { createMauticClient } from '@mautic-woo/sync';

const env = (name) => (globalThis.Deno ? globalThis.Deno.env.get(name) : globalThis.process.env[name]);
const baseUrl = env('MAUTIC_URL');

const described = (error) => ({
  name: error?.name,
  message: error?.message,
  requestSent: error?.requestSent,
});

const stepsOf = (result) =>
  result.steps.map((s) => ({ step: s.step, status: s.status, error: s.error && described(s.error) }));

const runs = {
  testConnection: (client) => client.testConnection(),
  getContact: (client, args) => client.contacts.get(args.contactId),
  /** A read on a connection the first one left open (when the runtime keeps one). */
  async readAfterRead(client, args) {
    await client.testConnection();
    return client.contacts.get(args.contactId);
  },
  async syncOrder(client, args) {
    const orders = [];
    for (const order of args.orders) {
      const result = await client.syncOrder(order, args.options);
      orders.push({ orderId: order.id, steps: stepsOf(result) });
    }
    return orders;
  },
  async syncOrders(client, args) {
    const summary = await client.syncOrders(args.orders, args.options);
    return { total: summary.total, ok: summary.ok, failed: summary.failed };
  },
};

const plan = await (await fetch(`${baseUrl}/__plan`)).json();
const tokens = [];
const options = { ...plan.options, baseUrl };
if (options.auth.type === 'oauth2') options.auth.onTokens = (set) => void tokens.push(set.accessToken);

let result;
try {
  const client = createMauticClient(options);
  result = { ok: true, value: await runs[plan.run](client, plan.args ?? {}), tokens };
} catch (error) {
  result = { ok: false, error: described(error), tokens };
}
console.log(`RESULT ${JSON.stringify(result)}`);
