import {
  Date as Neo4jDate,
  DateTime,
  Duration,
  int,
  Integer,
  LocalDateTime,
  Node,
  Path,
  PathSegment,
  Point,
  Record,
  Relationship,
  UnboundRelationship,
} from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { serializeRecord, serializeRecords, serializeValue, toPlain } from './serialize.ts';

const acme = new Node(int(1), ['Company'], { id: 'acme', name: 'Acme Holdings', founded: int(1999) }, '4:db:1');
const mine = new Node(int(2), ['Facility'], { id: 'mine-1', name: 'Mine 1' }, '4:db:2');
const anonymous = new Node(int(3), ['Person'], { name: 'No Id' }, '4:db:3');
const owns = new Relationship(int(10), int(1), int(2), 'OWNS', { percent: 51.5 }, '5:db:10', '4:db:1', '4:db:2');

describe('serializeValue', () => {
  const scalars: { name: string; value: unknown; expected: unknown }[] = [
    { name: 'null', value: null, expected: null },
    { name: 'undefined', value: undefined, expected: null },
    { name: 'string', value: 'x', expected: 'x' },
    { name: 'boolean', value: true, expected: true },
    { name: 'float', value: 1.5, expected: 1.5 },
    { name: 'NaN stays readable', value: Number.NaN, expected: 'NaN' },
    { name: 'Integer in safe range', value: int(42), expected: 42 },
    { name: 'negative Integer', value: int(-7), expected: -7 },
    { name: 'Integer at MAX_SAFE_INTEGER', value: int(Number.MAX_SAFE_INTEGER), expected: Number.MAX_SAFE_INTEGER },
    { name: 'Integer past the safe range', value: Integer.MAX_VALUE, expected: '9223372036854775807' },
    { name: 'new Integer(low, high)', value: new Integer(0, 1), expected: 4294967296 },
    { name: 'bigint in range', value: 12n, expected: 12 },
    { name: 'bigint past the safe range', value: 2n ** 60n, expected: '1152921504606846976' },
    { name: 'date', value: new Neo4jDate(2024, 3, 9), expected: '2024-03-09' },
    {
      name: 'datetime with offset',
      value: new DateTime(2024, 3, 9, 10, 30, 0, 0, 3600),
      expected: '2024-03-09T10:30:00+01:00',
    },
    { name: 'local datetime', value: new LocalDateTime(2024, 3, 9, 10, 30, 5, 0), expected: '2024-03-09T10:30:05' },
    { name: 'duration', value: new Duration(1, 2, 3, 0), expected: 'P1M2DT3S' },
    { name: 'cartesian point', value: new Point(int(7203), 1.5, 2.5), expected: { srid: 7203, x: 1.5, y: 2.5 } },
    {
      name: 'WGS-84 3D point',
      value: new Point(int(4979), 2.35, 48.85, 35),
      expected: { srid: 4979, x: 2.35, y: 48.85, z: 35 },
    },
    { name: 'bytes', value: new Int8Array([1, -2, 3]), expected: [1, -2, 3] },
  ];

  it.each(scalars)('$name', ({ value, expected }) => {
    expect(serializeValue(value)).toEqual(expected);
  });

  it('converts lists and maps recursively', () => {
    expect(serializeValue({ counts: [int(1), int(2)], nested: { when: new Neo4jDate(2020, 1, 2), n: null } })).toEqual({
      counts: [1, 2],
      nested: { when: '2020-01-02', n: null },
    });
  });

  it('maps a node to {key, labels, attributes}, key = id property', () => {
    expect(serializeValue(acme)).toEqual({
      key: 'acme',
      labels: ['Company'],
      attributes: { id: 'acme', name: 'Acme Holdings', founded: 1999 },
    });
  });

  it('falls back to the elementId when a node has no id property', () => {
    expect(serializeValue(anonymous)).toMatchObject({ key: '4:db:3', labels: ['Person'] });
  });

  it('turns an Integer id into a string key', () => {
    const node = new Node(int(9), ['Company'], { id: int(123) }, '4:db:9');
    expect(serializeValue(node)).toMatchObject({ key: '123' });
  });

  it('maps a relationship; ends are elementIds when the nodes are not known', () => {
    expect(serializeValue(owns)).toEqual({
      key: '5:db:10',
      type: 'OWNS',
      source: '4:db:1',
      target: '4:db:2',
      attributes: { percent: 51.5 },
    });
  });

  it('keys a relationship whose id is not text, or is empty, by its elementId (as the trace and whole-graph reads do)', () => {
    const numbered = new Relationship(int(12), int(1), int(2), 'OWNS', { id: int(5) }, '5:db:12', '4:db:1', '4:db:2');
    const blank = new Relationship(int(13), int(1), int(2), 'OWNS', { id: '' }, '5:db:13', '4:db:1', '4:db:2');
    expect(serializeValue(numbered)).toMatchObject({ key: '5:db:12', attributes: { id: 5 } });
    expect(serializeValue(blank)).toMatchObject({ key: '5:db:13', attributes: { id: '' } });
    expect(serializeValue(new UnboundRelationship(int(14), 'OWNS', { id: '' }, '5:db:14'))).toMatchObject({
      key: '5:db:14',
    });
  });

  it('maps an unbound relationship without ends', () => {
    expect(serializeValue(new UnboundRelationship(int(11), 'LINKED_TO', { id: 'l1' }, '5:db:11'))).toEqual({
      key: 'l1',
      type: 'LINKED_TO',
      attributes: { id: 'l1' },
    });
  });

  it('maps a path to its nodes and relationships, ends named by node key', () => {
    const path = new Path(acme, mine, [new PathSegment(acme, owns, mine)]);
    expect(serializeValue(path)).toEqual({
      nodes: [
        { key: 'acme', labels: ['Company'], attributes: { id: 'acme', name: 'Acme Holdings', founded: 1999 } },
        { key: 'mine-1', labels: ['Facility'], attributes: { id: 'mine-1', name: 'Mine 1' } },
      ],
      relationships: [
        { key: '5:db:10', type: 'OWNS', source: 'acme', target: 'mine-1', attributes: { percent: 51.5 } },
      ],
    });
  });

  it('leaves no driver type in its output (JSON round trip is lossless)', () => {
    const value = { n: acme, r: owns, when: new DateTime(2024, 1, 1, 0, 0, 0, 0, 0), big: Integer.MAX_VALUE };
    const plain = serializeValue(value);
    expect(JSON.parse(JSON.stringify(plain))).toEqual(plain);
  });

  it('toPlain is serializeValue', () => {
    expect(toPlain(int(5))).toBe(5);
  });
});

describe('serializeRecord(s)', () => {
  it('keys a row by the RETURN names', () => {
    const record = new Record(['name', 'share'], ['Acme', int(51)]);
    expect(serializeRecord(record)).toEqual({ name: 'Acme', share: 51 });
  });

  it('names relationship ends by node key when the nodes are in the same record', () => {
    const record = new Record(['a', 'r', 'b'], [acme, owns, mine]);
    expect(serializeRecord(record).r).toMatchObject({ source: 'acme', target: 'mine-1' });
  });

  it('names relationship ends by node key across records', () => {
    const records = [new Record(['n'], [acme]), new Record(['n'], [mine]), new Record(['n'], [owns])];
    const rows = serializeRecords(records);
    expect(rows[2]?.n).toMatchObject({ source: 'acme', target: 'mine-1' });
  });

  it('finds nodes inside lists and maps', () => {
    const record = new Record(['nodes', 'rels'], [{ all: [acme, mine] }, [owns]]);
    expect(serializeRecord(record).rels).toEqual([expect.objectContaining({ source: 'acme', target: 'mine-1' })]);
  });
});
