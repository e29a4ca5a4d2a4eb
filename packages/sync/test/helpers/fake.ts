import { type FakeMauticOptions, type FakeMauticServer, startFakeMautic } from '@mautic-woo/testkit';
import { afterEach, beforeEach } from 'vitest';
import { MAUTIC_WOO_FIELDS } from '../../src';

/**
 * A fake Mautic (with the `mautic_woo_*` fields unless told otherwise) started before and closed
 * after each test of the calling file; the returned object always forwards to the current one.
 */
export function useFakeMautic(options: FakeMauticOptions = { fields: MAUTIC_WOO_FIELDS.map((f) => f.alias) }) {
  let current: FakeMauticServer | undefined;
  beforeEach(async () => {
    current = await startFakeMautic(options);
  });
  afterEach(async () => {
    await current?.close();
  });
  return new Proxy({} as FakeMauticServer, {
    get: (_, key) => {
      if (!current) throw new Error('useFakeMautic: no test is running');
      const value = current[key as keyof FakeMauticServer];
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}
