/**
 * The six custom contact fields the mautic-woo sync layer creates and writes: the one source of
 * their definitions, used by `@mautic-woo/sync` (through `@mautic-woo/spec/fields`, which has no
 * Node-only import) and checked against the spec by the spec's tests. Each is sent as is to
 * `POST /api/fields/contact/new`.
 */
export interface MauticWooFieldDefinition {
  /** Field alias (≤ 25 characters, so Mautic keeps it as is). */
  readonly alias: string;
  /** Field label shown in Mautic. */
  readonly label: string;
  /** Mautic field type. */
  readonly type: 'text' | 'textarea' | 'url' | 'number';
  /** Mautic field group. */
  readonly group: 'core';
  /** Type-specific properties (`number`: `roundmode`, `scale`). */
  readonly properties?: Readonly<Record<string, unknown>>;
  /**
   * The longest value the field takes (text, url). Mautic 5.1+ gives new text and url fields 64
   * unless told otherwise, and a longer value fails the whole contact write; 255 is the most the
   * API accepts.
   */
  readonly charLengthLimit?: number;
}

export const mauticWooFields = [
  // textarea, not text: a text field is a VARCHAR of 191 characters at most, and one order's JSON
  // is already ~330. textarea is a TEXT column (65,535 bytes), the limit the workflows keep to.
  { alias: 'mautic_woo_order_data', label: 'Last Order Data', type: 'textarea', group: 'core' },
  { alias: 'mautic_woo_cart_data', label: 'Abandoned Cart Data', type: 'textarea', group: 'core' },
  // A real recovery link (cart hash, session key, UTM tags) is well over Mautic 5.1's default 64.
  { alias: 'mautic_woo_recovery_url', label: 'Cart Recovery URL', type: 'url', group: 'core', charLengthLimit: 255 },
  // Without a scale Mautic casts number fields to integers: 129.90 would read back as 129.
  {
    alias: 'mautic_woo_total_spent',
    label: 'Total Spent',
    type: 'number',
    group: 'core',
    properties: { roundmode: 4, scale: 2 },
  },
  { alias: 'mautic_woo_order_count', label: 'Order Count', type: 'number', group: 'core' },
  {
    alias: 'mautic_woo_coupon_code',
    label: 'Recovery Coupon Code',
    type: 'text',
    group: 'core',
    charLengthLimit: 191,
  },
] as const satisfies readonly MauticWooFieldDefinition[];

export type MauticWooFieldAlias = (typeof mauticWooFields)[number]['alias'];
