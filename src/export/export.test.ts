import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { describe, expect, it } from 'vitest';
import type { EntityAttributes } from '../domain/model.ts';
import type { OwnershipSnapshot, SnapshotNode } from '../domain/snapshot.ts';
import { validateSnapshot } from '../domain/validate-snapshot.ts';
import { validateBods } from '../import/bods-schema.ts';
import { readImport } from '../import/read.ts';
import type { ExportFormat } from './document.ts';
import { buildExportDocument, writeExport } from './index.ts';
import { tempDir } from '../../tests/setup/temp-dir.ts';

const fixtures = JSON.parse(
  readFileSync(new URL('../../fixtures/illustrative.json', import.meta.url), 'utf8'),
) as OwnershipSnapshot;
const doc = buildExportDocument(fixtures, {
  query: 'file',
  params: { file: 'fixtures/illustrative.json' },
  asOf: '2025-01-01',
  exportedAt: '2026-01-02T03:04:05.000Z',
  rule: 'ofac',
});

function write(format: ExportFormat, name: string): string[] {
  const dir = tempDir('export-');
  return writeExport(doc, format).map((f) => {
    const path = join(dir, `${name}${f.suffix}`);
    writeFileSync(path, f.content);
    return path;
  });
}

const date = '2026-01-02';
const byKey = (nodes: SnapshotNode[]) => new Map(nodes.map((n) => [n.key, n.attributes]));
/** What a round trip must keep of a party (illustrative marks and FtM's own id identifier aside). */
function essentials(a: EntityAttributes): Partial<EntityAttributes> {
  const rest: Partial<EntityAttributes> = { ...a };
  delete rest.illustrative;
  delete rest.identifiers;
  const identifiers = a.identifiers;
  const kept = (identifiers ?? [])
    .filter((i) => i.scheme !== 'ftm' && i.scheme !== 'bods')
    .sort((x, y) => `${x.scheme}:${x.value}`.localeCompare(`${y.scheme}:${y.value}`));
  return { ...rest, ...(kept.length ? { identifiers: kept } : {}) };
}

describe('exports', () => {
  it('record what they hold and carry the engine flags', () => {
    expect(doc.meta).toMatchObject({
      query: 'file',
      asOf: '2025-01-01',
      exportedAt: '2026-01-02T03:04:05.000Z',
      rule: 'ofac',
      nodes: 115,
      edges: 118,
    });
    const json = JSON.parse(writeExport(doc, 'json')[0]!.content) as OwnershipSnapshot;
    expect(json.attributes).toMatchObject({
      query: 'file',
      params: { file: 'fixtures/illustrative.json' },
      asOf: '2025-01-01',
    });
    const taiga = json.nodes.find((n) => n.key === 'co-taiga-mining-group')?.attributes as EntityAttributes & {
      analysis: { flags: string[] };
    };
    expect(taiga.analysis.flags).toContain('SANCTIONED');
    expect(validateSnapshot(json).ok).toBe(true);
  });

  it('JSON and CSV round trips (export, import) lose nothing', () => {
    for (const format of ['json', 'csv'] as const) {
      const files = write(format, 'g').filter((f) => !f.endsWith('.meta.json'));
      const back = readImport(files, format, { date });
      expect(back.errors, format).toEqual([]);
      expect(back.nodes, format).toHaveLength(fixtures.nodes.length);
      expect(back.edges, format).toHaveLength(fixtures.edges.length);
      const nodes = byKey(back.nodes);
      for (const n of fixtures.nodes) expect(nodes.get(n.key), `${format} ${n.key}`).toEqual(n.attributes);
      const edges = new Map(back.edges.map((e) => [e.key, e]));
      for (const e of fixtures.edges) expect(edges.get(e.key), `${format} ${e.key}`).toEqual(e);
    }
  });

  it('FtM round trip keeps parties, places, shares, listings and provenance', () => {
    const [file] = write('ftm', 'g.ftm.json');
    const back = readImport([file!], 'ftm', { date });
    expect(back.errors).toEqual([]);
    expect(back.nodes).toHaveLength(fixtures.nodes.length);
    expect(back.edges).toHaveLength(fixtures.edges.length);
    const nodes = byKey(back.nodes);
    for (const n of fixtures.nodes)
      expect(essentials(nodes.get(`ftm-${n.key}`)!), n.key).toEqual(essentials(n.attributes));
    const edges = new Map(back.edges.map((e) => [e.key, e]));
    for (const e of fixtures.edges) {
      const got = edges.get(`ftm-${e.key ?? ''}`);
      expect(got?.source).toBe(`ftm-${e.source}`);
      expect(got?.attributes, e.key).toEqual(e.attributes);
    }
  });

  it('BODS output validates against the BODS 0.4 schema and imports back (sites aside)', () => {
    const [file] = write('bods', 'g.bods.json');
    const statements = JSON.parse(readFileSync(file!, 'utf8')) as unknown[];
    expect(validateBods(statements)).toEqual([]);
    const back = readImport([file!], 'bods', { date });
    expect(back.errors).toEqual([]);
    const parties = fixtures.nodes.filter((n) => n.attributes.kind !== 'SensitiveSite');
    expect(back.nodes).toHaveLength(parties.length);
    expect(back.edges).toHaveLength(fixtures.edges.length);
    const nodes = byKey(back.nodes);
    for (const n of parties) expect(essentials(nodes.get(`bods-${n.key}`)!), n.key).toEqual(essentials(n.attributes));
    const canonical = (a: object): string =>
      JSON.stringify(Object.fromEntries(Object.entries(a).sort(([x], [y]) => x.localeCompare(y))));
    const edges = back.edges.map((e) => `${e.source}>${e.target}|${canonical(e.attributes)}`).sort();
    const want = fixtures.edges.map((e) => `bods-${e.source}>bods-${e.target}|${canonical(e.attributes)}`).sort();
    expect(edges).toEqual(want);
  });

  it('GEXF 1.3 and GraphML parse back with every node, edge and attribute', () => {
    const gexf = parseGexf(MultiDirectedGraph, writeExport(doc, 'gexf')[0]!.content);
    expect(gexf.order).toBe(115);
    expect(gexf.size).toBe(118);
    expect(gexf.getNodeAttribute('co-taiga-mining-group', 'flags')).toContain('SANCTIONED');
    const graphml = parseGraphml(MultiDirectedGraph, writeExport(doc, 'graphml')[0]!.content);
    expect(graphml.order).toBe(115);
    expect(graphml.size).toBe(118);
    expect(graphml.getNodeAttribute('co-taiga-mining-group', 'sanctions')).toBe('OFAC|RUSSIA-EO14024|2022-04-20');
    expect(graphml.getAttribute('meta.query')).toBe('file');
  });
});
