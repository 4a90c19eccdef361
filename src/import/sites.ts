/**
 * Sensitive sites: a CSV with latitude and longitude columns (e.g. the DoD MIRTA list: Lat, Long, Site Name, ...)
 * or GeoJSON points (e.g. the PNNL data-center atlas), each site a SensitiveSite of the category given with
 * --category (or a `category` column / property).
 *
 * Columns are found by name, case-insensitively: latitude `lat`/`latitude`/`y`, longitude `lon`/`long`/`lng`/
 * `longitude`/`x`, name `site name`/`name`/`title`, country `country`, and for the address `county`, `state`,
 * `state terr`, `state_abb`, `city`. GeoJSON features must be Points (coordinates [lon, lat], WGS84).
 * Keys are `site-<category>-<name slug>`; names that occur twice in one file get the coordinates appended.
 */
import { readFileSync } from 'node:fs';
import type { EntityAttributes, SiteCategory } from '../domain/model.ts';
import { SITE_CATEGORIES } from '../domain/model.ts';
import type { SnapshotNode } from '../domain/snapshot.ts';
import { countryCode } from './countries.ts';
import { readCsvRecords } from './csv-records.ts';
import { baseName, emptyResult, slug } from './types.ts';

/** A site without a category: said for the command line and the upload dialog alike. */
const NO_CATEGORY =
  'no category: choose one for the file (--category military|datacenter|power on the command line, Category in the upload dialog) or give each site a category';
import type { ImportResult, ReaderOptions } from './types.ts';

interface SiteRow {
  name: string;
  lat: number;
  lon: number;
  category: SiteCategory;
  country?: string;
  address?: string;
  recordId: string;
}

const find = (headers: string[], ...names: string[]): string | undefined =>
  headers.find((h) => names.includes(h.trim().toLowerCase()));

function coordinate(value: unknown, min: number, max: number): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) && n >= min && n <= max ? n : undefined;
}

function categoryOf(value: unknown, fallback: SiteCategory | undefined): SiteCategory | undefined {
  const v = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  return (SITE_CATEGORIES as readonly string[]).includes(v ?? '') ? (v as SiteCategory) : fallback;
}

function toNodes(rows: SiteRow[], dataset: string, date: string, result: ImportResult, file: string): SnapshotNode[] {
  const counts = new Map<string, number>();
  for (const r of rows)
    counts.set(`${r.category}|${slug(r.name)}`, (counts.get(`${r.category}|${slug(r.name)}`) ?? 0) + 1);
  const seen = new Set<string>();
  const nodes: SnapshotNode[] = [];
  for (const r of rows) {
    const base = `site-${r.category}-${slug(r.name) || 'unnamed'}`;
    const key =
      (counts.get(`${r.category}|${slug(r.name)}`) ?? 0) > 1 ? `${base}-${r.lat.toFixed(4)}-${r.lon.toFixed(4)}` : base;
    if (seen.has(key)) {
      result.warnings.push({
        file,
        message: `${r.recordId}: "${r.name}" at ${r.lat}, ${r.lon} repeats an earlier site; kept once`,
      });
      continue;
    }
    seen.add(key);
    const attributes: EntityAttributes = {
      kind: 'SensitiveSite',
      name: r.name,
      category: r.category,
      lat: r.lat,
      lon: r.lon,
      source: { dataset, recordId: r.recordId, date },
    };
    if (r.country) attributes.country = r.country;
    if (r.address) attributes.address = r.address;
    nodes.push({ key, attributes });
  }
  return nodes;
}

export function readSitesCsv(file: string, options: ReaderOptions): ImportResult {
  const result = emptyResult();
  const dataset = options.source ?? baseName(file);
  const csv = readCsvRecords(file, result, { trim: true });
  if (!csv) return result;
  const { records } = csv;
  const headers = Object.keys(records[0]?.record ?? {});
  const latCol = find(headers, 'lat', 'latitude', 'y');
  const lonCol = find(headers, 'lon', 'long', 'lng', 'longitude', 'x');
  const nameCol = find(headers, 'site name', 'site_name', 'name', 'title');
  if (!latCol || !lonCol || !nameCol) {
    result.errors.push({
      file,
      line: 1,
      message: `the header needs latitude, longitude and name columns (found: ${headers.join(', ')})`,
    });
    return result;
  }
  const categoryCol = find(headers, 'category');
  if (!categoryCol && !options.category) {
    result.errors.push({
      file,
      line: 1,
      message: `${NO_CATEGORY} column`,
    });
    return result;
  }
  const idCol = find(headers, 'id', 'site id', 'site_id');
  const countryCol = find(headers, 'country');
  const addressCols = ['city', 'county', 'state terr', 'state', 'state_abb']
    .map((n) => find(headers, n))
    .filter((c): c is string => !!c);
  const rows: SiteRow[] = [];
  for (const { record, info } of records) {
    const line = info.lines;
    const lat = coordinate(record[latCol], -90, 90);
    const lon = coordinate(record[lonCol], -180, 180);
    const name = record[nameCol]?.trim();
    const category = categoryOf(categoryCol ? record[categoryCol] : undefined, options.category);
    if (lat === undefined)
      result.errors.push({
        file,
        line,
        message: `${latCol}: expected a latitude from -90 to 90, got ${JSON.stringify(record[latCol])}`,
      });
    if (lon === undefined)
      result.errors.push({
        file,
        line,
        message: `${lonCol}: expected a longitude from -180 to 180, got ${JSON.stringify(record[lonCol])}`,
      });
    if (!name) result.errors.push({ file, line, message: `${nameCol}: a site needs a name` });
    if (!category) result.errors.push({ file, line, message: `${NO_CATEGORY} in its category column` });
    if (lat === undefined || lon === undefined || !name || !category) continue;
    const row: SiteRow = { name, lat, lon, category, recordId: idCol && record[idCol] ? record[idCol] : `row ${line}` };
    const cc = countryCode(countryCol ? record[countryCol] : undefined);
    if (cc) row.country = cc;
    const address = addressCols
      .map((c) => record[c])
      .filter((v) => v && v !== 'N/A')
      .join(', ');
    if (address) row.address = address;
    rows.push(row);
  }
  result.nodes = toNodes(rows, dataset, options.date, result, file);
  return result;
}

export function readSitesGeoJson(file: string, options: ReaderOptions): ImportResult {
  const result = emptyResult();
  const dataset = options.source ?? baseName(file);
  let data: { type?: string; features?: unknown[] };
  try {
    data = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as typeof data;
  } catch (error) {
    result.errors.push({ file, message: `malformed JSON: ${(error as Error).message}` });
    return result;
  }
  if (data?.type !== 'FeatureCollection' || !Array.isArray(data.features)) {
    result.errors.push({ file, path: '$.type', message: 'expected a GeoJSON FeatureCollection' });
    return result;
  }
  const rows: SiteRow[] = [];
  let unnamed = 0;
  const categorised = data.features.some(
    (f) => typeof (f as { properties?: { category?: unknown } })?.properties?.category === 'string',
  );
  if (!categorised && !options.category) {
    result.errors.push({
      file,
      path: '$.features',
      message: `${NO_CATEGORY} property`,
    });
    return result;
  }
  data.features.forEach((raw, i) => {
    const path = `$.features[${i}]`;
    const f = raw as {
      geometry?: { type?: string; coordinates?: unknown[] };
      properties?: Record<string, unknown>;
      id?: unknown;
    };
    if (f?.geometry?.type !== 'Point' || !Array.isArray(f.geometry.coordinates)) {
      result.errors.push({ file, path: `${path}.geometry`, message: 'expected a Point geometry' });
      return;
    }
    const lon = coordinate(f.geometry.coordinates[0], -180, 180);
    const lat = coordinate(f.geometry.coordinates[1], -90, 90);
    const p = f.properties ?? {};
    const named = [p.name, p.title, p.site_name]
      .find((v): v is string => typeof v === 'string' && v.trim() !== '')
      ?.trim();
    const category = categoryOf(p.category, options.category);
    if (lon === undefined)
      result.errors.push({
        file,
        path: `${path}.geometry.coordinates[0]`,
        message: 'expected a longitude from -180 to 180',
      });
    if (lat === undefined)
      result.errors.push({
        file,
        path: `${path}.geometry.coordinates[1]`,
        message: 'expected a latitude from -90 to 90',
      });
    if (!category)
      result.errors.push({
        file,
        path: `${path}.properties.category`,
        message: `${NO_CATEGORY} property`,
      });
    if (lat === undefined || lon === undefined || !category) return;
    const place = [p.county, p.state_abb ?? p.state]
      .filter((v): v is string => typeof v === 'string' && v !== '')
      .join(', ');
    const operator = typeof p.operator === 'string' && p.operator.trim() ? p.operator.trim() : undefined;
    const name = named ?? `${operator ?? `Unnamed ${category} site`}${place ? ` (${place})` : ''}`;
    if (!named) unnamed += 1;
    const row: SiteRow = {
      name,
      lat,
      lon,
      category,
      recordId: typeof f.id === 'string' || typeof f.id === 'number' ? String(f.id) : `feature ${i}`,
    };
    const cc = countryCode(typeof p.country === 'string' ? p.country : undefined);
    if (cc) row.country = cc;
    const address = [p.city, p.county, p.state, p.state_abb]
      .filter((v): v is string => typeof v === 'string' && v !== '')
      .join(', ');
    if (address) row.address = address;
    if (!row.country && typeof p.state_abb === 'string') row.country = 'US';
    rows.push(row);
  });
  if (unnamed)
    result.warnings.push({
      file,
      message: `${unnamed} features have no name: named after their operator or as "Unnamed ... site" with their county and state`,
    });
  result.nodes = toNodes(rows, dataset, options.date, result, file);
  return result;
}

export function readSites(file: string, options: ReaderOptions): ImportResult {
  return /\.(geo)?json$/i.test(file) ? readSitesGeoJson(file, options) : readSitesCsv(file, options);
}
