/**
 * The structure of an EPCIS document, checked with zod after parsing. JSON
 * and XML (2.0 and 1.2) are both first turned into the EPCIS 2.0 JSON form
 * (epcis-json.ts, epcis-xml.ts), so one schema decides what is valid and one
 * mapping turns events into engine records. The checks follow the EPCIS 2.0
 * JSON schema and CBV 2.0 where they matter for import: event types,
 * actions, ISO 8601 times with offsets, CBV vocabularies or URIs for
 * bizStep / disposition / source & destination types / business transaction
 * types, numeric quantities, namespaced extension fields and ILMD keys.
 */
import { z } from 'zod';
import { MAX_QUANTITY } from '../../shared/limits';
import { DateError, parseInstant } from '../domain/dates';

const BIZ_STEPS = new Set(('accepting arriving assembling collecting commissioning consigning creating_class_instance cycle_counting ' +
  'decommissioning departing destroying disassembling dispensing encoding entering_exiting holding inspecting installing killing ' +
  'loading other packing picking receiving removing repackaging repairing replacing reserving retail_selling sampling ' +
  'sensor_reporting shipping staging_outbound stock_taking stocking storing transporting unloading unpacking void_shipping').split(' '));
const DISPOSITIONS = new Set(('active available completeness_inferred completeness_verified conformant container_closed container_open ' +
  'damaged destroyed dispensed disposed encoded expired in_progress in_transit inactive mismatch_instance mismatch_class ' +
  'mismatch_quantity needs_replacement no_pedigree_match non_conformant non_sellable_other partially_dispensed recalled reserved ' +
  'retail_sold returned sellable_accessible sellable_not_accessible stolen unavailable unknown').split(' '));
const SD_TYPES = new Set(['owning_party', 'possessing_party', 'location']);
const BT_TYPES = new Set(['bol', 'cert', 'desadv', 'inv', 'pedigree', 'po', 'poc', 'prodorder', 'recadv', 'rma', 'testprd', 'upevt']);
const ERROR_REASONS = new Set(['did_not_occur', 'incorrect_data']);

const URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
/** ISO 8601 date-time with a time-zone designator, as EPCIS requires. */
export const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * A CBV term given bare ("receiving"), as its CBV URN, or as its GS1 web
 * vocabulary URI, normalized to the bare term; any other URI is a private
 * vocabulary and kept as is. Anything else is not valid.
 */
function cbv(terms: Set<string>, urn: string, web: string, what: string) {
  return z.string().transform((value, ctx) => {
    for (const prefix of [urn, web]) {
      if (value.startsWith(prefix) && terms.has(value.slice(prefix.length))) return value.slice(prefix.length);
    }
    if (terms.has(value)) return value;
    if (URI.test(value) && !value.startsWith(urn) && !value.startsWith(web)) return value;
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a CBV ${what} nor a URI` });
    return z.NEVER;
  });
}

const bizStep = cbv(BIZ_STEPS, 'urn:epcglobal:cbv:bizstep:', 'https://ref.gs1.org/cbv/BizStep-', 'business step');
const disposition = cbv(DISPOSITIONS, 'urn:epcglobal:cbv:disp:', 'https://ref.gs1.org/cbv/Disp-', 'disposition');
const sdType = cbv(SD_TYPES, 'urn:epcglobal:cbv:sdt:', 'https://ref.gs1.org/cbv/SDT-', 'source/destination type');
const btType = cbv(BT_TYPES, 'urn:epcglobal:cbv:btt:', 'https://ref.gs1.org/cbv/BTT-', 'business transaction type');
const errorReason = cbv(ERROR_REASONS, 'urn:epcglobal:cbv:er:', 'https://ref.gs1.org/cbv/ER-', 'error reason');

const uri = z.string().regex(URI, 'must be a URI');
/**
 * An EPCIS time as UTC ms, through the same strict parser as every other
 * importer (domain/dates.ts): the offset is part of the text, so no zone is needed.
 */
export function epcisInstant(text: string): number {
  return parseInstant(text, 'UTC');
}
const dateTime = z.string().regex(DATE_TIME, 'must be an ISO 8601 date-time with a time zone (e.g. 2026-03-02T08:00:00Z)').superRefine((v, ctx) => {
  if (!DATE_TIME.test(v)) return; // the regex above has said what is wrong
  try {
    epcisInstant(v);
  } catch (e) {
    if (!(e instanceof DateError)) throw e;
    ctx.addIssue({ code: 'custom', message: `${e.message}: ${v}` });
  }
});

const quantityElement = z.strictObject({
  epcClass: uri,
  quantity: z.number().nonnegative().max(MAX_QUANTITY, `is more than ${MAX_QUANTITY} (the largest quantity accepted)`).optional(),
  uom: z.string().regex(/^[A-Z0-9]{2,3}$/, 'must be a UN/CEFACT unit code (e.g. KGM)').optional(),
});
const place = z.looseObject({ id: uri });
const bizTransaction = z.strictObject({ type: btType.optional(), bizTransaction: uri });
const source = z.strictObject({ type: sdType, source: uri });
const destination = z.strictObject({ type: sdType, destination: uri });
const errorDeclaration = z.looseObject({
  declarationTime: dateTime,
  reason: errorReason.optional(),
  correctiveEventIDs: z.array(uri).optional(),
});

const EVENT_FIELDS = new Set([
  'type', 'eventID', 'eventTime', 'recordTime', 'eventTimeZoneOffset', 'certificationInfo', 'errorDeclaration', 'action', 'bizStep',
  'disposition', 'persistentDisposition', 'readPoint', 'bizLocation', 'bizTransactionList', 'sourceList', 'destinationList',
  'sensorElementList', 'ilmd', 'epcList', 'quantityList', 'parentID', 'childEPCs', 'childQuantityList', 'inputEPCList',
  'inputQuantityList', 'outputEPCList', 'outputQuantityList', 'transformationID', '@context',
]);

export const EVENT_TYPES = ['ObjectEvent', 'AggregationEvent', 'TransactionEvent', 'TransformationEvent', 'AssociationEvent'] as const;

const event = z
  .looseObject({
    type: z.enum(EVENT_TYPES, { message: `must be one of ${EVENT_TYPES.join(', ')}` }),
    eventID: uri.optional(),
    eventTime: dateTime,
    recordTime: dateTime.optional(),
    eventTimeZoneOffset: z.string().regex(/^[+-]\d{2}:\d{2}$/, 'must be an offset like +02:00'),
    errorDeclaration: errorDeclaration.optional(),
    action: z.enum(['ADD', 'OBSERVE', 'DELETE'], { message: 'must be ADD, OBSERVE or DELETE' }).optional(),
    bizStep: bizStep.optional(),
    disposition: disposition.optional(),
    readPoint: place.optional(),
    bizLocation: place.optional(),
    bizTransactionList: z.array(bizTransaction).optional(),
    sourceList: z.array(source).optional(),
    destinationList: z.array(destination).optional(),
    ilmd: z.record(z.string().regex(/:/, 'ILMD fields must be namespaced (prefix:name)'), z.unknown()).optional(),
    epcList: z.array(uri).optional(),
    quantityList: z.array(quantityElement).optional(),
    parentID: uri.optional(),
    childEPCs: z.array(uri).optional(),
    childQuantityList: z.array(quantityElement).optional(),
    inputEPCList: z.array(uri).optional(),
    inputQuantityList: z.array(quantityElement).optional(),
    outputEPCList: z.array(uri).optional(),
    outputQuantityList: z.array(quantityElement).optional(),
    transformationID: uri.optional(),
  })
  .superRefine((e, ctx) => {
    for (const key of Object.keys(e)) {
      if (!EVENT_FIELDS.has(key) && !key.includes(':')) ctx.addIssue({ code: 'custom', path: [key], message: `unknown field "${key}" (extension fields must be namespaced)` });
    }
    if (e.type !== 'TransformationEvent' && e.action === undefined) ctx.addIssue({ code: 'custom', path: ['action'], message: 'action is required' });
    // epcList may be empty (sensor reports), but an ObjectEvent must say what it is about.
    if (e.type === 'ObjectEvent' && e.epcList === undefined && e.quantityList === undefined) {
      ctx.addIssue({ code: 'custom', path: ['epcList'], message: 'an ObjectEvent needs epcList or quantityList' });
    }
    if (e.type === 'AggregationEvent' && e.action !== 'OBSERVE' && e.parentID === undefined && e.action !== undefined && e.action !== 'DELETE') {
      ctx.addIssue({ code: 'custom', path: ['parentID'], message: 'parentID is required for ADD' });
    }
    if (e.type === 'TransformationEvent' && !e.inputEPCList?.length && !e.inputQuantityList?.length && !e.outputEPCList?.length && !e.outputQuantityList?.length) {
      ctx.addIssue({ code: 'custom', path: ['inputQuantityList'], message: 'a TransformationEvent needs inputs or outputs' });
    }
  });

const vocabularyElement = z.looseObject({
  id: z.string(),
  attributes: z.array(z.looseObject({ id: z.string(), attribute: z.unknown().optional() })).optional(),
});
const vocabulary = z.looseObject({ type: z.string(), vocabularyElementList: z.array(vocabularyElement).optional() });

export const epcisDocumentSchema = z.looseObject({
  type: z.literal('EPCISDocument', { message: 'must be "EPCISDocument"' }),
  schemaVersion: z.union([z.string(), z.number()]).transform(String).refine((v) => /^(1\.[0-2]|2\.0)/.test(v), 'schemaVersion must be 1.0–1.2 or 2.0'),
  creationDate: dateTime,
  epcisHeader: z.looseObject({
    epcisMasterData: z.looseObject({ vocabularyList: z.array(vocabulary).optional() }).optional(),
  }).optional(),
  epcisBody: z.looseObject({ eventList: z.array(event) }),
});

export type EpcisDocument = z.output<typeof epcisDocumentSchema>;
export type EpcisEvent = EpcisDocument['epcisBody']['eventList'][number];
export type QuantityElement = z.output<typeof quantityElement>;

export interface SchemaProblem {
  /** JSON path in the document, e.g. epcisBody.eventList[2].quantityList[0].quantity */
  path: string;
  message: string;
  /** Index of the event the problem is in, when it is in one. */
  event?: number;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out;
}

/** Validates the JSON form of a document; problems carry their JSON path. */
export function validateDocument(doc: unknown, requireContext: boolean): { doc?: EpcisDocument; problems: SchemaProblem[] } {
  const problems: SchemaProblem[] = [];
  if (requireContext && (typeof doc !== 'object' || doc === null || !('@context' in doc))) {
    problems.push({ path: '@context', message: '@context is required in an EPCIS 2.0 JSON-LD document' });
  }
  const parsed = epcisDocumentSchema.safeParse(doc);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const event = issue.path[0] === 'epcisBody' && issue.path[1] === 'eventList' && typeof issue.path[2] === 'number' ? issue.path[2] : undefined;
      problems.push({ path: formatPath(issue.path), message: issue.message, ...(event !== undefined ? { event } : {}) });
    }
  }
  return problems.length > 0 || !parsed.success ? { problems } : { doc: parsed.data, problems };
}
