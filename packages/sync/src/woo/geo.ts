import { COUNTRY_NAMES, REGION_NAMES } from './geo-data';

/**
 * ISO codes (what WooCommerce sends in billing.country / billing.state) → the exact names in Mautic's own lists.
 * Mautic rejects the whole contact when `country` or `state` is not one of its names, so these return undefined
 * rather than a guess or the raw code.
 */

// The tables are strings so the bundle carries no object literal per entry; each is split once, on first use.
let countries: Map<string, string> | undefined;
const regions = new Map<string, Map<string, string>>();

/** `01` → `02`, `CN9` → `CN10`: the code of a table entry written without one (scripts/generate-geo.mjs). */
const nextCode = (code: string): string => code.replace(/\d+$/, (n) => String(Number(n) + 1).padStart(n.length, '0'));

/** `CODE:Name|Name|…` → code → name; exported for the table's own tests. */
export function parseGeoTable(table: string): Map<string, string> {
  const map = new Map<string, string>();
  let code = '';
  for (const entry of table.split('|')) {
    const colon = entry.indexOf(':');
    code = colon < 0 ? nextCode(code) : entry.slice(0, colon);
    map.set(code, entry.slice(colon + 1));
  }
  return map;
}

function normaliseCode(code: string): string {
  return code.trim().toUpperCase();
}

/** `US` → `United States`; undefined when Mautic has no country for that code. */
export function mauticCountryName(countryCode: string): string | undefined {
  countries ??= parseGeoTable(COUNTRY_NAMES);
  return countries.get(normaliseCode(countryCode));
}

/**
 * `('US', 'CA')` → `California`; undefined when Mautic lists no such region for that country. Also accepts the
 * prefixed forms some WooCommerce versions and other tools send: `US-CA`, `JP01`, `TR34`, `TH-10`, `BD-05`.
 */
export function mauticRegionName(countryCode: string, regionCode: string): string | undefined {
  const country = normaliseCode(countryCode);
  const table = REGION_NAMES[country];
  if (table === undefined) return undefined;
  let map = regions.get(country);
  if (map === undefined) {
    map = parseGeoTable(table);
    regions.set(country, map);
  }
  const code = normaliseCode(regionCode);
  const exact = map.get(code);
  if (exact !== undefined || !code.startsWith(country)) return exact;
  // Only after the exact code misses, so a real code that happens to start with the country's letters still wins.
  return map.get(code.slice(country.length).replace(/^[-.]/, ''));
}
