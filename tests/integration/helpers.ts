/**
 * Helpers for tests against the real Neo4j that tests/setup/neo4j.ts provides.
 * Isolate data per test with `uniqueId` (ids, or a label), as neo4j/graphql's tests-helper does.
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { openDatabase } from '../../src/db/connect.ts';
import { applySchema, importSnapshot } from '../../src/db/graph-repository.ts';
import { readFixtures } from '../../src/db/seed.ts';
import type { Database } from '../../src/db/database.ts';

/** A Database connected to the test Neo4j and verified; close it in afterAll. */
export async function testDatabase(): Promise<Database> {
  const db = openDatabase(inject('neo4j'));
  await db.verify();
  return db;
}

/**
 * An id no other test (or earlier run) uses: `prefix` + a random suffix. Letters, digits and `_` only, so it also
 * works as a label (`Test_abc123`) when a test wants its own label.
 */
export function uniqueId(prefix = 'test'): string {
  return `${prefix.replace(/[^A-Za-z0-9_]/g, '_')}_${randomBytes(6).toString('hex')}`;
}

/** testDatabase() with the schema applied and the project's fixtures loaded (idempotent): what most files start from. */
export async function fixtureDatabase(): Promise<Database> {
  const db = await testDatabase();
  await applySchema(db);
  await importSnapshot(db, readFixtures());
  return db;
}
