/** One place in an answer that does not match the spec. */
export interface ContractMismatch {
  /** JSON pointer into the body (`/total`, `/contact/fields`); `''` for the answer as a whole. */
  path: string;
  message: string;
}

/** The outcome of one call. */
export interface ContractCheck {
  operationId: string;
  /** HTTP status of the answer; null when no answer came (network error, timeout) or the call was skipped. */
  status: number | null;
  ok: boolean;
  mismatches: ContractMismatch[];
  /** Why the call was not made (e.g. no contact to read). */
  skipped?: string;
}

export interface ContractReport {
  /** True when every check is ok (skipped checks count as ok). */
  ok: boolean;
  checks: ContractCheck[];
}

const EMAIL = /[^\s/@]+@[^\s/@]+/g;

/**
 * A report is meant to be pasted into an issue: a path segment that carries a customer's email
 * (a list keyed by something unexpected, say) is masked.
 */
export function redact(text: string): string {
  return text.replace(EMAIL, '<email>');
}
