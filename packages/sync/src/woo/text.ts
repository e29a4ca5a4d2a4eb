// WooCommerce stores product names HTML-encoded (`Ship Your Idea &ndash; Color: Black`). Typographic entities are
// decoded for people to read; `&lt;`, `&gt;` and `&amp;` stay encoded because Mautic renders notes and email tokens
// as HTML, so decoding them would turn a product name into markup.
const NAMED: Record<string, string> = {
  ndash: '–',
  mdash: '—',
  nbsp: ' ',
  hellip: '…',
  quot: '"',
  apos: "'",
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  times: '×',
  euro: '€',
  pound: '£',
  reg: '®',
  trade: '™',
  copy: '©',
};
const KEEP = new Set(['<', '>', '&']);

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (match, name: string) => {
    let decoded: string | undefined;
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      decoded = code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
    } else {
      decoded = NAMED[name.toLowerCase()];
    }
    return decoded === undefined || KEEP.has(decoded) ? match : decoded;
  });
}

/** A WooCommerce money string or number as WooCommerce shows it; blank stays blank. */
export function moneyText(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'number' ? String(value) : value.trim();
}

/** True for `0`, `0.00`, blanks: amounts not worth a line. */
export function isZeroAmount(value: string | number | undefined | null): boolean {
  const text = moneyText(value);
  return text === '' || Number(text) === 0;
}
