// The public entry `@mautic-woo/sync/woo`: the WooCommerce conversions the workflows use, for an
// app that builds its own (order → contact fields, tags, note, the region names Mautic lists, the
// checks of an order or a cart), and the reader of WooCommerce's own totals. Apart from the main
// entry, which is the client: an app that only reads or writes contacts ships none of it (the region
// table alone is 13 KB gzipped), and the client's workflows load what they need on first use.
export * from './woo';
export { CONSENT_DNC_COMMENT, CONSENT_DNC_MARKER } from './workflows/consent';
