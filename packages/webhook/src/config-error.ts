/** The handler's options are wrong; thrown by `createWebhookHandler` before anything runs. */
export class WebhookConfigError extends Error {
  override readonly name = 'WebhookConfigError';
}
