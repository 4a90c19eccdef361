/**
 * FollowTheMoney JSON lines (https://followthemoney.tech/explorer/): Company / Person / PublicBody (governments)
 * / RealEstate (facilities and sensitive sites, with latitude and longitude); OWNS -> Ownership (owner, asset,
 * percentage, startDate, endDate); CONTROLS, OPERATES, LINKED_TO -> UnknownLink (subject, object, role = kind and
 * basis); listings -> Sanction (entity, authority, program, startDate, endDate). Only properties of those schemas
 * are used. Entity ids are the node keys (a node imported from FtM keeps its FtM id), so re-importing the export
 * resolves to the same parties. Provenance goes into the standard top-level `datasets`, `referents` (the source
 * record id) and `first_seen` (the source date); the analysis (flags and their explanation) into `notes` of the
 * party; the government type into PublicBody's `classification`. The export's
 * metadata goes to a side file `<file>.meta.json`: FtM streams have no header.
 */
import { createHash } from 'node:crypto';
import type { EntityAttributes, Identifier, StakeAttributes } from '../domain/model.ts';
import type { ExportDocument, ExportFile } from './document.ts';

const AUTHORITY_NAMES: Record<string, string> = {
  OFAC: 'Office of Foreign Assets Control',
  EU: 'Council of the European Union',
  UK: 'Foreign, Commonwealth & Development Office',
  UN: 'United Nations Security Council',
};

interface FtmOut {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
  datasets?: string[];
  referents?: string[];
  first_seen?: string;
}

function push(props: Record<string, string[]>, name: string, ...values: (string | number | undefined)[]): void {
  for (const v of values) {
    if (v === undefined || v === '') continue;
    const list = (props[name] ??= []);
    if (!list.includes(String(v))) list.push(String(v));
  }
}

/** The FtM id of a node: its own FtM id when it came from FtM, else its key. */
export function ftmId(key: string, a: EntityAttributes): string {
  return a.identifiers?.find((i) => i.scheme === 'ftm')?.value ?? key;
}

/** Identifiers FtM has a property for go there; the others into idNumber as `scheme:value` (read back as such). */
function identifierProps(
  props: Record<string, string[]>,
  ids: Identifier[],
  schema: string,
  country: string | undefined,
): void {
  const cc = country?.toLowerCase();
  for (const { scheme, value } of ids) {
    if (scheme === 'ftm') continue;
    if (scheme === 'lei' && schema !== 'Person') push(props, 'leiCode', value);
    else if (scheme === 'tax-ru') push(props, 'innCode', value);
    else if (scheme === 'registration-ru' && schema !== 'Person') push(props, 'ogrnCode', value);
    else if (scheme === (cc ? `registration-${cc}` : 'registration') && schema !== 'Person')
      push(props, 'registrationNumber', value);
    else if (scheme === (cc ? `tax-${cc}` : 'tax')) push(props, 'taxNumber', value);
    else push(props, 'idNumber', `${scheme}:${value}`);
  }
}

function provenance(out: FtmOut, source: { dataset: string; recordId?: string; date?: string } | undefined): FtmOut {
  if (!source) return out;
  out.datasets = [source.dataset];
  if (source.recordId) out.referents = [`${source.dataset}:${source.recordId}`];
  if (source.date) out.first_seen = source.date;
  return out;
}

function linkId(prefix: string, ...parts: string[]): string {
  return `${prefix}-${createHash('sha1').update(parts.join('|')).digest('hex')}`;
}

function stakeEntity(key: string, source: string, target: string, a: StakeAttributes): FtmOut {
  const props: Record<string, string[]> = {};
  let schema: string;
  if (a.kind === 'OWNS') {
    schema = 'Ownership';
    push(props, 'owner', source);
    push(props, 'asset', target);
    if (a.percent !== undefined) push(props, 'percentage', a.percent);
    else if (a.percentMin !== undefined || a.percentMax !== undefined)
      push(props, 'percentage', `${a.percentMin ?? 0}-${a.percentMax ?? 100}`);
    if (a.votingPercent !== undefined) push(props, 'summary', `voting ${a.votingPercent}%`);
    if (a.jointArrangement) push(props, 'description', `joint arrangement: ${a.jointArrangement}`);
    if (a.basis) push(props, 'role', a.basis);
  } else {
    schema = 'UnknownLink';
    push(props, 'subject', source);
    push(props, 'object', target);
    push(props, 'role', a.basis ? `${a.kind}: ${a.basis}` : a.kind);
  }
  push(props, 'startDate', a.from);
  push(props, 'endDate', a.to);
  return provenance({ id: key, schema, properties: props }, a.source);
}

export function writeFtm(doc: ExportDocument): ExportFile[] {
  const lines: FtmOut[] = [];
  const ids = new Map<string, string>();
  for (const n of doc.snapshot.nodes) ids.set(n.key, ftmId(n.key, n.attributes));
  for (const n of doc.snapshot.nodes) {
    const a = n.attributes;
    const schema =
      a.kind === 'Person'
        ? 'Person'
        : a.kind === 'Government'
          ? 'PublicBody'
          : a.kind === 'Company'
            ? 'Company'
            : 'RealEstate';
    const props: Record<string, string[]> = {};
    push(props, 'name', a.name);
    if (schema === 'RealEstate') {
      // RealEstate has no alias property; further names are further values of `name`.
      push(props, 'name', ...(a.aliases ?? []));
      push(props, 'latitude', a.lat);
      push(props, 'longitude', a.lon);
      push(
        props,
        'propertyType',
        a.kind === 'Facility' ? 'crypto-mining facility' : `sensitive site: ${a.category ?? ''}`,
      );
      push(props, 'country', a.country?.toLowerCase());
      push(
        props,
        'description',
        a.powerMw !== undefined ? `power ${a.powerMw} MW` : undefined,
        a.hashratePhs !== undefined ? `hashrate ${a.hashratePhs} PH/s` : undefined,
      );
      push(props, 'address', a.address);
    } else {
      push(props, 'alias', ...(a.aliases ?? []));
      push(props, 'country', a.country?.toLowerCase());
      push(props, 'address', ...(a.address ? a.address.split(' | ') : []));
      push(props, 'topics', ...(a.topics ?? []));
      if (a.kind === 'Government') push(props, 'classification', a.governmentType === 'state' ? 'state' : 'stateBody');
      identifierProps(props, a.identifiers ?? [], schema, a.country);
      const analysis = doc.analysis?.entities[n.key];
      if (analysis?.flags.length) {
        push(
          props,
          'notes',
          ...analysis.explanation.map(
            (e) => `${e.flag}: ${e.summary} (${e.rule}; threshold ${e.threshold ?? '-'}; figure ${e.figure ?? '-'})`,
          ),
        );
      }
    }
    lines.push(provenance({ id: ids.get(n.key)!, schema, properties: props }, a.source));
    for (const listing of a.sanctions ?? []) {
      const sp: Record<string, string[]> = {};
      push(sp, 'entity', ids.get(n.key));
      push(sp, 'authority', AUTHORITY_NAMES[listing.authority] ?? listing.authority);
      push(sp, 'program', listing.program);
      push(sp, 'startDate', listing.listed);
      push(sp, 'listingDate', listing.listed);
      push(sp, 'endDate', listing.delisted);
      lines.push(
        provenance(
          { id: linkId('sanction', n.key, listing.authority, listing.program), schema: 'Sanction', properties: sp },
          a.source,
        ),
      );
    }
  }
  doc.snapshot.edges.forEach((e, i) => {
    lines.push(
      stakeEntity(
        e.key ?? linkId('link', e.source, e.target, String(i)),
        ids.get(e.source) ?? e.source,
        ids.get(e.target) ?? e.target,
        e.attributes,
      ),
    );
  });
  return [
    { suffix: '', content: lines.map((l) => JSON.stringify(l)).join('\n') + '\n' },
    { suffix: '.meta.json', content: `${JSON.stringify(doc.meta, null, 2)}\n` },
  ];
}
