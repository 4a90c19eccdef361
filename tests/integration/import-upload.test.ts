/**
 * `POST /api/import` against the real Neo4j: the upload runs the CLI's readers and loader and answers the CLI's
 * report. Written data is keyed under a unique prefix and removed afterwards; the real public files are only ever
 * dry-run (loading 776 military sites would give other tests' facilities new proximity flags).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../src/cli/commands/import.ts';
import type { Database } from '../../src/db/database.ts';
import { dataVersion } from '../../src/db/explore-repository.ts';
import { applySchema } from '../../src/db/graph-repository.ts';
import { sharedData } from '../../src/import/shared-data.ts';
import type { ImportReport } from '../../src/import/run.ts';
import { buildServer } from '../../src/server/app.ts';
import { testDatabase, uniqueId } from './helpers.ts';

const TOKEN = 'upload-token-0123456789abcdef';
let db: Database;
let app: FastifyInstance;
let guarded: FastifyInstance;
const prefixes: string[] = [];

interface Upload {
  name: string;
  content: string | Buffer;
}

/** A multipart/form-data body as a browser's FormData makes it, and its content type. */
async function multipart(
  fields: Record<string, string>,
  files: Upload[],
): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files)
    form.append(
      'files',
      new Blob([typeof file.content === 'string' ? file.content : new Uint8Array(file.content)]),
      file.name,
    );
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { 'content-type': request.headers.get('content-type')! },
  };
}

async function upload(
  server: FastifyInstance,
  fields: Record<string, string>,
  files: Upload[],
  headers: Record<string, string> = {},
) {
  const body = await multipart(fields, files);
  return server.inject({
    method: 'POST',
    url: '/api/import',
    payload: body.payload,
    headers: { ...body.headers, ...headers },
  });
}

const shared = (...parts: string[]): Upload => {
  const path = sharedData(...parts);
  return { name: basename(path), content: readFileSync(path) };
};

async function count(prefix: string): Promise<number> {
  const rows = await db.run<{ n: number }>('MATCH (n:Entity) WHERE n.id STARTS WITH $prefix RETURN count(n) AS n', {
    prefix,
  });
  return Number(rows[0]?.n ?? 0);
}

/** A generic CSV pair: three companies, A owns 60 % of B and B owns C. */
function graphFiles(p: string, badKind = false): Upload[] {
  return [
    {
      name: 'g.nodes.csv',
      content: `key,kind,name\n${p}-a,Company,Alpha ${p}\n${p}-b,Company,Beta ${p}\n${p}-c,${badKind ? 'Compny' : 'Company'},Gamma ${p}\n`,
    },
    {
      name: 'g.edges.csv',
      content: `key,source,target,kind,percent\n${p}-ab,${p}-a,${p}-b,OWNS,60\n${p}-bc,${p}-b,${p}-c,OWNS,100\n`,
    },
  ];
}

beforeAll(async () => {
  db = await testDatabase();
  await applySchema(db);
  app = await buildServer({ db, importLimit: 20 * 1024 * 1024 });
  guarded = await buildServer({ db, requireToken: TOKEN, importLimit: 4096 });
});

afterAll(async () => {
  for (const prefix of prefixes)
    await db.run('MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n', { prefix }, { mode: 'WRITE' });
  await app?.close();
  await guarded?.close();
  await db?.close();
});

describe('a dry run of real files', () => {
  it('reports what the CLI reports for the military sites and writes nothing', async () => {
    const source = uniqueId('mirta');
    const before = await dataVersion(db);
    const response = await upload(app, { format: 'sites', category: 'military', source, dryRun: 'true' }, [
      shared('sites', 'military-bases.csv'),
    ]);
    expect(response.statusCode).toBe(200);
    const report = response.json<ImportReport>();
    expect(report.dryRun).toBe(true);
    expect(report.errors).toEqual([]);
    expect(report.nodes).toBeGreaterThan(700);
    const cli = await runImport([sharedData('sites', 'military-bases.csv')], {
      format: 'sites',
      category: 'military',
      source,
      dryRun: true,
    });
    expect({ nodes: report.nodes, relationships: report.relationships }).toEqual({
      nodes: cli.nodes,
      relationships: cli.relationships,
    });
    const rows = await db.run<{ n: number }>('MATCH (n:Entity {sourceDataset: $source}) RETURN count(n) AS n', {
      source,
    });
    expect(Number(rows[0]?.n)).toBe(0);
    expect(await dataVersion(db)).toEqual(before);
  });

  it('reads the SDN list with add.csv and alt.csv uploaded beside it', async () => {
    const response = await upload(app, { format: 'sdn', dryRun: 'true' }, [
      shared('ofac', 'sdn.csv'),
      shared('ofac', 'add.csv'),
      shared('ofac', 'alt.csv'),
    ]);
    expect(response.statusCode).toBe(200);
    const report = response.json<ImportReport>();
    expect(report).toMatchObject({ nodes: 14965, relationships: 6368, errors: [] });
    // The companions were read: their own warnings name them by their uploaded names, not a temporary path.
    const files = new Set(report.warnings.map((w) => w.file));
    expect(files).toContain('add.csv');
    expect(files).toContain('alt.csv');
    expect(JSON.stringify(report)).not.toMatch(/lookthrough-upload-/);
  });
});

describe('a real import', () => {
  it('writes, bumps the data version, and a second upload changes nothing', async () => {
    const p = uniqueId('upl');
    prefixes.push(p);
    const before = await dataVersion(db);
    const first = await upload(app, { format: 'csv', source: p }, graphFiles(p));
    expect(first.statusCode).toBe(200);
    expect(first.json<ImportReport>()).toMatchObject({ nodes: 3, relationships: 2, errors: [], loaded: true });
    expect(await count(p)).toBe(3);
    expect((await dataVersion(db)).version).not.toEqual(before.version);
    const owners = await db.run<{ owner: string; percent: number }>(
      'MATCH (o:Entity)-[r:OWNS]->(:Entity {id: $id}) RETURN o.id AS owner, r.percent AS percent',
      { id: `${p}-b` },
    );
    expect(owners).toEqual([{ owner: `${p}-a`, percent: 60 }]);

    const second = await upload(app, { format: 'csv', source: p }, graphFiles(p));
    expect(second.statusCode).toBe(200);
    expect(second.json<ImportReport>()).toMatchObject({ nodes: 3, matchedExisting: 3, unchanged: 3, errors: [] });
    expect(await count(p)).toBe(3);
    const rels = await db.run<{ n: number }>(
      'MATCH (:Entity)-[r]->(:Entity) WHERE r.id STARTS WITH $p RETURN count(r) AS n',
      { p },
    );
    expect(Number(rels[0]?.n)).toBe(2);
  });

  it('reads the whole graph again in the background after an upload, without waiting for a trace', async () => {
    type Projection = { state: string; fingerprint?: string };
    const projection = async () =>
      (await app.inject({ method: 'GET', url: '/api/health' })).json<{ projection: Projection }>().projection;
    /** Polls /api/health until the projection is ready and `accept` says yes; the last state seen. */
    async function settled(accept: (p: Projection) => boolean): Promise<Projection> {
      let seen = await projection();
      for (let i = 0; i < 450 && !(seen.state === 'ready' && accept(seen)); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        seen = await projection();
      }
      return seen;
    }
    const before = await settled(() => true);
    expect(before.state).toBe('ready');
    const p = uniqueId('upl_proj');
    prefixes.push(p);
    expect((await upload(app, { format: 'csv', source: p }, graphFiles(p))).statusCode).toBe(200);
    // No trace or flags request in between: the upload itself started the new read.
    const after = await settled((seen) => seen.fingerprint !== before.fingerprint);
    expect(after.state).toBe('ready');
    expect(after.fingerprint).not.toBe(before.fingerprint);
  });

  it('loads nothing from a file with one bad row, and the error names the file and the row (422)', async () => {
    const p = uniqueId('upl_bad');
    prefixes.push(p);
    const response = await upload(app, { format: 'csv' }, graphFiles(p, true));
    expect(response.statusCode).toBe(422);
    const report = response.json<ImportReport & { error: { code: string } }>();
    expect(report.error.code).toBe('IMPORT_INVALID');
    expect(report.loaded).toBe(false);
    expect(report.errors).toEqual([
      { file: 'g.nodes.csv', line: 4, message: expect.stringMatching(/^kind: expected one of/) as string },
    ]);
    expect(await count(p)).toBe(0);
  });

  it('refuses a bad format, a missing file and the wrong content type with 400/415 naming the problem', async () => {
    const p = uniqueId('upl_opt');
    const badFormat = await upload(app, { format: 'xlsx' }, graphFiles(p));
    expect(badFormat.statusCode).toBe(400);
    expect(badFormat.json<{ error: { message: string } }>().error.message).toMatch(/"format": expected one of ftm/);
    const noFile = await upload(app, { format: 'csv' }, []);
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json<{ error: { message: string } }>().error.message).toMatch(/no file/);
    const json = await app.inject({ method: 'POST', url: '/api/import', payload: { format: 'csv' } });
    expect(json.statusCode).toBe(415);
    expect(json.json<{ error: { message: string } }>().error.message).toMatch(/multipart\/form-data/);
  });
  it('keeps only the base name of an uploaded file, and refuses two files of the same name', async () => {
    const p = uniqueId('upl_name');
    prefixes.push(p);
    const [nodes, edges] = graphFiles(p, true);
    const response = await upload(app, { format: 'csv', dryRun: 'true' }, [
      { ...nodes!, name: '../../elsewhere/g.nodes.csv' },
      edges!,
    ]);
    expect(response.statusCode).toBe(422);
    expect(response.json<ImportReport>().errors.map((e) => [e.file, e.line])).toEqual([['g.nodes.csv', 4]]);
    const twice = await upload(app, { format: 'csv' }, [nodes!, { ...edges!, name: 'g.nodes.csv' }]);
    expect(twice.statusCode).toBe(400);
    expect(twice.json<{ error: { message: string } }>().error.message).toMatch(/two files are named g\.nodes\.csv/);
    expect(await count(p)).toBe(0);
  });
});

describe('a guarded server', () => {
  it('refuses an upload without the API token and writes nothing', async () => {
    const p = uniqueId('upl_auth');
    prefixes.push(p);
    const response = await upload(guarded, { format: 'csv' }, graphFiles(p));
    expect(response.statusCode).toBe(401);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('UNAUTHORIZED');
    expect(await count(p)).toBe(0);
    const allowed = await upload(guarded, { format: 'csv' }, graphFiles(p), { authorization: `Bearer ${TOKEN}` });
    expect(allowed.statusCode).toBe(200);
    expect(await count(p)).toBe(3);
  });

  it('refuses an upload above its limit with 413, stating the limit and how to raise it', async () => {
    const response = await upload(
      guarded,
      { format: 'sites', dryRun: 'true' },
      [shared('sites', 'military-bases.csv')],
      {
        authorization: `Bearer ${TOKEN}`,
      },
    );
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({
      error: { code: 'UPLOAD_TOO_LARGE', message: expect.stringMatching(/limit of 4 KiB.*--import-limit/) as string },
    });
  });
});
