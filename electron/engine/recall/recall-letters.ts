/**
 * The content of the 21 CFR 7.49 recall communication, one letter per
 * consignee (direct account): a conspicuous heading worded for what the
 * consignee received (food, food ingredient, food packaging; a mock recall
 * says it is an exercise), the firm and the consignee with their addresses
 * from master data, the identity of each product *that consignee* received
 * (product-identity.ts) and its own shipments (lot, quantity, ship date,
 * order, BOL), the reason and the hazard, what to do (stop, hold, return or
 * destroy, extend the recall to its own customers as deep as the recall
 * goes) and the recall contact the response form goes back to.
 *
 * Pure reads over a StoredRecall, so the letters, the copy appended to the
 * recall report and a reprint are built the same way; the PDF is in
 * reports/recall-letters-report.ts.
 */
import type { Engine } from '../engine';
import type { TraceShipment } from '../../contract/dto/trace';
import type { Consignee, Quantity, RecallDepth, RecallFacts, StoredRecall } from '../../contract/dto/recall';
import { PartyDirectory } from '../parties/party-directory';
import { addressLine } from '../parties/party-values';
import { letterInstructions } from './letter-template';
import { productIdentity, type ProductIdentity } from './product-identity';

export interface LetterParty {
  name: string;
  location: string;
  /** Address from master data, '' when none is on record. */
  address: string;
  phone: string;
}

export interface RecallLetter {
  recall: { code: string; mock: boolean; class: string; depth: RecallDepth; reason: string; started_at: string };
  heading: string;
  /** What the heading calls the goods: "food", "food ingredient", "food packaging". */
  product_type: string;
  firm: LetterParty;
  consignee: LetterParty;
  hazard: string;
  contact: Pick<RecallFacts, 'contact_name' | 'contact_title' | 'contact_phone' | 'contact_email'> | null;
  products: ProductIdentity[];
  shipments: TraceShipment[];
  received: Quantity[];
  instructions: string[];
}


/** The heading for the goods a consignee received: the most finished kind decides. */
export function letterHeading(kinds: readonly string[], mock: boolean): { heading: string; product_type: string } {
  const type = kinds.includes('finished') ? 'food' : kinds.some((k) => k === 'raw' || k === 'wip') ? 'food ingredient' : kinds.includes('packaging') ? 'food packaging' : 'food';
  const heading = `URGENT: ${type.toUpperCase()} RECALL`;
  return { heading: mock ? `MOCK RECALL EXERCISE - NOT A REAL RECALL (${heading})` : heading, product_type: type };
}


/** One letter per consignee of the recall, in the order of its distribution list (or only those `only` names). */
export function recallLetters(engine: Engine, recall: StoredRecall, only?: { customer: string; ship_to: string }): RecallLetter[] {
  const info = recall.recall;
  const facts = info.facts;
  const directory = new PartyDirectory(engine.db, engine.settings.company);
  const company = engine.settings.company.trim() || 'LotTrace';
  const site = directory.plant(null, company);
  const firm: LetterParty = { name: site.name, location: engine.settings.site, address: addressLine(site.values), phone: site.values.phone };
  const kindOf = new Map(recall.lots.map((l) => [`${l.item}\u0000${l.lot}`, l.kind]));
  const descOf = new Map(recall.lots.map((l) => [`${l.item}\u0000${l.lot}`, l.description]));
  const consignees: Consignee[] = only ? recall.consignees.filter((c) => c.customer === only.customer && c.ship_to === only.ship_to) : recall.consignees;
  return consignees.map((c) => {
    const shipments = recall.shipments.filter((s) => s.customer === c.customer && s.ship_to === c.ship_to);
    const lotsByItem = new Map<string, string[]>();
    for (const l of c.lots) lotsByItem.set(l.item, [...(lotsByItem.get(l.item) ?? []), l.lot]);
    const products = productIdentity(engine.db, [...lotsByItem].map(([item, lots]) => ({ item, lots })))
      .map((p) => ({ ...p, description: p.description || (descOf.get(`${p.item}\u0000${p.lots[0]?.lot ?? ''}`) ?? '') }));
    const { heading, product_type } = letterHeading(c.lots.map((l) => kindOf.get(`${l.item}\u0000${l.lot}`) ?? 'finished'), info.mock);
    const place = directory.place('customer', c.customer, c.ship_to);
    const contact = facts && (facts.contact_name || facts.contact_phone)
      ? { contact_name: facts.contact_name, contact_title: facts.contact_title, contact_phone: facts.contact_phone, contact_email: facts.contact_email }
      : null;
    return {
      recall: { code: info.code, mock: info.mock, class: info.class, depth: info.depth, reason: info.reason, started_at: info.started_at },
      heading, product_type, firm,
      consignee: { name: c.customer, location: c.ship_to, address: addressLine(place.values), phone: place.values.phone },
      hazard: facts?.hazard ?? '', contact, products, shipments, received: c.quantities,
      instructions: letterInstructions(engine.settings.recallLetterInstructions, info.depth, product_type),
    };
  });
}
