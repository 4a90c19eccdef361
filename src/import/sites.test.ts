import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImport } from './read.ts';
import { readSites } from './sites.ts';
import { sharedData } from './shared-data.ts';
import { tempDir } from '../../tests/setup/temp-dir.ts';

const date = '2026-01-02';

describe('sensitive sites', () => {
  it('reads the 776 DoD sites of military-bases.csv', () => {
    const r = readSites(sharedData('sites', 'military-bases.csv'), { date, category: 'military' });
    expect(r.errors).toEqual([]);
    expect(r.nodes).toHaveLength(776);
    expect(r.nodes[0]).toEqual({
      key: 'site-military-allen-stagefield-al',
      attributes: {
        kind: 'SensitiveSite',
        name: 'Allen Stagefield AL',
        category: 'military',
        lat: 31.23099938,
        lon: -85.65063472,
        country: 'US',
        address: 'Alabama',
        source: { dataset: 'military-bases', recordId: 'row 2', date },
      },
    });
    expect(r.nodes.find((n) => /warren/i.test(n.attributes.name))).toBeDefined();
  });

  it('reads the 1,165 data-center points of datacenters.geojson (one repeated point kept once, unnamed ones named)', () => {
    const r = readSites(sharedData('sites', 'datacenters.geojson'), { date, category: 'datacenter' });
    expect(r.errors).toEqual([]);
    expect(r.nodes).toHaveLength(1164);
    expect(r.warnings.map((w) => w.message).join('\n')).toMatch(/202 features have no name/);
    expect(r.nodes.every((n) => n.attributes.category === 'datacenter' && n.attributes.name !== '')).toBe(true);
    expect(new Set(r.nodes.map((n) => n.key)).size).toBe(1164);
  });

  it('needs a category and says which row is bad', () => {
    const dir = tempDir('sites-');
    const file = join(dir, 'plants.csv');
    writeFileSync(file, 'name,latitude,longitude\nPlant A,45.1,-100.2\nPlant B,95,-100\n');
    expect(readImport([file], 'sites', { date }).errors).toEqual([
      {
        file,
        line: 1,
        message:
          'no category: choose one for the file (--category military|datacenter|power on the command line, Category in the upload dialog) or give each site a category column',
      },
    ]);
    const bad = readImport([file], 'sites', { date, category: 'power' });
    expect(bad.errors).toEqual([{ file, line: 3, message: 'latitude: expected a latitude from -90 to 90, got "95"' }]);
    expect(bad.nodes).toHaveLength(1);
  });
});
