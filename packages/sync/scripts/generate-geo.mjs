#!/usr/bin/env node
// Generates src/woo/geo-data.ts: ISO 3166 codes (what WooCommerce sends) → the exact names in Mautic's own country
// and region lists (what Mautic accepts). Run: node packages/sync/scripts/generate-geo.mjs
//
// Names come from two npm data packages because neither covers WooCommerce alone: country-region-data has the
// state codes WooCommerce uses for most countries, iso-3166 adds the second-level subdivisions (Italian provinces,
// Spanish provinces) that Mautic lists. An entry is written only when its name, once normalised, equals exactly one
// Mautic name; the Mautic spelling is what goes into the table, so every value is guaranteed valid.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { iso31661, iso31662 } from 'iso-3166';
import { COUNTRY_ALIASES, GENERIC, WOO_CODE_ALIASES, WOO_STATE_COUNTRIES, WORD_ALIASES } from './geo-aliases.mjs';

const require = createRequire(import.meta.url);
const crd = require('country-region-data/data.json');
const here = (path) => new URL(path, import.meta.url);
const mauticCountries = JSON.parse(readFileSync(here('./mautic-data/countries.json'), 'utf8'));
const mauticRegions = JSON.parse(readFileSync(here('./mautic-data/regions.json'), 'utf8'));
const output = here('../src/woo/geo-data.ts');

// `--countries=US,CA,BR` limits the region table to those countries, to trade coverage for bundle size.
const onlyArg = process.argv.find((a) => a.startsWith('--countries='));
const verbose = process.argv.includes('--verbose');
const only = onlyArg ? new Set(onlyArg.slice('--countries='.length).toUpperCase().split(',')) : undefined;

function norm(name) {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[øœ]/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/[łı]/g, (c) => (c === 'ł' ? 'l' : 'i'))
    .replace(/đ/g, 'd')
    .replace(/&/g, ' and ')
    .replace(/['’`ʻ]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== 'and')
    .map((w) => WORD_ALIASES[w] ?? w)
    .join(' ');
}

const loose = (name) =>
  norm(name)
    .split(' ')
    .filter((w) => !GENERIC.has(w))
    .join(' ');

// "Bruxelles-Capitale, Région de / Brussels Hoofdstedelijk Gewest" → both halves; "Sind (en)" → "Sind".
function variants(name) {
  const parts = name.split(/\s+\/\s+|\s*\[|\]\s*/).filter(Boolean);
  return [...new Set([name, ...parts, ...parts.map((p) => p.replace(/\s*\(.*?\)\s*/g, ' ').trim())])].filter(Boolean);
}

/** Finds the one Mautic name a candidate stands for: exact normalised match first, then loose, unique only. */
function matcher(mauticNames) {
  const index = (key) => {
    const map = new Map();
    for (const name of mauticNames) {
      const k = key(name);
      if (k) map.set(k, map.has(k) && map.get(k) !== name ? null : name);
    }
    return map;
  };
  const exact = index(norm);
  const relaxed = index(loose);
  return (candidates) => {
    for (const key of [norm, loose]) {
      const map = key === norm ? exact : relaxed;
      for (const candidate of candidates.flatMap(variants)) {
        const found = map.get(key(candidate));
        if (found) {
          if (verbose && key === loose) console.log(`  loose match: ${candidate} → ${found}`);
          return found;
        }
      }
    }
    return undefined;
  };
}

// ISO alpha-2 → candidate English names.
const countryCandidates = new Map();
const addCountry = (code, name) => {
  const list = countryCandidates.get(code) ?? [];
  if (name && !list.includes(name)) list.push(name);
  countryCandidates.set(code, list);
};
for (const [code, names] of Object.entries(COUNTRY_ALIASES)) for (const name of names) addCountry(code, name);
for (const c of crd) addCountry(c.countryShortCode, c.countryName);
for (const c of iso31661) addCountry(c.alpha2, c.name);

const findCountry = matcher(mauticCountries);
const findRegionList = matcher(Object.keys(mauticRegions));
const countries = [];
const regionListOf = new Map();
for (const [code, names] of [...countryCandidates].sort(([a], [b]) => a.localeCompare(b))) {
  const country = findCountry(names);
  if (country) countries.push([code, country]);
  const list = findRegionList(country ? [country, ...names] : names);
  if (list) regionListOf.set(code, list);
}

// ISO alpha-2 → region code → candidate names, country-region-data first (its codes are WooCommerce's).
const regionCandidates = new Map();
const stripPrefix = (country, code) => (code.startsWith(`${country}-`) ? code.slice(country.length + 1) : code);
const addRegion = (country, code, name) => {
  const byCode = regionCandidates.get(country) ?? new Map();
  const list = byCode.get(code) ?? [];
  if (!list.includes(name)) list.push(name);
  byCode.set(code, list);
  regionCandidates.set(country, byCode);
};
for (const c of crd) {
  // A few countries' short codes already carry the ISO prefix ("RO-AB"); key them like the rest.
  for (const r of c.regions)
    if (r.shortCode) addRegion(c.countryShortCode, stripPrefix(c.countryShortCode, r.shortCode), r.name);
}
for (const r of iso31662) {
  const [country, code] = r.code.split('-');
  addRegion(country, code, r.name);
}

// Numbers in number order, so runs of consecutive codes ("01".."47") line up and can be left out.
const numbered = (code) => /^(.*?)(\d+)$/.exec(code);
function byCode(a, b) {
  const [x, y] = [numbered(a), numbered(b)];
  if (!x || !y || x[1] !== y[1]) return a.localeCompare(b);
  return x[2].length - y[2].length || Number(x[2]) - Number(y[2]);
}
// The same rule as nextCode in src/woo/geo.ts, which reads the table.
const nextCode = (code) => code.replace(/\d+$/, (n) => String(Number(n) + 1).padStart(n.length, '0'));

const regions = {};
const report = [];
for (const [country, byCode] of regionCandidates) {
  for (const [wooCode, isoCode] of Object.entries(WOO_CODE_ALIASES[country] ?? {})) {
    const names = byCode.get(isoCode);
    if (!names) throw new Error(`${country}: no ISO subdivision ${isoCode} for WooCommerce code ${wooCode}`);
    // The WooCommerce meaning wins over whatever ISO gives that string.
    byCode.set(wooCode, names);
  }
  // WooCommerce never sends the ISO forms of these countries, so they would only cost bytes.
  const aliases = WOO_CODE_ALIASES[country];
  if (aliases) for (const code of [...byCode.keys()]) if (!(code in aliases)) byCode.delete(code);
}

for (const [country, list] of [...regionListOf].sort(([a], [b]) => a.localeCompare(b))) {
  if (!WOO_STATE_COUNTRIES.has(country) || (only && !only.has(country))) continue;
  const findRegion = matcher(mauticRegions[list]);
  const entries = [];
  const used = new Set();
  let unmatched = 0;
  let previous;
  for (const [code, names] of [...(regionCandidates.get(country) ?? [])].sort(([a], [b]) => byCode(a, b))) {
    const name = findRegion(names);
    if (name) {
      const upper = code.toUpperCase();
      // A code that follows the one before it ("01", "02"; "CN1", "CN2") is left out: geo.ts counts it back.
      entries.push(previous !== undefined && nextCode(previous) === upper ? name : `${upper}:${name}`);
      previous = upper;
      used.add(name);
    } else unmatched++;
  }
  if (entries.length > 0) regions[country] = entries.join('|');
  report.push(
    `${country} (${list}): ${entries.length} codes matched, ${unmatched} unmatched; ${used.size}/${mauticRegions[list].length} Mautic names reached`,
  );
}

// The tables are split on "|" and the first ":" at run time, and quoted on one line: names must not break that.
for (const [, name] of countries) if (/[|:\n]/.test(name)) throw new Error(`unusable country name ${name}`);
for (const [country, names] of Object.entries(regions)) {
  for (const entry of names.split('|')) {
    if (!/^(?:[A-Z0-9-]+:)?[^:\n]+$/.test(entry)) throw new Error(`${country}: unusable entry ${entry}`);
  }
}

// Quoted as biome formats them, so a fresh run leaves the committed file unchanged after `biome check --write`.
const quote = (text) =>
  text.includes("'") && !text.includes('"') ? JSON.stringify(text) : `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;

const source = `// Generated by packages/sync/scripts/generate-geo.mjs from Mautic 5.1's country and region lists, matched to ISO 3166
// codes through the npm packages country-region-data and iso-3166. Do not edit: change the script and run it again.

/** ISO 3166-1 alpha-2 → Mautic country name, as \`CODE:Name|CODE:Name\` (one string parses faster and gzips smaller). */
export const COUNTRY_NAMES =
  ${quote(countries.map(([code, name]) => `${code}:${name}`).join('|'))};

/**
 * ISO 3166-1 alpha-2 → (ISO 3166-2 subdivision suffix → Mautic region name), same \`CODE:Name|…\` form; a bare
 * \`Name\` has the code after the one before it (\`01:Adrar|Chlef\` is 01 and 02).
 */
export const REGION_NAMES: Readonly<Record<string, string>> = {
${Object.entries(regions)
  .map(([code, names]) => `  ${code}: ${quote(names)},`)
  .join('\n')}
};
`;
writeFileSync(output, source);

const unmatchedCountries = mauticCountries.filter((name) => !countries.some(([, n]) => n === name));
console.log(report.join('\n'));
console.log(
  `\ncountries: ${countries.length} ISO codes matched; Mautic countries without a code: ${unmatchedCountries.join(', ') || 'none'}`,
);
const listsWithout = Object.keys(mauticRegions).filter((list) => ![...regionListOf.values()].includes(list));
console.log(`Mautic region lists without an ISO country: ${listsWithout.join(', ') || 'none'}`);
console.log(
  `regions: ${Object.values(regions).reduce((n, s) => n + s.split('|').length, 0)} codes in ${Object.keys(regions).length} countries`,
);
console.log(
  `wrote ${output.pathname} (${Buffer.byteLength(source)} bytes, ${gzipSync(source, { level: 9 }).length} gzipped)`,
);
