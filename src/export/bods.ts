/**
 * BODS 0.4 (https://standard.openownership.org/en/0.4.0/): a JSON array of statements, valid against the BODS
 * 0.4 JSON Schema (tested with the same ajv validation the importer uses).
 *
 * - Company -> entity `registeredEntity`; Government -> entity `state` / `stateBody`; Facility -> entity
 *   `arrangement` (details `facility`); Person -> person `knownPerson`. Sensitive sites are places, not parties:
 *   BODS has no statement for them, so they are left out (the metadata counts them).
 * - OWNS -> a relationship with a direct `shareholding` interest (share.exact, or minimum/maximum for a band) and
 *   a `votingRights` interest when the voting share is known; CONTROLS -> its basis when that is a BODS interest
 *   type, else `otherInfluenceOrControl` with the basis in `details`; OPERATES -> `otherInfluenceOrControl` with
 *   details `operator`; LINKED_TO -> its BODS interest type when the basis names one (the importer writes e.g.
 *   `indirect shareholding 100%`), else `unknownInterest` with the basis in `details`.
 * - recordId: the BODS record id a node came with, else its key; statementId: a SHA-256 of record id, statement
 *   date and export time (64 hex characters); statementDate: the as-of date of the export.
 * - Provenance (dataset, record id, date) is the statement's `source.description`; identifiers keep Lookthrough
 *   schemes in `schemeName` (LEI as XI-LEI); sanctions listings, coordinates, flags and their explanation are
 *   `commenting` annotations of the statement; the export's metadata is an annotation of every statement's `/`.
 */
import { createHash } from 'node:crypto';
import type { EntityAttributes, Provenance, StakeAttributes } from '../domain/model.ts';
import type { ExportDocument, ExportFile } from './document.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- statements are plain JSON */
type Json = Record<string, any>;

const INTEREST_TYPES = new Set([
  'shareholding',
  'votingRights',
  'appointmentOfBoard',
  'otherInfluenceOrControl',
  'seniorManagingOfficial',
  'settlor',
  'trustee',
  'protector',
  'beneficiaryOfLegalArrangement',
  'rightsToSurplusAssetsOnDissolution',
  'rightsToProfitOrIncome',
  'rightsGrantedByContract',
  'conditionalRightsGrantedByContract',
  'controlViaCompanyRulesOrArticles',
  'controlByLegalFramework',
  'boardMember',
  'boardChair',
  'unknownInterest',
  'unpublishedInterest',
  'enjoymentAndUseOfAssets',
  'rightToProfitOrIncomeFromAssets',
  'nominee',
  'nominator',
]);

export function bodsRecordId(key: string, a: EntityAttributes): string {
  return a.identifiers?.find((i) => i.scheme === 'bods')?.value ?? key;
}

function sourceOf(p: Provenance | undefined): Json {
  const parts = p
    ? [`dataset ${p.dataset}`, p.recordId ? `record ${p.recordId}` : '', p.date ? `date ${p.date}` : ''].filter(Boolean)
    : [];
  return {
    type: ['thirdParty'],
    ...(parts.length ? { description: `Lookthrough provenance: ${parts.join(', ')}` } : {}),
  };
}

function share(percent: number | undefined, min: number | undefined, max: number | undefined): Json | undefined {
  if (percent !== undefined) return { exact: percent };
  if (min !== undefined || max !== undefined) return { minimum: min ?? 0, maximum: max ?? 100 };
  return undefined;
}

function interestsOf(a: StakeAttributes): Json[] {
  const dates: Json = { ...(a.from ? { startDate: a.from } : {}), ...(a.to ? { endDate: a.to } : {}) };
  if (a.kind === 'OWNS') {
    const out: Json[] = [];
    const s = share(a.percent, a.percentMin, a.percentMax);
    out.push({
      type: 'shareholding',
      directOrIndirect: 'direct',
      ...(s ? { share: s } : {}),
      ...(a.basis || a.jointArrangement
        ? {
            details: [a.basis, a.jointArrangement ? `joint arrangement: ${a.jointArrangement}` : '']
              .filter(Boolean)
              .join('; '),
          }
        : {}),
      ...dates,
    });
    if (a.votingPercent !== undefined)
      out.push({ type: 'votingRights', directOrIndirect: 'direct', share: { exact: a.votingPercent }, ...dates });
    return out;
  }
  if (a.kind === 'OPERATES')
    return [{ type: 'otherInfluenceOrControl', directOrIndirect: 'direct', details: 'operator', ...dates }];
  const basis = a.basis ?? '';
  const m = /^(indirect )?([A-Za-z]+)(?: ([\d.]+)%| ([\d.]+)-([\d.]+)%)?$/.exec(basis);
  if (m && INTEREST_TYPES.has(m[2]!)) {
    const s =
      m[3] !== undefined
        ? { exact: Number(m[3]) }
        : m[4] !== undefined
          ? { minimum: Number(m[4]), maximum: Number(m[5]) }
          : undefined;
    return [
      {
        type: m[2],
        directOrIndirect: m[1] ? 'indirect' : 'direct',
        ...(s ? { share: s } : {}),
        ...(a.kind === 'LINKED_TO' && !m[1] && m[2] !== 'unknownInterest' ? { details: 'link' } : {}),
        ...dates,
      },
    ];
  }
  if (a.kind === 'CONTROLS')
    return [
      { type: 'otherInfluenceOrControl', directOrIndirect: 'direct', ...(basis ? { details: basis } : {}), ...dates },
    ];
  return [
    { type: 'unknownInterest', directOrIndirect: 'unknown', details: basis ? `link: ${basis}` : 'link', ...dates },
  ];
}

export function writeBods(doc: ExportDocument): ExportFile[] {
  const { meta } = doc;
  const statementDate = meta.asOf;
  const publicationDetails = {
    publicationDate: meta.exportedAt.slice(0, 10),
    bodsVersion: '0.4',
    publisher: { name: meta.generator },
  };
  const metaAnnotation = {
    motivation: 'commenting',
    statementPointerTarget: '/',
    creationDate: meta.exportedAt.slice(0, 10),
    createdBy: { name: meta.generator },
    description: `Lookthrough export: ${JSON.stringify(meta)}`,
  };
  const recordIds = new Map<string, string>();
  for (const n of doc.snapshot.nodes) recordIds.set(n.key, bodsRecordId(n.key, n.attributes));
  const root =
    typeof doc.snapshot.attributes?.root === 'string' ? recordIds.get(doc.snapshot.attributes.root) : undefined;
  const statements: Json[] = [];
  const statement = (
    recordId: string,
    recordType: string,
    recordDetails: Json,
    source: Provenance | undefined,
    notes: string[],
  ): Json => ({
    statementId: createHash('sha256')
      .update(`${recordType}|${recordId}|${statementDate}|${meta.exportedAt}`)
      .digest('hex'),
    statementDate,
    annotations: [
      metaAnnotation,
      ...notes.map((description) => ({
        motivation: 'commenting',
        statementPointerTarget: '/recordDetails',
        creationDate: meta.exportedAt.slice(0, 10),
        createdBy: { name: meta.generator },
        description,
      })),
    ],
    publicationDetails,
    source: sourceOf(source),
    declarationSubject: root ?? recordId,
    recordId,
    recordStatus: 'new',
    recordType,
    recordDetails,
  });
  let sites = 0;
  const written = new Set<string>();
  for (const n of doc.snapshot.nodes) {
    const a = n.attributes;
    if (a.kind === 'SensitiveSite') {
      sites += 1;
      continue;
    }
    written.add(n.key);
    const recordId = recordIds.get(n.key)!;
    const identifiers = (a.identifiers ?? [])
      .filter((i) => i.scheme !== 'bods')
      .map((i) => (i.scheme === 'lei' ? { id: i.value, scheme: 'XI-LEI' } : { id: i.value, schemeName: i.scheme }));
    const notes: string[] = [];
    for (const l of a.sanctions ?? [])
      notes.push(
        `Sanctions listing: ${l.authority} ${l.program}${l.listed ? ` listed ${l.listed}` : ''}${l.delisted ? ` delisted ${l.delisted}` : ''}`,
      );
    if (a.topics?.length) notes.push(`Topics: ${a.topics.join(', ')}`);
    if (a.lat !== undefined && a.lon !== undefined) notes.push(`Coordinates: ${a.lat}, ${a.lon}`);
    if (a.powerMw !== undefined) notes.push(`Power: ${a.powerMw} MW`);
    if (a.hashratePhs !== undefined) notes.push(`Hashrate: ${a.hashratePhs} PH/s`);
    for (const e of doc.analysis?.entities[n.key]?.explanation ?? []) {
      notes.push(
        `Lookthrough flag ${e.flag}: ${e.summary} (rule ${e.rule}; ${e.citation}; threshold ${e.threshold ?? '-'}; figure ${e.figure ?? '-'})`,
      );
    }
    const addresses = a.address ? a.address.split(' | ').map((address) => ({ type: 'registered', address })) : [];
    if (a.kind === 'Person') {
      statements.push(
        statement(
          recordId,
          'person',
          {
            isComponent: false,
            personType: 'knownPerson',
            names: [
              { type: 'legal', fullName: a.name },
              ...(a.aliases ?? []).map((fullName) => ({ type: 'alternative', fullName })),
            ],
            ...(identifiers.length ? { identifiers } : {}),
            ...(a.country ? { nationalities: [{ name: a.country, code: a.country }] } : {}),
            ...(addresses.length ? { addresses: addresses.map((x) => ({ ...x, type: 'residence' })) } : {}),
            ...(a.topics?.includes('role.pep') ? { politicalExposure: { status: 'isPep' } } : {}),
          },
          a.source,
          notes,
        ),
      );
      continue;
    }
    const entityType =
      a.kind === 'Government'
        ? { type: a.governmentType ?? 'stateBody' }
        : a.kind === 'Facility'
          ? { type: 'arrangement', details: 'facility' }
          : { type: 'registeredEntity' };
    statements.push(
      statement(
        recordId,
        'entity',
        {
          isComponent: false,
          entityType,
          name: a.name,
          ...(a.aliases?.length ? { alternateNames: a.aliases } : {}),
          ...(a.country ? { jurisdiction: { name: a.country, code: a.country } } : {}),
          ...(identifiers.length ? { identifiers } : {}),
          ...(addresses.length ? { addresses } : {}),
        },
        a.source,
        notes,
      ),
    );
  }
  doc.snapshot.edges.forEach((e, i) => {
    if (!written.has(e.source) || !written.has(e.target)) return;
    statements.push(
      statement(
        e.key ?? `rel-${i}`,
        'relationship',
        {
          isComponent: false,
          subject: recordIds.get(e.target),
          interestedParty: recordIds.get(e.source),
          interests: interestsOf(e.attributes),
        },
        e.attributes.source,
        [],
      ),
    );
  });
  if (sites) metaAnnotation.description += ` (${sites} sensitive sites left out: BODS describes parties, not places)`;
  return [{ suffix: '', content: `${JSON.stringify(statements, null, 2)}\n` }];
}
