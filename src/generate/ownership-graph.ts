/**
 * A seeded generator of synthetic ownership graphs shaped like real company registers, for benchmarks and tests.
 * Pure: no I/O, no clock, no Math.random; the same options give the same graph, node for node and edge for edge.
 *
 * Shape (N entities):
 * - 30% people, 8% facilities, 0.5% sensitive sites, a few governments (states and their state bodies), the rest
 *   companies. Companies sit on holding levels 0..9 (level 0 holds facilities); a company is held by companies one
 *   to three levels up or by people, so chains run up to 10 levels above a facility (one chain of 10 always exists).
 * - Heavy-tailed holdings: holders are drawn with a power law over each level (and over people), so a few holders
 *   own many entities while most own one or two. Several holders of one entity often share an ancestor: diamonds.
 * - Cross-holdings: about 0.5% of companies hold a stake back in one of their own holders (a two-cycle), and a few
 *   hold stakes lower down; one cross-holding always exists.
 * - Every government owns a state-owned group: a few companies near the top, held 51..100% (topic `gov.soe`).
 * - About 1% of people and companies are listed (OFAC, EU, UK; dates from 2014; a few delisted).
 * - Facilities have coordinates around mining regions, power (MW) and hashrate (PH/s); a third also have an
 *   operator. Sensitive sites (military, data centre, power) lie near facilities, some within a mile.
 * - Shares: the stakes in one entity add up to 40..100 percent (most), with 1% banded and 0.5% unknown shares and
 *   some voting shares; about 3 in 10,000 companies with several holders are deliberately over-allocated (stakes
 *   above 100 percent, a data problem the engine reports), listed in `overAllocated`.
 *
 * Structure is decided up front in typed arrays (small even for a million entities); node and edge objects are
 * made on demand by `nodes()` and `edges()`, so a caller can stream them without holding them all.
 */
import type { EntityAttributes, EntityKind, SanctionListing, SiteCategory, StakeAttributes } from '../domain/model.ts';
import type { OwnershipSnapshot, SnapshotEdge, SnapshotNode } from '../domain/snapshot.ts';

export interface GenerateOptions {
  /** Number of entities (nodes), at least 200. */
  entities: number;
  /** Seed of the pseudo-random generator. */
  seed: number;
  /** Prefix of every node and edge key (default `gen-`), e.g. to keep test data apart. */
  prefix?: string;
  /** Provenance date of every record (default 2025-01-01). */
  date?: string;
  /** Provenance dataset (default `generated`). */
  dataset?: string;
}

export interface GeneratedCounts {
  entities: number;
  people: number;
  companies: number;
  governments: number;
  facilities: number;
  sites: number;
  listed: number;
  edges: number;
}

export interface GeneratedGraph {
  options: Required<GenerateOptions>;
  counts: GeneratedCounts;
  /** Keys of the facilities, in order. */
  facilities: string[];
  /** Keys of the entities whose stakes deliberately add up to more than 100 percent. */
  overAllocated: string[];
  /** A facility with an ownership chain of 10 companies above it. */
  deepFacility: string;
  /** The company with the most direct holdings (a hub). */
  hub: string;
  nodes(): Generator<SnapshotNode>;
  edges(): Generator<SnapshotEdge>;
}

/** mulberry32: a small seeded PRNG (32-bit state), uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const K_PERSON = 0;
const K_COMPANY = 1;
const K_STATE = 2;
const K_BODY = 3;
const K_FACILITY = 4;
const K_SITE = 5;
const KIND_NAMES: EntityKind[] = ['Person', 'Company', 'Government', 'Government', 'Facility', 'SensitiveSite'];
const KEY_LETTER = ['p', 'c', 'g', 'b', 'f', 's'];

const E_OWNS = 0;
const E_CONTROLS = 1;
const E_OPERATES = 2;
const E_LINKED = 3;
const EDGE_KINDS = ['OWNS', 'CONTROLS', 'OPERATES', 'LINKED_TO'] as const;

/** Share flags of an OWNS edge. */
const S_EXACT = 0;
const S_BANDED = 1;
const S_UNKNOWN = 2;

const LEVELS = 10;

const COUNTRIES = ['RU', 'CY', 'AE', 'CN', 'US', 'KZ', 'VG', 'GB', 'NL', 'HK', 'SG', 'CH', 'LU', 'PA', 'IR', 'BY'];
const STATE_COUNTRIES = ['RU', 'CN', 'KZ', 'AE', 'IR', 'BY', 'QA', 'SA', 'VE', 'ET', 'PY', 'IS'];
const WORDS = [
  'Taiga',
  'Volga',
  'Amber',
  'Nordic',
  'Steppe',
  'Baltic',
  'Polar',
  'Orion',
  'Granite',
  'Cedar',
  'Falcon',
  'Meridian',
  'Atlas',
  'Aurora',
  'Cobalt',
  'Summit',
  'Harbor',
  'Vertex',
  'Lotus',
  'Sable',
  'Ural',
  'Pamir',
];
const SUFFIXES = ['Holdings Ltd', 'Capital LLC', 'Invest AG', 'Energy JSC', 'Trading FZE', 'Mining LLP', 'Group SA'];
const GIVEN = ['Anna', 'Ivan', 'Li', 'Omar', 'Elena', 'Sergei', 'Mei', 'Arman', 'Farid', 'Olga', 'James', 'Sara'];
const FAMILY = ['Petrov', 'Wang', 'Nurlanov', 'Haddad', 'Ivanova', 'Smith', 'Chen', 'Karimov', 'Sokolov', 'Rossi'];
/** Mining regions: latitude, longitude, spread in degrees, country. */
const REGIONS: [number, number, number, string][] = [
  [31.5, -100.5, 3, 'US'],
  [50.3, 72.9, 4, 'KZ'],
  [56.0, 92.9, 3, 'RU'],
  [64.1, -21.9, 1, 'IS'],
  [-25.3, -57.6, 2, 'PY'],
  [46.8, -71.2, 2, 'CA'],
  [9.0, 38.7, 2, 'ET'],
  [40.8, 111.7, 3, 'CN'],
  [25.3, 51.5, 1, 'QA'],
  [53.9, 27.6, 2, 'BY'],
];
const PROGRAMS: Record<'OFAC' | 'EU' | 'UK', string[]> = {
  OFAC: ['RUSSIA-EO14024', 'SDGT', 'IRAN', 'DPRK3', 'CYBER2', 'UKRAINE-EO13662'],
  EU: ['RUSSIA (Reg. 269/2014)', 'BELARUS (Reg. 765/2006)', 'IRAN (Reg. 267/2012)'],
  UK: ['Russia', 'Belarus', 'Cyber'],
};

/** A growable Int32 / Float64 column. */
class Column<T extends Int32Array | Float64Array | Uint8Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = this.make(Math.max(16, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
}
const ints = (): Column<Int32Array> => new Column(new Int32Array(1024), (n) => new Int32Array(n));
const bytes = (): Column<Uint8Array> => new Column(new Uint8Array(1024), (n) => new Uint8Array(n));

function isoDay(days: number): string {
  // Days since 2014-01-01, in UTC; pure arithmetic on a fixed epoch (no clock).
  return new Date(Date.UTC(2014, 0, 1) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Generates a synthetic ownership graph; see the module comment for its shape. */
export function generateOwnershipGraph(options: GenerateOptions): GeneratedGraph {
  const n = Math.floor(options.entities);
  if (!Number.isFinite(n) || n < 200) throw new RangeError(`entities must be at least 200, got ${options.entities}`);
  const opts: Required<GenerateOptions> = {
    entities: n,
    seed: options.seed,
    prefix: options.prefix ?? 'gen-',
    date: options.date ?? '2025-01-01',
    dataset: options.dataset ?? 'generated',
  };
  const rnd = mulberry32(opts.seed);
  const int = (k: number): number => Math.floor(rnd() * k);
  /** Power-law pick in [0, k): small indices are drawn far more often (alpha > 1: heavier tail). */
  const zipf = (k: number, alpha: number): number => Math.min(k - 1, Math.floor(k * Math.pow(rnd(), alpha)));

  // Counts and index ranges: [states | bodies | people | companies | facilities | sites].
  const states = Math.max(3, Math.min(STATE_COUNTRIES.length, Math.round(n / 25_000)));
  const bodies = 2 * states;
  const sites = Math.max(10, Math.round(n * 0.005));
  const facilities = Math.max(10, Math.round(n * 0.08));
  const people = Math.round(n * 0.3);
  const companies = n - states - bodies - sites - facilities - people;
  const base = [0, states, states + bodies, states + bodies + people];
  const firstCompany = base[3]!;
  const firstFacility = firstCompany + companies;
  const firstSite = firstFacility + facilities;
  const kindOf = (v: number): number =>
    v < states
      ? K_STATE
      : v < base[2]!
        ? K_BODY
        : v < firstCompany
          ? K_PERSON
          : v < firstFacility
            ? K_COMPANY
            : v < firstSite
              ? K_FACILITY
              : K_SITE;
  const localIndex = (v: number): number =>
    v - [base[2]!, firstCompany, 0, states, firstFacility, firstSite][kindOf(v)]!;
  const keyOf = (v: number): string => `${opts.prefix}${KEY_LETTER[kindOf(v)]}${localIndex(v)}`;

  // Company levels: level 0 holds facilities; the first 10 companies form one chain at levels 0..9.
  const level = new Int8Array(companies);
  const byLevel: number[][] = Array.from({ length: LEVELS }, () => []);
  for (let i = 0; i < companies; i++) {
    const l = i < LEVELS ? i : Math.min(LEVELS - 1, Math.floor(-Math.log(1 - rnd()) / 0.45));
    level[i] = l;
    byLevel[l]!.push(firstCompany + i);
  }

  // Node attributes decided now (listing, country, coordinates).
  const listed = new Uint8Array(n);
  const country = new Uint8Array(n);
  const lat = new Float64Array(n).fill(Number.NaN);
  const lon = new Float64Array(n).fill(Number.NaN);
  const soe = new Uint8Array(n);
  let listedCount = 0;
  for (let v = 0; v < n; v++) {
    const k = kindOf(v);
    country[v] = k === K_STATE || k === K_BODY ? localIndex(v) % states : int(COUNTRIES.length);
    if ((k === K_PERSON || k === K_COMPANY) && rnd() < 0.0105) {
      listed[v] = 1 + int(255);
      listedCount++;
    }
    if (k === K_FACILITY) {
      const [rlat, rlon, spread] = REGIONS[zipf(REGIONS.length, 1.5)]!;
      lat[v] = rlat + (rnd() - 0.5) * 2 * spread;
      lon[v] = rlon + (rnd() - 0.5) * 2 * spread;
    } else if (k === K_SITE) {
      if (rnd() < 0.4) {
        // Near a facility: within about 0..3 km, so some are within the one-mile close-proximity range.
        const f = firstFacility + int(facilities);
        lat[v] = lat[f]! + (rnd() - 0.5) * 0.05;
        lon[v] = lon[f]! + (rnd() - 0.5) * 0.05;
      } else {
        const [rlat, rlon, spread] = REGIONS[int(REGIONS.length)]!;
        lat[v] = rlat + (rnd() - 0.5) * 2 * spread;
        lon[v] = rlon + (rnd() - 0.5) * 2 * spread;
      }
    }
  }

  // Edges, first as (source, target, kind); shares are assigned per target afterwards.
  const src = ints();
  const tgt = ints();
  const ekind = bytes();
  const addEdge = (s: number, t: number, k: number): void => {
    src.push(s);
    tgt.push(t);
    ekind.push(k);
  };
  const person = (): number => base[2]! + zipf(people, 2.5);
  const companyAt = (l: number): number => {
    const list = byLevel[l]!;
    return list.length > 0 ? list[zipf(list.length, 3)]! : person();
  };

  // Governments: each state owns or controls its bodies.
  for (let b = 0; b < bodies; b++) addEdge(b % states, states + b, b % 4 === 3 ? E_CONTROLS : E_OWNS);
  // State-owned groups: a few top-level companies per government.
  const governments = states + bodies;
  const perGovernment = Math.max(1, Math.round((companies * 0.003) / governments));
  for (let g = 0; g < governments; g++) {
    for (let k = 0; k < perGovernment; k++) {
      const head = companyAt(LEVELS - 1 - int(4));
      if (head < firstCompany || soe[head] === 1) continue;
      soe[head] = 1;
      addEdge(g, head, E_OWNS);
    }
  }
  // The guaranteed chain: c9 -> c8 -> ... -> c0 -> first facility, and c0 holds a stake back in c1.
  for (let i = 0; i < LEVELS - 1; i++) addEdge(firstCompany + i + 1, firstCompany + i, E_OWNS);
  addEdge(firstCompany, firstFacility, E_OWNS);
  addEdge(firstCompany, firstCompany + 1, E_OWNS);
  // Holders of every company.
  for (let i = LEVELS; i < companies; i++) {
    const v = firstCompany + i;
    const l = level[i]!;
    const holders = soe[v] === 1 ? int(2) : 1 + Math.min(7, zipf(8, 3) + (rnd() < 0.5 ? 1 : 0));
    for (let h = 0; h < holders; h++) {
      const r = rnd();
      let holder: number;
      if (l < LEVELS - 1 && r < 0.6) holder = companyAt(Math.min(LEVELS - 1, l + 1 + zipf(3, 2)));
      else if (r < 0.62) holder = int(governments);
      else holder = person();
      if (holder !== v) addEdge(holder, v, E_OWNS);
    }
    const x = rnd();
    if (x < 0.005 && l < LEVELS - 1) {
      // A cross-holding: a stake back in a company one level up (often one of its own holders).
      addEdge(v, companyAt(l + 1), E_OWNS);
    } else if (x < 0.008 && l > 0) {
      addEdge(v, companyAt(l - 1), E_OWNS); // a stake lower down: another route, sometimes a cycle
    } else if (x < 0.02) {
      addEdge(rnd() < 0.5 ? person() : companyAt(Math.min(LEVELS - 1, l + 1)), v, E_CONTROLS);
    } else if (x < 0.03) {
      addEdge(person(), v, E_LINKED);
    }
  }
  // Holders and operators of facilities.
  for (let i = 0; i < facilities; i++) {
    const v = firstFacility + i;
    const holders = i === 0 ? 0 : 1 + zipf(3, 3);
    for (let h = 0; h < holders; h++) addEdge(rnd() < 0.9 ? companyAt(rnd() < 0.8 ? 0 : 1) : person(), v, E_OWNS);
    if (rnd() < 0.33) addEdge(companyAt(0), v, E_OPERATES);
  }

  // Group edges by target (counting sort) and assign shares so that the stakes in one entity add up to <= 100.
  const m = src.length;
  const S = src.data;
  const T = tgt.data;
  const K = ekind.data;
  const percent = new Float64Array(m).fill(Number.NaN);
  const share = new Uint8Array(m);
  const start = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) start[T[e]! + 1]!++;
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const fill = start.slice(0, n);
  const order = new Int32Array(m);
  for (let e = 0; e < m; e++) order[fill[T[e]!]!++] = e;
  const overAllocated: number[] = [];
  const weights: number[] = [];
  for (let v = 0; v < n; v++) {
    const owns: number[] = [];
    for (let k = start[v]!; k < start[v + 1]!; k++) if (K[order[k]!] === E_OWNS) owns.push(order[k]!);
    if (owns.length === 0) continue;
    const kv = kindOf(v);
    let total: number;
    if (kv === K_BODY || owns.length === 1) total = kv === K_BODY ? 100 : rnd() < 0.6 ? 100 : 50 + rnd() * 50;
    else total = rnd() < 0.3 ? 100 : 40 + rnd() * 60;
    const over = owns.length > 1 && kv === K_COMPANY && rnd() < 0.0001 * 3;
    if (over) {
      total = 100 + 5 + rnd() * 40;
      overAllocated.push(v);
    }
    weights.length = 0;
    let sum = 0;
    for (let i = 0; i < owns.length; i++) {
      const e = owns[i]!;
      // State-owned group heads: the government holds a majority.
      const w = soe[v] === 1 && S[e]! < governments ? 3 * owns.length : 0.2 + rnd();
      weights.push(w);
      sum += w;
    }
    let given = 0;
    for (let i = 0; i < owns.length; i++) {
      const e = owns[i]!;
      // Floor to hundredths so that rounding never pushes the sum above the total.
      let p = Math.floor(((weights[i]! / sum) * total * 100) / (1 + 1e-12)) / 100;
      if (!over) p = Math.min(p, Math.floor((100 - given) * 100) / 100);
      given += p;
      percent[e] = Math.max(0.01, Math.min(100, p));
      const u = rnd();
      share[e] =
        over || kv === K_BODY || soe[v] === 1 ? S_EXACT : u < 0.01 ? S_BANDED : u < 0.015 ? S_UNKNOWN : S_EXACT;
    }
  }
  // Per-edge extras decided now so that nodes() and edges() draw nothing at random.
  const voting = new Float64Array(m).fill(Number.NaN);
  const fromDay = new Int32Array(m).fill(-1);
  for (let e = 0; e < m; e++) {
    if (K[e] === E_OWNS && share[e] === S_EXACT && rnd() < 0.02) voting[e] = Math.min(100, percent[e]! * 2);
    if (rnd() < 0.3) fromDay[e] = int(4000);
  }
  const listingSeed = new Int32Array(n);
  for (let v = 0; v < n; v++) if (listed[v]) listingSeed[v] = Math.floor(rnd() * 2 ** 31);

  // The hub: the company with the most direct holdings.
  const outDegree = new Int32Array(n);
  for (let e = 0; e < m; e++) outDegree[S[e]!]!++;
  let hub = firstCompany;
  for (let v = firstCompany; v < firstFacility; v++) if (outDegree[v]! > outDegree[hub]!) hub = v;

  const prefix = opts.prefix;
  const source = (recordId: string) => ({ dataset: opts.dataset, recordId, date: opts.date });

  function listingsOf(v: number): SanctionListing[] {
    const r = mulberry32(listingSeed[v]!);
    const x = r();
    const authorities: ('OFAC' | 'EU' | 'UK')[] =
      x < 0.6 ? ['OFAC'] : x < 0.75 ? ['EU'] : x < 0.85 ? ['UK'] : ['OFAC', 'EU', 'UK'];
    const listedDay = Math.floor(r() * 4200);
    const out: SanctionListing[] = authorities.map((authority, i) => {
      const programs = PROGRAMS[authority];
      const l: SanctionListing = {
        authority,
        program: programs[Math.floor(r() * programs.length)]!,
        listed: isoDay(listedDay + i * 30),
      };
      return l;
    });
    if (r() < 0.03) out[0]!.delisted = isoDay(listedDay + 400 + Math.floor(r() * 600));
    return out;
  }

  function nodeOf(v: number): SnapshotNode {
    const k = kindOf(v);
    const i = localIndex(v);
    const key = keyOf(v);
    const cc = k === K_STATE || k === K_BODY ? STATE_COUNTRIES[country[v]!]! : COUNTRIES[country[v]!]!;
    const a: EntityAttributes = { kind: KIND_NAMES[k]!, name: '' };
    switch (k) {
      case K_STATE:
        a.name = `Government of ${cc} (${i})`;
        a.governmentType = 'state';
        a.country = cc;
        break;
      case K_BODY:
        a.name = `${['Ministry of Energy', 'National Wealth Fund', 'State Property Agency'][i % 3]} of ${cc} (${i})`;
        a.governmentType = 'stateBody';
        a.country = cc;
        break;
      case K_PERSON:
        a.name = `${GIVEN[i % GIVEN.length]} ${FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length]} ${i}`;
        a.country = cc;
        break;
      case K_COMPANY:
        a.name = `${WORDS[i % WORDS.length]} ${WORDS[Math.floor(i / WORDS.length) % WORDS.length]} ${SUFFIXES[i % SUFFIXES.length]} ${i}`;
        a.country = cc;
        a.identifiers = [{ scheme: `registration-${cc.toLowerCase()}`, value: `${prefix}${opts.seed}-${i}` }];
        if (soe[v] === 1) a.topics = ['gov.soe'];
        break;
      case K_FACILITY: {
        a.name = `${WORDS[i % WORDS.length]} Mining Site ${i}`;
        a.lat = Math.round(lat[v]! * 1e6) / 1e6;
        a.lon = Math.round(lon[v]! * 1e6) / 1e6;
        const power = 5 + Math.floor(495 * Math.pow(((i * 2654435761) >>> 0) / 4294967296, 3));
        a.powerMw = power;
        a.hashratePhs = Math.round(power * (20 + (i % 31)));
        break;
      }
      case K_SITE:
        a.name = `Site ${i}`;
        a.category = (['military', 'datacenter', 'power'] as SiteCategory[])[i % 3]!;
        a.lat = Math.round(lat[v]! * 1e6) / 1e6;
        a.lon = Math.round(lon[v]! * 1e6) / 1e6;
        break;
    }
    if (listed[v]) {
      a.sanctions = listingsOf(v);
      a.topics = ['sanction'];
    }
    a.source = source(key);
    return { key, attributes: a };
  }

  function edgeOf(e: number): SnapshotEdge {
    const k = K[e]!;
    const key = `${prefix}e${e}`;
    const a: StakeAttributes = { kind: EDGE_KINDS[k]! };
    if (k === E_OWNS) {
      const p = percent[e]!;
      if (share[e] === S_EXACT) a.percent = p;
      else if (share[e] === S_BANDED) {
        a.percentMin = Math.max(0, Math.floor(p / 5) * 5 - 5);
        a.percentMax = Math.min(100, a.percentMin + 15);
      }
      if (!Number.isNaN(voting[e]!)) a.votingPercent = voting[e]!;
    } else if (k === E_CONTROLS) a.basis = 'board appointment';
    else if (k === E_LINKED) a.basis = 'director';
    if (fromDay[e]! >= 0) a.from = isoDay(fromDay[e]!);
    a.source = source(key);
    return { key, source: keyOf(S[e]!), target: keyOf(T[e]!), attributes: a };
  }

  return {
    options: opts,
    counts: {
      entities: n,
      people,
      companies,
      governments,
      facilities,
      sites,
      listed: listedCount,
      edges: m,
    },
    facilities: Array.from({ length: facilities }, (_, i) => keyOf(firstFacility + i)),
    overAllocated: overAllocated.map(keyOf),
    deepFacility: keyOf(firstFacility),
    hub: keyOf(hub),
    *nodes() {
      for (let v = 0; v < n; v++) yield nodeOf(v);
    },
    *edges() {
      for (let e = 0; e < m; e++) yield edgeOf(e);
    },
  };
}

/** The whole generated graph as one snapshot (for sizes that fit in memory as objects). */
export function generateSnapshot(options: GenerateOptions): OwnershipSnapshot {
  const g = generateOwnershipGraph(options);
  return {
    attributes: { title: `Generated ownership graph (${g.counts.entities} entities, seed ${g.options.seed})` },
    options: { type: 'directed', multi: true, allowSelfLoops: false },
    nodes: [...g.nodes()],
    edges: [...g.edges()],
  };
}
