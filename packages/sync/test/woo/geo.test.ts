import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mauticCountryName, mauticRegionName, parseGeoTable } from '../../src/woo/geo';
import { COUNTRY_NAMES, REGION_NAMES } from '../../src/woo/geo-data';

const mauticData = new URL('../../scripts/mautic-data/', import.meta.url);
const mauticCountries: string[] = JSON.parse(readFileSync(new URL('countries.json', mauticData), 'utf8'));
const mauticRegions: Record<string, string[]> = JSON.parse(readFileSync(new URL('regions.json', mauticData), 'utf8'));
const allRegionNames = new Set(Object.values(mauticRegions).flat());

const entries = (table: string) => [...parseGeoTable(table)];

describe('mauticCountryName', () => {
  it('turns ISO codes into Mautic names', () => {
    expect(mauticCountryName('US')).toBe('United States');
    expect(mauticCountryName('BR')).toBe('Brazil');
    expect(mauticCountryName('GB')).toBe('United Kingdom');
  });

  it('uses Mautic spellings where they differ from ISO', () => {
    expect(mauticCountryName('VN')).toBe('Vietnam');
    expect(mauticCountryName('TR')).toBe('Türkiye');
    expect(mauticCountryName('KR')).toBe('South Korea');
    expect(mauticCountryName('RU')).toBe('Russia');
  });

  it('ignores case and surrounding space', () => {
    expect(mauticCountryName('us')).toBe('United States');
    expect(mauticCountryName(' br ')).toBe('Brazil');
  });

  it('returns undefined for codes Mautic has no name for', () => {
    expect(mauticCountryName('XX')).toBeUndefined();
    expect(mauticCountryName('')).toBeUndefined();
    expect(mauticCountryName('USA')).toBeUndefined();
  });
});

describe('mauticRegionName', () => {
  it('turns WooCommerce state codes into Mautic names', () => {
    expect(mauticRegionName('US', 'CA')).toBe('California');
    expect(mauticRegionName('US', 'NY')).toBe('New York');
    expect(mauticRegionName('CA', 'QC')).toBe('Quebec');
    expect(mauticRegionName('BR', 'RJ')).toBe('Rio de Janeiro');
  });

  it('returns the Mautic spelling, accents and all', () => {
    expect(mauticRegionName('BR', 'SP')).toBe('Sao Paulo');
    expect(mauticRegionName('MX', 'DF')).toBe('Ciudad de México');
    expect(mauticRegionName('IT', 'RM')).toBe('Roma');
  });

  it('ignores case', () => {
    expect(mauticRegionName('us', 'ca')).toBe('California');
    expect(mauticRegionName('Br', 'rj')).toBe('Rio de Janeiro');
  });

  it('accepts the prefixed forms WooCommerce uses for some countries', () => {
    expect(mauticRegionName('JP', 'JP13')).toBe('Tokyo');
    expect(mauticRegionName('JP', 'JP-13')).toBe('Tokyo');
    expect(mauticRegionName('JP', '13')).toBe('Tokyo');
    expect(mauticRegionName('US', 'US-CA')).toBe('California');
    expect(mauticRegionName('TR', 'TR06')).toBe('Ankara');
  });

  it('maps WooCommerce codes that are not ISO codes', () => {
    expect(mauticRegionName('CN', 'CN2')).toBe('Beijing');
    expect(mauticRegionName('NZ', 'AK')).toBe('Auckland');
    expect(mauticRegionName('MY', 'JHR')).toBe('Johor');
  });

  it('returns undefined rather than a raw code', () => {
    expect(mauticRegionName('US', 'ZZ')).toBeUndefined();
    expect(mauticRegionName('XX', 'CA')).toBeUndefined();
    expect(mauticRegionName('BR', 'CA')).toBeUndefined();
    expect(mauticRegionName('US', '')).toBeUndefined();
  });
});

describe('generated geo table', () => {
  it('counts a code left out from the one before it', () => {
    expect([...parseGeoTable('01:Adrar|Chlef|09:Blida|Bouira|CN9:Heilongjiang|Shanghai|A:Alicante')]).toEqual([
      ['01', 'Adrar'],
      ['02', 'Chlef'],
      ['09', 'Blida'],
      ['10', 'Bouira'],
      ['CN9', 'Heilongjiang'],
      ['CN10', 'Shanghai'],
      ['A', 'Alicante'],
    ]);
    // Every entry of the real table lands on a distinct code: a miscounted run would overwrite its neighbour.
    for (const table of Object.values(REGION_NAMES)) {
      expect(parseGeoTable(table).size).toBe(table.split('|').length);
    }
  });

  it('holds only country names that are exactly in Mautic’s list', () => {
    const names = entries(COUNTRY_NAMES);
    expect(names.length).toBeGreaterThan(200);
    for (const [code, name] of names) {
      expect(code).toMatch(/^[A-Z]{2}$/);
      expect(mauticCountries, `country ${code}`).toContain(name);
    }
  });

  // Mautic's `state` choice list is every region of every country at once, so membership in the union is what counts.
  it('holds only region names that are exactly in Mautic’s region lists', () => {
    let count = 0;
    for (const [country, table] of Object.entries(REGION_NAMES)) {
      expect(country).toMatch(/^[A-Z]{2}$/);
      for (const [code, name] of entries(table)) {
        count++;
        expect(code, `${country} code`).toMatch(/^[A-Z0-9-]+$/);
        expect(allRegionNames.has(name), `${country}:${code} → ${name}`).toBe(true);
      }
    }
    expect(count).toBeGreaterThan(1000);
  });
});
