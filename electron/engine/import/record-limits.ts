/**
 * The length limits of shared/limits.ts applied to a batch record, whatever
 * format it came from (CSV, mapped CSV, JSON, EPCIS): RecordWriter checks
 * every record here before writing it, so an over-long lot code or party
 * name is a row error naming the column and the limit, and the file is
 * rejected whole, as it is for any other row error.
 */
import { MAX_IDENTIFIER_LENGTH, MAX_TEXT_LENGTH, tooLongMessage } from '../../shared/limits';
import type { BatchRecord } from './records';

export interface LengthProblem {
  /** The column as the canonical CSV layouts name it. */
  column: string;
  message: string;
  /** The start of the value, enough to find it in the file. */
  value: string;
}

type Fields = readonly (readonly [column: string, value: string | undefined, max: number])[];

const ID = MAX_IDENTIFIER_LENGTH;
const TEXT = MAX_TEXT_LENGTH;

function fieldsOf(r: BatchRecord): Fields {
  switch (r.kind) {
    case 'receipt':
      return [['item', r.item, ID], ['item_description', r.itemDescription, TEXT], ['lot', r.lot, ID], ['uom', r.uom, ID], ['supplier', r.supplier, ID], ['supplier_lot', r.supplierLot, ID], ['po', r.po, ID], ['location', r.location, ID]];
    case 'production':
      return [
        ['batch', r.batch, ID], ['output_item', r.outputItem, ID], ['output_description', r.outputDescription, TEXT], ['output_lot', r.outputLot, ID], ['output_uom', r.outputUom, ID],
        ['input_item', r.input?.item, ID], ['input_lot', r.input?.lot, ID], ['input_uom', r.input?.uom, ID], ['location', r.location, ID],
      ];
    case 'shipment':
      return [['item', r.item, ID], ['lot', r.lot, ID], ['uom', r.uom, ID], ['customer', r.customer, ID], ['ship_to', r.shipTo, ID], ['order', r.order, ID], ['bol', r.bol, ID]];
    case 'item':
      return [
        ['item', r.item, ID], ['description', r.description, TEXT], ['gtin', r.fsma?.gtin, ID], ['brand', r.fsma?.brand, ID],
        ['pack_size', r.fsma?.pack_size, ID], ['pack_style', r.fsma?.pack_style, ID], ['ftl_category', r.fsma?.ftl_category, ID],
      ];
    case 'party':
      // Names and codes are identifiers; an address line or an e-mail is free text.
      return [
        ['party', r.party, ID], ['location', r.location, ID], ['street', r.values.street, TEXT], ['city', r.values.city, ID], ['region', r.values.region, ID],
        ['postal_code', r.values.postal_code, ID], ['country', r.values.country, ID], ['phone', r.values.phone, ID], ['email', r.values.email, TEXT],
        ['gln', r.values.gln, ID], ['fda_registration', r.values.fda_registration, ID], ['fei', r.values.fei, ID],
      ];
    case 'adjustment':
      return [['item', r.item, ID], ['lot', r.lot, ID], ['uom', r.uom, ID], ['location', r.location, ID], ['note', r.note, TEXT]];
    case 'transfer':
      return [['item', r.item, ID], ['lot', r.lot, ID], ['uom', r.uom, ID], ['from_location', r.fromLocation, ID], ['to_location', r.toLocation, ID]];
  }
}

/** How much of an over-long value a problem quotes. */
const QUOTED = 40;

/** Every field of the record over its limit (none for a record within them). */
export function lengthProblems(record: BatchRecord): LengthProblem[] {
  const out: LengthProblem[] = [];
  for (const [column, value, max] of fieldsOf(record)) {
    if (value === undefined || value.length <= max) continue;
    out.push({ column, message: `${tooLongMessage(value.length, max)} (${max === ID ? 'identifiers' : 'free text'})`, value: `${value.slice(0, QUOTED)}…` });
  }
  return out;
}
