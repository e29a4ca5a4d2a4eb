import type { Credentials } from '../transport/request';

/** For the token endpoint itself, which takes the client credentials in its form. */
export const NO_CREDENTIALS: Credentials = {
  ready: () => ({ scheme: 'none' }),
  current: async () => ({ scheme: 'none' }),
  renew: async () => false,
};
