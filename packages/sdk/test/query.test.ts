import { describe, expect, it } from 'vitest';
import { type ContactsQuery, serializeContactsQuery } from '../src';

/** The decoded `key=value` pairs, in order, so expectations read like Mautic's PHP parameters. */
const decoded = (query: ContactsQuery) =>
  serializeContactsQuery(query)
    .split('&')
    .map((part) => part.split('=').map(decodeURIComponent).join('='));

describe('serializeContactsQuery', () => {
  it('percent-encodes every key and value, so + and & in an email survive', () => {
    const text = serializeContactsQuery({
      where: [{ col: 'email', expr: 'eq', val: "o'brien+shop&co@example.com" }],
      limit: 1,
    });
    expect(text).toBe(
      "limit=1&where%5B0%5D%5Bexpr%5D=eq&where%5B0%5D%5Bcol%5D=email&where%5B0%5D%5Bval%5D=o'brien%2Bshop%26co%40example.com",
    );
  });

  it('sends booleans as 1/0 and leaves out undefined values', () => {
    expect(decoded({ minimal: true, published: false, search: undefined, start: 30 })).toEqual([
      'minimal=1',
      'published=0',
      'start=30',
    ]);
  });

  it('nests andX/orX clauses under val, at any depth', () => {
    expect(
      decoded({
        where: [
          {
            expr: 'orX',
            val: [
              { col: 'email', expr: 'eq', val: 'a@example.com' },
              { expr: 'andX', val: [{ col: 'city', expr: 'isNotEmpty' }] },
            ],
          },
        ],
      }),
    ).toEqual([
      'where[0][expr]=orX',
      'where[0][val][0][expr]=eq',
      'where[0][val][0][col]=email',
      'where[0][val][0][val]=a@example.com',
      'where[0][val][1][expr]=andX',
      'where[0][val][1][val][0][expr]=isNotEmpty',
      'where[0][val][1][val][0][col]=city',
    ]);
  });

  it('reads inner clauses keyed by index as well as arrays', () => {
    expect(decoded({ where: [{ expr: 'andX', val: { 0: { col: 'points', expr: 'gt', val: '5' } } }] })).toEqual([
      'where[0][expr]=andX',
      'where[0][val][0][expr]=gt',
      'where[0][val][0][col]=points',
      'where[0][val][0][val]=5',
    ]);
  });

  it('sends the two values of between / notBetween', () => {
    expect(decoded({ where: [{ col: 'date_added', expr: 'between', val: ['2024-01-01', '2024-12-31'] }] })).toEqual([
      'where[0][expr]=between',
      'where[0][col]=date_added',
      'where[0][val][0]=2024-01-01',
      'where[0][val][1]=2024-12-31',
    ]);
  });

  it('sends select[] once per column and order[i][col|dir] in priority order', () => {
    expect(
      decoded({
        select: ['id', 'email'],
        order: [{ col: 'last_active', dir: 'DESC' }, { col: 'id' }],
      }),
    ).toEqual(['select[]=id', 'select[]=email', 'order[0][col]=last_active', 'order[0][dir]=DESC', 'order[1][col]=id']);
  });

  describe('refuses clauses Mautic would answer with a 500 or silently ignore', () => {
    it.each([
      ['between with one value', { col: 'points', expr: 'between', val: ['1'] }, 'where[0] (between) needs two values'],
      [
        'between with a string',
        { col: 'points', expr: 'notBetween', val: '1' },
        'where[0] (notBetween) needs two values',
      ],
      ['a condition without col', { expr: 'eq', val: 'x' }, 'where[0] has no col'],
      ['a clause without expr', { col: 'email', val: 'x' }, 'where[0] has no expr'],
      ['an empty andX', { expr: 'andX', val: [] }, 'where[0] (andX) has no inner clauses'],
      ['eq with two values', { col: 'email', expr: 'eq', val: ['a', 'b'] }, 'where[0] (eq) takes one value'],
    ])('%s', (_name, clause, message) => {
      expect(() => serializeContactsQuery({ where: [clause as never] })).toThrow(
        new TypeError(`serializeContactsQuery: ${message}`),
      );
    });

    it('names the nested path of a bad inner clause', () => {
      expect(() =>
        serializeContactsQuery({ where: [{ expr: 'orX', val: [{ col: 'a', expr: 'between', val: ['1'] } as never] }] }),
      ).toThrow('where[0][val][0] (between) needs two values');
    });

    it('an order clause without col', () => {
      expect(() => serializeContactsQuery({ order: [{ dir: 'ASC' } as never] })).toThrow('order[0] has no col');
    });
  });
});
