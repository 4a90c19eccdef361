import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImport } from './read.ts';
import { identifiersFromRemarks, linkedToNames, readSdn } from './sdn.ts';
import { sharedData } from './shared-data.ts';
import { tempDir } from '../../tests/setup/temp-dir.ts';

const options = { date: '2026-01-02' };

describe('OFAC SDN legacy CSV', () => {
  const result = readSdn(sharedData('ofac', 'sdn.csv'), options);

  it('maps every one of the 14,964 records (plus the header-less first) to a party listed by OFAC', () => {
    expect(result.errors).toEqual([]);
    expect(result.nodes).toHaveLength(14965);
    expect(result.nodes.every((n) => n.attributes.sanctions?.every((s) => s.authority === 'OFAC'))).toBe(true);
    expect(result.edges).toHaveLength(6368);
    const kinds = new Map<string, number>();
    for (const n of result.nodes) kinds.set(n.attributes.kind, (kinds.get(n.attributes.kind) ?? 0) + 1);
    expect(kinds.get('Person')).toBe(6854);
    expect(kinds.get('Company')).toBe(14965 - 6854);
  });

  it('links the 10 BitRiver subsidiaries to BITRIVER AG (ent_num 36456) without a percentage', () => {
    const bitriver = result.nodes.find((n) => n.key === 'ofac-36456');
    expect(bitriver?.attributes).toMatchObject({
      kind: 'Company',
      name: 'BITRIVER AG',
      country: 'CH',
      sanctions: [{ authority: 'OFAC', program: 'RUSSIA-EO14024' }],
      source: { dataset: 'ofac-sdn', recordId: '36456', date: '2026-01-02' },
    });
    expect(bitriver?.attributes.identifiers).toContainEqual({ scheme: 'registration-ch', value: 'CH-170.3.045.713-7' });
    const links = result.edges.filter((e) => e.target === 'ofac-36456');
    expect(links).toHaveLength(10);
    for (const link of links) {
      expect(link.attributes).toMatchObject({ kind: 'LINKED_TO', basis: 'OFAC Linked To' });
      expect(link.attributes.percent).toBeUndefined();
      expect(link.attributes.source?.recordId).toBe(link.source.replace('ofac-', ''));
    }
    const rus = result.nodes.find((n) => n.key === 'ofac-36458');
    expect(rus?.attributes.identifiers).toContainEqual({ scheme: 'registration-ru', value: '1173850041749' });
    expect(rus?.attributes.address).toMatch(/Bratsk|Irkutsk/i);
  });

  it('splits several programs and reads aliases from alt.csv', () => {
    const multi = result.nodes.find((n) => (n.attributes.sanctions?.length ?? 0) >= 3);
    expect(multi?.attributes.sanctions?.every((s) => !s.program.includes('['))).toBe(true);
    expect(result.nodes.find((n) => n.key === 'ofac-306')?.attributes.aliases).toContain('NATIONAL BANK OF CUBA');
  });

  it('parses identifiers and links from remarks', () => {
    expect(
      identifiersFromRemarks(
        'Tax ID No. 9715406566 (Russia); Registration Number 1217700448448 (Russia); Linked To: BITRIVER AG.',
      ),
    ).toEqual([
      { scheme: 'registration-ru', value: '1217700448448' },
      { scheme: 'tax-ru', value: '9715406566' },
    ]);
    expect(linkedToNames('a.k.a. X; Linked To: A B C; Linked To: D, S.A..')).toEqual(['A B C', 'D, S.A.']);
  });

  it('refuses a file with one bad row, naming the line', () => {
    const dir = tempDir('sdn-');
    const file = join(dir, 'sdn.csv');
    writeFileSync(
      file,
      '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n' +
        'X1,"BAD",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n' +
        '37,"SHORT",-0- ,"CUBA"\n\x1a',
    );
    const batch = readImport([file], 'sdn', options);
    expect(batch.errors).toEqual([
      { file, line: 2, message: 'ent_num must be a whole number, got "X1"' },
      { file, line: 3, message: 'expected 12 columns, found 4' },
    ]);
  });
});
