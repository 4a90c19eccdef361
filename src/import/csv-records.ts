/** Reading a CSV file with a header row into records, for the generic CSV and sites readers. */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { ImportResult } from './types.ts';

export interface CsvRecords {
  /** The header row as csv-parse read it (unquoted), also when the file has no data rows. */
  headers: string[];
  records: { record: Record<string, string>; info: { lines: number } }[];
}

/**
 * Parses `file` (a UTF-8 byte-order mark is dropped). A malformed file adds an error naming the file and line to
 * `result` and returns null.
 */
export function readCsvRecords(
  file: string,
  result: ImportResult,
  options: { trim?: boolean } = {},
): CsvRecords | null {
  let headers: string[] = [];
  try {
    const parsed: unknown = parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), {
      columns: (header: string[]) => {
        headers = header;
        return header;
      },
      info: true,
      skip_empty_lines: true,
      ...(options.trim ? { trim: true } : {}),
    });
    return { headers, records: parsed as CsvRecords['records'] };
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    result.errors.push({
      file,
      ...(e.lines ? { line: e.lines } : {}),
      message: `malformed CSV: ${e.message ?? String(error)}`,
    });
    return null;
  }
}
