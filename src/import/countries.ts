/**
 * Country names (as OFAC, registers and GeoJSON write them) to ISO 3166-1 alpha-2 codes, built from the
 * runtime's own region names (Intl.DisplayNames) plus the spellings sanctions lists use.
 */
const EXTRA: Record<string, string> = {
  russia: 'RU',
  'russian federation': 'RU',
  iran: 'IR',
  'korea north': 'KP',
  'north korea': 'KP',
  'korea south': 'KR',
  'south korea': 'KR',
  burma: 'MM',
  'united states': 'US',
  usa: 'US',
  'united kingdom': 'GB',
  uk: 'GB',
  syria: 'SY',
  venezuela: 'VE',
  'west bank': 'PS',
  'gaza strip': 'PS',
  palestinian: 'PS',
  'congo democratic republic of the': 'CD',
  'congo republic of the': 'CG',
  'cote d ivoire': 'CI',
  turkey: 'TR',
  turkiye: 'TR',
  'czech republic': 'CZ',
  'the bahamas': 'BS',
  'the gambia': 'GM',
  'bosnia and herzegovina': 'BA',
  laos: 'LA',
  moldova: 'MD',
  vietnam: 'VN',
  'hong kong': 'HK',
  macau: 'MO',
  taiwan: 'TW',
  kosovo: 'XK',
};

let table: Map<string, string> | undefined;

function normalize(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, ' ')
    .trim();
}

function build(): Map<string, string> {
  const map = new Map<string, string>();
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      let name: string | undefined;
      try {
        name = names.of(code);
      } catch {
        name = undefined;
      }
      if (name && name !== code) map.set(normalize(name), code);
    }
  }
  for (const [name, code] of Object.entries(EXTRA)) map.set(name, code);
  return map;
}

/** ISO alpha-2 code (upper case) for a country name or code; undefined when not recognised. */
export function countryCode(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const trimmed = name.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed)) return trimmed.toUpperCase();
  table ??= build();
  return table.get(normalize(trimmed));
}
