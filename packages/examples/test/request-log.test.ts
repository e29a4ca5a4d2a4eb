import { describe, expect, it } from 'vitest';
import { readablePath } from '../src/request-log';

describe('readablePath', () => {
  it("writes Mautic's where triplets compactly", () => {
    const path =
      '/api/contacts?limit=10&where%5B0%5D%5Bcol%5D=email&where%5B0%5D%5Bexpr%5D=eq&where%5B0%5D%5Bval%5D=a%2Bb%40example.com';
    expect(readablePath(path)).toBe('/api/contacts?limit=10&where=email eq a+b@example.com');
    expect(readablePath(`/api/x?q=${'z'.repeat(200)}`, 40)).toHaveLength(40);
  });
});
