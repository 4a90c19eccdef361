/**
 * Generic CSV of nodes and edges, the layout `lookthrough export --format csv` writes (see README, "Import and
 * export formats"). A file whose header has `source` and `target` holds edges; one with `key` and `kind` (and no
 * `source`) holds nodes. Lists inside a cell are separated by `;`: aliases, topics, identifiers
 * (`scheme:value`), sanctions (`AUTHORITY|program|listed|delisted`). Provenance columns: sourceDataset,
 * sourceRecordId, sourceDate (defaults: --source or the file name, the key, the import date).
 *
 * Every row is checked with the same rules as snapshot JSON (src/domain/validate-snapshot.ts); an error names
 * the line and the column.
 */
import type { Provenance } from '../domain/model.ts';
import type { SnapshotEdge, SnapshotNode } from '../domain/snapshot.ts';
import { validateSnapshot } from '../domain/validate-snapshot.ts';
import { readCsvRecords } from './csv-records.ts';
import { baseName, emptyResult } from './types.ts';
import type { ImportResult, ReaderOptions } from './types.ts';

export const NODE_COLUMNS = [
  'key',
  'kind',
  'name',
  'aliases',
  'country',
  'identifiers',
  'sanctions',
  'topics',
  'governmentType',
  'lat',
  'lon',
  'powerMw',
  'hashratePhs',
  'category',
  'address',
  'illustrative',
  'sourceDataset',
  'sourceRecordId',
  'sourceDate',
] as const;

export const EDGE_COLUMNS = [
  'key',
  'source',
  'target',
  'kind',
  'percent',
  'percentMin',
  'percentMax',
  'votingPercent',
  'from',
  'to',
  'jointArrangement',
  'basis',
  'sourceDataset',
  'sourceRecordId',
  'sourceDate',
] as const;

const NUMBER_COLUMNS = new Set([
  'lat',
  'lon',
  'powerMw',
  'hashratePhs',
  'percent',
  'percentMin',
  'percentMax',
  'votingPercent',
]);

const list = (cell: string): string[] =>
  cell
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);

function numberOrText(value: string): number | string {
  const n = Number(value);
  return value.trim() !== '' && Number.isFinite(n) ? n : value;
}

/** The row's own provenance when it has a dataset (e.g. a Lookthrough export), else this import's. */
function provenance(row: Record<string, string>, dataset: string, key: string, date: string): Provenance {
  if (row.sourceDataset) {
    return {
      dataset: row.sourceDataset,
      ...(row.sourceRecordId ? { recordId: row.sourceRecordId } : {}),
      ...(row.sourceDate ? { date: row.sourceDate } : {}),
    };
  }
  return { dataset, recordId: row.sourceRecordId || key, date: row.sourceDate || date };
}

export function readGenericCsv(file: string, options: ReaderOptions): ImportResult {
  const result = emptyResult();
  const dataset = options.source ?? baseName(file).replace(/[.-](nodes|edges)$/, '');
  const csv = readCsvRecords(file, result);
  if (!csv) return result;
  const { records } = csv;
  const headers = csv.headers.map((h) => h.trim());
  const isEdges = headers.includes('source') && headers.includes('target');
  const known = new Set<string>(isEdges ? EDGE_COLUMNS : NODE_COLUMNS);
  // Analysis columns of a Lookthrough CSV export are derived figures: recomputed, not imported.
  const derived = new Set([
    'flags',
    'sanctionedPercent',
    'sanctionedPercentMax',
    'statePercent',
    'controlledBy',
    'stateControlledBy',
    'nearestSite',
    'nearestSiteKm',
    'nearestSiteMiles',
    'explanation',
    'explanationJson',
  ]);
  const unknown = headers.filter((h) => !known.has(h) && !derived.has(h));
  if (unknown.length) result.warnings.push({ file, line: 1, message: `columns ignored: ${unknown.join(', ')}` });
  const needed = isEdges ? ['source', 'target', 'kind'] : ['key', 'kind', 'name'];
  const missing = needed.filter((h) => !headers.includes(h));
  if (missing.length) {
    result.errors.push({
      file,
      line: 1,
      message: `the header lacks ${missing.join(', ')} (nodes: key,kind,name,...; edges: source,target,kind,...)`,
    });
    return result;
  }
  for (const { record: row, info } of records) {
    const line = info.lines;
    const attributes: Record<string, unknown> = {};
    for (const column of isEdges ? EDGE_COLUMNS : NODE_COLUMNS) {
      const cell = row[column];
      if (
        cell === undefined ||
        cell === '' ||
        ['key', 'source', 'target'].includes(column) ||
        column.startsWith('source')
      )
        continue;
      if (NUMBER_COLUMNS.has(column)) attributes[column] = numberOrText(cell);
      else if (column === 'aliases' || column === 'topics') attributes[column] = list(cell);
      else if (column === 'identifiers')
        attributes.identifiers = list(cell).map((s) => {
          const at = s.indexOf(':');
          return at < 0 ? { scheme: 'id', value: s } : { scheme: s.slice(0, at), value: s.slice(at + 1) };
        });
      else if (column === 'sanctions')
        attributes.sanctions = list(cell).map((s) => {
          const [authority, program, listed, delisted] = s.split('|').map((p) => p.trim());
          return {
            authority,
            program: program ?? '',
            ...(listed ? { listed } : {}),
            ...(delisted ? { delisted } : {}),
          };
        });
      else if (column === 'illustrative') attributes.illustrative = cell.toLowerCase() === 'true';
      else attributes[column] = cell;
    }
    const key = row.key ?? '';
    let probe: unknown;
    if (isEdges) {
      const edgeKey = key || `${dataset}:${row.source}>${row.kind}>${row.target}#${line}`;
      attributes.source = provenance(row, dataset, edgeKey, options.date);
      const edge = { key: edgeKey, source: row.source ?? '', target: row.target ?? '', attributes };
      probe = {
        nodes: [edge.source, edge.target]
          .filter(Boolean)
          .map((k) => ({ key: k, attributes: { kind: 'Company', name: k } })),
        edges: [edge],
      };
    } else {
      attributes.source = provenance(row, dataset, key, options.date);
      probe = { nodes: [{ key, attributes }], edges: [] };
    }
    const checked = validateSnapshot(probe);
    if (!checked.ok) {
      for (const message of checked.errors) {
        result.errors.push({
          file,
          line,
          message: message.replace(/^(nodes|edges)\[\d+\]( \(key "[^"]*"\))?: (attributes\.)?/, ''),
        });
      }
      continue;
    }
    if (isEdges) result.edges.push(checked.snapshot.edges[0] as SnapshotEdge);
    else result.nodes.push(checked.snapshot.nodes[0] as SnapshotNode);
  }
  return result;
}
