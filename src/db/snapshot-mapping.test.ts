import { describe, expect, it } from 'vitest';
import type { SnapshotEdge, SnapshotNode } from '../domain/snapshot.ts';
import {
  ENTITY_ROW_FIELDS,
  STAKE_ROW_FIELDS,
  edgeFromRow,
  entityFromRow,
  identifierFromString,
  stakeFromProps,
  toEntityRow,
  toListingRow,
  toEntityImportRow,
  toNeo4jDate,
  toRelationshipImportBatch,
  RELATIONSHIP_IMPORT_FIELDS,
  toRelationshipRow,
} from './snapshot-mapping.ts';
import type { SharedStrings } from './snapshot-mapping.ts';

const node: SnapshotNode = {
  key: 'co-1',
  attributes: {
    kind: 'Company',
    name: 'Alpha Holdings',
    aliases: ['Alpha'],
    country: 'CY',
    identifiers: [{ scheme: 'lei', value: '5299:ABC' }],
    sanctions: [{ authority: 'OFAC', program: 'RUSSIA-EO14024', listed: '2022-04-20' }],
    topics: ['sanction'],
    source: { dataset: 'test', recordId: 'r1', date: '2024-01-02' },
  },
};

describe('snapshot <-> Neo4j property mapping', () => {
  it('flattens an entity into scalar and list properties, with search text from aliases and identifiers', () => {
    const row = toEntityRow(node);
    expect(row.kind).toBe('Company');
    expect(row.props).toEqual({
      kind: 'Company',
      name: 'Alpha Holdings',
      country: 'CY',
      aliases: ['Alpha'],
      topics: ['sanction'],
      identifiers: ['lei:5299:ABC'],
      searchText: 'Alpha | 5299:ABC',
      sourceDataset: 'test',
      sourceRecordId: 'r1',
    });
    expect(row.sourceDate).toBe('2024-01-02');
    expect(row.lat).toBeNull();
  });

  it('keeps the part after the first colon of an identifier', () => {
    expect(identifierFromString('lei:5299:ABC')).toEqual({ scheme: 'lei', value: '5299:ABC' });
  });

  it('gives listings stable ids per entity, authority and programme', () => {
    expect(toListingRow(node).listings).toEqual([
      {
        id: 'co-1|OFAC|RUSSIA-EO14024',
        authority: 'OFAC',
        program: 'RUSSIA-EO14024',
        listed: '2022-04-20',
        delisted: null,
      },
    ]);
  });

  it('round-trips an entity through its Neo4j properties, read back as the queries give them in rows', () => {
    const props: Record<string, unknown> = { ...toEntityRow(node).props, sourceDate: '2024-01-02' };
    const listings = toListingRow(node).listings.map((l) => [l.authority, l.program, l.listed, l.delisted]);
    const row = [node.key, ['Entity', 'Company'], ...ENTITY_ROW_FIELDS.map((f) => props[f] ?? null), listings];
    expect(entityFromRow(row)).toEqual(node);
    // Read with strings shared across a read, the entity is the same, and its repeated values are held once.
    const strings: SharedStrings = new Map();
    expect(entityFromRow(row, strings)).toEqual(node);
    const stake: Record<string, unknown> = {
      percent: 40,
      sourceDataset: 'src',
      sourceRecordId: 'r-9',
      sourceDate: '2024-01-02',
    };
    const edgeRow = ['own-1', 'holder-1', node.key, 'OWNS', ...STAKE_ROW_FIELDS.map((f) => stake[f] ?? null)];
    expect(edgeFromRow(edgeRow, strings)).toEqual({
      key: 'own-1',
      source: 'holder-1',
      target: node.key,
      attributes: { kind: 'OWNS', percent: 40, source: { dataset: 'src', recordId: 'r-9', date: '2024-01-02' } },
    });
    expect([...strings.keys()].sort()).toEqual(
      [node.attributes.country, node.attributes.source?.dataset, '2024-01-02', 'src'].sort(),
    );
  });

  it('round-trips a banded, dated stake', () => {
    const edge: SnapshotEdge = {
      key: 'own:a->b',
      source: 'a',
      target: 'b',
      attributes: {
        kind: 'OWNS',
        percentMin: 25,
        percentMax: 50,
        from: '2020-01-01',
        to: '2023-06-30',
        source: { dataset: 'bods' },
      },
    };
    const row = toRelationshipRow(edge, 'unused');
    expect(row.key).toBe('own:a->b');
    expect(row.props).toEqual({ percentMin: 25, percentMax: 50, sourceDataset: 'bods' });
    expect(stakeFromProps('OWNS', { ...row.props, from: row.from, to: row.to })).toEqual(edge.attributes);
  });

  it('packs an import row as one property map: dates as Neo4j dates, absent values left out', () => {
    const [kind, props] = toEntityImportRow(node);
    expect(kind).toBe('Company');
    expect(props).toMatchObject({ id: 'co-1', name: 'Alpha Holdings', sourceDataset: 'test', sourceRecordId: 'r1' });
    expect(String(props.sourceDate)).toBe('2024-01-02');
    const edge: SnapshotEdge = {
      key: 'own-1',
      source: 'a',
      target: 'b',
      attributes: {
        kind: 'OWNS',
        percent: 60,
        from: '2020-02-29',
        source: { dataset: 'd', date: '2025-01-01T10:00:00Z' },
      },
    };
    const ends = (_edge: SnapshotEdge, key: string): string => (key === 'a' ? '4:x:1' : '4:x:2');
    const alone = toRelationshipImportBatch([edge], ends);
    // One edge shares its provenance with itself: dataset and date travel once, beside the rows.
    expect([alone.dataset, String(alone.date)]).toEqual(['d', '2025-01-01']);
    const [row] = alone.rows;
    expect(row!.slice(0, 3)).toEqual(['4:x:1', '4:x:2', 'own-1']);
    const stored = Object.fromEntries(
      RELATIONSHIP_IMPORT_FIELDS.map((f, i) => [f, row![i + 2]]).filter(([, v]) => v != null),
    ) as Record<string, unknown>;
    expect(Object.keys(stored).sort()).toEqual(['from', 'id', 'percent']);
    expect(String(stored.from)).toBe('2020-02-29');
    expect(row!.length).toBe(2 + RELATIONSHIP_IMPORT_FIELDS.indexOf('from') + 1);
  });

  it('sends provenance per row when the edges of a batch differ in it', () => {
    const edge = (key: string, dataset: string | undefined, date?: string): SnapshotEdge => ({
      key,
      source: 'a',
      target: 'b',
      attributes: { kind: 'OWNS', percent: 10, ...(dataset ? { source: { dataset, date } } : {}) },
    });
    const at = (field: (typeof RELATIONSHIP_IMPORT_FIELDS)[number]): number =>
      2 + RELATIONSHIP_IMPORT_FIELDS.indexOf(field);
    const batch = toRelationshipImportBatch(
      [edge('e1', 'x', '2024-01-01'), edge('e2', 'y', '2024-01-01'), edge('e3', undefined)],
      () => '4:x:0',
    );
    expect([batch.dataset, batch.date]).toEqual([null, null]);
    expect(
      batch.rows.map((r) => [
        r[at('sourceDataset')] ?? null,
        (r[at('sourceDate')] as Date | undefined)?.toString() ?? null,
      ]),
    ).toEqual([
      ['x', '2024-01-01'],
      ['y', '2024-01-01'],
      [null, null],
    ]);
    expect(() => toRelationshipImportBatch([edge('e4', 'x', '2024-02-30'), edge('e5', 'y')], () => '')).toThrow(
      'e4: source.date: expected a date',
    );
  });

  it('refuses a date that is not a calendar date, naming the record and the field', () => {
    expect(() => toNeo4jDate('2023-02-29', 'own-9: from')).toThrow(
      'own-9: from: expected a date written YYYY-MM-DD, got "2023-02-29"',
    );
    expect(() => toNeo4jDate('01/02/2024', 'co-1: source.date')).toThrow(/co-1: source.date: expected a date/);
  });
});
