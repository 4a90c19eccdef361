import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OwnershipSnapshot } from '../domain/snapshot.ts';
import type { Database } from './database.ts';
import { countEntities, importSnapshot, type WriteSummary } from './graph-repository.ts';

export const FIXTURES_FILE = join(import.meta.dirname, '..', '..', 'fixtures', 'illustrative.json');

export function readFixtures(file = FIXTURES_FILE): OwnershipSnapshot {
  return JSON.parse(readFileSync(file, 'utf8')) as OwnershipSnapshot;
}

/** Loads the project's illustrative dataset (idempotent: MERGE on ids). */
export function seedFixtures(db: Database, file = FIXTURES_FILE): Promise<WriteSummary> {
  return importSnapshot(db, readFixtures(file));
}

/** Loads the fixtures only when the database holds no entity yet. Returns the summary, or null when it did nothing. */
export async function seedIfEmpty(db: Database, file = FIXTURES_FILE): Promise<WriteSummary | null> {
  if ((await countEntities(db)) > 0) return null;
  return seedFixtures(db, file);
}
