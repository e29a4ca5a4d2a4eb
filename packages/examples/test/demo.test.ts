import { type PrismServer, startPrism } from '@mautic-woo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './helpers';

// The launcher `npm run demo` runs: node itself, no package manager in between.
const demo = (env: NodeJS.ProcessEnv = {}) => run(process.execPath, ['bin/demo.mjs'], env);

const STEPS = [
  '1. Test the connection',
  '2. Ensure the mautic_woo_* custom fields',
  '3. Sync WooCommerce order #727 (completed, john.doe@example.com, USD 29.35)',
  '4. Sync an abandoned cart',
  '5. Mark the cart recovered',
  '6. The customer refused marketing consent at checkout',
  '7. Erase the customer (john.doe@example.com, on request)',
];

describe('the demo', () => {
  let prism: PrismServer;
  beforeAll(async () => {
    prism = await startPrism();
  });
  afterAll(async () => {
    await prism?.close();
  });

  it('runs every step against its own Prism and exits 0', async () => {
    const result = await demo();
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('Talking to a Prism mock of the Mautic API at http://127.0.0.1:');
    for (const step of STEPS) expect(result.stdout).toContain(step);
    expect(result.stdout).toMatch(/GET {3}200 +\d+ ms {2}\/api\/contacts\n/);
    expect(result.stdout).toMatch(/POST {2}20\d +\d+ ms {2}\/api\/emails\/1\/contact\/\d+\/send/);
    expect(result.stdout).toContain('✓ order email: email 1');
    expect(result.stdout).toContain('✓ added to segment: segment 1');
    expect(result.stdout).toMatch(/POST {2}200 +\d+ ms {2}\/api\/contacts\/\d+\/dnc\/email\/add/);
    expect(result.stdout).toMatch(/DELETE 200 +\d+ ms {2}\/api\/contacts\/\d+\/delete/);
    expect(result.stdout).toContain('a late webhook for order #727 is skipped: it predates the erasure');
    expect(result.stdout).toMatch(/Done in .*: 7 steps, \d+ HTTP requests, /);
    // Not a terminal: no colour codes.
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('talks to the Mautic in MAUTIC_URL instead, and never prints the credentials', async () => {
    const password = 'demo-real-secret-77';
    const result = await demo({
      MAUTIC_URL: prism.url,
      MAUTIC_USERNAME: 'someone',
      MAUTIC_PASSWORD: password,
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain(`Talking to your Mautic at ${prism.url} (HTTP Basic auth)`);
    expect(result.stdout).not.toContain('Starting a Prism mock');
    expect(result.stdout).toContain('email: skipped');
    expect(result.stdout).toContain('set MAUTIC_DEMO_EMAIL_ID');
    expect(result.stdout + result.stderr).not.toContain(password);
  });

  it('exits 1 with a clear message when Mautic cannot be reached', async () => {
    const result = await demo({
      MAUTIC_URL: 'http://127.0.0.1:9',
      MAUTIC_CLIENT_ID: 'id',
      MAUTIC_CLIENT_SECRET: 'oauth-secret-55',
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ ');
    // The clear error is the last thing printed.
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe('demo: stopped at "Test the connection"');
    expect(result.stdout + result.stderr).not.toContain('oauth-secret-55');
  });

  it('exits 2 when the environment is half set', async () => {
    const result = await demo({ MAUTIC_URL: 'https://mautic.example.com' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('credentials are missing');
  });
});
