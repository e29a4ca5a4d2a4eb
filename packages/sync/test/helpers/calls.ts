import type { MauticClient } from '../../src';

/**
 * The client methods these tests call, in one place: the client is being regrouped into resource
 * namespaces (`mautic.contacts.get`, …), and then only this file changes.
 */
type Signal = { signal?: AbortSignal };

export const calls = {
  getContact: (client: MauticClient, id: number, o?: Signal) => client.getContact(id, o),
  updateContact: (client: MauticClient, id: number, fields: Record<string, unknown>, o?: Signal) =>
    client.updateContact(id, fields as never, o),
  findByEmail: (client: MauticClient, email: string, o?: Signal) => client.findContactByEmail(email, o),
  upsert: (client: MauticClient, input: unknown, o?: Signal) => client.createOrUpdateContact(input as never, o),
  ensureFields: (client: MauticClient, o?: Signal) => client.ensureCustomFields(o),
  ensureTags: (client: MauticClient, names: unknown, o?: Signal) => client.ensureTags(names as never, o),
};

/** A promise with its resolve function, for a test to hand an event from one place to another. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
