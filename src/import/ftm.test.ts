import { describe, expect, it } from 'vitest';
import { readFtm } from './ftm.ts';
import { readImport } from './read.ts';
import { resolveBatch } from './resolve.ts';
import { sharedData } from './shared-data.ts';

describe('FollowTheMoney JSON lines', () => {
  const result = readFtm(sharedData('ftm', 'zala.ftm.json'), { date: '2026-01-02' });

  it('maps the 91 entities of zala.ftm.json: 17 parties, 14 ownerships, 7 links', () => {
    expect(result.errors).toEqual([]);
    expect(result.nodes).toHaveLength(17);
    expect(result.edges.filter((e) => e.attributes.kind === 'OWNS')).toHaveLength(14);
    expect(result.edges.filter((e) => e.attributes.kind === 'LINKED_TO')).toHaveLength(7);
    expect(result.edges).toHaveLength(21);
  });

  it('keeps percentages, dates and provenance of Ownership, and never invents a share', () => {
    const percents = result.edges.map((e) => e.attributes.percent).filter((p) => p !== undefined);
    expect(percents.sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([1, 2, 48, 49, 50, 51, 75, 100, 100, 100]);
    const e = result.edges.find((x) => x.key === 'ftm-ru-5528524ef7d9bfc955a598ba8fd2cbe084a549d5');
    expect(e).toMatchObject({
      source: 'ftm-NK-aU5ybkbRFJucf8YMwsJvDw',
      target: 'ftm-NK-9Xa4Kg7Y7nfccE7VcZt6Q6',
      attributes: {
        kind: 'OWNS',
        percent: 75,
        from: '2020-01-10',
        to: '2022-11-22',
        source: { dataset: 'zala', recordId: 'ru-5528524ef7d9bfc955a598ba8fd2cbe084a549d5' },
      },
    });
    expect(result.edges.filter((x) => x.attributes.kind === 'OWNS' && x.attributes.percent === undefined)).toHaveLength(
      4,
    );
  });

  it('turns Sanctions by OFAC, the EU and the UK into listings and keeps topics and identifiers', () => {
    const cst = result.nodes.find((n) => n.key === 'ftm-NK-abdzbEBkqyT29GyREbiURZ')!.attributes;
    expect(cst.name).toBe('LLC CST');
    expect(cst.sanctions?.map((s) => s.authority).sort()).toEqual(['EU', 'OFAC', 'OFAC', 'UK']);
    expect(cst.sanctions).toContainEqual({ authority: 'OFAC', program: 'RUSSIA-EO14024' });
    expect(cst.topics).toEqual(expect.arrayContaining(['sanction', 'export.control']));
    expect(cst.identifiers).toContainEqual({ scheme: 'tax-ru', value: '1841015504' });
    expect(cst.identifiers).toContainEqual({ scheme: 'ftm', value: 'NK-abdzbEBkqyT29GyREbiURZ' });
    expect(cst.address).toContain('Izhevsk');
  });

  it('maps directorships to links, not control', () => {
    const d = result.edges.filter((e) => e.attributes.basis?.startsWith('director'));
    expect(d).toHaveLength(3);
    expect(d.every((e) => e.attributes.kind === 'LINKED_TO')).toBe(true);
  });
});

describe('FtM and SDN together', () => {
  it('resolve 7 of the 17 FtM parties onto their SDN records by tax and registration numbers, none by name', () => {
    const date = '2026-01-02';
    const sdn = readImport([sharedData('ofac', 'sdn.csv')], 'sdn', { date });
    const ftm = readImport([sharedData('ftm', 'zala.ftm.json')], 'ftm', { date });
    const r = resolveBatch([...sdn.nodes, ...ftm.nodes], [...sdn.edges, ...ftm.edges]);
    const merged = new Map([...r.renamed].filter(([k]) => k.startsWith('ftm-')));
    expect(merged.size).toBe(7);
    expect(merged.get('ftm-NK-nR5AXM9AVPq4pQaSPSaVam')).toBe('ofac-16911');
    expect(merged.get('ftm-NK-abdzbEBkqyT29GyREbiURZ')).toBe('ofac-45928');
    const cst = r.nodes.find((n) => n.key === 'ofac-45928')!.attributes;
    expect(cst.name).toBe('A LEVEL AEROSYSTEMS CST LLC');
    expect(cst.aliases).toContain('LLC CST');
    expect(cst.sanctions?.map((s) => s.authority)).toEqual(expect.arrayContaining(['OFAC', 'EU', 'UK']));
    // The FtM ownership of Kalashnikov in CST now joins the two SDN records.
    expect(
      r.edges.some((e) => e.source === 'ofac-16911' && e.target === 'ofac-45928' && e.attributes.kind === 'OWNS'),
    ).toBe(true);
  });
});
