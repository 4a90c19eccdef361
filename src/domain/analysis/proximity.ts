/**
 * Proximity of facilities to sensitive sites (military installations, data centers, power infrastructure).
 *
 * Distance is the great-circle distance on a sphere of the IUGG mean Earth radius, 6371.0088 km, computed with the
 * haversine formula (a WGS84 ellipsoid would differ by at most about 0.5 percent), reported in kilometres and
 * statute miles (1 mile = 1.609344 km). US real-estate review works with "close proximity", one mile from a
 * military installation (31 CFR 802.203), and "extended range", 99 further miles (31 CFR 802.217): the defaults
 * flag a facility within 1 mile and look for the nearest sites within 100 miles.
 *
 * Many facilities against many sites: sites are bucketed in a latitude/longitude grid, and each query visits only
 * the cells its search circle can reach.
 */
import type { EntityAttributes, OwnershipGraph, SiteCategory } from '../model.ts';
import { byCodeUnit } from '../snapshot.ts';
import type { UpstreamSource } from './graph-index.ts';

/** IUGG mean Earth radius R1, km. */
export const EARTH_RADIUS_KM = 6371.0088;
/** One international statute mile, km. */
export const KM_PER_MILE = 1.609344;
/** 31 CFR 802.203 "close proximity": one mile. */
export const CLOSE_PROXIMITY_KM = KM_PER_MILE;
/** 31 CFR 802.217 "extended range": 99 miles beyond close proximity, 100 miles in all. */
export const EXTENDED_RANGE_KM = 100 * KM_PER_MILE;

const RAD = Math.PI / 180;

/**
 * Great-circle distance in km between two points given in decimal degrees: haversine formula on a sphere of
 * radius EARTH_RADIUS_KM, d = 2 R asin(sqrt(sin^2(dphi/2) + cos(phi1) cos(phi2) sin^2(dlambda/2))).
 */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s1 = Math.sin(dLat / 2);
  const s2 = Math.sin(dLon / 2);
  const a = s1 * s1 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * s2 * s2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Kilometres to international statute miles (1 mile = 1.609344 km exactly). */
export function kmToMiles(km: number): number {
  return km / KM_PER_MILE;
}

/** A sensitive site with coordinates. */
export interface SitePoint {
  key: string;
  name: string;
  category?: SiteCategory;
  lat: number;
  lon: number;
}

/** A site found near a point, with its distance in km. */
export interface SiteHit {
  site: SitePoint;
  distanceKm: number;
}

/** Below this many sites, SiteIndex uses 5-degree cells. */
const SMALL_SITE_LIST = 256;

/**
 * A grid index of sites for nearest-site and within-radius queries by haversine distance. Cells are `cellDeg`
 * degrees square (default 0.5, about 55 km north-south; 5 for fewer than 256 sites), stored as compressed rows (sites sorted by cell); the
 * longitude range of a query widens with latitude and covers every longitude near the poles; the antimeridian
 * wraps.
 */
export class SiteIndex {
  readonly sites: readonly SitePoint[];
  private readonly latCells: number;
  private readonly lonCells: number;
  /** Sites of cell c: order[cellStart[c] .. cellStart[c + 1]). */
  private readonly cellStart: Int32Array;
  private readonly order: Int32Array;
  private readonly nonEmptyCells: number;
  // Scratch for queries: candidate site indices and distances.
  private readonly hitSite: Int32Array;
  private readonly hitKm: Float64Array;

  constructor(
    sites: readonly SitePoint[],
    // Fine cells for long lists; a few hundred coarse ones for the handful of sites of one trace, whose index is
    // built per request (the grid's cell array is allocated and scanned whatever the number of sites).
    private readonly cellDeg = sites.length < SMALL_SITE_LIST ? 5 : 0.5,
  ) {
    this.sites = sites;
    this.latCells = Math.ceil(180 / cellDeg);
    this.lonCells = Math.ceil(360 / cellDeg);
    const cellCount = this.latCells * this.lonCells;
    const cellOf = new Int32Array(sites.length);
    this.cellStart = new Int32Array(cellCount + 1);
    sites.forEach((site, i) => {
      const c = this.latCell(site.lat) * this.lonCells + this.lonCell(site.lon);
      cellOf[i] = c;
      this.cellStart[c + 1]!++;
    });
    let nonEmpty = 0;
    for (let c = 0; c < cellCount; c++) {
      if (this.cellStart[c + 1]! > 0) nonEmpty++;
      this.cellStart[c + 1]! += this.cellStart[c]!;
    }
    this.nonEmptyCells = nonEmpty;
    const fill = this.cellStart.slice(0, cellCount);
    this.order = new Int32Array(sites.length);
    for (let i = 0; i < sites.length; i++) this.order[fill[cellOf[i]!]!++] = i;
    this.hitSite = new Int32Array(Math.max(16, sites.length));
    this.hitKm = new Float64Array(Math.max(16, sites.length));
  }

  private latCell(lat: number): number {
    return Math.min(this.latCells - 1, Math.max(0, Math.floor((lat + 90) / this.cellDeg)));
  }

  private lonCell(lon: number): number {
    const c = Math.floor((lon + 180) / this.cellDeg) % this.lonCells;
    return c < 0 ? c + this.lonCells : c;
  }

  /** Collects the sites within maxKm into the scratch arrays; returns how many. */
  private collect(lat: number, lon: number, maxKm: number): number {
    const { sites, order, cellStart, hitSite, hitKm, lonCells } = this;
    let count = 0;
    // The great-circle distance is at least the north-south one, R |dphi|: sites beyond it (with a margin for
    // rounding) are skipped without the trigonometry. Most sites in the cells visited are far in latitude.
    const latKm = RAD * EARTH_RADIUS_KM;
    const maxLatKm = maxKm * (1 + 1e-9);
    const consider = (i: number): void => {
      const site = sites[i]!;
      if (Math.abs(site.lat - lat) * latKm > maxLatKm) return;
      const d = haversineKm(lat, lon, site.lat, site.lon);
      if (d <= maxKm) {
        hitSite[count] = i;
        hitKm[count] = d;
        count++;
      }
    };
    const angle = maxKm / EARTH_RADIUS_KM;
    const dLatDeg = angle / RAD;
    let allLon = angle >= Math.PI / 2 || lat + dLatDeg >= 90 || lat - dLatDeg <= -90;
    let dLonDeg = 180;
    if (!allLon) {
      const s = Math.sin(angle) / Math.cos(lat * RAD);
      if (s >= 1) allLon = true;
      else dLonDeg = Math.asin(s) / RAD;
    }
    const lat0 = this.latCell(lat - dLatDeg);
    const lat1 = this.latCell(lat + dLatDeg);
    const lonSpan = allLon
      ? lonCells
      : Math.min(
          lonCells,
          Math.floor((lon + dLonDeg + 180) / this.cellDeg) - Math.floor((lon - dLonDeg + 180) / this.cellDeg) + 1,
        );
    if ((lat1 - lat0 + 1) * lonSpan >= this.nonEmptyCells * 4) {
      for (let i = 0; i < sites.length; i++) consider(i);
    } else {
      const first = allLon ? 0 : this.lonCell(lon - dLonDeg);
      for (let la = lat0; la <= lat1; la++) {
        for (let k = 0; k < lonSpan; k++) {
          const c = la * lonCells + ((first + k) % lonCells);
          for (let j = cellStart[c]!; j < cellStart[c + 1]!; j++) consider(order[j]!);
        }
      }
    }
    return count;
  }

  /** The hits in scratch, sorted nearest first (ties by key), at most `limit`. */
  private hits(count: number, limit: number): SiteHit[] {
    const { hitKm, hitSite, sites } = this;
    const before = (a: number, b: number): number => {
      const d = hitKm[a]! - hitKm[b]!;
      if (d !== 0) return d;
      return byCodeUnit(sites[hitSite[a]!]!.key, sites[hitSite[b]!]!.key);
    };
    const ids: number[] = [];
    if (limit < count) {
      // The few nearest of many (a facility's 3 nearest sites in a dense region): insertion into a short sorted
      // list instead of sorting every hit. The order is total (keys are unique), so the result is the same.
      for (let i = 0; i < count; i++) {
        if (ids.length === limit && before(i, ids[limit - 1]!) >= 0) continue;
        let at = ids.length === limit ? limit - 1 : ids.length;
        while (at > 0 && before(i, ids[at - 1]!) < 0) {
          ids[at] = ids[at - 1]!;
          at--;
        }
        ids[at] = i;
      }
    } else {
      for (let i = 0; i < count; i++) ids.push(i);
      ids.sort(before);
    }
    return ids.map((i) => ({ site: sites[hitSite[i]!]!, distanceKm: hitKm[i]! }));
  }

  /** Sites within `maxKm` of the point, nearest first (ties by key). */
  within(lat: number, lon: number, maxKm: number): SiteHit[] {
    return this.hits(this.collect(lat, lon, maxKm), Number.POSITIVE_INFINITY);
  }

  /**
   * The `count` nearest sites within `maxKm` of the point, nearest first. Searches a small circle first and widens
   * it (x4) until it holds `count` sites or reaches `maxKm`, so dense site lists cost little per query.
   */
  nearest(lat: number, lon: number, count: number, maxKm: number): SiteHit[] {
    if (count <= 0 || this.sites.length === 0) return [];
    let radius = Math.min(maxKm, this.cellDeg * 111);
    for (;;) {
      const found = this.collect(lat, lon, radius);
      if (found >= count || radius >= maxKm) return this.hits(found, count);
      radius = Math.min(maxKm, radius * 4);
    }
  }
}

/** The sensitive sites of a graph that have coordinates, in a grid index. */
export function siteIndexFromGraph(graph: Pick<UpstreamSource, 'forEachNode'>): SiteIndex {
  const sites: SitePoint[] = [];
  graph.forEachNode((key, a) => addSite(sites, key, a));
  return new SiteIndex(sites);
}

/** The same for a list of nodes (e.g. the nodes of a trace). */
export function siteIndexFromNodes(nodes: Iterable<{ key: string; attributes: EntityAttributes }>): SiteIndex {
  const sites: SitePoint[] = [];
  for (const { key, attributes } of nodes) addSite(sites, key, attributes);
  return new SiteIndex(sites);
}

function addSite(sites: SitePoint[], key: string, a: EntityAttributes): void {
  if (a.kind !== 'SensitiveSite' || typeof a.lat !== 'number' || typeof a.lon !== 'number') return;
  const site: SitePoint = { key, name: a.name, lat: a.lat, lon: a.lon };
  if (a.category !== undefined) site.category = a.category;
  sites.push(site);
}

/** One facility's nearest sites and whether one lies within the radius. */
export interface FacilityProximity {
  nearest: { key: string; name: string; category?: SiteCategory; distanceKm: number; distanceMiles: number }[];
  near: boolean;
}

/**
 * For every facility with coordinates: its `count` nearest sensitive sites (default 3) within `searchKm` (default
 * 100 miles, 31 CFR 802.217) by haversine great-circle distance, and whether one lies within `radiusKm` (default
 * 1 mile, "close proximity", 31 CFR 802.203).
 */
export function facilityProximity(
  graph: OwnershipGraph,
  options: { radiusKm?: number; count?: number; searchKm?: number } = {},
): Record<string, FacilityProximity> {
  const radiusKm = options.radiusKm ?? CLOSE_PROXIMITY_KM;
  const searchKm = Math.max(radiusKm, options.searchKm ?? EXTENDED_RANGE_KM);
  const count = options.count ?? 3;
  const sites = siteIndexFromGraph(graph);
  const out: Record<string, FacilityProximity> = {};
  graph.forEachNode((key, a) => {
    if (a.kind !== 'Facility' || typeof a.lat !== 'number' || typeof a.lon !== 'number') return;
    const hits = sites.nearest(a.lat, a.lon, count, searchKm);
    out[key] = {
      nearest: hits.map((h) => describeHit(h)),
      near: hits.length > 0 && hits[0]!.distanceKm <= radiusKm,
    };
  });
  return out;
}

/** A hit as reported: key, name, category, distance in km and miles (rounded to the metre). */
export function describeHit(hit: SiteHit): {
  key: string;
  name: string;
  category?: SiteCategory;
  distanceKm: number;
  distanceMiles: number;
} {
  const out: { key: string; name: string; category?: SiteCategory; distanceKm: number; distanceMiles: number } = {
    key: hit.site.key,
    name: hit.site.name,
    distanceKm: Math.round(hit.distanceKm * 1000) / 1000,
    distanceMiles: Math.round(kmToMiles(hit.distanceKm) * 1000) / 1000,
  };
  if (hit.site.category !== undefined) out.category = hit.site.category;
  return out;
}
