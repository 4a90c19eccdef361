/**
 * Shapes shared by the importers: every reader turns one or more files into snapshot rows (nodes and edges in the
 * shape of src/domain/model.ts) plus errors and warnings that name the file and the row or JSON path.
 */
import type { SiteCategory } from '../domain/model.ts';
import type { SnapshotEdge, SnapshotNode } from '../domain/snapshot.ts';

export const IMPORT_FORMATS = ['ftm', 'bods', 'sdn', 'sites', 'csv', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** A problem found in a file: where (a 1-based line or row, or a JSON path) and what. */
export interface ImportIssue {
  file: string;
  line?: number;
  path?: string;
  message: string;
}

export interface ImportResult {
  nodes: SnapshotNode[];
  edges: SnapshotEdge[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

export interface ReaderOptions {
  /** Dataset name written into provenance (`source.dataset`); each reader has a default. */
  source?: string;
  /** Import date, YYYY-MM-DD, written into provenance (`source.date`). */
  date: string;
  /** Sites only: the category of every site in the file. */
  category?: SiteCategory;
}

export function emptyResult(): ImportResult {
  return { nodes: [], edges: [], errors: [], warnings: [] };
}

/** Appends `more` to `into` (in place) and returns `into`. */
export function mergeResults(into: ImportResult, more: ImportResult): ImportResult {
  for (const n of more.nodes) into.nodes.push(n);
  for (const e of more.edges) into.edges.push(e);
  for (const e of more.errors) into.errors.push(e);
  for (const w of more.warnings) into.warnings.push(w);
  return into;
}

/** The base name of a path without its directory and extension: the default dataset name of a file. */
export function baseName(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? file;
  return name.replace(/\.(json|jsonl|ndjson|csv|geojson|txt)$/i, '').replace(/\.ftm$/i, '');
}

/** Turns free text into a key fragment: lower case, runs of other characters become one `-`. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The YYYY-MM-DD part of a date or date-time, when it is a real calendar date; undefined otherwise. */
export function isoDate(text: string | undefined | null): string | undefined {
  if (!text) return undefined;
  const day = text.trim().slice(0, 10);
  if (!ISO_DATE.test(day)) return undefined;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day ? day : undefined;
}

/** Pushes a value into a list attribute unless it is already there (keeps order of first appearance). */
export function addUnique(list: string[] | undefined, ...values: (string | undefined)[]): string[] {
  const out = list ?? [];
  for (const v of values) if (v !== undefined && v !== '' && !out.includes(v)) out.push(v);
  return out;
}
