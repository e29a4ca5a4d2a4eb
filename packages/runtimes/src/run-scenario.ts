import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { FakeMauticServer } from '@mautic-woo/testkit';
import type { Runtime } from './runtimes';

/** What consumer/scenario.mjs prints: the call's value or its typed error, and tokens it was handed. */
export interface ScenarioResult {
  ok: boolean;
  value?: unknown;
  error?: { name: string; message: string; requestSent?: boolean };
  tokens: string[];
}

export interface Plan {
  /** createMauticClient's options, less baseUrl (the fake's). */
  options: Record<string, unknown>;
  run: 'testConnection' | 'readAfterRead' | 'syncOrder' | 'syncOrders';
  args?: Record<string, unknown>;
}

/** Runs a child process to its end; resolves with its output whatever its exit code. */
export function runProcess(
  file: string,
  args: string[],
  options: { cwd: string; env: Record<string, string> },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: options.cwd, env: { ...process.env, ...options.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export function parseResult(output: { code: number | null; stdout: string; stderr: string }): ScenarioResult {
  const line = output.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) {
    throw new Error(`no RESULT line (exit ${output.code}):\n${output.stdout}\n${output.stderr}`.slice(0, 4000));
  }
  return JSON.parse(line.slice('RESULT '.length)) as ScenarioResult;
}

/** What consumer/webhook-server.mjs reads: the webhook secret, client options, requests to post. */
export interface WebhookPlan {
  secret: string;
  options: Record<string, unknown>;
  syncOptions?: Record<string, unknown>;
  requests: Array<{ body: string; headers: Record<string, string> }>;
}

/**
 * Serves the plan from the fake (`GET /__plan`, closing its connection so the client's first
 * request starts on a fresh one) and runs a consumer script (consumer/scenario.mjs unless told)
 * on the runtime, in `cwd` (the consumer project unless told).
 */
export async function runScenario(
  runtime: Runtime,
  consumerDir: string,
  fake: FakeMauticServer,
  plan: Plan | WebhookPlan,
  { script = 'scenario.mjs', cwd = consumerDir }: { script?: string; cwd?: string } = {},
): Promise<ScenarioResult> {
  fake.server.route('GET', '/__plan', { json: plan, headers: { connection: 'close' } });
  const { file, args } = runtime.command(join(consumerDir, script));
  const output = await runProcess(file, args, {
    cwd,
    env: {
      MAUTIC_URL: fake.url,
      DENO_DIR: join(consumerDir, '.deno'),
      DENO_NO_UPDATE_CHECK: '1',
      DENO_NO_PROMPT: '1',
    },
  });
  return parseResult(output);
}
