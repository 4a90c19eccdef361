/** Colours, sizes and labels of the canvas: muted fills by kind, one strong colour per flag, edge styles by kind. */
import type { Flag } from '../../domain/analysis/types.ts';
import type { EntityKind, StakeAttributes, StakeKind } from '../../domain/model.ts';

/** Muted fills by kind; flags get strong rings. */
export const KIND_COLORS: Record<EntityKind, string> = {
  Company: '#7b8ea6',
  Person: '#9a86b5',
  Government: '#b89a62',
  Facility: '#5c9a7f',
  SensitiveSite: '#8d8d8d',
};

export const KIND_LABELS: Record<EntityKind, string> = {
  Company: 'Company',
  Person: 'Person',
  Government: 'Government / state body',
  Facility: 'Facility',
  SensitiveSite: 'Sensitive site',
};

/** The flag groups an investigator sees: SANCTIONED and SANCTIONED_OWNERSHIP share one colour. */
export const FLAG_GROUPS = [
  {
    id: 'sanctioned',
    label: 'Sanctioned (listed or owned)',
    color: '#d62839',
    flags: ['SANCTIONED', 'SANCTIONED_OWNERSHIP'],
  },
  { id: 'review', label: 'Control review', color: '#f08c00', flags: ['SANCTIONED_CONTROL_REVIEW'] },
  { id: 'state-control', label: 'State control', color: '#6f2dbd', flags: ['STATE_CONTROL'] },
  { id: 'state-ownership', label: 'State ownership', color: '#c77dff', flags: ['STATE_OWNERSHIP'] },
  { id: 'near-site', label: 'Near a sensitive site', color: '#0077b6', flags: ['NEAR_SENSITIVE_SITE'] },
  { id: 'data', label: 'Data warning', color: '#c9a227', flags: ['DATA_WARNING'] },
] as const satisfies readonly { id: string; label: string; color: string; flags: readonly Flag[] }[];

export const FLAG_COLORS = Object.fromEntries(
  FLAG_GROUPS.flatMap((group) => group.flags.map((flag) => [flag, group.color])),
) as Record<Flag, string>;

export const FLAG_LABELS: Record<Flag, string> = {
  SANCTIONED: 'Sanctioned (listed)',
  SANCTIONED_OWNERSHIP: 'Sanctioned (owned)',
  SANCTIONED_CONTROL_REVIEW: 'Control review',
  STATE_CONTROL: 'State control',
  STATE_OWNERSHIP: 'State ownership',
  NEAR_SENSITIVE_SITE: 'Near a sensitive site',
  DATA_WARNING: 'Data warning',
};

/** Up to three ring colours for a node: its most severe flag groups, outermost first, in FLAG_GROUPS order. */
export function ringColors(flags: readonly Flag[]): string[] {
  return FLAG_GROUPS.filter((group) => group.flags.some((f) => flags.includes(f)))
    .slice(0, 3)
    .map((group) => group.color);
}

export const EDGE_COLORS: Record<StakeKind, string> = {
  OWNS: '#8a96a3',
  CONTROLS: '#b3822f',
  OPERATES: '#4f9474',
  LINKED_TO: '#c5cbd2',
};

export const EDGE_LABELS: Record<StakeKind, string> = {
  OWNS: 'owns (percent)',
  CONTROLS: 'controls',
  OPERATES: 'operates',
  LINKED_TO: 'linked (never counted)',
};

export const fmtPercent = (n: number) => `${Number(n.toFixed(2))}%`;

/** The share as investigators read it: `60%`, `25–50%`, with voting rights when they differ. */
export function stakeLabel(stake: StakeAttributes): string {
  switch (stake.kind) {
    case 'OWNS': {
      const share =
        stake.percent !== undefined
          ? fmtPercent(stake.percent)
          : stake.percentMin !== undefined || stake.percentMax !== undefined
            ? `${Number((stake.percentMin ?? 0).toFixed(2))}–${fmtPercent(stake.percentMax ?? 100)}`
            : 'share ?';
      return stake.votingPercent !== undefined && stake.votingPercent !== stake.percent
        ? `${share} (votes ${fmtPercent(stake.votingPercent)})`
        : share;
    }
    case 'CONTROLS':
      return stake.basis ? `controls (${stake.basis})` : 'controls';
    case 'OPERATES':
      return 'operates';
    case 'LINKED_TO':
      return stake.basis ? `linked: ${stake.basis}` : 'linked';
  }
}

export function nodeSize(kind: EntityKind): number {
  if (kind === 'Facility') return 19;
  if (kind === 'Government') return 17;
  if (kind === 'SensitiveSite') return 14;
  return 15;
}

/** Average glyph width of the 12 px label font, in pixels (DejaVu Sans / system-ui). */
const CHAR_WIDTH = 6.9;
export const LABEL_LINE_CHARS = 26;

/** Splits a long name into at most two lines at word boundaries, the second one ellipsed if needed. */
export function labelLines(label: string): string[] {
  if (label.length <= LABEL_LINE_CHARS) return [label];
  const words = label.split(/\s+/);
  let first = '';
  let i = 0;
  for (; i < words.length; i++) {
    const next = first ? `${first} ${words[i]}` : words[i]!;
    if (next.length > LABEL_LINE_CHARS && first) break;
    first = next;
  }
  let second = words.slice(i).join(' ');
  if (second.length > LABEL_LINE_CHARS) second = `${second.slice(0, LABEL_LINE_CHARS - 1)}…`;
  return second ? [first, second] : [first];
}

/** Width in pixels that a node's label takes. */
export function labelWidth(label: string): number {
  return Math.max(...labelLines(label).map((line) => line.length)) * CHAR_WIDTH;
}
