import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImport } from './read.ts';
import { tempDir } from '../../tests/setup/temp-dir.ts';

const date = '2026-01-02';

function files(nodes: string, edges: string): [string, string] {
  const dir = tempDir('csv-');
  const n = join(dir, 'g.nodes.csv');
  const e = join(dir, 'g.edges.csv');
  writeFileSync(n, nodes);
  writeFileSync(e, edges);
  return [n, e];
}

describe('generic CSV of nodes and edges', () => {
  it('reads lists, identifiers, sanctions and provenance', () => {
    const [n, e] = files(
      'key,kind,name,aliases,country,identifiers,sanctions,topics\n' +
        'a,Company,Alpha LLC,Alfa;A Co,ru,lei:529900T8BM49AURSDO55,OFAC|RUSSIA-EO14024|2022-04-20,sanction\n' +
        'b,Person,"Beta, Bob",,,,,\n',
      'key,source,target,kind,percent,from\nab,b,a,OWNS,60,2020-01-01\n',
    );
    const batch = readImport([n, e], 'csv', { date });
    expect(batch.errors).toEqual([]);
    expect(batch.nodes.find((x) => x.key === 'a')?.attributes).toEqual({
      kind: 'Company',
      name: 'Alpha LLC',
      aliases: ['Alfa', 'A Co'],
      country: 'RU',
      identifiers: [{ scheme: 'lei', value: '529900T8BM49AURSDO55' }],
      sanctions: [{ authority: 'OFAC', program: 'RUSSIA-EO14024', listed: '2022-04-20' }],
      topics: ['sanction'],
      source: { dataset: 'g', recordId: 'a', date },
    });
    expect(batch.edges).toEqual([
      {
        key: 'ab',
        source: 'b',
        target: 'a',
        attributes: { kind: 'OWNS', percent: 60, from: '2020-01-01', source: { dataset: 'g', recordId: 'ab', date } },
      },
    ]);
  });

  it('a file with one bad row maps to an error naming the row and the column', () => {
    const [n, e] = files(
      'key,kind,name\na,Company,Alpha\nb,Persn,Beta\n',
      'source,target,kind,percent\nb,a,OWNS,140\n',
    );
    const batch = readImport([n, e], 'csv', { date });
    expect(batch.errors).toEqual([
      {
        file: n,
        line: 3,
        message: 'kind: expected one of Person, Company, Government, Facility, SensitiveSite, got "Persn"',
      },
      { file: e, line: 2, message: 'percent: expected a number from 0 to 100, got 140' },
    ]);
  });
});
