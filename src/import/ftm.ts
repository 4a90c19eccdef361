/**
 * FollowTheMoney JSON lines (OpenSanctions, OCCRP Aleph; https://followthemoney.tech/explorer/): one entity
 * `{id, schema, properties: {prop: [values]}}` per line.
 *
 * Mapping:
 * - Company, Organization, LegalEntity -> Company; Person -> Person; PublicBody -> Government (stateBody);
 *   Vessel, Airplane -> Company with topic `vessel` / `aircraft` (as for the SDN list); key `ftm-<id>`;
 *   `topics` kept; names beyond the first and `alias` become aliases; addresses from `addressEntity` (Address
 *   entities' `full`) or the `address` property;
 * - identifiers: `ftm:<id>`, registrationNumber / ogrnCode -> registration-XX, innCode / taxNumber -> tax-XX (XX
 *   the jurisdiction or country), leiCode -> lei, imoNumber -> imo, permId, uniqueEntityId (SAM UEI), swiftBic;
 * - Ownership(owner, asset, percentage, startDate, endDate) -> OWNS with percent (absent when the record gives
 *   none: the share is then unknown, never invented), from, to;
 * - Directorship(director, organization, role) -> LINKED_TO (basis `director: role`): a director does not own
 *   and, by the sanctions rules, does not control by office alone; a role that names control (controller,
 *   trustee, nominee, managing company) -> CONTROLS. Representation, Family, Associate, Membership, UnknownLink
 *   -> LINKED_TO with the FtM schema (and relationship) as basis;
 * - Sanction(entity, authority, program, programId, listingDate/startDate, endDate) -> a listing on the entity
 *   when the authority is OFAC, the EU, the UK (FCDO/OFSI/HM Treasury) or the UN; listings by other authorities
 *   keep only the entity's `sanction` topic (the model has four authorities) and are counted in a warning.
 */
import { readFileSync } from 'node:fs';
import type {
  EntityAttributes,
  EntityKind,
  Identifier,
  Provenance,
  SanctionAuthority,
  SanctionListing,
  SiteCategory,
  StakeAttributes,
} from '../domain/model.ts';
import type { SnapshotEdge, SnapshotNode } from '../domain/snapshot.ts';
import { baseName, emptyResult, isoDate } from './types.ts';
import type { ImportResult, ReaderOptions } from './types.ts';

export interface FtmEntity {
  id: string;
  schema: string;
  caption?: string;
  properties: Record<string, unknown[]>;
  [key: string]: unknown;
}

const PARTY_KINDS: Record<string, EntityKind> = {
  Company: 'Company',
  Organization: 'Company',
  LegalEntity: 'Company',
  Person: 'Person',
  PublicBody: 'Government',
  Vessel: 'Company',
  Airplane: 'Company',
  RealEstate: 'Facility',
};

const LINK_SCHEMAS: Record<string, [string, string]> = {
  Directorship: ['director', 'organization'],
  Representation: ['agent', 'client'],
  Family: ['person', 'relative'],
  Associate: ['person', 'associate'],
  Membership: ['member', 'organization'],
  UnknownLink: ['subject', 'object'],
  Employment: ['employee', 'employer'],
};

const CONTROL_ROLE = /controll|trustee|nominee|managing company|management company|управляющ/i;

function strings(entity: FtmEntity, prop: string): string[] {
  const values = entity.properties[prop];
  return Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}

/** OFAC, EU, UK or UN when a Sanction's authority (or programme id) names one of them. */
export function authorityOf(entity: FtmEntity): SanctionAuthority | undefined {
  const authority = strings(entity, 'authority').join(' | ').toLowerCase();
  const programId = strings(entity, 'programId').join(' ').toUpperCase();
  const country = strings(entity, 'country').join(' ').toLowerCase();
  if (
    /office of foreign assets control|\bofac\b/.test(authority) ||
    (programId.startsWith('US-') && /treasury/.test(authority))
  )
    return 'OFAC';
  if (/united nations|security council/.test(authority) || programId.startsWith('UN-')) return 'UN';
  if (
    /council of the european union|european (union|commission)|directorate.general for financial stability/.test(
      authority,
    ) ||
    country === 'eu'
  )
    return 'EU';
  if (
    /foreign, commonwealth|hm treasury|office of financial sanctions|\bofsi\b/.test(authority) ||
    (programId.startsWith('GB-') && country === 'gb')
  )
    return 'UK';
  return undefined;
}

function country(values: string[]): string | undefined {
  const code = values.find((v) => /^[a-z]{2}$/i.test(v));
  return code?.toUpperCase();
}

function identifiersOf(entity: FtmEntity, where: string | undefined): Identifier[] {
  const ids: Identifier[] = [{ scheme: 'ftm', value: entity.id }];
  const cc = where?.toLowerCase();
  const add = (scheme: string, values: string[]): void => {
    for (const value of values)
      if (!ids.some((i) => i.scheme === scheme && i.value === value)) ids.push({ scheme, value });
  };
  add(cc ? `registration-${cc}` : 'registration', strings(entity, 'registrationNumber'));
  add('registration-ru', strings(entity, 'ogrnCode'));
  add('tax-ru', strings(entity, 'innCode'));
  add(cc ? `tax-${cc}` : 'tax', strings(entity, 'taxNumber'));
  add('lei', strings(entity, 'leiCode'));
  add('imo', strings(entity, 'imoNumber'));
  add('permid', strings(entity, 'permId'));
  add('sam-uei', strings(entity, 'uniqueEntityId'));
  add('bic', strings(entity, 'swiftBic'));
  // Lookthrough's own FtM export writes identifiers without an FtM property as `scheme:value` in idNumber.
  for (const v of strings(entity, 'idNumber')) {
    const m = /^([a-z][a-z0-9-]*):(.+)$/.exec(v);
    if (m) add(m[1]!, [m[2]!]);
  }
  return ids;
}

/** Parses FtM JSON lines; a line that is not a JSON object with `id`, `schema` and `properties` is an error. */
export function parseFtmLines(file: string, text: string, result: ImportResult): { entity: FtmEntity; line: number }[] {
  const out: { entity: FtmEntity; line: number }[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (!trimmed) return;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      result.errors.push({ file, line, message: `malformed JSON: ${(error as Error).message}` });
      return;
    }
    const e = value as Partial<FtmEntity> | null;
    if (!e || typeof e !== 'object' || Array.isArray(e)) {
      result.errors.push({ file, line, message: 'expected a JSON object (one FollowTheMoney entity per line)' });
      return;
    }
    if (typeof e.id !== 'string' || !e.id) result.errors.push({ file, line, message: 'entity has no "id"' });
    else if (typeof e.schema !== 'string' || !e.schema)
      result.errors.push({ file, line, message: `entity ${e.id} has no "schema"` });
    else if (!e.properties || typeof e.properties !== 'object' || Array.isArray(e.properties))
      result.errors.push({ file, line, message: `entity ${e.id}: "properties" must be an object of arrays` });
    else out.push({ entity: e as FtmEntity, line });
  });
  return out;
}

export function readFtm(file: string, options: ReaderOptions): ImportResult {
  const result = emptyResult();
  const dataset = options.source ?? baseName(file);
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const entities = parseFtmLines(file, text, result);
  const byId = new Map(entities.map(({ entity }) => [entity.id, entity]));
  const nodes = new Map<string, SnapshotNode>();
  const provenance = (id: string) => ({ dataset, recordId: id, date: options.date });
  // An entity written by Lookthrough's FtM export carries its original provenance (datasets + referents
  // `dataset:recordId` + first_seen); it is kept unless --source names another dataset.
  const ownProvenance = (entity: FtmEntity): Provenance => {
    const ds = Array.isArray(entity.datasets) ? (entity.datasets as unknown[])[0] : undefined;
    const ref = Array.isArray(entity.referents) ? (entity.referents as unknown[])[0] : undefined;
    if (options.source === undefined && typeof ds === 'string' && typeof ref === 'string' && ref.startsWith(`${ds}:`)) {
      const seen = typeof entity.first_seen === 'string' ? isoDate(entity.first_seen) : undefined;
      return { dataset: ds, recordId: ref.slice(ds.length + 1), ...(seen ? { date: seen } : {}) };
    }
    return provenance(entity.id);
  };
  let skippedPlaces = 0;
  const keyOf = (id: string): string => `ftm-${id}`;

  for (const { entity } of entities) {
    let kind = PARTY_KINDS[entity.schema];
    if (!kind) continue;
    const propertyType = strings(entity, 'propertyType')[0] ?? '';
    const siteCategory = /^sensitive site: (military|datacenter|power)$/.exec(propertyType)?.[1] as
      SiteCategory | undefined;
    if (entity.schema === 'RealEstate') {
      const lat = Number(strings(entity, 'latitude')[0]);
      const lon = Number(strings(entity, 'longitude')[0]);
      if (!Number.isFinite(lat) || !Number.isFinite(lon)) {
        skippedPlaces += 1;
        continue;
      }
      if (siteCategory) kind = 'SensitiveSite';
    }
    const names = strings(entity, 'name');
    const name = entity.caption ?? names[0] ?? entity.id;
    const where = country(strings(entity, 'jurisdiction')) ?? country(strings(entity, 'country'));
    const attributes: EntityAttributes = {
      kind,
      name,
      identifiers: identifiersOf(entity, where),
      source: ownProvenance(entity),
    };
    if (kind === 'Government')
      attributes.governmentType = strings(entity, 'classification')[0] === 'state' ? 'state' : 'stateBody';
    if (entity.schema === 'RealEstate') {
      attributes.lat = Number(strings(entity, 'latitude')[0]);
      attributes.lon = Number(strings(entity, 'longitude')[0]);
      if (siteCategory) attributes.category = siteCategory;
      for (const d of strings(entity, 'description')) {
        const power = /^power ([\d.]+) MW$/.exec(d)?.[1];
        const hash = /^hashrate ([\d.]+) PH\/s$/.exec(d)?.[1];
        if (power) attributes.powerMw = Number(power);
        if (hash) attributes.hashratePhs = Number(hash);
      }
    }
    if (where) attributes.country = where;
    const aliases = [...names, ...strings(entity, 'alias'), ...strings(entity, 'previousName')].filter(
      (n) => n !== name,
    );
    if (aliases.length) attributes.aliases = [...new Set(aliases)];
    const topics = [...strings(entity, 'topics')];
    if (entity.schema === 'Vessel') topics.push('vessel');
    if (entity.schema === 'Airplane') topics.push('aircraft');
    if (topics.length) attributes.topics = [...new Set(topics)];
    const addresses: string[] = [];
    for (const ref of strings(entity, 'addressEntity')) {
      const address = byId.get(ref);
      const full = address ? strings(address, 'full')[0] : undefined;
      if (full) addresses.push(full);
    }
    if (addresses.length === 0) addresses.push(...strings(entity, 'address'));
    const unique = [...new Set(addresses)].slice(0, 5);
    if (unique.length) attributes.address = unique.join(' | ');
    nodes.set(keyOf(entity.id), { key: keyOf(entity.id), attributes });
  }

  const edges: SnapshotEdge[] = [];
  let otherAuthorities = 0;
  let skipped = 0;
  for (const { entity, line } of entities) {
    if (PARTY_KINDS[entity.schema] || entity.schema === 'Address') continue;
    if (entity.schema === 'Sanction') {
      const target = strings(entity, 'entity')[0];
      const node = target ? nodes.get(keyOf(target)) : undefined;
      if (!node) {
        result.warnings.push({
          file,
          line,
          message: `Sanction ${entity.id} names entity ${target ?? '(none)'}, which the file does not hold; skipped`,
        });
        continue;
      }
      const authority = authorityOf(entity);
      const topics = new Set(node.attributes.topics ?? []);
      topics.add('sanction');
      node.attributes.topics = [...topics];
      if (!authority) {
        otherAuthorities += 1;
        continue;
      }
      const program = strings(entity, 'program')[0] ?? strings(entity, 'programId')[0] ?? 'unspecified';
      const listedDates = [...strings(entity, 'listingDate'), ...strings(entity, 'startDate')]
        .map((d) => isoDate(d))
        .filter((d): d is string => d !== undefined)
        .sort();
      const listing: SanctionListing = { authority, program };
      if (listedDates[0]) listing.listed = listedDates[0];
      const ended = isoDate(strings(entity, 'endDate')[0]);
      if (ended) listing.delisted = ended;
      const sanctions = node.attributes.sanctions ?? [];
      const same = sanctions.find((s) => s.authority === authority && s.program === program);
      if (!same) sanctions.push(listing);
      else if (listing.listed && (!same.listed || listing.listed < same.listed)) same.listed = listing.listed;
      node.attributes.sanctions = sanctions;
      continue;
    }
    let kind: StakeAttributes['kind'];
    let from: string | undefined;
    let to: string | undefined;
    let basis: string | undefined;
    if (entity.schema === 'Ownership') {
      kind = 'OWNS';
      from = strings(entity, 'owner')[0];
      to = strings(entity, 'asset')[0];
    } else if (LINK_SCHEMAS[entity.schema]) {
      const [a, b] = LINK_SCHEMAS[entity.schema]!;
      from = strings(entity, a)[0];
      to = strings(entity, b)[0];
      const role = [...strings(entity, 'role'), ...strings(entity, 'relationship')][0];
      kind = entity.schema === 'Directorship' && role && CONTROL_ROLE.test(role) ? 'CONTROLS' : 'LINKED_TO';
      basis =
        entity.schema === 'Directorship'
          ? `director${role ? `: ${role}` : ''}`
          : `${entity.schema}${role ? `: ${role}` : ''}`;
      // Lookthrough's own FtM export writes control, operation and links as UnknownLink with role `KIND: basis`.
      const own =
        entity.schema === 'UnknownLink' ? /^(CONTROLS|OPERATES|LINKED_TO)(?:: (.*))?$/.exec(role ?? '') : null;
      if (own) {
        kind = own[1] as StakeAttributes['kind'];
        basis = own[2];
      }
    } else {
      skipped += 1;
      continue;
    }
    if (!from || !to) {
      result.errors.push({ file, line, message: `${entity.schema} ${entity.id} lacks one of its two parties` });
      continue;
    }
    const attributes: StakeAttributes = { kind, source: ownProvenance(entity) };
    if (kind === 'OWNS') {
      const raw = strings(entity, 'percentage')[0];
      const band = raw ? /^([\d.]+)\s*-\s*([\d.]+)$/.exec(raw) : null;
      const voting = /^voting ([\d.]+)%$/.exec(strings(entity, 'summary')[0] ?? '')?.[1];
      if (voting) attributes.votingPercent = Number(voting);
      const joint = /^joint arrangement: (.+)$/.exec(strings(entity, 'description')[0] ?? '')?.[1];
      if (joint) attributes.jointArrangement = joint;
      if (band) {
        attributes.percentMin = Number(band[1]);
        attributes.percentMax = Number(band[2]);
      } else if (raw !== undefined) {
        const percent = Number(raw.replace('%', '').replace(',', '.'));
        if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
          result.errors.push({
            file,
            line,
            path: `${entity.id}.properties.percentage`,
            message: `expected a number from 0 to 100, got ${JSON.stringify(raw)}`,
          });
          continue;
        }
        attributes.percent = percent;
      }
      const role = strings(entity, 'role')[0];
      if (role) attributes.basis = role;
    } else if (basis) attributes.basis = basis;
    const start = isoDate(strings(entity, 'startDate')[0]);
    const end = isoDate(strings(entity, 'endDate')[0]);
    if (start) attributes.from = start;
    if (end) attributes.to = end;
    if (start && end && end < start) {
      result.errors.push({
        file,
        line,
        message: `${entity.schema} ${entity.id}: endDate ${end} is before startDate ${start}`,
      });
      continue;
    }
    edges.push({ key: `ftm-${entity.id}`, source: keyOf(from), target: keyOf(to), attributes });
  }
  if (otherAuthorities)
    result.warnings.push({
      file,
      message: `${otherAuthorities} Sanction entities by authorities other than OFAC, EU, UK and UN: kept as the topic "sanction" only`,
    });
  if (skippedPlaces)
    result.warnings.push({
      file,
      message: `${skippedPlaces} RealEstate entities without latitude and longitude skipped`,
    });
  if (skipped) result.warnings.push({ file, message: `${skipped} entities of other schemas (e.g. Passport) skipped` });
  result.nodes = [...nodes.values()];
  result.edges = edges;
  return result;
}
