import { isDate, isInt } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import {
  InvalidQueryParameterError,
  loadSavedQueries,
  parseSavedQuery,
  referencedParams,
  SavedQueryFormatError,
  toDriverParams,
  validateParams,
} from './saved-queries.ts';

const FILE = `// name: near-sites
// title: Near sites
// description: Facilities near sites.
//   A second description line.
// param: radiusKm float = 1.609 -- distance in
//   kilometres
// param: category string = "military" -- category
// param: limit integer = 10
// param: asOf date = "2025-01-01"
// param: strict boolean = false -- strict mode
// param: ids list<string> = ["a", "b"]
// param: needed string -- no default: required
MATCH (s:SensitiveSite {category: $category}) // $notAParam in a comment
WHERE s.x < $radiusKm AND s.d <= $asOf AND $strict AND s.id IN $ids AND s.y = $needed AND s.z = '$alsoNot'
RETURN s LIMIT $limit
`;

describe('parseSavedQuery', () => {
  it('reads name, title, description and typed params with defaults', () => {
    const query = parseSavedQuery(FILE, 'near-sites.cypher');
    expect(query.name).toBe('near-sites');
    expect(query.title).toBe('Near sites');
    expect(query.description).toBe('Facilities near sites. A second description line.');
    expect(query.params).toEqual([
      { name: 'radiusKm', type: 'float', default: 1.609, description: 'distance in kilometres' },
      { name: 'category', type: 'string', default: 'military', description: 'category' },
      { name: 'limit', type: 'integer', default: 10 },
      { name: 'asOf', type: 'date', default: '2025-01-01' },
      { name: 'strict', type: 'boolean', default: false, description: 'strict mode' },
      { name: 'ids', type: 'list<string>', default: ['a', 'b'] },
      { name: 'needed', type: 'string', description: 'no default: required' },
    ]);
  });

  const broken: [string, string, RegExp][] = [
    ['no name', FILE.replace('// name: near-sites\n', ''), /no "\/\/ name: \.\.\." line/],
    ['name differs from file', FILE.replace('name: near-sites', 'name: other'), /differs from the file name/],
    [
      'no description',
      FILE.replace(/\/\/ description:.*\n\/\/ {3}A second description line\.\n/, ''),
      /no "\/\/ description/,
    ],
    ['unknown type', FILE.replace('radiusKm float', 'radiusKm number'), /cannot read "param: radiusKm number/],
    ['default not JSON', FILE.replace('"military"', 'military'), /not JSON/],
    ['default of the wrong type', FILE.replace('limit integer = 10', 'limit integer = 1.5'), /not a valid integer/],
    ['bad date default', FILE.replace('"2025-01-01"', '"2025-02-30"'), /not a valid date/],
    ['undeclared param', FILE.replace('RETURN s LIMIT $limit', 'RETURN s, $other LIMIT $limit'), /uses \$other/],
    ['unused param', FILE.replace('RETURN s LIMIT $limit', 'RETURN s'), /"limit" is declared but never used/],
    [
      'declared twice',
      FILE.replace('// param: limit integer = 10', '// param: limit integer = 10\n// param: limit integer = 2'),
      /declared twice/,
    ],
    ['no body', FILE.split('\nMATCH')[0] ?? '', /no query after the header/],
  ];
  it.each(broken)('refuses a file with %s', (_name, text, message) => {
    expect(() => parseSavedQuery(text, 'near-sites.cypher')).toThrow(SavedQueryFormatError);
    expect(() => parseSavedQuery(text, 'near-sites.cypher')).toThrow(message);
  });

  it('finds param references outside comments and strings only', () => {
    expect([
      ...referencedParams('MATCH (n {id: $id}) // $x\nWHERE n.a = \'$y\' AND n.b = "$z" /* $w */ RETURN $(n.k)'),
    ]).toEqual(['id']);
  });
});

describe('validateParams and toDriverParams', () => {
  const query = parseSavedQuery(FILE, 'near-sites.cypher');

  it('fills in defaults and coerces numeric and boolean strings', () => {
    expect(validateParams(query, { needed: 'x', radiusKm: '2.5', limit: '3', strict: 'true' })).toEqual({
      radiusKm: 2.5,
      category: 'military',
      limit: 3,
      asOf: '2025-01-01',
      strict: true,
      ids: ['a', 'b'],
      needed: 'x',
    });
  });

  const bad: [string, unknown, string][] = [
    ['a missing required param', {}, 'needed'],
    ['an unknown param', { needed: 'x', radius: 1 }, 'radius'],
    ['a float that is text', { needed: 'x', radiusKm: 'far' }, 'radiusKm'],
    ['a fractional integer', { needed: 'x', limit: 2.5 }, 'limit'],
    ['an impossible date', { needed: 'x', asOf: '2025-13-01' }, 'asOf'],
    ['a date in another format', { needed: 'x', asOf: '01/02/2025' }, 'asOf'],
    ['a boolean that is a number', { needed: 'x', strict: 1 }, 'strict'],
    ['a list with a number', { needed: 'x', ids: ['a', 2] }, 'ids'],
    ['a string that is a list', { needed: ['x'] }, 'needed'],
    ['params that are not an object', ['x'], 'params'],
  ];
  it.each(bad)('refuses %s, naming the param', (_name, input, param) => {
    const error = (() => {
      try {
        validateParams(query, input);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InvalidQueryParameterError);
    expect((error as InvalidQueryParameterError).param).toBe(param);
    expect((error as Error).message).toContain(`"${param}"`);
  });

  it('sends integers as Neo4j Integers and dates as Neo4j Dates', () => {
    const params = toDriverParams(query, validateParams(query, { needed: 'x' }));
    expect(isInt(params.limit)).toBe(true);
    expect(isDate(params.asOf)).toBe(true);
    expect(String(params.asOf)).toBe('2025-01-01');
    expect(params.radiusKm).toBe(1.609);
  });
});

describe('the shipped saved queries', () => {
  const queries = loadSavedQueries();

  it('are at least eight, all well-formed, each with a default for every param', () => {
    expect(queries.length).toBeGreaterThanOrEqual(8);
    for (const query of queries) {
      for (const param of query.params) expect(param.default, `${query.name}.${param.name}`).toBeDefined();
      expect(() => validateParams(query, {})).not.toThrow();
    }
  });
});
