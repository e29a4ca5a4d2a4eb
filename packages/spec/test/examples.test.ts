import { describe, expect, it } from 'vitest';
import { errorsOf, exampleCases, validatorAt } from './helpers';

const cases = exampleCases();

describe('every named example validates against its own schema', () => {
  it('finds examples', () => {
    expect(cases.length).toBeGreaterThan(80);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const validate = validatorAt(c.schemaPtr);
    const ok = validate(c.value);
    expect(ok, errorsOf(validate)).toBe(true);
  });
});
