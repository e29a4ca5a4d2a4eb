import type { MauticApi } from '../api';
import { assertId } from '../input';

type Signal = { signal?: AbortSignal | undefined };

/** Segments (Mautic's `lists`). */
export class Segments {
  readonly #api: MauticApi;

  constructor(api: MauticApi) {
    this.#api = api;
  }

  /** Adds a contact to a segment; true when Mautic says it did (`success` is `1` or `true`). */
  addContact(segmentId: number, contactId: number, options: Signal = {}): Promise<boolean> {
    return this.#membership('addContactToSegment', segmentId, contactId, options);
  }

  /** Removes a contact from a segment; Mautic says `success` whether or not it was in it. */
  removeContact(segmentId: number, contactId: number, options: Signal = {}): Promise<boolean> {
    return this.#membership('removeContactFromSegment', segmentId, contactId, options);
  }

  async #membership(
    operation: 'addContactToSegment' | 'removeContactFromSegment',
    segmentId: number,
    contactId: number,
    options: Signal,
  ): Promise<boolean> {
    const path = { segmentId: assertId(segmentId, 'segmentId'), contactId: assertId(contactId, 'contactId') };
    const answer = await this.#api.call(operation, { path }, options);
    return answer.data.success === true || answer.data.success === 1;
  }
}
