import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SitePoint } from './proximity.ts';
import { EARTH_RADIUS_KM, SiteIndex, facilityProximity, haversineKm, kmToMiles } from './proximity.ts';
import { tableGraph } from './testing.ts';

describe('haversine great-circle distance (R = 6371.0088 km)', () => {
  it('matches closed forms on the sphere', () => {
    expect(haversineKm(0, 0, 0, 0)).toBe(0);
    expect(haversineKm(0, 0, 1, 0)).toBeCloseTo((EARTH_RADIUS_KM * Math.PI) / 180, 9); // 111.195 km
    expect(haversineKm(0, 0, 0, 90)).toBeCloseTo((EARTH_RADIUS_KM * Math.PI) / 2, 6); // 10007.56 km
    expect(haversineKm(0, 0, 0, 180)).toBeCloseTo(EARTH_RADIUS_KM * Math.PI, 6); // antipodes
    expect(haversineKm(90, 0, -90, 0)).toBeCloseTo(EARTH_RADIUS_KM * Math.PI, 6);
  });

  it('matches a known distance: London (51.5074, -0.1278) to Paris (48.8566, 2.3522) is about 343.6 km', () => {
    const d = haversineKm(51.5074, -0.1278, 48.8566, 2.3522);
    expect(d).toBeGreaterThan(343.0);
    expect(d).toBeLessThan(344.0);
    expect(haversineKm(48.8566, 2.3522, 51.5074, -0.1278)).toBeCloseTo(d, 12);
  });

  it('converts kilometres to statute miles', () => {
    expect(kmToMiles(1.609344)).toBeCloseTo(1, 12);
    expect(kmToMiles(160.9344)).toBeCloseTo(100, 12);
  });
});

describe('facility proximity', () => {
  const kmNorth = (km: number): number => 40 + (km / (EARTH_RADIUS_KM * Math.PI)) * 180;
  const graph = tableGraph({
    nodes: {
      F: { kind: 'Facility', lat: 40, lon: -100 },
      FAR: { kind: 'Facility', lat: 10, lon: 10 },
      NOWHERE: { kind: 'Facility' },
      S1: { kind: 'SensitiveSite', lat: kmNorth(1.5), lon: -100, category: 'military' },
      S2: { kind: 'SensitiveSite', lat: kmNorth(1.7), lon: -100, category: 'datacenter' },
      S3: { kind: 'SensitiveSite', lat: kmNorth(300), lon: -100, category: 'power' },
    },
    edges: [],
  });

  it('flags a facility within 1 mile and lists the nearest sites in km and miles', () => {
    const result = facilityProximity(graph);
    expect(result.F!.near).toBe(true);
    expect(result.F!.nearest.map((s) => s.key)).toEqual(['S1', 'S2']);
    expect(result.F!.nearest[0]!.distanceKm).toBeCloseTo(1.5, 3);
    expect(result.F!.nearest[0]!.distanceMiles).toBeCloseTo(1.5 / 1.609344, 3);
    expect(result.FAR).toEqual({ nearest: [], near: false });
    expect(result.NOWHERE).toBeUndefined();
  });

  it('the radius is an option (1.4 km leaves the facility unflagged)', () => {
    expect(facilityProximity(graph, { radiusKm: 1.4 }).F!.near).toBe(false);
    expect(facilityProximity(graph, { searchKm: 400, count: 5 }).F!.nearest.map((s) => s.key)).toEqual([
      'S1',
      'S2',
      'S3',
    ]);
  });

  it('wraps around the antimeridian', () => {
    const index = new SiteIndex([{ key: 'S', name: 'S', lat: 0, lon: -179.999 }]);
    const hits = index.within(0, 179.999, 1);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.distanceKm).toBeCloseTo(haversineKm(0, 179.999, 0, -179.999), 12);
  });

  it('the grid index finds exactly what a linear scan finds, poles and antimeridian included', () => {
    const point = fc.record({
      lat: fc.double({ min: -90, max: 90, noNaN: true }),
      lon: fc.double({ min: -180, max: 179.999999, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(point, { minLength: 1, maxLength: 40 }),
        point,
        fc.double({ min: 0.1, max: 5000, noNaN: true }),
        fc.constantFrom(0.25, 0.5, 2),
        (raw, q, radius, cell) => {
          const sites: SitePoint[] = raw.map((p, i) => ({ key: `s${i}`, name: `s${i}`, lat: p.lat, lon: p.lon }));
          const index = new SiteIndex(sites, cell);
          const expected = sites
            .filter((s) => haversineKm(q.lat, q.lon, s.lat, s.lon) <= radius)
            .map((s) => s.key)
            .sort();
          expect(
            index
              .within(q.lat, q.lon, radius)
              .map((h) => h.site.key)
              .sort(),
          ).toEqual(expected);
          const nearest = index.nearest(q.lat, q.lon, 3, radius).map((h) => h.distanceKm);
          const brute = sites
            .map((s) => haversineKm(q.lat, q.lon, s.lat, s.lon))
            .filter((d) => d <= radius)
            .sort((a, b) => a - b)
            .slice(0, 3);
          expect(nearest).toEqual(brute);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the nearest few are the first of all hits sorted by distance, then key (ties among repeated points)', () => {
    const point = fc.record({
      lat: fc.double({ min: 40, max: 41, noNaN: true }),
      lon: fc.double({ min: 10, max: 11, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(point, { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        point,
        fc.integer({ min: 1, max: 6 }),
        (distinct, picks, q, count) => {
          // Sites share coordinates (picks repeat points), keyed in an order unrelated to their position.
          const raw = [...distinct, ...picks.map((i) => distinct[i % distinct.length]!)];
          const sites: SitePoint[] = raw.map((p, i) => ({
            key: `s${(i * 7) % 101}-${i}`,
            name: '',
            lat: p.lat,
            lon: p.lon,
          }));
          const index = new SiteIndex(sites);
          const expected = index.within(q.lat, q.lon, 500).slice(0, count);
          expect(index.nearest(q.lat, q.lon, count, 500)).toEqual(expected);
          const brute = sites
            .map((s) => ({ key: s.key, d: haversineKm(q.lat, q.lon, s.lat, s.lon) }))
            .sort((a, b) => a.d - b.d || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
            .slice(0, count)
            .map((h) => h.key);
          expect(expected.map((h) => h.site.key)).toEqual(brute);
        },
      ),
      { numRuns: 300 },
    );
  });
});
