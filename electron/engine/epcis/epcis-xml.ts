/**
 * EPCIS XML documents (2.0 and 1.2, root EPCISDocument in any namespace)
 * turned into the EPCIS 2.0 JSON form, so the same schema and mapping apply
 * to both encodings. 1.2's <extension>/<baseExtension> wrappers are
 * flattened (quantityList, ilmd, eventID, errorDeclaration live there in 1.2).
 *
 * Security: an ENTITY declaration, a DOCTYPE with an internal subset
 * ([ … ]) or an external identifier (SYSTEM / PUBLIC) is rejected before
 * parsing. EPCIS never needs one, and refusing it outright is the one sure
 * defence against external entities (XXE: reading local files or URLs) and
 * entity expansion (billion laughs); fast-xml-parser is then only left the
 * five predefined entities and character references to decode. A bare
 * `<!DOCTYPE name>` declares nothing and is accepted: GS1's own example
 * documents start with one.
 *
 * Namespaces: the root must be EPCISDocument in an EPCIS namespace, the
 * document has exactly one root, and only elements in no namespace (the
 * XSD's unqualified elements) or an EPCIS namespace are read as events; an
 * event-named element in a foreign namespace is reported, never imported.
 *
 * Unqualified elements the EPCIS schema does not define, and standard
 * elements out of the XSD's sequence, are reported like the XSD would.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { MAX_NESTING_DEPTH } from '../../shared/limits';
import { EngineError } from '../errors';

export class EpcisXmlError extends EngineError {
  readonly code = 'rejected';
  constructor(message: string, readonly line?: number) {
    super(message);
  }
}

interface XNode {
  name: string;
  /** The element's namespace URI; undefined for an unqualified element. */
  ns: string | undefined;
  attrs: Record<string, string>;
  children: XNode[];
  text: string;
}

export interface XmlProblem {
  path: string;
  message: string;
  event?: number;
}

const EVENT_NAMES = ['ObjectEvent', 'AggregationEvent', 'TransactionEvent', 'TransformationEvent', 'AssociationEvent'];

function local(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** Whether XML text has a root element EPCISDocument (in any namespace). */
export function isEpcisXml(head: string): boolean {
  const body = head.replace(/^\uFEFF/, '').replace(/<\?[\s\S]*?\?>/g, '').replace(/<!--[\s\S]*?-->/g, '').trimStart();
  // A DOCTYPE before the root still means "this was meant as EPCIS": sniffed as XML, rejected by the parser.
  return /^(?:<!DOCTYPE[\s\S]*?>\s*)?<([A-Za-z_][\w.-]*:)?EPCISDocument[\s>/]/.test(body) || (/^<!DOCTYPE/i.test(body) && /EPCISDocument/.test(head));
}

/** A DOCTYPE that declares nothing: a name only, no internal subset, no SYSTEM/PUBLIC identifier. */
const BARE_DOCTYPE = /<!DOCTYPE\s+[A-Za-z_:][\w:.-]*\s*>/gi;

/**
 * Refuses DTDs that declare or fetch anything, and entity declarations
 * anywhere in the text (see the module comment); returns the text with a
 * bare DOCTYPE blanked out (same length and lines, so positions still match).
 */
export function assertNoDtd(text: string): string {
  const blanked = text.replace(BARE_DOCTYPE, (m) => m.replace(/[^\n]/g, ' '));
  const m = /<!(DOCTYPE|ENTITY)/i.exec(blanked);
  if (m) {
    const line = text.slice(0, m.index).split('\n').length;
    throw new EpcisXmlError(`XML document type (DOCTYPE) declarations with an internal subset or an external DTD, and ENTITY declarations, are not allowed in EPCIS documents (line ${line}); the document was not read`, line);
  }
  return blanked;
}

/** Namespaces of the EPCIS schema itself: their elements are read as the unqualified standard ones. */
const EPCIS_NS = /^urn:epcglobal:epcis(?:-query|-masterdata)?:xsd:[12]$/;

function toTree(nodes: unknown[], scope: ReadonlyMap<string, string> = new Map()): XNode[] {
  const out: XNode[] = [];
  for (const raw of nodes) {
    const node = raw as Record<string, unknown>;
    for (const key of Object.keys(node)) {
      if (key === ':@' || key === '#text' || key.startsWith('?') || key === '#comment') continue;
      const attrs = (node[':@'] as Record<string, string> | undefined) ?? {};
      let inner = scope;
      for (const [k, v] of Object.entries(attrs)) {
        if (k === 'xmlns' || k.startsWith('xmlns:')) {
          if (inner === scope) inner = new Map(scope);
          (inner as Map<string, string>).set(k === 'xmlns' ? '' : k.slice(6), v);
        }
      }
      const colon = key.indexOf(':');
      const ns = inner.get(colon < 0 ? '' : key.slice(0, colon));
      const name = ns !== undefined && EPCIS_NS.test(ns) ? local(key) : key;
      const children = toTree(node[key] as unknown[], inner);
      const textParts = (node[key] as Record<string, unknown>[]).filter((c) => '#text' in c).map((c) => String(c['#text']));
      out.push({ name, ns, attrs, children, text: textParts.join('').trim() });
    }
  }
  return out;
}

/** 1-based line of each event start tag, in document order. */
function eventLines(text: string): number[] {
  const clean = text.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, (m) => m.replace(/[^\n]/g, ' '));
  const re = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?(?:${EVENT_NAMES.join('|')})[\\s>/]`, 'g');
  const lines: number[] = [];
  let line = 1;
  let last = 0;
  for (let m = re.exec(clean); m; m = re.exec(clean)) {
    for (let k = last; k < m.index; k++) if (clean.charCodeAt(k) === 10) line++;
    last = m.index;
    lines.push(line);
  }
  return lines;
}

const COMMON_ORDER = ['eventTime', 'recordTime', 'eventTimeZoneOffset', 'eventID', 'errorDeclaration', 'certificationInfo'];
const ORDER: Record<string, string[]> = {
  ObjectEvent: [...COMMON_ORDER, 'epcList', 'action', 'bizStep', 'disposition', 'readPoint', 'bizLocation', 'bizTransactionList', 'quantityList', 'sourceList', 'destinationList', 'sensorElementList', 'persistentDisposition', 'ilmd'],
  AggregationEvent: [...COMMON_ORDER, 'parentID', 'childEPCs', 'action', 'bizStep', 'disposition', 'readPoint', 'bizLocation', 'bizTransactionList', 'childQuantityList', 'sourceList', 'destinationList', 'sensorElementList', 'persistentDisposition'],
  TransactionEvent: [...COMMON_ORDER, 'bizTransactionList', 'parentID', 'epcList', 'action', 'bizStep', 'disposition', 'readPoint', 'bizLocation', 'quantityList', 'sourceList', 'destinationList', 'sensorElementList', 'persistentDisposition'],
  TransformationEvent: [...COMMON_ORDER, 'inputEPCList', 'inputQuantityList', 'outputEPCList', 'outputQuantityList', 'transformationID', 'bizStep', 'disposition', 'readPoint', 'bizLocation', 'bizTransactionList', 'sourceList', 'destinationList', 'sensorElementList', 'persistentDisposition', 'ilmd'],
  AssociationEvent: [...COMMON_ORDER, 'parentID', 'childEPCs', 'childQuantityList', 'action', 'bizStep', 'disposition', 'readPoint', 'bizLocation', 'bizTransactionList', 'sourceList', 'destinationList', 'sensorElementList', 'persistentDisposition'],
};

/** Generic element → JSON value: text, or an object of its children (repeated names become arrays). */
function generic(node: XNode): unknown {
  if (node.children.length === 0) {
    const attrs = Object.entries(node.attrs).filter(([k]) => !k.startsWith('xmlns'));
    return attrs.length === 0 ? node.text : { ...Object.fromEntries(attrs), ...(node.text ? { '#text': node.text } : {}) };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node.attrs)) if (!k.startsWith('xmlns')) out[k] = v;
  for (const child of node.children) {
    const value = generic(child);
    const prev = out[child.name];
    out[child.name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

function numberOrText(text: string): number | string {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : text;
}

function quantityList(node: XNode): unknown[] {
  return node.children.filter((c) => c.name === 'quantityElement').map((q) => {
    const el: Record<string, unknown> = {};
    for (const f of q.children) el[f.name] = f.name === 'quantity' ? numberOrText(f.text) : f.children.length ? generic(f) : f.text;
    return el;
  });
}

const TEXT_FIELDS = new Set(['eventTime', 'recordTime', 'eventTimeZoneOffset', 'eventID', 'action', 'bizStep', 'disposition', 'transformationID', 'parentID']);
const EPC_LISTS = new Set(['epcList', 'childEPCs', 'inputEPCList', 'outputEPCList']);
const QUANTITY_LISTS = new Set(['quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList']);

/** Writes an event element's fields into `out`, flattening 1.2 extension wrappers; checks order at each level. */
function eventFields(node: XNode, type: string, out: Record<string, unknown>, problems: XmlProblem[], index: number): void {
  const order = ORDER[type] ?? [];
  let last = -1;
  for (const child of node.children) {
    const name = child.name;
    const path = `epcisBody.eventList[${index}].${name}`;
    if (name === 'extension' || name === 'baseExtension') {
      eventFields(child, type, out, problems, index);
      continue;
    }
    const at = order.indexOf(name);
    if (at >= 0) {
      if (at < last) problems.push({ path, event: index, message: `element <${name}> is out of order: the EPCIS schema puts it before <${order[last]}>` });
      last = Math.max(last, at);
    }
    if (TEXT_FIELDS.has(name)) out[name] = child.text;
    else if (name === 'readPoint' || name === 'bizLocation') out[name] = { id: child.children.find((c) => c.name === 'id')?.text ?? '' };
    else if (EPC_LISTS.has(name)) out[name] = child.children.filter((c) => c.name === 'epc').map((c) => c.text);
    else if (QUANTITY_LISTS.has(name)) out[name] = quantityList(child);
    else if (name === 'bizTransactionList') {
      out[name] = child.children.map((c) => ({ ...(c.attrs.type !== undefined ? { type: c.attrs.type } : {}), bizTransaction: c.text }));
    } else if (name === 'sourceList' || name === 'destinationList') {
      const field = name === 'sourceList' ? 'source' : 'destination';
      out[name] = child.children.map((c) => ({ type: c.attrs.type ?? '', [field]: c.text }));
    } else if (name === 'ilmd') {
      const ilmd: Record<string, unknown> = {};
      for (const c of child.children) {
        if (c.name === 'extension') for (const cc of c.children) ilmd[cc.name] = generic(cc);
        else ilmd[c.name] = generic(c);
      }
      out.ilmd = ilmd;
    } else if (name === 'errorDeclaration') {
      const decl: Record<string, unknown> = {};
      for (const c of child.children) {
        if (c.name === 'correctiveEventIDs') decl.correctiveEventIDs = c.children.map((x) => x.text);
        else if (c.name === 'declarationTime' || c.name === 'reason') decl[c.name] = c.text;
        else decl[c.name] = generic(c);
      }
      out.errorDeclaration = decl;
    } else if (name === 'certificationInfo') {
      const prev = out.certificationInfo;
      out.certificationInfo = prev === undefined ? child.text : Array.isArray(prev) ? [...prev, child.text] : [prev, child.text];
    } else out[name] = generic(child);
  }
}

const inEpcisNamespace = (node: XNode): boolean => node.ns === undefined || node.ns === '' || EPCIS_NS.test(node.ns);

function collectEvents(list: XNode, into: XNode[], problems: XmlProblem[]): void {
  for (const child of list.children) {
    if (EVENT_NAMES.includes(local(child.name))) {
      if (inEpcisNamespace(child)) into.push(child);
      else problems.push({ path: `epcisBody.eventList`, message: `<${child.name}> is in namespace ${child.ns ?? ''}, not an EPCIS namespace: it is not an EPCIS event and was not read` });
    } else if (local(child.name) === 'extension') collectEvents(child, into, problems);
  }
}

function masterData(header: XNode | undefined): unknown[] {
  const vocabularies: unknown[] = [];
  const visit = (node: XNode): void => {
    if (local(node.name) === 'Vocabulary') {
      const elements: unknown[] = [];
      for (const list of node.children.filter((c) => local(c.name) === 'VocabularyElementList')) {
        for (const el of list.children.filter((c) => local(c.name) === 'VocabularyElement')) {
          elements.push({
            id: el.attrs.id ?? '',
            attributes: el.children.filter((a) => local(a.name) === 'attribute').map((a) => ({ id: a.attrs.id ?? '', attribute: a.children.length ? generic(a) : a.text })),
          });
        }
      }
      vocabularies.push({ type: node.attrs.type ?? '', vocabularyElementList: elements });
      return;
    }
    for (const c of node.children) visit(c);
  };
  if (header) visit(header);
  return vocabularies;
}

export interface XmlDocument {
  /** The document in EPCIS 2.0 JSON form. */
  doc: Record<string, unknown>;
  /** Line of each event's start tag. */
  lines: number[];
  problems: XmlProblem[];
}

/** Parses EPCIS XML into the JSON form; throws EpcisXmlError for a DTD or malformed XML. */
export function parseEpcisXml(text: string): XmlDocument {
  text = assertNoDtd(text);
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new EpcisXmlError(`not well-formed XML (line ${valid.err.line}, column ${valid.err.col}): ${valid.err.msg}`, valid.err.line);
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
    commentPropName: '#comment',
    maxNestedTags: MAX_NESTING_DEPTH,
  });
  let parsed: unknown[];
  try {
    parsed = parser.parse(text) as unknown[];
  } catch (e) {
    if ((e as Error).message.includes('Maximum nested tags')) throw new EpcisXmlError(`the XML is nested deeper than ${MAX_NESTING_DEPTH} levels (EPCIS needs fewer than 15)`);
    throw e;
  }
  const roots = toTree(parsed);
  if (roots.length > 1) throw new EpcisXmlError(`an XML document has one root element; this one has ${roots.length} (${roots.map((r) => `<${r.name}>`).join(', ')})`);
  const root = roots.find((n) => local(n.name) === 'EPCISDocument');
  if (!root) throw new EpcisXmlError('the XML root element is not EPCISDocument');
  if (!root.ns || !EPCIS_NS.test(root.ns)) throw new EpcisXmlError(`the root <${root.name}> is in namespace ${root.ns ?? '(none)'}; EPCIS documents use urn:epcglobal:epcis:xsd:2 (or :1)`);
  const body = root.children.find((c) => local(c.name) === 'EPCISBody');
  const list = body?.children.find((c) => local(c.name) === 'EventList');
  const eventNodes: XNode[] = [];
  const problems: XmlProblem[] = [];
  if (list) collectEvents(list, eventNodes, problems);
  const events = eventNodes.map((node, index) => {
    const type = local(node.name);
    const out: Record<string, unknown> = { type };
    eventFields(node, type, out, problems, index);
    return out;
  });
  const vocabularyList = masterData(root.children.find((c) => local(c.name) === 'EPCISHeader'));
  const doc: Record<string, unknown> = {
    type: 'EPCISDocument',
    schemaVersion: root.attrs.schemaVersion ?? '',
    creationDate: root.attrs.creationDate ?? '',
    ...(vocabularyList.length ? { epcisHeader: { epcisMasterData: { vocabularyList } } } : {}),
    epcisBody: body ? { eventList: events } : undefined,
  };
  return { doc, lines: eventLines(text), problems };
}
