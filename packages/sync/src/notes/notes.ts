import type * as sdk from '@mautic-woo/sdk';
import type { MauticApi } from '../api';
import { MauticServerError } from '../errors';
import { entity } from '../transport/shape';
import type { Note } from '../types';

/** A note as Mautic takes it: `lead` is the contact id; `text` keeps HTML. */
export type NoteInput = sdk.NoteInput;

/** Contact notes. A create is never repeated once sent: the note would be there twice. */
export class Notes {
  readonly #api: MauticApi;

  constructor(api: MauticApi) {
    this.#api = api;
  }

  async create(note: NoteInput, options: { signal?: AbortSignal | undefined } = {}): Promise<Note> {
    try {
      const answer = await this.#api.call('createNote', { body: note }, options);
      return entity<Note>(answer, 'note');
    } catch (error) {
      if (!(error instanceof MauticServerError) || error.status !== 500) throw error;
      // Mautic 5.x checks a permission that does not exist (`lead:leads:newown`) before saving a
      // note, so any API user who is not an administrator gets a bare 500 (api-library#243,
      // mautic#12110); later versions have `lead:notes:*` permissions.
      throw new MauticServerError({
        status: error.status,
        method: error.method,
        url: error.url,
        errors: error.errors,
        message: `${error.message} (Mautic 5.x answers 500 to a note from an API user who is not an administrator: use an administrator's API credentials, or a Mautic version with contact-notes permissions)`,
      });
    }
  }
}
