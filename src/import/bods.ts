/**
 * Beneficial Ownership Data Standard 0.4 (https://standard.openownership.org/en/0.4.0/): a JSON array (or JSON
 * lines) of entity, person and relationship statements. Every file is validated against the BODS 0.4 JSON Schema
 * first (bods-schema.ts); an invalid statement is an error naming the statement and the JSON path of the field.
 *
 * Mapping (the latest statement of each recordId wins; records are keyed `bods-<recordId>`):
 * - entity: `state` -> Government (governmentType state), `stateBody` -> Government (stateBody), every other
 *   entity type -> Company (arrangements get the topic `arrangement`, plus the subtype, e.g. `trust`);
 *   jurisdiction -> country; alternateNames -> aliases; identifiers: `bods:<recordId>`, XI-LEI -> lei, an org-id
 *   scheme with a country prefix (GB-COH, FI-PRO ...) -> registration-xx, any other -> bods-<scheme>;
 * - person -> Person (PEPs get the topic `role.pep`; nationality -> country);
 * - relationship (interestedParty -> subject), one edge per interest:
 *   shareholding (direct or unknown) -> OWNS with percent = share.exact, or percentMin / percentMax from
 *   minimum / exclusiveMinimum and maximum / exclusiveMaximum; votingRights -> votingPercent of the shareholding
 *   edge of the same relationship, or CONTROLS (share above 50) / LINKED_TO on its own; an *indirect*
 *   shareholding -> LINKED_TO (basis `indirect shareholding`), because the chain that carries it is (or should
 *   be) in the data and counting it again would double it; appointmentOfBoard, controlViaCompanyRulesOrArticles,
 *   controlByLegalFramework, otherInfluenceOrControl, trustee, nominator -> CONTROLS; board seats, senior
 *   officials, settlors, beneficiaries, nominees, rights to profit or assets, unknown interests -> LINKED_TO;
 *   start and end dates -> from, to; a closed record without end dates ends on its statement date.
 * A relationship with an unspecified interested party (e.g. exempt from disclosure) gives no edge (a warning).
 */
import { readFileSync } from 'node:fs';
import type { EntityAttributes, Identifier, Provenance, SanctionAuthority, StakeAttributes } from '../domain/model.ts';
import type { SnapshotEdge, SnapshotNode } from '../domain/snapshot.ts';
import { validateBods } from './bods-schema.ts';
import { baseName, emptyResult, isoDate, slug } from './types.ts';
import type { ImportResult, ReaderOptions } from './types.ts';

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return -- statements are schema-validated JSON */
type Statement = Record<string, any>;

const CONTROL_INTERESTS = new Set([
  'appointmentOfBoard',
  'controlViaCompanyRulesOrArticles',
  'controlByLegalFramework',
  'otherInfluenceOrControl',
  'trustee',
  'nominator',
]);

export function bodsKey(recordId: string): string {
  return `bods-${recordId}`;
}

/** Maps a BODS identifier to this project's schemes (see resolve.ts). */
export function bodsIdentifier(id: { id?: string; scheme?: string; schemeName?: string }): Identifier | undefined {
  if (!id.id) return undefined;
  const scheme = id.scheme ?? '';
  if (scheme === 'XI-LEI') return { scheme: 'lei', value: id.id };
  // Lookthrough's own schemes (written by its BODS export as schemeName).
  if (
    !scheme &&
    id.schemeName &&
    /^(lei|ofac|imo|ftm|permid|sam-uei|bic|call-sign|(registration|tax)(-[a-z]{2})?|bods-[a-z0-9-]+)$/.test(
      id.schemeName,
    )
  )
    return { scheme: id.schemeName, value: id.id };
  const prefix = /^([A-Z]{2})-[A-Z0-9]+$/.exec(scheme)?.[1];
  if (prefix && prefix !== 'XI' && prefix !== 'XM')
    return { scheme: `registration-${prefix.toLowerCase()}`, value: id.id };
  const name = scheme || id.schemeName;
  return name ? { scheme: `bods-${slug(name)}`, value: id.id } : undefined;
}

function countryOf(code: unknown): string | undefined {
  return typeof code === 'string' && /^[A-Za-z]{2}/.test(code) ? code.slice(0, 2).toUpperCase() : undefined;
}

function parseStatements(file: string, text: string, result: ImportResult): unknown[] | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed) as unknown[];
    } catch (error) {
      result.errors.push({ file, message: `malformed JSON: ${(error as Error).message}` });
      return undefined;
    }
  }
  const out: unknown[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      out.push(JSON.parse(line));
    } catch (error) {
      result.errors.push({ file, line: i + 1, message: `malformed JSON: ${(error as Error).message}` });
    }
  });
  return out;
}

function shareAttributes(
  share: Record<string, number> | undefined,
  into: Partial<StakeAttributes>,
  field: 'percent' | 'votingPercent',
): string {
  if (!share) return '';
  if (typeof share.exact === 'number') {
    into[field] = share.exact;
    return `${share.exact}%`;
  }
  const min = share.minimum ?? share.exclusiveMinimum;
  const max = share.maximum ?? share.exclusiveMaximum;
  if (min === undefined && max === undefined) return '';
  if (field === 'percent') {
    into.percentMin = min ?? 0;
    into.percentMax = max ?? 100;
  }
  return `${min ?? 0}-${max ?? 100}%`;
}

/** Provenance that Lookthrough's own BODS export wrote into `source.description`. */
function ownProvenance(statement: Statement): Provenance | undefined {
  const text = typeof statement.source?.description === 'string' ? statement.source.description : '';
  const m = /^Lookthrough provenance: dataset (.+?)(?:, record (.+?))?(?:, date (\d{4}-\d{2}-\d{2}))?$/.exec(text);
  if (!m) return undefined;
  return { dataset: m[1]!, ...(m[2] ? { recordId: m[2] } : {}), ...(m[3] ? { date: m[3] } : {}) };
}

/** Listings, topics, coordinates, power and hashrate that Lookthrough's own BODS export wrote as annotations. */
function readOwnAnnotations(statement: Statement, a: EntityAttributes): void {
  for (const note of (statement.annotations ?? []) as Statement[]) {
    if (note.statementPointerTarget !== '/recordDetails' || typeof note.description !== 'string') continue;
    const text = note.description;
    const listing =
      /^Sanctions listing: (OFAC|EU|UK|UN) (.+?)(?: listed (\d{4}-\d{2}-\d{2}))?(?: delisted (\d{4}-\d{2}-\d{2}))?$/.exec(
        text,
      );
    if (listing) {
      (a.sanctions ??= []).push({
        authority: listing[1] as SanctionAuthority,
        program: listing[2]!,
        ...(listing[3] ? { listed: listing[3] } : {}),
        ...(listing[4] ? { delisted: listing[4] } : {}),
      });
      continue;
    }
    const topics = /^Topics: (.+)$/.exec(text)?.[1];
    if (topics) a.topics = [...new Set([...(a.topics ?? []), ...topics.split(', ')])];
    const coordinates = /^Coordinates: (-?[\d.]+), (-?[\d.]+)$/.exec(text);
    if (coordinates) {
      a.lat = Number(coordinates[1]);
      a.lon = Number(coordinates[2]);
    }
    const power = /^Power: ([\d.]+) MW$/.exec(text)?.[1];
    if (power) a.powerMw = Number(power);
    const hash = /^Hashrate: ([\d.]+) PH\/s$/.exec(text)?.[1];
    if (hash) a.hashratePhs = Number(hash);
  }
}

export function readBods(file: string, options: ReaderOptions): ImportResult {
  const result = emptyResult();
  const dataset = options.source ?? baseName(file);
  const data = parseStatements(file, readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), result);
  if (!data) return result;
  const problems = validateBods(data);
  for (const p of problems) {
    const statement = p.index !== undefined ? (data[p.index] as Statement | undefined) : undefined;
    const id = typeof statement?.statementId === 'string' ? statement.statementId : undefined;
    result.errors.push({
      file,
      path: p.path,
      message:
        `${id ? `statement ${id}` : p.index !== undefined ? `statement ${p.index}` : 'document'}: ${p.path.split('.').pop()?.replace(/^\$/, '') ?? ''} ${p.message}`.replace(
          /: +/,
          ': ',
        ),
    });
  }
  if (problems.length) return result;

  const statements = data as Statement[];
  const latest = new Map<string, { statement: Statement; index: number }>();
  statements.forEach((statement, index) => {
    const recordId = String(statement.recordId);
    const known = latest.get(recordId);
    if (!known || String(statement.statementDate) >= String(known.statement.statementDate))
      latest.set(recordId, { statement, index });
  });

  const nodes: SnapshotNode[] = [];
  const edges: SnapshotEdge[] = [];
  for (const [recordId, { statement, index }] of latest) {
    const d = statement.recordDetails as Statement;
    const source: Provenance = (options.source === undefined ? ownProvenance(statement) : undefined) ?? {
      dataset,
      recordId,
      date: options.date,
    };
    if (statement.recordType === 'entity' || statement.recordType === 'person') {
      const identifiers: Identifier[] = [{ scheme: 'bods', value: recordId }];
      for (const raw of (d.identifiers ?? []) as Statement[]) {
        const id = bodsIdentifier(raw);
        if (id && !identifiers.some((i) => i.scheme === id.scheme && i.value === id.value)) identifiers.push(id);
      }
      let attributes: EntityAttributes;
      if (statement.recordType === 'entity') {
        const type = String(d.entityType?.type ?? 'unknownEntity');
        const name = typeof d.name === 'string' && d.name ? d.name : `(unnamed ${type})`;
        const facility = type === 'arrangement' && d.entityType?.details === 'facility';
        attributes = {
          kind: type === 'state' || type === 'stateBody' ? 'Government' : facility ? 'Facility' : 'Company',
          name,
          identifiers,
          source,
        };
        if (type === 'state' || type === 'stateBody') attributes.governmentType = type;
        if (type === 'arrangement' && !facility)
          attributes.topics = ['arrangement', ...(d.entityType?.subtype ? [String(d.entityType.subtype)] : [])];
        const aliases = ((d.alternateNames ?? []) as string[]).filter((a) => a && a !== name);
        if (aliases.length) attributes.aliases = aliases;
        const country = countryOf(d.jurisdiction?.code);
        if (country) attributes.country = country;
      } else {
        const names = (d.names ?? []) as Statement[];
        const first = names[0];
        const full = (n: Statement | undefined): string | undefined =>
          n ? (n.fullName ?? [n.givenName, n.familyName].filter(Boolean).join(' ')) || undefined : undefined;
        const name = full(first) ?? `(${String(d.personType ?? 'unknownPerson')})`;
        attributes = { kind: 'Person', name, identifiers, source };
        const aliases = names
          .slice(1)
          .map(full)
          .filter((n): n is string => !!n && n !== name);
        if (aliases.length) attributes.aliases = [...new Set(aliases)];
        const country = countryOf(d.nationalities?.[0]?.code);
        if (country) attributes.country = country;
        if (d.politicalExposure?.status === 'isPep') attributes.topics = ['role.pep'];
      }
      const addresses = ((d.addresses ?? []) as Statement[])
        .map((a) => a.address)
        .filter((a): a is string => typeof a === 'string' && a !== '');
      if (addresses.length) attributes.address = addresses.join(' | ');
      readOwnAnnotations(statement, attributes);
      nodes.push({ key: bodsKey(recordId), attributes });
      continue;
    }
    if (statement.recordType !== 'relationship') continue;
    if (typeof d.interestedParty !== 'string' || typeof d.subject !== 'string') {
      const reason = typeof d.interestedParty === 'object' ? String(d.interestedParty?.reason ?? '') : '';
      result.warnings.push({
        file,
        path: `$[${index}].recordDetails.interestedParty`,
        message: `relationship ${recordId}: the interested party is not specified${reason ? ` (${reason})` : ''}; no edge`,
      });
      continue;
    }
    const from = bodsKey(d.interestedParty);

    const to = bodsKey(d.subject);
    const interests = (d.interests ?? []) as Statement[];
    const closedOn = statement.recordStatus === 'closed' ? isoDate(String(statement.statementDate)) : undefined;
    const make = (
      kind: StakeAttributes['kind'],
      i: number,
      interest: Statement | undefined,
    ): StakeAttributes & { _i: number } => {
      const a: StakeAttributes & { _i: number } = { kind, source: { ...source }, _i: i };
      const start = isoDate(interest?.startDate);
      const end = isoDate(interest?.endDate) ?? closedOn;
      if (start) a.from = start;
      if (end) a.to = end;
      return a;
    };
    const made: (StakeAttributes & { _i: number })[] = [];
    if (interests.length === 0) made.push({ ...make('LINKED_TO', 0, undefined), basis: 'unknown interest' });
    const voting: Statement[] = [];
    interests.forEach((interest, i) => {
      const type = String(interest.type ?? 'unknownInterest');
      const indirect = interest.directOrIndirect === 'indirect';
      if (type === 'shareholding' && !indirect) {
        const a = make('OWNS', i, interest);
        shareAttributes(interest.share, a, 'percent');
        for (const part of typeof interest.details === 'string' ? interest.details.split('; ') : []) {
          const joint = /^joint arrangement: (.+)$/.exec(part)?.[1];
          if (joint) a.jointArrangement = joint;
          else if (part) a.basis = part;
        }
        made.push(a);
      } else if (type === 'votingRights' && !indirect) voting.push({ ...interest, _i: i });
      else {
        const details = typeof interest.details === 'string' ? interest.details : undefined;
        // Lookthrough's own BODS export: details `operator` is an OPERATES relation, `link...` a LINKED_TO.
        const own = details === 'operator' ? 'OPERATES' : details?.startsWith('link') ? 'LINKED_TO' : undefined;
        const a = make(own ?? (CONTROL_INTERESTS.has(type) && !indirect ? 'CONTROLS' : 'LINKED_TO'), i, interest);
        const share = shareAttributes(interest.share, {}, 'votingPercent');
        if (own === 'LINKED_TO' && details !== 'link') a.basis = details!.replace(/^link: /, '');
        else if (own !== 'OPERATES' && type === 'otherInfluenceOrControl' && details) a.basis = details;
        else if (own !== 'OPERATES') a.basis = `${indirect ? 'indirect ' : ''}${type}${share ? ` ${share}` : ''}`;
        made.push(a);
      }
    });
    for (const v of voting) {
      const owns = made.find(
        (a) => a.kind === 'OWNS' && a.votingPercent === undefined && a.from === isoDate(v.startDate),
      );
      if (owns && typeof v.share?.exact === 'number') {
        owns.votingPercent = v.share.exact;
        continue;
      }
      const probe: Partial<StakeAttributes> = {};
      const share = shareAttributes(v.share, probe, 'votingPercent');
      const majority = (probe.votingPercent ?? v.share?.minimum ?? v.share?.exclusiveMinimum ?? 0) > 50;
      const a = make(majority ? 'CONTROLS' : 'LINKED_TO', Number(v._i), v);
      a.basis = `votingRights${share ? ` ${share}` : ''}`;
      if (probe.votingPercent !== undefined) a.votingPercent = probe.votingPercent;
      made.push(a);
    }
    for (const { _i, ...attributes } of made) {
      edges.push({ key: `bods-${recordId}-${_i}`, source: from, target: to, attributes });
    }
  }
  result.nodes = nodes;
  result.edges = edges;
  return result;
}
