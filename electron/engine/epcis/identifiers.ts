/**
 * GS1 and private identifiers as EPCIS carries them, turned into the
 * engine's item codes, lot codes, location codes and party names, and back.
 *
 * Classes (what a quantity is of): LGTIN URNs, GS1 Digital Link URIs with a
 * GTIN (any host, lot in AI 10), SGTIN patterns (idpat) and GTIN-only Digital
 * Links (lot then comes from the event's ILMD), private
 * `urn:…:product:lot:class:COMPANY.PRODUCT.LOT` URNs, and LotTrace's own
 * `urn:lottrace:lot:ITEM:LOT`. Instances: SGTIN URNs and Digital Links with
 * AI 21. Places and parties: SGLN, PGLN, Digital Link AI 414 (+254) and 417.
 *
 * Every class parse also returns a `template`: the identifier with the lot
 * cut off, so export can write the lot of the same item the way the partner
 * wrote it (kept in the epcis_identifier table). GTIN-14 check digits are
 * computed here because the URNs carry company prefix + item reference only.
 */

export interface ClassId {
  item: string;
  /** undefined when the identifier names a class without a lot (GTIN only). */
  lot?: string;
  /** Prefix to which an (escaped) lot is appended to write this item's lots again. */
  template?: string;
  escape?: 'epc' | 'uri';
  gtin?: string;
}

export interface InstanceId {
  item: string;
  serial: string;
  gtin?: string;
  template?: string;
}

/** GS1 mod-10 check digit of the digits given (without the check digit). */
export function gs1CheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(digits.length - 1 - i) - 48;
    sum += i % 2 === 0 ? d * 3 : d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isGtin14(code: string): boolean {
  return /^\d{14}$/.test(code) && gs1CheckDigit(code.slice(0, 13)) === Number(code[13]);
}

/**
 * GTIN-14 of an EPC company prefix + item reference: the indicator digit
 * leads the item reference field and moves to the front.
 */
export function gtinFromEpc(companyPrefix: string, itemRef: string): string | undefined {
  if (!/^\d+$/.test(companyPrefix) || !/^\d+$/.test(itemRef) || companyPrefix.length + itemRef.length !== 13) return undefined;
  const body = itemRef[0]! + companyPrefix + itemRef.slice(1);
  return body + String(gs1CheckDigit(body));
}

/** GLN-13 of a company prefix + location reference. */
export function glnFromEpc(companyPrefix: string, locationRef: string): string | undefined {
  if (!/^\d+$/.test(companyPrefix) || !/^\d*$/.test(locationRef) || companyPrefix.length + locationRef.length !== 12) return undefined;
  const body = companyPrefix + locationRef;
  return body + String(gs1CheckDigit(body));
}

/** Undoes EPC URI escaping (%xx) of a lot or serial component. */
function epcUnescape(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Escapes a lot for an EPC URN: only the GS1 AI-82 characters safe in a URN stay literal. */
export function epcEscape(s: string): string {
  return [...s].map((c) => (/^[A-Za-z0-9!'()*+,\-.:;=_]$/.test(c) ? c : encodeURIComponent(c).replace(/[!'()*]/g, (x) => `%${x.charCodeAt(0).toString(16).toUpperCase()}`))).join('');
}

function uriEscape(s: string): string {
  return encodeURIComponent(s);
}

export function applyTemplate(template: string, escape: 'epc' | 'uri', lot: string): string {
  return template + (escape === 'epc' ? epcEscape(lot) : uriEscape(lot));
}

/** GS1 Digital Link: the AI/value pairs of the path, from the first primary key on. */
function digitalLinkPairs(uri: string): { pairs: Map<string, string>; base: string } | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const segments = url.pathname.split('/');
  const start = segments.findIndex((s, i) => ['01', '00', '414', '417', '8003', '8004', '253', '255'].includes(s) && segments[i + 1] !== undefined);
  if (start < 0) return undefined;
  const pairs = new Map<string, string>();
  for (let i = start; i + 1 < segments.length; i += 2) pairs.set(segments[i]!, epcUnescape(segments[i + 1]!));
  return { pairs, base: `${url.protocol}//${url.host}${segments.slice(0, start).join('/')}` };
}

const LOTTRACE_LOT = /^urn:lottrace:lot:([^:]*):(.*)$/;

/** The item and lot an EPC class identifier (quantityList epcClass) names. */
export function parseClass(id: string): ClassId {
  let m = /^urn:epc:class:lgtin:(\d+)\.(\d+)\.(.+)$/.exec(id);
  if (m) {
    const gtin = gtinFromEpc(m[1]!, m[2]!);
    if (gtin) return { item: gtin, gtin, lot: epcUnescape(m[3]!), template: `urn:epc:class:lgtin:${m[1]}.${m[2]}.`, escape: 'epc' };
  }
  m = /^urn:epc:idpat:sgtin:(\d+)\.(\d+)\.\*$/.exec(id);
  if (m) {
    const gtin = gtinFromEpc(m[1]!, m[2]!);
    if (gtin) return { item: gtin, gtin, template: `urn:epc:class:lgtin:${m[1]}.${m[2]}.`, escape: 'epc' };
  }
  m = LOTTRACE_LOT.exec(id);
  if (m) return { item: decodeURIComponent(m[1]!), lot: decodeURIComponent(m[2]!) };
  m = /^urn:lottrace:item:(.*)$/.exec(id);
  if (m) return { item: decodeURIComponent(m[1]!) };
  m = /^(urn:.+):product:lot:class:(.+)$/i.exec(id);
  if (m) {
    // COMPANY.PRODUCT.LOT (GDST and similar): the lot is everything after the second dot.
    const parts = m[2]!.split('.');
    if (parts.length >= 3) {
      const product = `${parts[0]}.${parts[1]}`;
      return { item: `${m[1]}:product:class:${product}`, lot: epcUnescape(parts.slice(2).join('.')), template: `${m[1]}:product:lot:class:${product}.`, escape: 'epc' };
    }
  }
  m = /^(urn:.+):product:class:(.+)$/i.exec(id);
  if (m) return { item: id, template: `${m[1]}:product:lot:class:${m[2]}.`, escape: 'epc' };
  const dl = digitalLinkPairs(id);
  if (dl) {
    const gtin = dl.pairs.get('01');
    if (gtin && isGtin14(gtin)) {
      const lot = dl.pairs.get('10');
      return { item: gtin, gtin, ...(lot !== undefined ? { lot } : {}), template: `${dl.base}/01/${gtin}/10/`, escape: 'uri' };
    }
  }
  // Any other class URI: the URI is the item; its lot must come from ILMD.
  return { item: id };
}

/** The item and serial of an instance identifier (epcList), or undefined when it is not a trade item (SSCC, GRAI...). */
export function parseInstance(id: string): InstanceId | undefined {
  const m = /^urn:epc:id:sgtin:(\d+)\.(\d+)\.(.+)$/.exec(id);
  if (m) {
    const gtin = gtinFromEpc(m[1]!, m[2]!);
    if (gtin) return { item: gtin, gtin, serial: epcUnescape(m[3]!), template: `urn:epc:class:lgtin:${m[1]}.${m[2]}.` };
  }
  const dl = digitalLinkPairs(id);
  if (dl) {
    const gtin = dl.pairs.get('01');
    const serial = dl.pairs.get('21');
    if (gtin && isGtin14(gtin) && serial !== undefined) return { item: gtin, gtin, serial, template: `${dl.base}/01/${gtin}/10/` };
  }
  return undefined;
}

export interface PlaceId {
  /** Engine code: GLN-13 (with ".extension" when not 0), or the URI itself. */
  code: string;
  gln?: string;
}

const LOTTRACE_PLACE = /^urn:lottrace:(?:location|party):(.*)$/;

/** A location or party identifier (SGLN, PGLN, Digital Link 414/417, lottrace, other URIs). */
export function parsePlace(id: string): PlaceId {
  let m = /^urn:epc:id:sgln:(\d+)\.(\d*)\.(.+)$/.exec(id);
  if (m) {
    const gln = glnFromEpc(m[1]!, m[2]!);
    if (gln) return { code: m[3] === '0' ? gln : `${gln}.${epcUnescape(m[3]!)}`, gln };
  }
  m = /^urn:epc:id:pgln:(\d+)\.(\d*)$/.exec(id);
  if (m) {
    const gln = glnFromEpc(m[1]!, m[2]!);
    if (gln) return { code: gln, gln };
  }
  m = LOTTRACE_PLACE.exec(id);
  if (m) return { code: decodeURIComponent(m[1]!) };
  const dl = digitalLinkPairs(id);
  if (dl) {
    const gln = dl.pairs.get('414') ?? dl.pairs.get('417');
    if (gln && /^\d{13}$/.test(gln)) {
      const ext = dl.pairs.get('254');
      return { code: ext && ext !== '0' ? `${gln}.${ext}` : gln, gln };
    }
  }
  return { code: id };
}

/** An engine code written as a location URI: GLNs as Digital Links, other codes in the lottrace scheme. */
export function placeUri(kind: 'location' | 'party', code: string): string {
  const m = /^(\d{13})(?:\.(.+))?$/.exec(code);
  if (m && gs1CheckDigit(m[1]!.slice(0, 12)) === Number(m[1]![12])) {
    if (kind === 'party') return m[2] === undefined ? `https://id.gs1.org/417/${m[1]}` : `urn:lottrace:party:${uriEscape(code)}`;
    return `https://id.gs1.org/414/${m[1]}${m[2] !== undefined ? `/254/${uriEscape(m[2])}` : ''}`;
  }
  if (/^(urn|https?):/i.test(code)) return code;
  return `urn:lottrace:${kind}:${uriEscape(code)}`;
}

/** A lot as an EPC class identifier when nothing better is known: Digital Link for GTINs, else lottrace. */
export function defaultClassUri(item: string, lot: string): string {
  if (isGtin14(item)) return `https://id.gs1.org/01/${item}/10/${uriEscape(lot)}`;
  const m = /^(urn:.+):product:class:(.+)$/i.exec(item);
  if (m) return `${m[1]}:product:lot:class:${m[2]}.${epcEscape(lot)}`;
  return `urn:lottrace:lot:${uriEscape(item)}:${uriEscape(lot)}`;
}

/**
 * The class of an item without a lot (master data: its description): from
 * the partner's lot template when known, else as defaultClassUri would write it.
 */
export function itemClassUri(item: string, template?: string): string {
  if (template) {
    const lgtin = /^urn:epc:class:lgtin:(\d+\.\d+)\.$/.exec(template);
    if (lgtin) return `urn:epc:idpat:sgtin:${lgtin[1]}.*`;
    if (template.endsWith('/10/')) return template.slice(0, -4);
    const product = /^(urn:.+):product:lot:class:(.+)\.$/i.exec(template);
    if (product) return `${product[1]}:product:class:${product[2]}`;
  }
  if (isGtin14(item)) return `https://id.gs1.org/01/${item}`;
  if (/^urn:.+:product:class:.+$/i.test(item)) return item;
  return `urn:lottrace:item:${uriEscape(item)}`;
}

/** Business transactions (POs, BOLs) are URIs in EPCIS; plain document numbers go in the lottrace scheme. */
export function bizTransactionUri(value: string): string {
  return /^(urn|https?):/i.test(value) ? value : `urn:lottrace:bt:${uriEscape(value)}`;
}

export function bizTransactionValue(uri: string): string {
  const m = /^urn:lottrace:bt:(.*)$/.exec(uri);
  return m ? decodeURIComponent(m[1]!) : uri;
}

/** Batch codes as transformationIDs (a URI in EPCIS 2.0) and back. */
export function batchUri(code: string): string {
  return /^(urn|https?):/i.test(code) ? code : `urn:lottrace:batch:${uriEscape(code)}`;
}

export function batchCode(uri: string): string {
  const m = /^urn:lottrace:batch:(.*)$/.exec(uri);
  return m ? decodeURIComponent(m[1]!) : uri;
}
