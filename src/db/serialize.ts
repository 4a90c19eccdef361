/**
 * Driver values -> plain data, as neo4j/graphql's `utils/neo4j-serializers.ts` does: nothing of the driver's types
 * leaves src/db. A Neo4j Integer becomes a number when it is in JavaScript's safe range, else a decimal string;
 * nodes and relationships become graphology-shaped `{key, attributes}` objects; temporal values become ISO 8601
 * strings; points become `{srid, x, y, z?}`; lists and maps are converted recursively.
 */
import {
  isDate,
  isDateTime,
  isDuration,
  isInt,
  isLocalDateTime,
  isLocalTime,
  isNode,
  isPath,
  isPoint,
  isRelationship,
  isTime,
  isUnboundRelationship,
  isUUID,
  isVector,
} from 'neo4j-driver';
import type { Node, Path, Record as Neo4jRecord, Relationship, UnboundRelationship } from 'neo4j-driver';

export type PlainValue = null | boolean | number | string | PlainValue[] | PlainMap;
export type PlainMap = { [key: string]: PlainValue };

/** A node: `key` is its `id` property when it has one (the project's stable ids), else its elementId. */
export type PlainNode = { key: string; labels: string[]; attributes: PlainMap };

/**
 * A relationship. `source` and `target` are the keys of its end nodes when those nodes are in the same result
 * (see `serializeRecords`), else their elementIds.
 */
export type PlainRelationship = { key: string; type: string; source: string; target: string; attributes: PlainMap };

/** A relationship read inside a path segment or as a value without its ends. */
export type PlainUnboundRelationship = { key: string; type: string; attributes: PlainMap };

export type PlainPath = { nodes: PlainNode[]; relationships: PlainRelationship[] };

export type PlainPoint = { srid: number; x: number; y: number; z?: number };

/** elementId of a node -> its key, so that relationships can name their ends by key. */
export type NodeKeys = ReadonlyMap<string, string>;

/** Converts any value the driver returns into plain data. */
export function serializeValue(value: unknown, nodeKeys: NodeKeys = new Map()): PlainValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return value;
    case 'number':
      // JSON has no NaN or Infinity; keep them readable rather than turning them into null.
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
      return bigintToPlain(value);
    case 'function':
    case 'symbol':
      return null;
    default:
      break;
  }
  if (isInt(value)) return value.inSafeRange() ? value.toNumber() : value.toString();
  if (isNode(value)) return serializeNode(value);
  if (isRelationship(value)) return serializeRelationship(value, nodeKeys);
  if (isUnboundRelationship(value)) return serializeUnboundRelationship(value);
  if (isPath(value)) return serializePath(value, nodeKeys);
  if (isPoint(value)) return serializePoint(value);
  if (
    isDate(value) ||
    isDateTime(value) ||
    isLocalDateTime(value) ||
    isTime(value) ||
    isLocalTime(value) ||
    isDuration(value) ||
    isUUID(value)
  ) {
    return value.toString();
  }
  if (isVector(value)) return typedArrayToPlain(value.asTypedArray());
  if (ArrayBuffer.isView(value)) return typedArrayToPlain(value);
  if (Array.isArray(value)) return value.map((item) => serializeValue(item, nodeKeys));
  if (value instanceof Map) {
    const map: PlainMap = {};
    for (const [key, item] of value as Map<unknown, unknown>) map[String(key)] = serializeValue(item, nodeKeys);
    return map;
  }
  return serializeMap(value as Record<string, unknown>, nodeKeys);
}

/**
 * `serializeValue` typed loosely, for repositories that know what their query returns and cast the result
 * (`toPlain(record.get('n')) as PlainNode`).
 */
export const toPlain: (value: unknown, nodeKeys?: NodeKeys) => unknown = serializeValue;

export function serializeNode(node: Node): PlainNode {
  return {
    key: keyOf(node.properties, node.elementId),
    labels: [...node.labels],
    attributes: serializeMap(node.properties),
  };
}

export function serializeRelationship(relationship: Relationship, nodeKeys: NodeKeys = new Map()): PlainRelationship {
  return {
    key: relationshipKeyOf(relationship.properties, relationship.elementId),
    type: relationship.type,
    source: nodeKeys.get(relationship.startNodeElementId) ?? relationship.startNodeElementId,
    target: nodeKeys.get(relationship.endNodeElementId) ?? relationship.endNodeElementId,
    attributes: serializeMap(relationship.properties),
  };
}

function serializeUnboundRelationship(relationship: UnboundRelationship): PlainUnboundRelationship {
  return {
    key: relationshipKeyOf(relationship.properties, relationship.elementId),
    type: relationship.type,
    attributes: serializeMap(relationship.properties),
  };
}

export function serializePath(path: Path, nodeKeys: NodeKeys = new Map()): PlainPath {
  const keys = new Map(nodeKeys);
  collectNodeKeys(path, keys);
  const nodes = [serializeNode(path.start), ...path.segments.map((segment) => serializeNode(segment.end))];
  const relationships = path.segments.map((segment) => serializeRelationship(segment.relationship, keys));
  return { nodes, relationships };
}

/** Converts one record into a plain object keyed by the names in its RETURN clause. */
export function serializeRecord(record: Neo4jRecord, nodeKeys?: NodeKeys): PlainMap {
  const keys = nodeKeys ?? collectNodeKeys(record.toObject(), new Map());
  const row: PlainMap = {};
  for (const name of record.keys) row[String(name)] = serializeValue(record.get(name), keys);
  return row;
}

/**
 * Converts records, resolving relationship ends to node keys across the whole result: a query that returns
 * nodes in one column and relationships in another still gets `source`/`target` as node keys.
 */
export function serializeRecords(records: readonly Neo4jRecord[]): PlainMap[] {
  const keys = new Map<string, string>();
  for (const record of records) collectNodeKeys(record.toObject(), keys);
  return records.map((record) => serializeRecord(record, keys));
}

/** Walks a value and records the key of every node found in it (nodes, paths, lists, maps). */
export function collectNodeKeys(value: unknown, keys: Map<string, string>): Map<string, string> {
  if (value === null || typeof value !== 'object') return keys;
  if (isNode(value)) {
    keys.set(value.elementId, keyOf(value.properties, value.elementId));
  } else if (isPath(value)) {
    collectNodeKeys(value.start, keys);
    for (const segment of value.segments) collectNodeKeys(segment.end, keys);
  } else if (Array.isArray(value)) {
    for (const item of value) collectNodeKeys(item, keys);
  } else if (isPlainObject(value)) {
    for (const item of Object.values(value)) collectNodeKeys(item, keys);
  }
  return keys;
}

function serializeMap(map: Record<string, unknown>, nodeKeys: NodeKeys = new Map()): PlainMap {
  const plain: PlainMap = {};
  for (const [key, item] of Object.entries(map)) plain[key] = serializeValue(item, nodeKeys);
  return plain;
}

function serializePoint(point: { srid: unknown; x: number; y: number; z: number | undefined }): PlainPoint {
  const srid = serializeValue(point.srid);
  const plain: PlainPoint = { srid: typeof srid === 'number' ? srid : Number(srid), x: point.x, y: point.y };
  if (point.z !== undefined) plain.z = point.z;
  return plain;
}

/**
 * A relationship's key: its `id` when that is text and not empty, else its elementId. Every read keys relationships
 * so (query results here and in read-only.ts; the trace and whole-graph reads in cypher/app/upstream-subgraph.cypher
 * and analysis-edges.cypher): no two relationships written by another tool with an id of '' or of a number share a
 * key, and each has the same key whichever read gives it.
 */
export function relationshipKeyOf(properties: Record<string, unknown>, elementId: string): string {
  const id = properties.id;
  return typeof id === 'string' && id !== '' ? id : elementId;
}

function keyOf(properties: Record<string, unknown>, elementId: string): string {
  const id = properties.id;
  if (id === null || id === undefined) return elementId;
  const plain = serializeValue(id);
  return typeof plain === 'string' ? plain : JSON.stringify(plain);
}

function bigintToPlain(value: bigint): number | string {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value.toString();
}

function typedArrayToPlain(view: ArrayBufferView): PlainValue[] {
  if (view instanceof BigInt64Array || view instanceof BigUint64Array) return Array.from(view, bigintToPlain);
  if (view instanceof DataView) return Array.from(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
  return Array.from(view as unknown as ArrayLike<number>);
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
