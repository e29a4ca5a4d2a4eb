import { MauticError } from '../errors';

/**
 * WooCommerce answered with an error, a body that is not its JSON, or not at all. `url` is the
 * path only: the query can carry a customer's email, which never goes into a message.
 */
export class WooCommerceApiError extends MauticError {
  override name = 'WooCommerceApiError';
  /** The HTTP status, or 0 when no answer came (refused, timed out, aborted). */
  readonly status: number;
  readonly url: string;
  /** WooCommerce's error code (`woocommerce_rest_cannot_view`, `rest_no_route`…), when it sent one. */
  readonly code: string | null;

  constructor(init: { status: number; url: string; code?: string | null; message: string; cause?: unknown }) {
    super(init.message, { cause: init.cause });
    this.status = init.status;
    this.url = init.url;
    this.code = init.code ?? null;
  }
}
