/**
 * Saved queries: `cypher/queries/<name>.cypher`, one query per file, with a header of `//` comment lines:
 *
 *   // name: facilities-near-sites
 *   // title: Facilities near sensitive sites
 *   // description: Facilities within $radiusKm of a sensitive site of a category.
 *   //   Further comment lines continue the description (or the previous param's description).
 *   // param: radiusKm float = 1.609 -- distance in kilometres (1 mile)
 *   // param: category string = "military" -- military, datacenter or power
 *
 * A param line is `param: <name> <type> [= <default>] [-- <description>]`. Types: string, integer, float, boolean,
 * date (ISO YYYY-MM-DD), list<string>. The default is a JSON value (strings and dates quoted); a param without a
 * default is required. The header ends at the first line that is not a comment. Every `$param` in the body must be
 * declared and every declared param used, so a typo fails when the file loads, not when someone runs it.
 *
 * Request values are validated with zod (a 400 names the bad param) and converted to driver values here, the only
 * place that knows them: integers become Neo4j Integers (a JavaScript number is sent as a float, which LIMIT and
 * ranges refuse) and dates become Neo4j Dates.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Date as Neo4jDate, int } from 'neo4j-driver';
import { z } from 'zod';
import { DatabaseError } from './errors.ts';
import { CYPHER_DIR } from './queries.ts';
import { runReadQuery, stripCommentsAndStrings } from './read-only.ts';
import type { QueryResult, ResultLimits } from './read-only.ts';
import type { Database } from './database.ts';

export const SAVED_QUERIES_DIR = join(CYPHER_DIR, 'queries');

export const PARAM_TYPES = ['string', 'integer', 'float', 'boolean', 'date', 'list<string>'] as const;
export type SavedParamType = (typeof PARAM_TYPES)[number];
export type SavedParamValue = string | number | boolean | string[];

export interface SavedQueryParam {
  name: string;
  type: SavedParamType;
  /** Absent: the param is required. */
  default?: SavedParamValue;
  description?: string;
}

export interface SavedQuery {
  name: string;
  title: string;
  description: string;
  params: SavedQueryParam[];
  /** The query text, header included (comments are harmless to Neo4j). */
  cypher: string;
}

/** A saved query file is malformed: the message names the file and the line. */
export class SavedQueryFormatError extends DatabaseError {}

/** There is no saved query of that name. */
export class SavedQueryNotFoundError extends DatabaseError {
  constructor(readonly queryName: string) {
    super(`No saved query named "${queryName}"; GET /api/queries lists them.`);
  }
}

/** A request gave a bad value for a param (or an unknown param): `param` names it. */
export class InvalidQueryParameterError extends DatabaseError {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(`Parameter "${param}": ${message}`);
  }
}

const NAME = /^[a-z0-9][a-z0-9-]*$/;
const PARAM_LINE =
  /^param:\s*([A-Za-z_][A-Za-z0-9_]*)\s+(string|integer|float|boolean|date|list<string>)(?:\s*=\s*(.+?))?(?:\s+--\s+(.*))?$/;
const KEY_LINE = /^(name|title|description|param):\s*(.*)$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** `$name` outside comments and string literals is a param reference; `$(expr)` (dynamic labels) is not. */
const PARAM_REF = /\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Parses one saved query file. `fileName` (without folder) must match the `name:` header. */
export function parseSavedQuery(text: string, fileName: string): SavedQuery {
  const fail = (line: number, message: string): never => {
    throw new SavedQueryFormatError(`${fileName}${line > 0 ? `:${line}` : ''}: ${message}`);
  };
  const lines = text.split(/\r?\n/);
  let name: string | undefined;
  let title: string | undefined;
  const description: string[] = [];
  const params: SavedQueryParam[] = [];
  let last: 'description' | 'param' | 'other' = 'other';
  let bodyStart = lines.length;
  for (const [index, raw] of lines.entries()) {
    const trimmed = raw.trim();
    if (trimmed === '') {
      last = 'other';
      continue;
    }
    if (!trimmed.startsWith('//')) {
      bodyStart = index;
      break;
    }
    const content = trimmed.replace(/^\/\/\s?/, '').trim();
    const key = KEY_LINE.exec(content);
    if (!key) {
      if (content === '') continue;
      if (last === 'description') description.push(content);
      else if (last === 'param') {
        const param = params.at(-1);
        if (param) param.description = [param.description, content].filter(Boolean).join(' ');
      }
      continue;
    }
    const [, field, value = ''] = key;
    if (field === 'name') {
      if (name !== undefined) fail(index + 1, 'a second "name:" line');
      name = value.trim();
      last = 'other';
    } else if (field === 'title') {
      title = value.trim();
      last = 'other';
    } else if (field === 'description') {
      description.push(value.trim());
      last = 'description';
    } else {
      params.push(parseParamLine(content, index + 1, fail));
      last = 'param';
    }
  }
  const expected = basename(fileName).replace(/\.cypher$/, '');
  if (name === undefined || name === '') return fail(0, 'the header has no "// name: ..." line');
  if (!NAME.test(name)) fail(0, `name "${name}" is not kebab-case`);
  if (name !== expected) fail(0, `name "${name}" differs from the file name "${expected}"`);
  if (description.length === 0) fail(0, 'the header has no "// description: ..." line');
  const seen = new Set<string>();
  for (const param of params) {
    if (seen.has(param.name)) fail(0, `param "${param.name}" is declared twice`);
    seen.add(param.name);
  }
  const body = lines.slice(bodyStart).join('\n');
  if (body.trim() === '') fail(0, 'there is no query after the header');
  const used = referencedParams(body);
  for (const ref of used) if (!seen.has(ref)) fail(0, `the query uses $${ref}, which the header does not declare`);
  for (const param of params) if (!used.has(param.name)) fail(0, `param "${param.name}" is declared but never used`);
  return {
    name,
    title: title || name,
    description: description.join(' '),
    params,
    cypher: text,
  };
}

function parseParamLine(
  content: string,
  line: number,
  fail: (line: number, message: string) => never,
): SavedQueryParam {
  const match = PARAM_LINE.exec(content);
  if (!match) {
    return fail(
      line,
      `cannot read "${content}": expected "param: <name> <${PARAM_TYPES.join('|')}> [= <JSON default>] [-- <description>]"`,
    );
  }
  const [, name = '', type = 'string', defaultText, description] = match;
  const param: SavedQueryParam = { name, type: type as SavedParamType };
  if (description) param.description = description.trim();
  if (defaultText !== undefined) {
    let value: unknown;
    try {
      value = JSON.parse(defaultText);
    } catch {
      return fail(line, `the default of "${name}" is not JSON (quote strings and dates): ${defaultText}`);
    }
    const parsed = paramSchema(param.type).safeParse(value);
    if (!parsed.success) {
      return fail(line, `the default of "${name}" is not a valid ${type}: ${parsed.error.issues[0]?.message ?? ''}`);
    }
    param.default = parsed.data;
  }
  return param;
}

/** Names referenced as `$name` in Cypher text, ignoring comments and string literals. */
export function referencedParams(cypher: string): Set<string> {
  const code = stripCommentsAndStrings(cypher);
  return new Set([...code.matchAll(PARAM_REF)].map((m) => m[1] ?? ''));
}

function isCalendarDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const MAX_TEXT = 10_000;

/** The zod schema of one param type. Strings of digits and "true"/"false" are accepted for numbers and booleans. */
export function paramSchema(type: SavedParamType): z.ZodType<SavedParamValue> {
  switch (type) {
    case 'string':
      return z.string({ error: 'expected a string' }).max(MAX_TEXT);
    case 'integer':
      return z
        .union(
          [
            z.number(),
            z
              .string()
              .regex(/^-?\d+$/)
              .transform(Number),
          ],
          { error: 'expected an integer' },
        )
        .refine((v) => Number.isSafeInteger(v), { error: 'expected an integer' });
    case 'float':
      return z
        .union(
          [
            z.number(),
            z
              .string()
              .regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/)
              .transform(Number),
          ],
          {
            error: 'expected a number',
          },
        )
        .refine((v) => Number.isFinite(v), { error: 'expected a finite number' });
    case 'boolean':
      return z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')], {
        error: 'expected true or false',
      });
    case 'date':
      return z
        .string({ error: 'expected a date as YYYY-MM-DD' })
        .refine(isCalendarDate, { error: 'expected a date as YYYY-MM-DD' });
    case 'list<string>':
      return z
        .array(z.string({ error: 'expected a list of strings' }).max(MAX_TEXT), {
          error: 'expected a list of strings',
        })
        .max(MAX_TEXT);
  }
}

/**
 * Validates request params against a saved query's header: unknown names, missing required params and values of
 * the wrong type throw InvalidQueryParameterError naming the param; absent params take their defaults.
 * Returns plain values (dates as ISO strings), for echoing back; see `toDriverParams` for running.
 */
export function validateParams(query: SavedQuery, input: unknown): Record<string, SavedParamValue> {
  if (input !== undefined && input !== null && (typeof input !== 'object' || Array.isArray(input))) {
    throw new InvalidQueryParameterError('params', 'expected an object of parameter values');
  }
  const given = (input ?? {}) as Record<string, unknown>;
  const declared = new Set(query.params.map((p) => p.name));
  for (const key of Object.keys(given)) {
    if (!declared.has(key)) {
      const names = query.params.map((p) => p.name).join(', ') || 'none';
      throw new InvalidQueryParameterError(key, `"${query.name}" has no such parameter (it takes: ${names})`);
    }
  }
  const values: Record<string, SavedParamValue> = {};
  for (const param of query.params) {
    const raw = given[param.name];
    if (raw === undefined || raw === null) {
      if (param.default === undefined) throw new InvalidQueryParameterError(param.name, `required (${param.type})`);
      values[param.name] = param.default;
      continue;
    }
    const parsed = paramSchema(param.type).safeParse(raw);
    if (!parsed.success) {
      throw new InvalidQueryParameterError(
        param.name,
        `${parsed.error.issues[0]?.message ?? 'invalid'} (${param.type}), got ${JSON.stringify(raw).slice(0, 100)}`,
      );
    }
    values[param.name] = parsed.data;
  }
  return values;
}

/** Plain validated values -> driver values: integers as Neo4j Integers, dates as Neo4j Dates. */
export function toDriverParams(query: SavedQuery, values: Record<string, SavedParamValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const param of query.params) {
    const value = values[param.name];
    if (param.type === 'integer' && typeof value === 'number') out[param.name] = int(value);
    else if (param.type === 'date' && typeof value === 'string') {
      const [y, m, d] = value.split('-').map(Number);
      out[param.name] = new Neo4jDate(y ?? 1970, m ?? 1, d ?? 1);
    } else out[param.name] = value;
  }
  return out;
}

/** Reads every `*.cypher` in `dir`, sorted by name. Throws SavedQueryFormatError on the first bad file. */
export function loadSavedQueries(dir: string = SAVED_QUERIES_DIR): SavedQuery[] {
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.cypher'))
    .sort();
  return files.map((file) => parseSavedQuery(readFileSync(join(dir, file), 'utf8'), file));
}

/** The public description of a saved query (no Cypher text is needed to run it, but it is shown for review). */
export function describeSavedQuery(query: SavedQuery): {
  name: string;
  title: string;
  description: string;
  params: SavedQueryParam[];
  cypher: string;
} {
  return {
    name: query.name,
    title: query.title,
    description: query.description,
    params: query.params,
    cypher: query.cypher,
  };
}

/** Validates the params and runs the saved query read-only, with the same limits as ad-hoc Cypher. */
export async function runSavedQuery(
  db: Database,
  query: SavedQuery,
  input: unknown,
  limits: ResultLimits = {},
): Promise<QueryResult & { params: Record<string, SavedParamValue> }> {
  const values = validateParams(query, input);
  const result = await runReadQuery(db, query.cypher, toDriverParams(query, values), limits, { query: query.name });
  return { ...result, params: values };
}
