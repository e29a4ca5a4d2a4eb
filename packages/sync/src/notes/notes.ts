import type * as sdk from '@mautic-woo/sdk';
import type { MauticApi } from '../api';
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
    const answer = await this.#api.call('createNote', { body: note }, options);
    return answer.data.note;
  }
}
