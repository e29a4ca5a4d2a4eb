import type { MauticClient } from '../../src';

/**
 * The client methods the hardening tests call, taking input of any type: the tests hand in what
 * careless JavaScript callers do (`ensureTags('vip')`), which the types would refuse.
 */
type Signal = { signal?: AbortSignal };

export const calls = {
  getContact: (client: MauticClient, id: number, o?: Signal) => client.contacts.get(id, o),
  updateContact: (client: MauticClient, id: number, fields: Record<string, unknown>, o?: Signal) =>
    client.contacts.update(id, fields as never, o),
  findByEmail: (client: MauticClient, email: string, o?: Signal) => client.contacts.findByEmail(email, o),
  upsert: (client: MauticClient, input: unknown, o?: Signal) => client.contacts.upsert(input as never, o),
  ensureFields: (client: MauticClient, o?: Signal) => client.fields.ensure(o),
  ensureTags: (client: MauticClient, names: unknown, o?: Signal) => client.tags.ensure(names as never, o),
};

/** A promise with its resolve function, for a test to hand an event from one place to another. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
