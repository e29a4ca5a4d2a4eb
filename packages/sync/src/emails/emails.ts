import type { MauticApi } from '../api';
import { MauticApiError } from '../errors';
import { assertId } from '../input';

/** Mautic emails. A send is never repeated once sent: the customer would get it twice. */
export class Emails {
  readonly #api: MauticApi;

  constructor(api: MauticApi) {
    this.#api = api;
  }

  /**
   * Sends email `emailId` to contact `contactId` as a transactional email (Mautic ignores the
   * do-not-contact list for it). `tokens` fill `{token}` placeholders. Throws when Mautic
   * answers 200 with `{"success": false}`, which is how it reports a failed send.
   */
  async sendToContact(
    emailId: number,
    contactId: number,
    options: { tokens?: Record<string, string>; signal?: AbortSignal | undefined } = {},
  ): Promise<void> {
    const path = { emailId: assertId(emailId, 'emailId'), contactId: assertId(contactId, 'contactId') };
    const answer = await this.#api.call(
      'sendEmailToContact',
      { path, body: { tokens: options.tokens ?? {} } },
      options,
    );
    if (answer.data.success === true || answer.data.success === 1) return;
    throw new MauticApiError({
      status: answer.status,
      method: 'POST',
      url: `/api/emails/${path.emailId}/contact/${path.contactId}/send`,
      message: `Mautic did not send email ${path.emailId} to contact ${path.contactId}: ${JSON.stringify(
        answer.data.failed ?? 'no reason given',
      )}`,
    });
  }
}
