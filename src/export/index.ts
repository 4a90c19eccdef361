/**
 * Export: a subgraph (snapshot) with what it is, analysed by the engine, written in one of the formats.
 */
import { analyzeGraph } from '../domain/analysis/analyze.ts';
import type { SanctionsRegime } from '../domain/analysis/types.ts';
import { fromSnapshot } from '../domain/snapshot.ts';
import type { OwnershipSnapshot } from '../domain/snapshot.ts';
import { writeBods } from './bods.ts';
import { writeCsv } from './csv.ts';
import type { ExportDocument, ExportFile, ExportFormat, ExportMeta } from './document.ts';
import { writeFtm } from './ftm.ts';
import { writeGexf } from './gexf.ts';
import { writeGraphml } from './graphml.ts';
import { writeJson } from './json.ts';

export interface BuildOptions {
  query: string;
  params: Record<string, unknown>;
  asOf: string;
  /** ISO date-time of the export (the caller reads the clock). */
  exportedAt: string;
  /** Run the engine with this sanctions regime; absent: no analysis. */
  rule?: SanctionsRegime;
}

export function buildExportDocument(snapshot: OwnershipSnapshot, options: BuildOptions): ExportDocument {
  const meta: ExportMeta = {
    title: `Lookthrough export: ${options.query}`,
    query: options.query,
    params: options.params,
    asOf: options.asOf,
    exportedAt: options.exportedAt,
    generator: 'Lookthrough',
    nodes: snapshot.nodes.length,
    edges: snapshot.edges.length,
    ...(snapshot.attributes?.truncated !== undefined ? { truncated: snapshot.attributes.truncated } : {}),
    ...(typeof snapshot.attributes?.root === 'string' ? { root: snapshot.attributes.root } : {}),
  };
  const doc: ExportDocument = { meta, snapshot };
  if (options.rule) {
    meta.rule = options.rule;
    doc.analysis = analyzeGraph(fromSnapshot(snapshot), { rule: options.rule, asOf: options.asOf });
  }
  return doc;
}

export function writeExport(doc: ExportDocument, format: ExportFormat): ExportFile[] {
  switch (format) {
    case 'gexf':
      return writeGexf(doc);
    case 'graphml':
      return writeGraphml(doc);
    case 'json':
      return writeJson(doc);
    case 'csv':
      return writeCsv(doc);
    case 'ftm':
      return writeFtm(doc);
    case 'bods':
      return writeBods(doc);
  }
}
