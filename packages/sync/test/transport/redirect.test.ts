import { mauticBodies, startScriptedServer } from '@mautic-woo/testkit';
import { describe, expect, it } from 'vitest';
import { MauticRedirectError } from '../../src';
import { calls } from '../helpers/calls';
import { basicClient, CLIENT_SECRET, oauthClient, rejection, useScriptedServer } from '../helpers/harness';

/** No request follows a redirect: the credentials and the body would go wherever Mautic points. */

const server = useScriptedServer();

describe('redirects are never followed', () => {
  it('a 307 from the token endpoint to another host delivers nothing there', async () => {
    const elsewhere = await startScriptedServer();
    try {
      elsewhere.route('POST', '/steal', { json: mauticBodies.token('stolen', 'stolen', 3600) });
      server.route('POST', '/oauth/v2/token', {
        status: 307,
        headers: { location: `${elsewhere.url}/steal?session=abc123` },
      });
      const error = await rejection(calls.getContact(oauthClient(server), 5));
      expect(error).toBeInstanceOf(MauticRedirectError);
      expect(elsewhere.requests).toHaveLength(0);
      expect((error as MauticRedirectError).location).toBe(`${elsewhere.url}/steal`);
      expect(error.message).toContain(`${elsewhere.url}/steal`);
      expect(error.message).not.toContain('abc123');
      expect(JSON.stringify(error)).not.toContain(CLIENT_SECRET);
      // Not retried: a redirect is an answer, not a fault.
      expect(server.received('POST', '/oauth/v2/token')).toHaveLength(1);
    } finally {
      await elsewhere.close();
    }
  });

  it("a 308 on a contact PATCH does not deliver the customer's data to the target", async () => {
    const elsewhere = await startScriptedServer();
    try {
      server.route('PATCH', '/api/contacts/:id/edit', {
        status: 308,
        headers: { location: `${elsewhere.url}/api/contacts/5/edit` },
      });
      const error = await rejection(calls.updateContact(basicClient(server), 5, { firstname: 'Ada' }));
      expect(error).toBeInstanceOf(MauticRedirectError);
      expect(elsewhere.requests).toHaveLength(0);
      expect(error.message).toContain(`set baseUrl to ${elsewhere.url}`);
    } finally {
      await elsewhere.close();
    }
  });

  it('says how to fix baseUrl: https, and the missing /index.php', async () => {
    server.route('GET', '/api/contacts/:id', {
      status: 301,
      headers: { location: 'https://mautic.example.com/index.php/api/contacts/5' },
    });
    const error = await rejection(calls.getContact(basicClient(server), 5));
    expect(error).toBeInstanceOf(MauticRedirectError);
    expect(error.message).toContain('set baseUrl to https://mautic.example.com/index.php');
    expect(error.message).toContain('https');
    expect(error.message).toContain('/index.php');
    expect(server.requests).toHaveLength(1);
  });
});
