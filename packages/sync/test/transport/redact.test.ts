import { describe, expect, it } from 'vitest';
import { MauticApiError, MauticConnectionError } from '../../src';
import { redact, redactUrl, redactValue, SecretSet } from '../../src/transport/redact';

describe('redaction', () => {
  it('removes known secret values and their URL-encoded forms', () => {
    const secrets = new SecretSet();
    secrets.add('p@ss word!');
    expect(redact('login with p@ss word! or p%40ss%20word!', secrets)).toBe('login with [redacted] or [redacted]');
  });

  it('removes credentials it was never told about: headers, form fields, JSON keys, URL user info', () => {
    expect(redact('Authorization: Bearer abc.def-123')).toBe('Authorization: Bearer [redacted]');
    expect(redact('Basic dXNlcjpwYXNz')).toBe('Basic [redacted]');
    expect(redact('grant_type=refresh_token&refresh_token=xyz&client_secret=shh')).toBe(
      'grant_type=refresh_token&refresh_token=[redacted]&client_secret=[redacted]',
    );
    expect(redact('{"access_token":"abc","expires_in":3600}')).toBe('{"access_token":"[redacted]","expires_in":3600}');
    expect(redact('https://user:pw@mautic.example.com/api')).toBe('https://[redacted]@mautic.example.com/api');
  });

  it('cleans a URL for an error message', () => {
    expect(redactUrl('https://u:p@m.example.com/api/contacts?access_token=abc&limit=1')).toBe(
      'https://m.example.com/api/contacts?access_token=[redacted]&limit=1',
    );
  });

  it('drops values under secret keys in log metadata, and keeps email tokens', () => {
    expect(
      redactValue({ headers: { Authorization: 'Basic x', accept: 'json' }, tokens: { '{order_id}': '727' } }),
    ).toEqual({ headers: { Authorization: '[redacted]', accept: 'json' }, tokens: { '{order_id}': '727' } });
  });

  it("redacts in the error's own constructor, cause included", () => {
    const secrets = new SecretSet();
    secrets.add('hunter22');
    const error = new MauticConnectionError('failed with hunter22', {
      secrets,
      cause: new Error('socket said Bearer hunter22'),
    });
    expect(error.message).toBe('failed with [redacted]');
    expect(String((error.cause as Error).message)).not.toContain('hunter22');
    const api = new MauticApiError({
      status: 500,
      method: 'post',
      url: 'https://m.example.com/oauth/v2/token?client_secret=hunter22',
      errors: [{ message: 'refresh_token=hunter22 refused' }],
      secrets,
    });
    expect(JSON.stringify(api)).not.toContain('hunter22');
    expect(api.url).not.toContain('hunter22');
  });
});
