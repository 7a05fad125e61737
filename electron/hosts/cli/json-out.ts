/**
 * The CLI's --json output: exactly JSON.stringify(value, null, 2), written
 * in pieces of whole lines instead of as one string. A silo lot's trace or
 * recall on a million-lot plant is some 300 MB of JSON; as one string it
 * doubles the process's memory, and past V8's longest string (about 512 M
 * characters: a both-ways trace on a plant twice that size) the command
 * would fail with "Invalid string length" after doing all its work.
 *
 * Large arrays (and the objects holding them) are walked here, one element
 * at a time; everything else is handed to JSON.stringify and re-indented to
 * its place. Small outputs still leave in one piece.
 */

/** Arrays longer than this are written element by element. */
const LARGE_ARRAY = 1000;
/** Pieces are written once they reach this many characters (at a line end). */
const PIECE_CHARS = 1 << 20;

export function writeJson(value: unknown, out: (text: string) => void, options: { largeArray?: number; pieceChars?: number } = {}): void {
  const largeArray = options.largeArray ?? LARGE_ARRAY;
  const pieceChars = options.pieceChars ?? PIECE_CHARS;
  let buffer = '';
  for (const piece of pieces(value, '', largeArray, true)) {
    buffer += piece;
    // Whole lines only: `out` ends what it writes with a line break. (The piece is asked, not the
    // buffer: asking a string built by += for its end flattens it, every time.)
    if (buffer.length >= pieceChars && piece.endsWith('\n')) {
      out(buffer);
      buffer = '';
    }
  }
  out(buffer);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/** Whether JSON.stringify leaves the property out of an object (in an array it writes null instead). */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/** Worth walking: a large array, or an object with one among its values (or the top-level object). */
function walked(value: unknown, largeArray: number, top: boolean): boolean {
  if (Array.isArray(value)) return value.length > largeArray;
  if (!isPlainObject(value)) return false;
  if (top) return true;
  for (const key in value) {
    const v = value[key];
    if (Array.isArray(v) ? v.length > largeArray : false) return true;
  }
  return false;
}

/** JSON.stringify(value, null, 2) for a value written at `indent`. */
function leaf(value: unknown, indent: string, inArray: boolean): string {
  const text = JSON.stringify(value, null, 2) as string | undefined;
  if (text === undefined) return inArray ? 'null' : '';
  // Line breaks inside strings are escaped: every real one is a line of the layout.
  return indent === '' ? text : text.replace(/\n/g, `\n${indent}`);
}

function* pieces(value: unknown, indent: string, largeArray: number, top: boolean, inArray = false): Generator<string> {
  if (!walked(value, largeArray, top)) {
    yield leaf(value, indent, inArray);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    yield '[\n';
    for (let i = 0; i < value.length; i++) {
      yield inner;
      yield* pieces(value[i], inner, largeArray, false, true);
      yield i < value.length - 1 ? ',\n' : '\n';
    }
    yield `${indent}]`;
    return;
  }
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).filter((key) => !omitted(object[key]));
  if (keys.length === 0) {
    yield '{}';
    return;
  }
  yield '{\n';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    yield `${inner}${JSON.stringify(key)}: `;
    yield* pieces(object[key], inner, largeArray, false);
    yield i < keys.length - 1 ? ',\n' : '\n';
  }
  yield `${indent}}`;
}
