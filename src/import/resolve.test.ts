import { describe, expect, it } from 'vitest';
import type { EntityAttributes } from '../domain/model.ts';
import type { SnapshotNode } from '../domain/snapshot.ts';
import { mergeEntity, nameMatchWarnings, resolveBatch, storedNameMatchWarnings } from './resolve.ts';

const node = (key: string, dataset: string, attributes: Partial<EntityAttributes>): SnapshotNode => ({
  key,
  attributes: { kind: 'Company', name: key, source: { dataset, recordId: key }, ...attributes },
});

describe('entity resolution', () => {
  it('merges parties of different datasets that share a strong identifier, keyed by the strongest', () => {
    const sdn = node('ofac-1', 'ofac-sdn', {
      name: 'OOO BITRIVER RUS',
      identifiers: [
        { scheme: 'ofac', value: '36458' },
        { scheme: 'registration-ru', value: '1173850041749' },
      ],
      sanctions: [{ authority: 'OFAC', program: 'RUSSIA-EO14024' }],
    });
    const ftm = node('ftm-X', 'zala', {
      name: 'BitRiver Rus LLC',
      identifiers: [
        { scheme: 'ftm', value: 'NK-X1234' },
        { scheme: 'registration-ru', value: '1173 8500 41749' },
      ],
      topics: ['sanction'],
    });
    const other = node('ftm-Y', 'zala', {});
    const r = resolveBatch(
      [ftm, sdn, other],
      [{ key: 'e', source: 'ftm-Y', target: 'ftm-X', attributes: { kind: 'OWNS', percent: 10 } }],
    );
    expect(r.nodes.map((n) => n.key).sort()).toEqual(['ftm-Y', 'ofac-1']);
    const merged = r.nodes.find((n) => n.key === 'ofac-1')!.attributes;
    expect(merged.name).toBe('OOO BITRIVER RUS');
    expect(merged.aliases).toEqual(['BitRiver Rus LLC']);
    expect(merged.identifiers?.map((i) => i.scheme)).toEqual(['ofac', 'registration-ru', 'ftm']);
    expect(merged.topics).toEqual(['sanction']);
    expect(r.edges[0]?.target).toBe('ofac-1');
  });

  it('never merges two records of one dataset, nor parties by name alone, and warns about both', () => {
    const a = node('ofac-1', 'ofac-sdn', {
      name: 'ACME TRADING LLC',
      identifiers: [{ scheme: 'tax-ru', value: '7720166348' }],
    });
    const b = node('ofac-2', 'ofac-sdn', { identifiers: [{ scheme: 'tax-ru', value: '7720166348' }] });
    const c = node('ftm-Z', 'zala', { name: 'Acme Trading, LLC' });
    const r = resolveBatch([a, b, c], []);
    expect(r.nodes).toHaveLength(3);
    expect(r.warnings[0]?.message).toMatch(/share identifier tax-ru:7720166348; kept apart/);
    const names = nameMatchWarnings(r.nodes);
    expect(names).toHaveLength(1);
    expect(names[0]?.message).toMatch(/possible same party by name.*ofac-1.*ftm-Z/);
  });

  it('a party already in the database keeps its key; merging is idempotent', () => {
    const known = {
      key: 'co-1',
      attributes: {
        kind: 'Company' as const,
        name: 'Known',
        identifiers: [{ scheme: 'lei', value: '529900T8BM49AURSDO55' }],
        source: { dataset: 'fixtures' },
      },
    };
    const incoming = node('bods-9', 'bods-x', {
      name: 'Known Ltd',
      identifiers: [{ scheme: 'lei', value: '529900T8BM49AURSDO55' }],
    });
    const r = resolveBatch([incoming], [], new Map([['lei:529900T8BM49AURSDO55', known]]));
    expect(r.nodes).toHaveLength(1);
    expect(r.nodes[0]!.key).toBe('co-1');
    expect(r.nodes[0]!.attributes.source?.dataset).toBe('fixtures');
    const again = mergeEntity(r.nodes[0]!.attributes, incoming.attributes);
    expect(again).toEqual(r.nodes[0]!.attributes);
  });

  it('against stored parties, warns only of an imported party named like a stored one of another dataset', () => {
    const stored = [
      // Two stored parties alike in name: not the import's business, so not reported at every import.
      { key: 'ofac-7', kind: 'Company', name: 'Polar Hash LLC', dataset: 'ofac-sdn' },
      { key: 'ftm-7', kind: 'Company', name: 'POLAR HASH', dataset: 'zala' },
      { key: 'ofac-8', kind: 'Company', name: 'Tundra Mining Ltd', dataset: 'ofac-sdn' },
      { key: 'ofac-9', kind: 'Person', name: 'Tundra Mining', dataset: 'ofac-sdn' },
      { key: 'csv-8', kind: 'Company', name: 'Tundra Mining', dataset: 'csv' },
    ];
    const imported = [
      node('bods-1', 'bods-x', { name: 'Tundra Mining, Limited' }),
      // Alike in name with another imported party only: nameMatchWarnings reports that pair.
      node('bods-2', 'bods-x', { name: 'Aurora Compute' }),
      node('ftm-2', 'zala', { name: 'AURORA COMPUTE LLC' }),
    ];
    const warnings = storedNameMatchWarnings(imported, stored);
    expect(warnings.map((w) => w.message)).toEqual([
      'possible same party by name, not merged (no shared identifier): bods-1 "Tundra Mining, Limited" (bods-x), ' +
        'ofac-8 "Tundra Mining Ltd" (ofac-sdn), csv-8 "Tundra Mining" (csv)',
    ]);
    expect(nameMatchWarnings(imported).map((w) => w.message)).toEqual([
      'possible same party by name, not merged (no shared identifier): bods-2 "Aurora Compute" (bods-x), ' +
        'ftm-2 "AURORA COMPUTE LLC" (zala)',
    ]);
  });

  it('against stored parties, keeps one dataset apart from itself and each party once', () => {
    const imported = [node('csv-1', 'csv', { name: 'Steppe Power' }), node('csv-2', 'csv', { name: 'Volga Hash' })];
    const stored = [
      // The same dataset as the import: a record of it, not another source's party.
      { key: 'csv-9', kind: 'Company', name: 'STEPPE POWER', dataset: 'csv' },
      // Read twice (parties without an id read back under one key), and under the imported party's own key.
      { key: 'ofac-3', kind: 'Company', name: 'Volga Hash LLC', dataset: 'ofac-sdn' },
      { key: 'ofac-3', kind: 'Company', name: 'Volga Hash LLC', dataset: 'ofac-sdn' },
      { key: 'csv-2', kind: 'Company', name: 'Volga Hash', dataset: 'old' },
    ];
    expect(storedNameMatchWarnings(imported, stored).map((w) => w.message)).toEqual([
      'possible same party by name, not merged (no shared identifier): csv-2 "Volga Hash" (csv), ' +
        'ofac-3 "Volga Hash LLC" (ofac-sdn)',
    ]);
  });

  it('counts the name matches past the limit instead of dropping them', () => {
    const imported = [0, 1, 2].map((i) => node(`bods-${i}`, 'bods-x', { name: `Hashing Site ${i}` }));
    const stored = [0, 1, 2].map((i) => ({
      key: `ofac-${i}`,
      kind: 'Company',
      name: `HASHING SITE ${i}`,
      dataset: 'ofac',
    }));
    const warnings = storedNameMatchWarnings(imported, stored, 2);
    expect(warnings).toHaveLength(3);
    expect(warnings[2]).toEqual({ file: '', message: '1 more possible name matches not listed' });
  });
});
