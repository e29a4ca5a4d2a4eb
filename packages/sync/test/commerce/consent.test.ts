import { describe, expect, it } from 'vitest';
import { MauticInvalidInputError, type WooOrder } from '../../src';
import { CONSENT_DNC_COMMENT } from '../../src/woo-entry';
import { useFakeMautic } from '../helpers/fake';
import { basicClient, refusal } from '../helpers/harness';
import { docsCustomer, order727 } from '../helpers/woo-fixtures';

const fake = useFakeMautic();

const EMAIL = 'john.doe@example.com';
const withOptIn = (value: unknown): WooOrder => ({
  ...order727(),
  meta_data: [{ id: 1, key: '_marketing_optin', value }],
});
const consent = { metaKey: '_marketing_optin' };
const dncWrites = () =>
  fake.server.requests.filter((r) => /\/dnc\//.test(r.path)).map((r) => `${r.method} ${r.path.replace(/\d+/, 'ID')}`);
const entries = () => fake.mautic.contact(EMAIL)?.doNotContact ?? [];

describe('marketing consent → the email do-not-contact list', () => {
  it('refused: adds a manual entry with the package comment, once across redeliveries', async () => {
    const client = basicClient(fake.server);
    const first = await client.syncOrder(withOptIn('no'), { consent });
    await client.syncOrder(withOptIn('no'), { consent });
    await client.syncOrder({ ...withOptIn('0'), status: 'completed' }, { consent });
    expect(dncWrites()).toEqual(['POST /api/contacts/ID/dnc/email/add']);
    expect(entries()).toEqual([
      expect.objectContaining({ channel: 'email', reason: 3, comments: CONSENT_DNC_COMMENT }),
    ]);
    expect(first.steps.find((s) => s.step === 'consent')).toMatchObject({ status: 'ok' });
    expect(CONSENT_DNC_COMMENT).toMatch(/refused marketing consent/);
  });

  it('given: lifts the entry this package set', async () => {
    const client = basicClient(fake.server);
    await client.syncOrder(withOptIn('no'), { consent });
    const given = await client.syncOrder(withOptIn('yes'), { consent });
    expect(entries()).toEqual([]);
    expect(dncWrites()).toEqual(['POST /api/contacts/ID/dnc/email/add', 'POST /api/contacts/ID/dnc/email/remove']);
    expect(given.steps.find((s) => s.step === 'consent')).toMatchObject({
      status: 'ok',
      detail: expect.stringMatching(/lifted/),
    });
  });

  for (const [reason, what] of [
    [1, 'an unsubscribe'],
    [2, 'a bounce'],
  ] as const) {
    it(`given: leaves ${what} (reason ${reason}) alone, and refused does not overwrite it`, async () => {
      const client = basicClient(fake.server);
      await client.syncOrder(order727());
      const stored = fake.mautic.contact(EMAIL);
      stored?.doNotContact.push({
        id: 1,
        channel: 'email',
        reason,
        comments: 'User unsubscribed.',
        channelId: null,
        dateAdded: '2026-01-01T00:00:00+00:00',
      });
      await client.syncOrder(withOptIn('yes'), { consent });
      await client.syncOrder(withOptIn('no'), { consent });
      expect(dncWrites()).toEqual([]);
      expect(entries()).toEqual([expect.objectContaining({ reason, comments: 'User unsubscribed.' })]);
    });
  }

  it('reads the entries with one GET when the write answer does not carry them (another Mautic version)', async () => {
    const client = basicClient(fake.server);
    fake.fail('POST', '/api/contacts/new', async (request, mautic) => {
      const reply = await mautic.handle(request);
      const { doNotContact: _dropped, ...contact } = (reply.json as { contact: Record<string, unknown> }).contact;
      return { ...reply, json: { contact } };
    });
    await client.syncOrder(withOptIn('no'), { consent });
    expect(fake.server.received('GET', '/api/contacts/:id')).toHaveLength(1);
    expect(entries()).toHaveLength(1);
  });

  it('a manual entry someone else set (no package marker) is not lifted', async () => {
    const client = basicClient(fake.server);
    await client.syncOrder(order727());
    fake.mautic.contact(EMAIL)?.doNotContact.push({
      id: 1,
      channel: 'email',
      reason: 3,
      comments: 'Asked us by phone',
      channelId: null,
      dateAdded: '2026-01-01T00:00:00+00:00',
    });
    await client.syncOrder(withOptIn('yes'), { consent });
    expect(entries()).toHaveLength(1);
  });

  it('unknown consent (no meta, an odd value, a function answering undefined) changes nothing', async () => {
    const client = basicClient(fake.server);
    const none = await client.syncOrder(order727(), { consent });
    await client.syncOrder(withOptIn('maybe'), { consent });
    await client.syncOrder(order727(), { consent: () => undefined });
    expect(dncWrites()).toEqual([]);
    expect(none.steps.find((s) => s.step === 'consent')).toMatchObject({ status: 'skipped' });
  });

  it('a function source decides, and a customer profile takes consent too', async () => {
    const client = basicClient(fake.server);
    await client.syncCustomer(docsCustomer(25), { consent: (customer) => customer.email.endsWith('.org') });
    expect(entries()).toEqual([expect.objectContaining({ reason: 3 })]);
  });

  it('a malformed consent option is refused before any request', async () => {
    const client = basicClient(fake.server);
    const error = await refusal(() => client.syncOrder(order727(), { consent: { metaKey: '' } }));
    expect(error).toBeInstanceOf(MauticInvalidInputError);
    expect(fake.server.requests).toHaveLength(0);
  });

  it('contacts.addDoNotContact refuses a reason Mautic would refuse, before any request', async () => {
    const client = basicClient(fake.server);
    const error = await refusal(() => client.contacts.addDoNotContact(5, { reason: 0 as 1 }));
    expect(error).toBeInstanceOf(MauticInvalidInputError);
    expect(fake.server.requests).toHaveLength(0);
  });
});
