/**
 * The import dialog's pure parts: the format guessed from file names, and a report's problems as capped lists.
 */
import type { ImportFormat, ImportIssue } from '../../import/types.ts';

/** The format a file's name points to unambiguously, or undefined (a plain .csv or .json could be several). */
export function formatOfName(name: string): ImportFormat | undefined {
  const lower = name.toLowerCase();
  if (/(^|[\\/])(sdn|add|alt)\.csv$/.test(lower)) return 'sdn';
  if (/\.(nodes|edges)\.csv$/.test(lower)) return 'csv';
  if (/\.geojson$/.test(lower)) return 'sites';
  if (/\.ftm\.json$|\.(jsonl|ndjson)$/.test(lower)) return 'ftm';
  if (/\.bods\.json$/.test(lower)) return 'bods';
  return undefined;
}

/** The format all the files point to, when they all point to the same one; undefined otherwise. */
export function guessFormat(names: readonly string[]): ImportFormat | undefined {
  const formats = new Set(names.map(formatOfName));
  if (formats.size !== 1) return undefined;
  return [...formats][0];
}

/** Where a problem is: `file, line 4`, `file, $[3].path`, or just the file. */
export function issuePlace(issue: ImportIssue): string {
  const file = issue.file || 'upload';
  if (issue.line !== undefined) return `${file}, line ${issue.line}`;
  if (issue.path !== undefined) return `${file}, ${issue.path}`;
  return file;
}

/** The first `cap` issues and how many more there are (never dropped silently: the dialog says so). */
export function capIssues(issues: readonly ImportIssue[], cap: number): { shown: ImportIssue[]; more: number } {
  return { shown: issues.slice(0, cap), more: Math.max(0, issues.length - cap) };
}

/** `1 node`, `14,965 nodes`. */
export function countOf(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}
