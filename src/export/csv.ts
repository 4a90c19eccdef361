/**
 * CSV nodes and edges: `-o graph.csv` writes `graph.nodes.csv`, `graph.edges.csv` and `graph.meta.json` (what
 * the export holds). The columns are the generic CSV import's (src/import/csv.ts) plus the analysis columns
 * (flags, figures, explanation), which the importer ignores.
 */
import { EDGE_COLUMNS, NODE_COLUMNS } from '../import/csv.ts';
import type { ExportDocument, ExportFile, Scalar } from './document.ts';
import { ANALYSIS_COLUMNS, analysisColumns } from './document.ts';
import { flattenEntity, flattenStake } from './flatten.ts';

export function csvCell(value: Scalar | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function table(columns: readonly string[], rows: Record<string, Scalar | undefined>[]): string {
  return [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\n') + '\n';
}

export function writeCsv(doc: ExportDocument): ExportFile[] {
  const analysed = doc.analysis !== undefined;
  const nodeColumns = [...NODE_COLUMNS, ...(analysed ? ANALYSIS_COLUMNS : [])];
  const nodes = doc.snapshot.nodes.map((n) => ({
    key: n.key,
    ...flattenEntity(n.attributes),
    ...analysisColumns(doc.analysis?.entities[n.key]),
  }));
  const edges = doc.snapshot.edges.map((e, i) => ({
    key: e.key ?? `e${i}`,
    source: e.source,
    target: e.target,
    ...flattenStake(e.attributes),
  }));
  return [
    { suffix: '.nodes.csv', content: table(nodeColumns, nodes) },
    { suffix: '.edges.csv', content: table(EDGE_COLUMNS, edges) },
    { suffix: '.meta.json', content: `${JSON.stringify(doc.meta, null, 2)}\n` },
  ];
}
