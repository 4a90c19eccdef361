/**
 * Running Cypher that a request sends, without letting it change anything or reach outside the database.
 *
 * Layers, each enough on its own for the common cases, together for the rest:
 * 1. A lexical screen of the query text (comments and strings blanked first): LOAD CSV, USE, administration
 *    commands (users, roles, privileges, databases, servers, settings, transactions), procedures outside the
 *    allow-list and `apoc.*` functions outside theirs are refused before Neo4j sees the query. Neo4j would refuse
 *    some of these itself (unknown procedures, no APOC installed), but the answer must say why, and be the same
 *    whether or not a plugin happens to be installed.
 * 2. `EXPLAIN` (plans, runs nothing): the summary's query type must be `r` (read only); `rw`, `w` (writes) and
 *    `s` (schema or administration) are refused. Then every operator of the plan is checked: LoadCSV, ProcedureCall
 *    of a procedure outside the allow-list, administration and transaction-management operators are refused.
 * 3. The query then runs in a READ transaction (session access mode READ), in which Neo4j itself refuses writes,
 *    with a server-side timeout, and its result is streamed and cut at the node and row caps, which the answer
 *    reports as `truncated: true`.
 *
 * Functions cannot write in Neo4j, and no built-in function reads files or URLs; APOC is not installed, and its
 * functions that could (apoc.load.*, apoc.cypher.*) are outside the allow-list anyway.
 */
import { int, isNode, isPath, isRelationship } from 'neo4j-driver';
import type { ManagedTransaction, Node, Record as Neo4jRecord, Relationship } from 'neo4j-driver';
import { STAKE_KINDS } from '../domain/model.ts';
import type { OwnershipSnapshot, SnapshotEdge } from '../domain/snapshot.ts';
import type { Database } from './database.ts';
import { DatabaseError, QueryError } from './errors.ts';
import { fetchEntities } from './graph-repository.ts';
import { relationshipKeyOf, serializeRecords, serializeValue } from './serialize.ts';
import type { PlainMap } from './serialize.ts';
import { stakeFromProps } from './snapshot-mapping.ts';

/** Replaces comments and string literals with spaces (keeping positions), so scans see only code. */
export function stripCommentsAndStrings(cypher: string): string {
  let out = '';
  let i = 0;
  while (i < cypher.length) {
    const c = cypher[i];
    const next = cypher[i + 1];
    if (c === '/' && next === '/') {
      const end = cypher.indexOf('\n', i);
      const stop = end < 0 ? cypher.length : end;
      out += ' '.repeat(stop - i);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = cypher.indexOf('*/', i + 2);
      const stop = end < 0 ? cypher.length : end + 2;
      out += cypher.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < cypher.length && cypher[j] !== c) j += cypher[j] === '\\' ? 2 : 1;
      const stop = Math.min(j + 1, cypher.length);
      // Keep the quotes so that `'x'` stays one token; blank the content.
      out += c + ' '.repeat(Math.max(0, stop - i - 2)) + (stop - i >= 2 ? c : '');
      i = stop;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/** Read-only procedures a request may call: schema reads and full-text search. */
export const ALLOWED_PROCEDURES: readonly string[] = [
  'db.labels',
  'db.relationshipTypes',
  'db.propertyKeys',
  'db.schema.visualization',
  'db.schema.nodeTypeProperties',
  'db.schema.relTypeProperties',
  'db.index.fulltext.queryNodes',
  'db.index.fulltext.queryRelationships',
];

/** Read-only, side-effect-free APOC functions, for a Neo4j that has APOC installed (this project's has not). */
export const ALLOWED_APOC_FUNCTIONS: readonly string[] = [
  'apoc.coll.sum',
  'apoc.coll.avg',
  'apoc.coll.max',
  'apoc.coll.min',
  'apoc.coll.toSet',
  'apoc.coll.sort',
  'apoc.coll.flatten',
  'apoc.text.join',
  'apoc.text.clean',
  'apoc.text.levenshteinDistance',
  'apoc.text.jaroWinklerDistance',
  'apoc.text.fuzzyMatch',
  'apoc.map.fromPairs',
  'apoc.map.merge',
];

/** SHOW commands that read the schema only. SHOW TRANSACTIONS (other users' queries), SETTINGS, USERS ... are refused. */
const ALLOWED_SHOW_OPERATORS = new Set(['ShowIndexes', 'ShowConstraints', 'ShowProcedures', 'ShowFunctions']);

/** A query was refused: the message says why. Maps to HTTP 403. */
export class QueryRefusedError extends DatabaseError {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/** The query is not a single usable statement (empty, EXPLAIN/PROFILE prefix). Maps to HTTP 400. */
export class QueryRejectedError extends DatabaseError {}

export interface ResultLimits {
  /** Stop after this many distinct nodes in the result (default 10,000). */
  maxNodes?: number;
  /** Stop after this many rows (default 10,000). */
  maxRows?: number;
  /** Server-side transaction timeout (default: the Database's, else 30 s). */
  timeoutMs?: number;
}

export const DEFAULT_LIMITS = { maxNodes: 10_000, maxRows: 10_000, timeoutMs: 30_000 } as const;

export interface QueryResult {
  columns: string[];
  rows: PlainMap[];
  /** The :Entity nodes and ownership relationships found in the result, as an ownership snapshot. */
  graph: OwnershipSnapshot;
  /** True when a cap cut the result: more rows or nodes exist than were returned. */
  truncated: boolean;
}

const ADMIN_OBJECTS =
  'USERS?|ROLES?|PRIVILEGES?|DATABASES?|COMPOSITE|ALIAS(?:ES)?|SERVERS?|SETTINGS?|TRANSACTIONS?|CURRENT\\s+USER|DEFAULT\\s+DATABASE|HOME\\s+DATABASE|ALL\\s+ROLES|POPULATED\\s+ROLES|SUPPORTED\\s+PRIVILEGES?|USER\\s+PRIVILEGES?|ROLE\\s+PRIVILEGES?';

interface Screen {
  pattern: RegExp;
  reason: string;
  message: (match: RegExpExecArray) => string;
}

const SCREENS: Screen[] = [
  {
    pattern: /\bLOAD\s+CSV\b/i,
    reason: 'load-csv',
    message: () => 'LOAD CSV is refused: it reads files and URLs, and queries sent to the API may read only the graph.',
  },
  {
    // USE opens a query, a subquery (`CALL { USE ...`) or a UNION branch; `WITH 1 AS use` is a variable.
    pattern: /(?:^\s*(?:CYPHER\b[^\n]*?\s)?|\{\s*|\bUNION(?:\s+ALL|\s+DISTINCT)?\s+)USE\s+[\w`]/i,
    reason: 'use-clause',
    message: () => 'USE is refused: queries run against the configured database only.',
  },
  {
    pattern: /^\s*(?:CYPHER\b[^\n]*?\s)?(GRANT|DENY|REVOKE|ALTER|RENAME|DEALLOCATE|REALLOCATE|ENABLE|DRYRUN)\b/i,
    reason: 'administration',
    message: (m) =>
      `${(m[1] ?? '').toUpperCase()} is an administration command; the API runs read-only graph queries only.`,
  },
  {
    pattern: new RegExp(
      `(?:^|\\s)(CREATE|DROP|START|STOP|SHOW|TERMINATE)\\s+(?:OR\\s+REPLACE\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?(${ADMIN_OBJECTS}|USER|ROLE|DATABASE|SERVER|ALIAS)\\b`,
      'i',
    ),
    reason: 'administration',
    message: (m) =>
      `${(m[1] ?? '').toUpperCase()} ${(m[2] ?? '').toUpperCase().replace(/\s+/g, ' ')} is an administration command; the API runs read-only graph queries only.`,
  },
  {
    pattern: /\bdbms\s*\.\s*[\w.`]+/i,
    reason: 'dbms',
    message: (m) => `${m[0].replace(/\s|`/g, '')} is refused: dbms.* procedures and functions administer the server.`,
  },
];

/** `CALL name(` / `CALL name YIELD` / `CALL name` at the end: a procedure call (not `CALL {` or `CALL (x) {`). */
const PROCEDURE_CALL = /\bCALL\s+(?![{(])([A-Za-z_`][\w`]*(?:\s*\.\s*[A-Za-z_`][\w`]*)*)/gi;
const APOC_FUNCTION = /(?:^|[^.\w`])`?(apoc(?:\s*\.\s*`?[A-Za-z_][\w]*`?)+)\s*\(/gi;

function normaliseName(name: string): string {
  return name.replace(/[`\s]/g, '');
}

function isAllowedProcedure(name: string): boolean {
  return ALLOWED_PROCEDURES.some((allowed) => allowed.toLowerCase() === name.toLowerCase());
}

function refuseProcedure(name: string): QueryRefusedError {
  return new QueryRefusedError(
    'procedure',
    `Procedure ${name} is refused: only these read-only procedures may be called: ${ALLOWED_PROCEDURES.join(', ')}.`,
  );
}

/** Layer 1: the lexical screen. Throws QueryRejectedError or QueryRefusedError; returns nothing when it passes. */
export function screenQueryText(query: string): void {
  const code = stripCommentsAndStrings(query);
  if (code.trim() === '') throw new QueryRejectedError('The query is empty.');
  if (/^\s*(?:CYPHER\b[^\n]*?\s)?(EXPLAIN|PROFILE)\b/i.test(code)) {
    throw new QueryRejectedError('Send the query without EXPLAIN or PROFILE: the server explains every query itself.');
  }
  if (/;\s*\S/.test(code)) throw new QueryRejectedError('Send one statement at a time (no ";" between statements).');
  for (const screen of SCREENS) {
    const match = screen.pattern.exec(code);
    if (match) throw new QueryRefusedError(screen.reason, screen.message(match));
  }
  for (const match of code.matchAll(PROCEDURE_CALL)) {
    const name = normaliseName(match[1] ?? '');
    if (!isAllowedProcedure(name)) throw refuseProcedure(name);
  }
  for (const match of code.matchAll(APOC_FUNCTION)) {
    const name = normaliseName(match[1] ?? '');
    if (!ALLOWED_APOC_FUNCTIONS.some((allowed) => allowed.toLowerCase() === name.toLowerCase())) {
      throw new QueryRefusedError(
        'apoc',
        `${name} is refused: only these read-only APOC functions may be used: ${ALLOWED_APOC_FUNCTIONS.join(', ')}.`,
      );
    }
  }
}

interface PlanLike {
  operatorType: string;
  arguments?: Record<string, unknown>;
  children?: PlanLike[];
}

/** Operator names without the `@database` suffix Neo4j 5 appends. */
function operatorName(plan: PlanLike): string {
  return plan.operatorType.replace(/@.*$/, '');
}

const WRITE_OPERATOR =
  /^(Create|Merge|Set|Delete|DetachDelete|Remove|Foreach|TransactionForeach|TransactionApply|LockingMerge|EmptyResult$)/;

/** Layer 2b: the operators of an EXPLAIN plan. Exported for unit tests with hand-made plans. */
export function checkPlan(plan: PlanLike): void {
  const stack: PlanLike[] = [plan];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) break;
    const op = operatorName(node);
    const details = typeof node.arguments?.Details === 'string' ? node.arguments.Details : '';
    if (op === 'LoadCSV') {
      throw new QueryRefusedError('load-csv', 'LOAD CSV is refused: it reads files and URLs.');
    }
    if (op === 'ProcedureCall' || op === 'SystemProcedureCall') {
      const name = /^\s*([\w.]+)\s*\(/.exec(details)?.[1] ?? details;
      if (!isAllowedProcedure(name)) throw refuseProcedure(name);
    } else if (/Administration|SystemCommand|Terminate|Privilege|User|Role|Database|Alias|Server/.test(op)) {
      throw new QueryRefusedError(
        'administration',
        `The plan contains ${op}: administration commands are refused; the API runs read-only graph queries only.`,
      );
    } else if (op.startsWith('Show') && !ALLOWED_SHOW_OPERATORS.has(op)) {
      throw new QueryRefusedError(
        'administration',
        `The plan contains ${op}: only SHOW INDEXES, CONSTRAINTS, PROCEDURES and FUNCTIONS are allowed.`,
      );
    } else if (WRITE_OPERATOR.test(op) && op !== 'EmptyResult') {
      throw new QueryRefusedError('write', `The plan contains ${op}: the query would change data.`);
    }
    stack.push(...(node.children ?? []));
  }
}

const QUERY_TYPE_REASONS: Record<string, string> = {
  rw: 'it reads and writes data',
  w: 'it writes data',
  s: 'it changes the schema or administers the database',
};

/**
 * Layers 1 and 2: refuses (QueryRefusedError) unless the query is a read. Neo4j's syntax errors come back as
 * QueryError. Runs `EXPLAIN` in a read transaction: nothing is executed.
 */
export async function assertReadOnly(
  db: Database,
  query: string,
  params: Record<string, unknown> = {},
  options: { timeoutMs?: number } = {},
): Promise<void> {
  screenQueryText(query);
  let summary: { queryType: string; plan: PlanLike | false };
  try {
    summary = await db.read(
      async (tx) => {
        const result = await tx.run(`EXPLAIN ${query}`, params);
        return { queryType: String(result.summary.queryType), plan: result.summary.plan as PlanLike | false };
      },
      { purpose: 'explain' },
      { timeoutMs: options.timeoutMs ?? 10_000 },
    );
  } catch (error) {
    if (error instanceof QueryError) {
      if (error.code === 'Neo.ClientError.Procedure.ProcedureNotFound') {
        const name = /name `([^`]+)`/.exec(error.message)?.[1] ?? 'this procedure';
        throw refuseProcedure(name);
      }
      if (
        error.code === 'Neo.ClientError.Statement.UnsupportedAdministrationCommand' ||
        error.code.startsWith('Neo.ClientError.Security.')
      ) {
        throw new QueryRefusedError(
          'administration',
          'Administration commands are refused; the API runs read-only graph queries only.',
        );
      }
    }
    throw error;
  }
  const reason = QUERY_TYPE_REASONS[summary.queryType];
  if (reason !== undefined || summary.queryType !== 'r') {
    throw new QueryRefusedError(
      'write',
      `The query is refused because ${reason ?? `its type is "${summary.queryType}"`} (EXPLAIN query type "${summary.queryType}"); only read queries (type "r") may run.`,
    );
  }
  if (summary.plan) checkPlan(summary.plan);
}

/**
 * JSON request params -> driver params: whole numbers become Neo4j Integers (a JavaScript number is sent as a
 * float, which `LIMIT $n` refuses), recursively through lists and maps; everything else as is.
 */
export function jsonToDriverParams(value: unknown): unknown {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return int(value);
  if (Array.isArray(value)) return value.map(jsonToDriverParams);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonToDriverParams(v)]));
  }
  return value;
}

/** Ad-hoc Cypher from a request: checked (assertReadOnly), then run read-only with limits (runReadQuery). */
export async function runUntrustedQuery(
  db: Database,
  query: string,
  params: Record<string, unknown>,
  limits: ResultLimits = {},
): Promise<QueryResult> {
  const driverParams = jsonToDriverParams(params) as Record<string, unknown>;
  await assertReadOnly(db, query, driverParams);
  return runReadQuery(db, query, driverParams, limits, { purpose: 'ad-hoc' });
}

/**
 * Runs a query in a READ transaction with a timeout, streaming the result and stopping at the caps (never a silent
 * cut: `truncated` says so). Returns the rows as plain data and the entities and relationships in them as a snapshot.
 */
export async function runReadQuery(
  db: Database,
  query: string,
  params: Record<string, unknown>,
  limits: ResultLimits = {},
  meta: Record<string, unknown> = {},
): Promise<QueryResult> {
  const maxNodes = limits.maxNodes ?? DEFAULT_LIMITS.maxNodes;
  const maxRows = limits.maxRows ?? DEFAULT_LIMITS.maxRows;
  return db.read(
    async (tx) => {
      const result = tx.run(query, params);
      const columns = (await result.keys()).map(String);
      const records: Neo4jRecord[] = [];
      const nodes = new Map<string, Node>();
      const relationships = new Map<string, Relationship>();
      let truncated = false;
      for await (const record of result) {
        if (records.length >= maxRows) {
          truncated = true;
          break;
        }
        const found = collectGraph(record.toObject());
        const newNodes = found.nodes.filter((node) => !nodes.has(node.elementId));
        const distinct = new Set(newNodes.map((node) => node.elementId)).size;
        if (nodes.size + distinct > maxNodes) {
          truncated = true;
          break;
        }
        for (const node of found.nodes) nodes.set(node.elementId, node);
        for (const rel of found.relationships) relationships.set(rel.elementId, rel);
        records.push(record);
      }
      const graph = await buildGraph(tx, nodes, relationships, maxNodes);
      if (graph.truncated) truncated = true;
      graph.snapshot.attributes = { truncated, maxNodes, maxRows };
      return { columns, rows: serializeRecords(records), graph: graph.snapshot, truncated };
    },
    { ...meta },
    limits.timeoutMs === undefined ? {} : { timeoutMs: limits.timeoutMs },
  );
}

function collectGraph(value: unknown): { nodes: Node[]; relationships: Relationship[] } {
  const nodes: Node[] = [];
  const relationships: Relationship[] = [];
  const walk = (item: unknown): void => {
    if (item === null || typeof item !== 'object') return;
    if (isNode(item)) nodes.push(item);
    else if (isRelationship(item)) relationships.push(item);
    else if (isPath(item)) {
      nodes.push(item.start);
      for (const segment of item.segments) {
        relationships.push(segment.relationship);
        nodes.push(segment.end);
      }
    } else if (Array.isArray(item)) for (const x of item) walk(x);
    else if (Object.getPrototypeOf(item) === Object.prototype) for (const x of Object.values(item)) walk(x);
  };
  walk(value);
  return { nodes, relationships };
}

// Entity ids by elementId, for relationship ends that the result did not return as nodes.
const ENTITY_IDS_BY_ELEMENT_ID = 'UNWIND $ids AS eid MATCH (n:Entity) WHERE elementId(n) = eid RETURN eid, n.id AS id';

async function buildGraph(
  tx: ManagedTransaction,
  nodes: Map<string, Node>,
  relationships: Map<string, Relationship>,
  maxNodes: number,
): Promise<{ snapshot: OwnershipSnapshot; truncated: boolean }> {
  const idByElement = new Map<string, string>();
  for (const [elementId, node] of nodes) {
    const id: unknown = (node.properties as Record<string, unknown>).id;
    if (node.labels.includes('Entity') && typeof id === 'string') idByElement.set(elementId, id);
  }
  let truncated = false;
  const stakeRels = [...relationships.values()].filter((rel) => (STAKE_KINDS as readonly string[]).includes(rel.type));
  const missing = [...new Set(stakeRels.flatMap((rel) => [rel.startNodeElementId, rel.endNodeElementId]))].filter(
    (eid) => !nodes.has(eid),
  );
  if (missing.length > 0) {
    const room = Math.max(0, maxNodes - nodes.size);
    if (missing.length > room) truncated = true;
    const ask = missing.slice(0, room);
    if (ask.length > 0) {
      const found = await tx.run(ENTITY_IDS_BY_ELEMENT_ID, { ids: ask });
      for (const record of found.records) idByElement.set(String(record.get('eid')), String(record.get('id')));
    }
  }
  const ids = [...new Set(idByElement.values())];
  const snapshotNodes = await fetchEntities(tx, ids);
  const edges: SnapshotEdge[] = [];
  for (const rel of stakeRels) {
    const source = idByElement.get(rel.startNodeElementId);
    const target = idByElement.get(rel.endNodeElementId);
    if (source === undefined || target === undefined) continue;
    const props = serializeValue(rel.properties) as Record<string, unknown>;
    const key = relationshipKeyOf(props, rel.elementId);
    edges.push({ key, source, target, attributes: stakeFromProps(rel.type, props) });
  }
  snapshotNodes.sort((a, b) => a.key.localeCompare(b.key));
  edges.sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''));
  return {
    snapshot: { options: { type: 'directed', multi: true, allowSelfLoops: false }, nodes: snapshotNodes, edges },
    truncated,
  };
}

/** Whether an error is a Neo4j timeout (the per-query limit), for callers outside src/db. */
export function isTimeoutError(error: unknown): boolean {
  return (
    error instanceof QueryError &&
    (error.code.includes('TransactionTimedOut') || error.code === 'Neo.ClientError.Transaction.TransactionTimedOut')
  );
}
