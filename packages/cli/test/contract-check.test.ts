import { type PrismServer, type ScriptedServer, startPrism, startScriptedServer } from '@mautic-woo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers';

// Prism serves the spec's own examples: it stands in for a Mautic that matches the spec.
let prism: PrismServer;
let wrong: ScriptedServer;
beforeAll(async () => {
  [prism, wrong] = await Promise.all([startPrism(), startScriptedServer()]);
});
afterAll(async () => {
  await Promise.all([prism?.close(), wrong?.close()]);
});

const env = (url: string) => ({ MAUTIC_URL: url, MAUTIC_USERNAME: 'api', MAUTIC_PASSWORD: 'contract-pw-7' });

describe('mautic-woo check --contract', () => {
  it('finds every answer of a spec-true Mautic matching, and changes nothing', async () => {
    const result = await runCli(['check', '--contract'], env(prism.url));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✓ listContacts 200');
    expect(result.stdout).toContain('✓ listContactFields 200');
    expect(result.stdout).toContain('Every answer matches the spec.');
  });

  it('reports an answer of the wrong shape with its operation, status and path, and exits 1', async () => {
    // A Mautic whose contact list sends `total` as a number (Mautic sends a string).
    wrong.route('GET', '/api/contacts', { json: { total: 1, contacts: {} } });
    wrong.route('GET', '/api/fields/contact', { json: { total: 0, fields: [] } });
    wrong.route('GET', '/api/tags', { json: { total: 0, tags: [] } });
    const result = await runCli(['check', '--contract'], env(wrong.url));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✗ listContacts 200\n\s+at \/total: /);
    expect(result.stdout).toContain('do not match the spec');
    expect(result.stdout + result.stderr).not.toContain('contract-pw-7');
    expect(wrong.requests.every((request) => request.method === 'GET')).toBe(true);
  });

  it('refuses --write without --contract', async () => {
    expect((await runCli(['check', '--write'], env(prism.url))).code).toBe(2);
  });
});
