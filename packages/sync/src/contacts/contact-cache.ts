/**
 * Email → contact id, so a run never looks the same email up twice. Bounded (oldest entries go
 * first) so a backfill of a million customers does not grow it without end. Keys are
 * lower-cased: Mautic compares emails case-insensitively (MySQL collation).
 */
export class ContactCache {
  readonly #ids = new Map<string, number>();

  constructor(private readonly limit = 10_000) {}

  get(email: string): number | undefined {
    const key = email.toLowerCase();
    const id = this.#ids.get(key);
    if (id !== undefined) {
      this.#ids.delete(key);
      this.#ids.set(key, id);
    }
    return id;
  }

  set(email: string, id: number): void {
    const key = email.toLowerCase();
    this.#ids.delete(key);
    this.#ids.set(key, id);
    if (this.#ids.size > this.limit) {
      const oldest = this.#ids.keys().next().value;
      if (oldest !== undefined) this.#ids.delete(oldest);
    }
  }

  delete(email: string): void {
    this.#ids.delete(email.toLowerCase());
  }
}
