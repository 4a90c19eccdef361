/**
 * Dates as the engine uses them: ISO calendar dates (YYYY-MM-DD), compared as strings, never read from a clock.
 */
import type { SanctionListing } from '../model.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when `value` is a real calendar date written YYYY-MM-DD (ISO 8601, proleptic Gregorian calendar). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day <= days;
}

/**
 * Whether a fact with validity [from, to) holds on `asOf`: from inclusive, to exclusive, a missing bound is open.
 * Without `asOf` every fact holds (the caller asked for no date). Only the date part (first 10 characters) of
 * the bounds is compared.
 */
export function activeOn(asOf: string | undefined, from: string | undefined, to: string | undefined): boolean {
  if (asOf === undefined) return true;
  if (from !== undefined && from.slice(0, 10) > asOf) return false;
  if (to !== undefined && to.slice(0, 10) <= asOf) return false;
  return true;
}

/** Whether a sanctions listing counts on `asOf`: from its `listed` date (inclusive) until `delisted` (exclusive). */
export function listingActive(listing: SanctionListing, asOf: string | undefined): boolean {
  return activeOn(asOf, listing.listed, listing.delisted);
}
