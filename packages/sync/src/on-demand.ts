/**
 * What the client loads on first use, behind one dynamic import: the workflows (with the WooCommerce
 * conversions and the 12 KB region table), the writes made of several requests, field and tag setup,
 * the connection test and the redirect explanation. An app that only reads contacts never loads it.
 *
 * One module, not one import per piece: a bundler splits every module shared between the entry and
 * a lazy piece into a chunk of its own, and each chunk is gzipped alone. With seven lazy pieces the
 * read-only app loaded seven files and 1.5 KB more (BENCHMARKS.md, bundle size); with one, two files.
 */
export { testConnection } from './connection';
export { createContactsBatch } from './contacts/batch';
export { upsertContact } from './contacts/upsert';
export { upsertContactsBatch } from './contacts/upsert-batch';
export { checkCustomFields, ensureCustomFields } from './fields/ensure-fields';
export { ensureTags } from './tags/ensure-tags';
export { redirectError } from './transport/redirect';
export * from './workflows/index';
