/**
 * Validation against the BODS 0.4 JSON Schema (draft 2020-12) with ajv. The schema is Open Ownership's, not
 * this project's: it is read from BODS_SCHEMA_DIR, or else from ../shared/data/bods/schema beside the project.
 * Errors are given as JSON paths (`$[3].recordDetails.interests[0].share.exact`), one per field.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export function bodsSchemaDir(): string {
  const fromEnv = process.env.BODS_SCHEMA_DIR;
  const dir = fromEnv ?? join(root, '../shared/data/bods/schema');
  if (!existsSync(join(dir, 'statement.json'))) {
    throw new Error(
      `the BODS 0.4 JSON schema is not at ${dir} (statement.json missing): set BODS_SCHEMA_DIR to the folder of the schema files (https://github.com/openownership/data-standard, schema/)`,
    );
  }
  return dir;
}

const URN_BASE = 'https://standard.openownership.org/schema/0.4/';

let compiled: ValidateFunction | undefined;

/** The compiled validator of a BODS 0.4 statement array (urn:statement). */
export function bodsValidator(): ValidateFunction {
  if (compiled) return compiled;
  const dir = bodsSchemaDir();
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const addFormats = addFormatsModule as unknown as (a: Ajv2020) => void;
  addFormats(ajv);
  // The schema names its parts `urn:entity`, `urn:components` ...: URNs without a namespace id, which ajv's URI
  // library refuses; they are rewritten to URLs before compiling (only the names change).
  const load = (name: string): { $id?: string } =>
    JSON.parse(
      readFileSync(join(dir, name), 'utf8').replace(/"(\$id|\$ref)": "urn:([A-Za-z]+)/g, `"$1": "${URN_BASE}$2.json`),
    ) as { $id?: string };
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'statement.json'))
    ajv.addSchema(load(name));
  compiled = ajv.compile(load('statement.json'));
  return compiled;
}

/** `/3/recordDetails/interests/0/share/exact` -> `$[3].recordDetails.interests[0].share.exact`. */
export function jsonPath(pointer: string, extra?: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) parts.push(extra);
  let out = '$';
  for (const p of parts)
    out += /^\d+$/.test(p) ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`;
  return out;
}

export interface SchemaProblem {
  /** Index of the statement in the array, when the problem is inside one. */
  index?: number;
  path: string;
  message: string;
}

/** The field an ajv error is about: required and additional properties name it in params. */
function describe(error: ErrorObject): { path: string; message: string } {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required')
    return { path: jsonPath(error.instancePath, String(params.missingProperty)), message: 'is required' };
  if (error.keyword === 'additionalProperties')
    return { path: jsonPath(error.instancePath, String(params.additionalProperty)), message: 'is not allowed here' };
  if (error.keyword === 'enum')
    return {
      path: jsonPath(error.instancePath),
      message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
    };
  return { path: jsonPath(error.instancePath), message: error.message ?? error.keyword };
}

/** Validates a parsed BODS document; returns one problem per path (ajv's if/then wrappers dropped). */
export function validateBods(data: unknown): SchemaProblem[] {
  const validate = bodsValidator();
  if (validate(data)) return [];
  const seen = new Map<string, SchemaProblem>();
  for (const error of validate.errors ?? []) {
    if (error.keyword === 'if' || error.keyword === 'allOf') continue;
    const { path, message } = describe(error);
    const index = /^\/(\d+)/.exec(error.instancePath)?.[1];
    const previous = seen.get(path);
    if (previous) {
      if (!previous.message.includes(message)) previous.message += `; or ${message}`;
      continue;
    }
    seen.set(path, { ...(index !== undefined ? { index: Number(index) } : {}), path, message });
  }
  return [...seen.values()];
}
