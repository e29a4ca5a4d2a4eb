import { loadSpec, type OpenApiDocument } from '../index';
import { type ContractCall, firstContactId, readCalls, writeCalls } from './calls';
import { type ContractCheck, type ContractMismatch, type ContractReport, redact } from './report';
import { createSpecValidator, type SpecValidator } from './spec-validator';

export interface CheckContractOptions {
  /** The Mautic site, e.g. `https://mautic.example.com` (the `/api/...` paths are appended). */
  baseUrl: string;
  /** Sent with every call: the `Authorization` header. Never copied into the report. */
  headers?: Record<string, string>;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Also create one test contact, read it and delete it (default false: nothing is changed). */
  write?: boolean;
  /** Per call (default 30 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

interface Answer {
  status: number | null;
  body?: unknown;
  failure?: string;
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

type Node = { $ref?: string; operationId?: string; responses?: Record<string, Node>; content?: object };

/** The node at a local `$ref` (`#/components/responses/NotFound`). */
const resolve = (spec: OpenApiDocument, ref: string): Node =>
  ref
    .slice(2)
    .split('/')
    .reduce<Node>((node, key) => (node as Record<string, Node>)[key] as Node, spec as Node);

/** Pointer to the response schema of an operation for one status (undefined if the spec has none). */
function responseSchemaPointer(spec: OpenApiDocument, operationId: string, status: number): string | undefined {
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, Node>)) {
      if (operation?.operationId !== operationId) continue;
      let response = operation.responses?.[String(status)];
      if (!response) return undefined;
      let ptr = `/paths/${escapePointer(path)}/${method}/responses/${status}`;
      while (response.$ref) {
        ptr = response.$ref.slice(1);
        response = resolve(spec, response.$ref);
      }
      const media = Object.keys(response.content ?? {})[0];
      return media ? `${ptr}/content/${escapePointer(media)}/schema` : undefined;
    }
  }
  throw new Error(`checkContract: ${operationId} is not in the spec`);
}

function judge(spec: OpenApiDocument, validator: SpecValidator, call: ContractCall, answer: Answer): ContractCheck {
  const check = (mismatches: ContractMismatch[]): ContractCheck => ({
    operationId: call.operationId,
    status: answer.status,
    ok: mismatches.length === 0,
    mismatches: mismatches.map((m) => ({ path: redact(m.path), message: redact(m.message) })),
  });
  if (answer.status === null) return check([{ path: '', message: answer.failure ?? 'no answer' }]);
  const mismatches: ContractMismatch[] = [];
  if (answer.status < 200 || answer.status > 299)
    mismatches.push({ path: '', message: `expected a 2xx answer, got ${answer.status}` });
  const ptr = responseSchemaPointer(spec, call.operationId, answer.status);
  if (!ptr) return check([...mismatches, { path: '', message: `status ${answer.status} is not in the spec` }]);
  if (answer.failure) return check([...mismatches, { path: '', message: answer.failure }]);
  const validate = validator.at(ptr);
  if (!validate(answer.body)) {
    for (const error of validate.errors ?? [])
      mismatches.push({ path: error.instancePath, message: error.message ?? error.keyword });
  }
  return check(mismatches);
}

/**
 * Calls a live Mautic with plain fetch and checks every answer against the spec: list contacts, get
 * one, list fields, list tags — and with `write: true`, create one test contact, read it and delete
 * it. The report names the operation, the status and the path in the body of each mismatch; it
 * carries no header, body or email.
 */
export async function checkContract(options: CheckContractOptions): Promise<ContractReport> {
  const spec = loadSpec();
  const validator = createSpecValidator(spec);
  const doFetch = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, '');
  const checks: ContractCheck[] = [];

  async function run(call: ContractCall): Promise<Answer> {
    let answer: Answer;
    try {
      const signals = [AbortSignal.timeout(options.timeoutMs ?? 30_000)];
      if (options.signal) signals.push(options.signal);
      const response = await doFetch(`${base}${call.path}`, {
        method: call.method,
        headers: {
          accept: 'application/json',
          ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        redirect: 'manual',
        signal: AbortSignal.any(signals),
      });
      const text = await response.text();
      answer = { status: response.status };
      try {
        answer.body = JSON.parse(text);
      } catch {
        answer.failure = `the body is not JSON (${response.headers.get('content-type') ?? 'no content type'})`;
      }
    } catch (error) {
      // The error's message may quote the URL; its name says enough (TimeoutError, TypeError…).
      answer = { status: null, failure: `no answer (${(error as Error).name})` };
    }
    checks.push(judge(spec, validator, call, answer));
    return answer;
  }
  const skip = (operationId: string, reason: string) =>
    checks.push({ operationId, status: null, ok: true, mismatches: [], skipped: reason });

  const list = await run(readCalls.listContacts);
  const listedId = firstContactId(list.body, 'contacts');
  if (listedId) await run(readCalls.getContact(listedId));
  else if (!options.write) skip('getContact', 'the contact list is empty');
  await run(readCalls.listContactFields);
  await run(readCalls.listTags);

  if (options.write) {
    const created = await run(writeCalls.createContact(crypto.randomUUID().slice(0, 8)));
    const createdId = firstContactId(created.body, 'contact');
    if (createdId) {
      await run(readCalls.getContact(createdId));
      await run(writeCalls.deleteContact(createdId));
    } else skip('deleteContact', 'the test contact was not created');
  }
  return { ok: checks.every((c) => c.ok), checks };
}
