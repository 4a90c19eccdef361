/**
 * The ownership graph: the one data model that the engine, the database layer, the server, the CLI and the
 * web app share. Nodes are parties and places; edges are stakes, control relations and operation.
 *
 * The graph is a graphology MultiDirectedGraph: an edge points from the holder to what it holds
 * (owner -> owned, controller -> controlled, operator -> facility).
 */
import type { MultiDirectedGraph } from 'graphology';

/** What a node is. Governments include state bodies (ministries, agencies, sovereign funds). */
export const ENTITY_KINDS = ['Person', 'Company', 'Government', 'Facility', 'SensitiveSite'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/**
 * What an edge is.
 * - OWNS: an equity stake (percent, or a band percentMin..percentMax when only a range is known).
 * - CONTROLS: control without (or beyond) ownership: board appointment, agreement, nominee arrangement.
 * - OPERATES: an operator runs a facility (counts as 100 percent control of it).
 * - LINKED_TO: an association a source records without a share (e.g. OFAC "Linked To:", a directorship);
 *   shown to the investigator, never counted as ownership or control.
 */
export const STAKE_KINDS = ['OWNS', 'CONTROLS', 'OPERATES', 'LINKED_TO'] as const;
export type StakeKind = (typeof STAKE_KINDS)[number];

export const SANCTION_AUTHORITIES = ['OFAC', 'EU', 'UK', 'UN'] as const;
export type SanctionAuthority = (typeof SANCTION_AUTHORITIES)[number];

export const SITE_CATEGORIES = ['military', 'datacenter', 'power'] as const;
export type SiteCategory = (typeof SITE_CATEGORIES)[number];

/** Where a fact comes from: the dataset, the record in it, and the date of the record or of its import. */
export interface Provenance {
  dataset: string;
  recordId?: string;
  /** ISO date, YYYY-MM-DD. */
  date?: string;
}

/** A sanctions listing of a party by one authority under one programme. */
export interface SanctionListing {
  authority: SanctionAuthority;
  program: string;
  /** ISO date the listing took effect; absent when unknown (then it counts at any date). */
  listed?: string;
  /** ISO date the listing was lifted (delisting), exclusive. */
  delisted?: string;
}

/** An identifier a source gives a party: registration number, LEI, OFAC ent_num, FtM or BODS id. */
export interface Identifier {
  scheme: string;
  value: string;
}

export interface EntityAttributes {
  kind: EntityKind;
  name: string;
  aliases?: string[];
  /** ISO 3166-1 alpha-2 country code (lower or upper case accepted on input, stored upper case). */
  country?: string;
  identifiers?: Identifier[];
  sanctions?: SanctionListing[];
  /** Topics as FollowTheMoney uses them, e.g. `sanction`, `gov.soe`, `role.pep`. */
  topics?: string[];
  /** For Government: `state` (a country's government) or `stateBody` (ministry, agency, state fund). */
  governmentType?: 'state' | 'stateBody';
  lat?: number;
  lon?: number;
  /** Facilities: electrical power in megawatts and hashrate in PH/s, when known. */
  powerMw?: number;
  hashratePhs?: number;
  /** Sensitive sites: military installation, data center, power infrastructure. */
  category?: SiteCategory;
  address?: string;
  /** Marks fictional records of the project's own illustrative dataset. */
  illustrative?: boolean;
  source?: Provenance;
}

export interface StakeAttributes {
  kind: StakeKind;
  /** Exact share of equity, 0..100. */
  percent?: number;
  /** Band when only a range is known (e.g. BODS share.minimum / share.maximum), 0..100. */
  percentMin?: number;
  percentMax?: number;
  /** Voting share when it differs from the equity share, 0..100. */
  votingPercent?: number;
  /** Validity, ISO dates: from inclusive, to exclusive. */
  from?: string;
  to?: string;
  /** UK rule: stakes of different designated persons are aggregated only when held under one joint arrangement. */
  jointArrangement?: string;
  /** CONTROLS: the basis of control (board appointment, agreement, nominee, ...). LINKED_TO: the kind of link. */
  basis?: string;
  source?: Provenance;
}

export type OwnershipGraph = MultiDirectedGraph<EntityAttributes, StakeAttributes>;
