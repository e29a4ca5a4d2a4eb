import { MauticApiError, type MauticErrorItem, UNSAFE_KEYS } from '../errors';
import { redactAround, type SecretSet } from './redact';

/**
 * Turns what the generated client returned into Mautic's data or the right typed error. Mautic
 * answers errors in an envelope that can arrive with a 200; proxies and PHP answer HTML; the rate
 * limiter answers JSON text without a JSON content type. All of them are handled here, once.
 */

export interface RawAnswer {
  status: number;
  headers: Headers;
  /** Parsed by ofetch: an object, or a string when the body was not JSON. */
  body: unknown;
}

export interface RequestInfo {
  method: string;
  url: string;
  secrets?: SecretSet | undefined;
}

const EXCERPT_LENGTH = 160;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? entity;
    const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

/** A page's title, or its text without tags and entities, cut to a line. Not redacted: see bodyExcerpt. */
export function excerpt(text: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const plain = decodeEntities((title ?? text).replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > EXCERPT_LENGTH ? `${plain.slice(0, EXCERPT_LENGTH)}…` : plain;
}

/** The excerpt of a body, with secrets removed before and after shortening (see redactAround). */
export function bodyExcerpt(text: string, secrets: SecretSet | undefined): string {
  return redactAround(text, excerpt, secrets);
}

/** A field named after a prototype key: no Mautic alias can be one, so the answer is not Mautic's. */
function unsafeField(items: MauticErrorItem[]): string | null {
  for (const item of items) {
    const details = item.details;
    if (details && typeof details === 'object' && !Array.isArray(details)) {
      const key = Object.keys(details).find((k) => UNSAFE_KEYS.has(k));
      if (key) return key;
    }
    const named = /^([a-z_]+):\s/i.exec(String(item.message ?? ''))?.[1];
    if (named && UNSAFE_KEYS.has(named)) return named;
  }
  return null;
}

function parseLenient(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  const trimmed = body.trim();
  if (trimmed === '') return undefined;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return body;
    }
  }
  return body;
}

function errorItems(body: unknown, status: number): MauticErrorItem[] | null {
  if (!body || typeof body !== 'object') return null;
  const record = body as Record<string, unknown>;
  if (Array.isArray(record.errors) && record.errors.length > 0) {
    return record.errors.map((item) => (item && typeof item === 'object' ? item : { message: String(item) }));
  }
  // RFC 6749 form, sent by Mautic 2.x and some proxies in front of the token endpoint.
  if (typeof record.error === 'string') {
    const message = typeof record.error_description === 'string' ? record.error_description : record.error;
    return [{ code: status, message, type: record.error }];
  }
  return null;
}

/** The data of a successful answer, or throws the error it really is. */
export function interpret(answer: RawAnswer, request: RequestInfo): unknown {
  const body = parseLenient(answer.body);
  const items = errorItems(body, answer.status);
  const base = { method: request.method, url: request.url, secrets: request.secrets, headers: answer.headers };

  if (answer.status >= 200 && answer.status < 300) {
    if (items) {
      // A 200 that still carries errors is an error (Mautic does this; so does n8n's check).
      const code = items.find((item) => typeof item.code === 'number' && item.code >= 400)?.code;
      throw MauticApiError.from({ ...base, status: code ?? 400, errors: items });
    }
    if (body === undefined) return {};
    if (typeof body !== 'object' || body === null) {
      throw new MauticApiError({
        ...base,
        status: answer.status,
        bodyExcerpt: bodyExcerpt(String(body), request.secrets),
      });
    }
    return body;
  }

  if (items) {
    const unsafe = unsafeField(items);
    if (unsafe !== null) {
      const path = new URL(request.url, 'http://x').pathname;
      throw new MauticApiError({
        ...base,
        status: answer.status,
        errors: items,
        message: `Mautic answered ${answer.status} to ${request.method} ${path} with an answer that is not what Mautic sends (an error for a field named ${JSON.stringify(unsafe)})`,
      });
    }
    return throwFrom({ ...base, status: answer.status, errors: items });
  }
  return throwFrom({
    ...base,
    status: answer.status,
    bodyExcerpt:
      body === undefined ? '' : bodyExcerpt(typeof body === 'string' ? body : JSON.stringify(body), request.secrets),
  });
}

function throwFrom(init: Parameters<typeof MauticApiError.from>[0]): never {
  throw MauticApiError.from(init);
}
