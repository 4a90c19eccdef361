/**
 * Saving a new query from the app: the text is checked like any ad-hoc query (read-only by EXPLAIN), given a
 * header in the saved-query format, parsed back as a saved query, and only then written as a new file in
 * cypher/queries/. An existing query is never overwritten.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './database.ts';
import { DatabaseError } from './errors.ts';
import { assertReadOnly } from './read-only.ts';
import {
  parseSavedQuery,
  SAVED_QUERIES_DIR,
  toDriverParams,
  type SavedQuery,
  type SavedQueryParam,
} from './saved-queries.ts';

/** A query of that name exists already. */
export class SavedQueryExistsError extends DatabaseError {
  constructor(readonly queryName: string) {
    super(`A saved query named "${queryName}" exists already; choose another name.`);
  }
}

export interface NewSavedQuery {
  name: string;
  title?: string;
  description: string;
  query: string;
  params: SavedQueryParam[];
}

/** The file text of a saved query: the header lines the parser reads, then the query. */
export function savedQueryText(input: NewSavedQuery): string {
  const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
  const lines = [`// name: ${input.name}`];
  if (input.title) lines.push(`// title: ${oneLine(input.title)}`);
  lines.push(`// description: ${oneLine(input.description)}`);
  for (const param of input.params) {
    let line = `// param: ${param.name} ${param.type}`;
    if (param.default !== undefined) line += ` = ${JSON.stringify(param.default)}`;
    if (param.description) line += ` -- ${oneLine(param.description)}`;
    lines.push(line);
  }
  return `${lines.join('\n')}\n\n${input.query.trim()}\n`;
}

/** Validates and writes a new saved query; returns it as the server will list it. */
export async function saveQuery(
  db: Database,
  input: NewSavedQuery,
  existing: ReadonlySet<string>,
  dir: string = SAVED_QUERIES_DIR,
): Promise<SavedQuery> {
  if (existing.has(input.name)) throw new SavedQueryExistsError(input.name);
  const text = savedQueryText(input);
  // Header and query must agree (every $param declared, every declared param used): the parser says where not.
  const saved = parseSavedQuery(text, `${input.name}.cypher`);
  const defaults = Object.fromEntries(
    saved.params.filter((p) => p.default !== undefined).map((p) => [p.name, p.default!]),
  );
  await assertReadOnly(db, input.query, toDriverParams(saved, defaults));
  try {
    writeFileSync(join(dir, `${input.name}.cypher`), text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new SavedQueryExistsError(input.name);
    throw error;
  }
  return saved;
}
