import { redact, redactValue, type SecretSet } from './transport/redact';

export interface Logger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

type Level = keyof Logger;

/** Wraps the caller's logger so that nothing reaches it unredacted; a no-op without one. */
export function safeLogger(logger: Partial<Logger> | undefined, secrets: SecretSet): Logger {
  const emit = (level: Level) => (message: string, meta?: Record<string, unknown>) => {
    const fn = logger?.[level];
    if (!fn) return;
    const safeMeta = meta === undefined ? undefined : (redactValue(meta, secrets) as Record<string, unknown>);
    try {
      fn.call(logger, redact(message, secrets), safeMeta);
    } catch {
      // A throwing logger must not turn a successful request into a failure.
    }
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
