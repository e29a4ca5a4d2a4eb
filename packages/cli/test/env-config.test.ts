import { describe, expect, it } from 'vitest';
import { ConfigError, displayUrl, mauticTargetFromEnv } from '../src/env-config';

describe('mauticTargetFromEnv', () => {
  it('is null when nothing is set, so the demo can use its mock', () => {
    expect(mauticTargetFromEnv({})).toBeNull();
  });

  it('reads Basic and OAuth2 credentials and describes them without secrets', () => {
    const basic = mauticTargetFromEnv({
      MAUTIC_URL: 'https://m.example.com/',
      MAUTIC_USERNAME: 'u',
      MAUTIC_PASSWORD: 'pw-1',
    });
    expect(basic?.auth).toEqual({ type: 'basic', username: 'u', password: 'pw-1' });
    expect(basic?.description).toBe('https://m.example.com (HTTP Basic auth)');
    const oauth = mauticTargetFromEnv({
      MAUTIC_URL: 'https://m.example.com',
      MAUTIC_CLIENT_ID: 'id',
      MAUTIC_CLIENT_SECRET: 's-2',
    });
    expect(oauth?.auth).toMatchObject({ type: 'oauth2', clientId: 'id', clientSecret: 's-2' });
    expect(oauth?.description).not.toContain('s-2');
  });

  it.each([
    [{ MAUTIC_USERNAME: 'u', MAUTIC_PASSWORD: 'secret-a' }, 'MAUTIC_URL is not set'],
    [{ MAUTIC_URL: 'https://m.example.com' }, 'credentials are missing'],
    [{ MAUTIC_URL: 'https://m.example.com', MAUTIC_PASSWORD: 'secret-a' }, 'missing: MAUTIC_USERNAME'],
    [{ MAUTIC_URL: 'https://m.example.com', MAUTIC_CLIENT_ID: 'id' }, 'missing: MAUTIC_CLIENT_SECRET'],
    [{ MAUTIC_URL: 'mautic.example.com', MAUTIC_USERNAME: 'u', MAUTIC_PASSWORD: 'secret-a' }, 'must start with http'],
    [
      { MAUTIC_URL: 'https://m.example.com', MAUTIC_USERNAME: 'u', MAUTIC_PASSWORD: 'secret-a', MAUTIC_CLIENT_ID: 'i' },
      'not both',
    ],
  ])('refuses %o with a message that names variables, not values', (env, message) => {
    let thrown: unknown;
    try {
      mauticTargetFromEnv(env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as Error).message).toContain(message);
    expect((thrown as Error).message).not.toContain('secret-a');
  });

  it('displays a URL without userinfo or query', () => {
    expect(displayUrl('https://user:pw@m.example.com/mautic/?token=x')).toBe('https://m.example.com/mautic');
  });
});
