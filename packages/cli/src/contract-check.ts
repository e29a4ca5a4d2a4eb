import { checkContract } from '@mautic-woo/spec/contract';
import { createMauticClient, MauticInvalidInputError, MemoryTokenStore } from '@mautic-woo/sync';
import type { MauticTarget } from './env-config';
import { colorEnabled, paint } from './terminal';
import { EXIT } from './usage';

/**
 * The header every call of the check carries. OAuth2 credentials are traded for a token by the
 * sync client (one connection test), read back from its token store and used as they are.
 */
async function authorization(target: MauticTarget): Promise<string> {
  const { auth } = target;
  if (auth.type === 'basic') {
    const bytes = new TextEncoder().encode(`${auth.username}:${auth.password}`);
    return `Basic ${Buffer.from(bytes).toString('base64')}`;
  }
  const tokenStore = new MemoryTokenStore();
  await createMauticClient({ baseUrl: target.baseUrl, auth: { ...auth, tokenStore } }).testConnection();
  const token = (await tokenStore.get())?.accessToken;
  if (!token) throw new MauticInvalidInputError('the OAuth2 credentials gave no access token', 'auth');
  return `Bearer ${token}`;
}

/**
 * `mautic-woo check --contract`: the read-only calls against the user's Mautic, each answer held
 * against @mautic-woo/spec; every mismatch is printed with its operation, status and path in the
 * body. `--write` also creates, reads and deletes one test contact.
 */
export async function runContractCheck(target: MauticTarget, write: boolean): Promise<number> {
  const p = paint(colorEnabled(process.stdout));
  process.stdout.write(`Mautic: ${target.description}\n`);
  process.stdout.write(
    `Checking its answers against the spec (${write ? 'one test contact is created, read and deleted' : 'read-only: nothing is changed'})\n`,
  );
  const report = await checkContract({
    baseUrl: target.baseUrl,
    headers: { Authorization: await authorization(target) },
    write,
  });
  for (const check of report.checks) {
    const status = check.status === null ? 'no answer' : String(check.status);
    if (check.skipped) process.stdout.write(`${p.dim('·')} ${check.operationId}: skipped (${check.skipped})\n`);
    else if (check.ok) process.stdout.write(`${p.green('✓')} ${check.operationId} ${status}\n`);
    else {
      process.stdout.write(`${p.red('✗')} ${check.operationId} ${status}\n`);
      for (const mismatch of check.mismatches) {
        process.stdout.write(
          `    at ${mismatch.path === '' ? '(the whole answer)' : mismatch.path}: ${mismatch.message}\n`,
        );
      }
    }
  }
  const failed = report.checks.filter((check) => !check.ok).length;
  process.stdout.write(
    failed === 0
      ? 'Every answer matches the spec.\n'
      : `${failed} answer(s) do not match the spec: please report them (operation, status and path; no data is printed).\n`,
  );
  return failed === 0 ? EXIT.ok : EXIT.failed;
}
