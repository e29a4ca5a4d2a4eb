/** Wrong input, refused before anything reaches Redis. Messages never carry customer data. */
export class RedisInputError extends TypeError {
  override readonly name = 'RedisInputError';
}

export function requirePositiveMs(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) throw new RedisInputError(`${name} must be a positive number of ms`);
}
