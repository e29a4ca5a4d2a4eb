import { afterAll } from 'vitest';
import { MARKER, PASSWORD, recorded } from './harness';

// What a leaked Basic credential looks like on the wire: base64 of "api:<password>" as UTF-8.
const basicForms = [Buffer.from(`api:${PASSWORD}`, 'utf8').toString('base64'), encodeURIComponent(PASSWORD)];

function texts(error: unknown, depth = 0): string[] {
  if (!error || depth > 4) return [];
  if (!(error instanceof Error)) return [JSON.stringify(error) ?? String(error)];
  return [
    error.message,
    String(error),
    JSON.stringify(error),
    JSON.stringify(Object.entries(error)),
    ...texts(error.cause, depth + 1),
  ];
}

afterAll(() => {
  const leaks: string[] = [];
  for (const line of recorded.lines) {
    if (line.includes(MARKER) || basicForms.some((form) => line.includes(form))) leaks.push(`log: ${line}`);
  }
  for (const error of recorded.errors) {
    for (const text of texts(error)) {
      if (text.includes(MARKER) || basicForms.some((form) => text.includes(form))) leaks.push(`error: ${text}`);
    }
  }
  if (leaks.length > 0) throw new Error(`secrets leaked:\n${leaks.join('\n')}`);
  if (recorded.lines.length + recorded.errors.length === 0) return;
  recorded.lines.length = 0;
  recorded.errors.length = 0;
});
