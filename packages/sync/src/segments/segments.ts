import type { MauticApi } from '../api';
import { assertId } from '../input';

/** Segments (Mautic's `lists`). */
export class Segments {
  readonly #api: MauticApi;

  constructor(api: MauticApi) {
    this.#api = api;
  }

  /** Adds a contact to a segment; true when Mautic says it did (`success` is `1` or `true`). */
  async addContact(
    segmentId: number,
    contactId: number,
    options: { signal?: AbortSignal | undefined } = {},
  ): Promise<boolean> {
    const path = { segmentId: assertId(segmentId, 'segmentId'), contactId: assertId(contactId, 'contactId') };
    const answer = await this.#api.call('addContactToSegment', { path }, options);
    return answer.data.success === true || answer.data.success === 1;
  }

  /** Removes a contact from a segment; Mautic says `success` whether or not it was in it. */
  async removeContact(
    segmentId: number,
    contactId: number,
    options: { signal?: AbortSignal | undefined } = {},
  ): Promise<boolean> {
    const path = { segmentId: assertId(segmentId, 'segmentId'), contactId: assertId(contactId, 'contactId') };
    const answer = await this.#api.call('removeContactFromSegment', { path }, options);
    return answer.data.success === true || answer.data.success === 1;
  }
}
