/**
 * OFAC SDN list, legacy CSV (https://ofac.treasury.gov/specially-designated-nationals-list-data-formats-data-schemas):
 * `sdn.csv` (ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag,
 * Vess_owner, Remarks), with `add.csv` (ent_num, add_num, address, city/state/postal, country, remarks) and
 * `alt.csv` (ent_num, alt_num, alt_type, alt_name, remarks) read from beside it when present. No header row;
 * `-0-` means empty; the files may end with a 0x1A (DOS end-of-file) byte.
 *
 * Mapping:
 * - every record becomes a party keyed `ofac-<ent_num>`, listed by OFAC under each of its programs (the program
 *   column may hold several, written `A] [B`); the legacy CSV has no listing dates, so `listed` stays unset;
 * - SDN_Type `individual` -> Person; entities (type `-0-`) -> Company; `vessel` and `aircraft` -> Company with the
 *   topic `vessel` / `aircraft`: they are blocked property that can be owned and operated, and the model has no
 *   separate kind for assets (the IMO number becomes an `imo` identifier);
 * - aliases from alt.csv, addresses from add.csv (all of them, joined with ` | `; the country of the first one
 *   becomes the party's country), identifiers parsed from the remarks (Registration Number, Tax ID No., Legal
 *   Entity Number (LEI), IMO), qualified by the country the remark names;
 * - "Linked To: NAME" remarks become LINKED_TO relations (basis `OFAC Linked To`), NAME resolved among the SDN
 *   records by primary name, then by alias; no percentage is ever invented. A vessel owner that is itself an SDN
 *   record is linked the same way (basis `OFAC vessel owner`). Unresolved names are warnings.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { EntityAttributes, Identifier } from '../domain/model.ts';
import type { SnapshotEdge, SnapshotNode } from '../domain/snapshot.ts';
import { countryCode } from './countries.ts';
import { addUnique, emptyResult } from './types.ts';
import type { ImportIssue, ImportResult, ReaderOptions } from './types.ts';

export const SDN_DATASET = 'ofac-sdn';

interface CsvRow {
  line: number;
  fields: string[];
}

/** Reads a legacy OFAC CSV: strips a trailing 0x1A, maps `-0-` to '', keeps the line number of every record. */
export function readOfacCsv(file: string, columns: number, errors: ImportIssue[]): CsvRow[] {
  let text = readFileSync(file, 'latin1');
  // DOS end-of-file marker (0x1A) at the end of the legacy files.
  while (/\s$/.test(text) || text.endsWith(String.fromCharCode(0x1a))) text = text.slice(0, -1);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      relax_quotes: true,
    }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    errors.push({
      file,
      ...(e.lines ? { line: e.lines } : {}),
      message: `malformed CSV: ${e.message ?? String(error)}`,
    });
    return [];
  }
  const rows: CsvRow[] = [];
  for (const { record, info } of records) {
    if (record.length === 1 && record[0]!.trim() === '') continue;
    if (record.length !== columns) {
      errors.push({ file, line: info.lines, message: `expected ${columns} columns, found ${record.length}` });
      continue;
    }
    rows.push({ line: info.lines, fields: record.map((f) => (f.trim() === '-0-' ? '' : f.trim())) });
  }
  return rows;
}

function companion(file: string, name: string): string | undefined {
  const dir = dirname(file);
  for (const candidate of [name, name.toUpperCase()]) {
    const path = join(dir, candidate);
    if (existsSync(path)) return path;
  }
  return undefined;
}

const ID_PATTERNS: { re: RegExp; scheme: (country: string | undefined) => string }[] = [
  {
    re: /Registration (?:Number|ID) ([^;(]+?)\s*(?:\(([^)]+)\))?(?:;|\.$|$)/g,
    scheme: (c) => (c ? `registration-${c}` : 'registration'),
  },
  { re: /Tax ID No\. ([^;(]+?)\s*(?:\(([^)]+)\))?(?:;|\.$|$)/g, scheme: (c) => (c ? `tax-${c}` : 'tax') },
  { re: /Legal Entity Number ([A-Z0-9]{20})/g, scheme: () => 'lei' },
  { re: /IMO (\d{7})/g, scheme: () => 'imo' },
];

/** Identifiers written in an SDN remarks field. */
export function identifiersFromRemarks(remarks: string): Identifier[] {
  const out: Identifier[] = [];
  for (const { re, scheme } of ID_PATTERNS) {
    for (const m of remarks.matchAll(re)) {
      const value = m[1]!.trim().replace(/\.$/, '');
      if (!value) continue;
      const country = countryCode(m[2])?.toLowerCase();
      const id = { scheme: scheme(country), value };
      if (!out.some((o) => o.scheme === id.scheme && o.value === id.value)) out.push(id);
    }
  }
  return out;
}

/** Names after "Linked To:" in a remarks field. */
export function linkedToNames(remarks: string): string[] {
  const out: string[] = [];
  for (const m of remarks.matchAll(/Linked To: ([^;]+?)(?:\.\s*)?(?=;|$)/g)) out.push(m[1]!.trim());
  return out;
}

const nameKey = (name: string): string => name.toUpperCase().replace(/\s+/g, ' ').replace(/\.$/, '').trim();

/** Reads an SDN list. `files` may name sdn.csv only (add.csv and alt.csv are then read from beside it). */
export function readSdn(file: string, options: ReaderOptions): ImportResult {
  const result = emptyResult();
  const dataset = options.source ?? SDN_DATASET;
  const rows = readOfacCsv(file, 12, result.errors);
  const addFile = companion(file, 'add.csv');
  const altFile = companion(file, 'alt.csv');
  const adds = addFile && addFile !== file ? readOfacCsv(addFile, 6, result.errors) : [];
  const alts = altFile && altFile !== file ? readOfacCsv(altFile, 5, result.errors) : [];

  const nodes = new Map<string, SnapshotNode>();
  const byName = new Map<string, string[]>();
  const byAlias = new Map<string, string[]>();
  const remarksOf = new Map<string, { remarks: string; owner: string; line: number }>();
  for (const { line, fields } of rows) {
    const [entNum, name, type, program, title, callSign, , , , flag, owner, remarks] = fields as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (!/^\d+$/.test(entNum)) {
      result.errors.push({ file, line, message: `ent_num must be a whole number, got ${JSON.stringify(entNum)}` });
      continue;
    }
    if (!name) {
      result.errors.push({ file, line, message: `record ${entNum} has no SDN_Name` });
      continue;
    }
    const key = `ofac-${entNum}`;
    if (nodes.has(key)) {
      result.errors.push({ file, line, message: `ent_num ${entNum} appears twice` });
      continue;
    }
    const lowerType = type.toLowerCase();
    const attributes: EntityAttributes = {
      kind: lowerType === 'individual' ? 'Person' : 'Company',
      name,
      identifiers: [{ scheme: 'ofac', value: entNum }, ...identifiersFromRemarks(remarks)],
      sanctions: program
        .replace(/^\[|\]$/g, '')
        .split(/\]\s*\[/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => ({ authority: 'OFAC' as const, program: p })),
      topics: ['sanction'],
      source: { dataset, recordId: entNum, date: options.date },
    };
    if (lowerType === 'vessel' || lowerType === 'aircraft') attributes.topics = ['sanction', lowerType];
    if (attributes.sanctions!.length === 0) {
      result.errors.push({ file, line, message: `record ${entNum} has no program` });
      continue;
    }
    const flagCountry = countryCode(flag);
    if (flagCountry) attributes.country = flagCountry;
    if (callSign && lowerType === 'vessel') attributes.identifiers!.push({ scheme: 'call-sign', value: callSign });
    void title;
    nodes.set(key, { key, attributes });
    const nk = nameKey(name);
    byName.set(nk, [...(byName.get(nk) ?? []), key]);
    if (remarks || owner) remarksOf.set(key, { remarks, owner, line });
  }

  let orphanAlts = 0;
  for (const { line, fields } of alts) {
    const [entNum, , , altName] = fields as [string, string, string, string, string];
    const node = nodes.get(`ofac-${entNum}`);
    if (!node) {
      orphanAlts += 1;
      continue;
    }
    if (!altName) {
      result.warnings.push({ file: altFile!, line, message: `alias of ${entNum} is empty` });
      continue;
    }
    if (altName !== node.attributes.name) node.attributes.aliases = addUnique(node.attributes.aliases, altName);
    const ak = nameKey(altName);
    byAlias.set(ak, addUnique(byAlias.get(ak), node.key));
  }
  let orphanAdds = 0;
  for (const { fields } of adds) {
    const [entNum, , street, city, country] = fields as [string, string, string, string, string, string];
    const node = nodes.get(`ofac-${entNum}`);
    if (!node) {
      orphanAdds += 1;
      continue;
    }
    const text = [street, city, country].filter(Boolean).join(', ');
    if (!text) continue;
    const a = node.attributes;
    const parts = a.address ? a.address.split(' | ') : [];
    if (!parts.includes(text)) a.address = [...parts, text].join(' | ');
    if (!a.country) {
      const code = countryCode(country);
      if (code) a.country = code;
    }
  }
  if (orphanAlts)
    result.warnings.push({
      file: altFile!,
      message: `${orphanAlts} aliases name an ent_num that sdn.csv does not hold (the files are of different dates); skipped`,
    });
  if (orphanAdds)
    result.warnings.push({
      file: addFile!,
      message: `${orphanAdds} addresses name an ent_num that sdn.csv does not hold (the files are of different dates); skipped`,
    });

  const resolveName = (name: string): { key?: string; ambiguous?: string[] } => {
    const nk = nameKey(name);
    const primary = byName.get(nk) ?? [];
    if (primary.length === 1) return { key: primary[0]! };
    if (primary.length > 1) return { ambiguous: primary };
    const alias = byAlias.get(nk) ?? [];
    if (alias.length === 1) return { key: alias[0]! };
    if (alias.length > 1) return { ambiguous: alias };
    return {};
  };

  const edges: SnapshotEdge[] = [];
  const edgeKeys = new Set<string>();
  for (const [key, { remarks, owner, line }] of remarksOf) {
    const entNum = key.slice('ofac-'.length);
    const links: { name: string; basis: string }[] = linkedToNames(remarks).map((name) => ({
      name,
      basis: 'OFAC Linked To',
    }));
    if (owner) links.push({ name: owner, basis: 'OFAC vessel owner' });
    for (const { name, basis } of links) {
      const hit = resolveName(name);
      if (!hit.key) {
        if (basis === 'OFAC vessel owner' && !hit.ambiguous) continue;
        result.warnings.push({
          file,
          line,
          message: hit.ambiguous
            ? `record ${entNum}: "${name}" names several SDN records (${hit.ambiguous.join(', ')}); no link made`
            : `record ${entNum}: Linked To "${name}" matches no SDN record by name or alias; no link made`,
        });
        continue;
      }
      if (hit.key === key) continue;
      const edgeKey = `${key}>${basis === 'OFAC vessel owner' ? 'owner' : 'link'}>${hit.key}`;
      if (edgeKeys.has(edgeKey)) continue;
      edgeKeys.add(edgeKey);
      edges.push({
        key: edgeKey,
        source: key,
        target: hit.key,
        attributes: { kind: 'LINKED_TO', basis, source: { dataset, recordId: entNum, date: options.date } },
      });
    }
  }
  result.nodes = [...nodes.values()];
  result.edges = edges;
  return result;
}

/** True for the companion files of an SDN list, which readSdn reads itself. */
export function isSdnCompanion(file: string): boolean {
  return /^(add|alt)\.csv$/i.test(basename(file));
}
