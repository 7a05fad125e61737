/**
 * An identity for events that arrive without an eventID, so re-imports are
 * still recognised. It is "canonical-ish" (documented in docs/formats.md),
 * not the CBV 2.0 event hash algorithm: the event in its validated EPCIS 2.0
 * JSON form (CBV terms bare, quantities as numbers), without eventID,
 * recordTime, errorDeclaration and @context, eventTime as UTC ISO, object
 * keys sorted, empty lists left out and list elements sorted (EPCIS lists are unordered),
 * serialised as JSON and hashed with SHA-256. The same event as JSON or XML
 * gives the same hash; an error declaration hashes like the event it retracts.
 */
import { createHash } from 'node:crypto';
import type { EpcisEvent } from './epcis-schema';

const LEFT_OUT = new Set(['eventID', 'recordTime', 'errorDeclaration', '@context']);

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).sort().join(',')}]`;
  if (value && typeof value === 'object') {
    // An empty list says nothing: XML's required <epcList/> equals JSON's absent epcList.
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function eventHash(event: EpcisEvent): string {
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(event)) if (!LEFT_OUT.has(k)) copy[k] = v;
  copy.eventTime = new Date(event.eventTime).toISOString();
  const hex = createHash('sha256').update(canonical(copy)).digest('hex');
  return `ni:///sha-256;${hex}?ver=CBV2.0`;
}
