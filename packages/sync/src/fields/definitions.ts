/**
 * The six custom contact fields the workflows write, as documented in @mautic-woo/spec
 * (a test keeps the two in step). Kept here as plain data so this package stays free of the
 * spec's Node-only loader.
 */
export interface CustomFieldDefinition {
  alias: string;
  label: string;
  type: 'text' | 'textarea' | 'url' | 'number';
  group: 'core';
  properties?: Record<string, unknown>;
}

export const MAUTIC_WOO_FIELDS = [
  // textarea, not text: a text field is a VARCHAR of 191 characters at most, and one order's JSON
  // is already ~330. textarea is a TEXT column (65,535 bytes), the limit orderDataJson keeps to.
  { alias: 'mautic_woo_order_data', label: 'Last Order Data', type: 'textarea', group: 'core' },
  { alias: 'mautic_woo_cart_data', label: 'Abandoned Cart Data', type: 'textarea', group: 'core' },
  { alias: 'mautic_woo_recovery_url', label: 'Cart Recovery URL', type: 'url', group: 'core' },
  // Without a scale Mautic casts number fields to integers: 129.90 would read back as 129.
  {
    alias: 'mautic_woo_total_spent',
    label: 'Total Spent',
    type: 'number',
    group: 'core',
    properties: { roundmode: 4, scale: 2 },
  },
  { alias: 'mautic_woo_order_count', label: 'Order Count', type: 'number', group: 'core' },
  { alias: 'mautic_woo_coupon_code', label: 'Recovery Coupon Code', type: 'text', group: 'core' },
] as const satisfies readonly CustomFieldDefinition[];

export type MauticWooFieldAlias = (typeof MAUTIC_WOO_FIELDS)[number]['alias'];
