/**
 * How the demo lays decoded trace fields out for a person: one field a line, nested fields
 * indented, lists and small objects on one line when they fit, long hex shortened, nothing
 * wider than {@link DEMO_WIDTH} columns.
 *
 * @module
 */

import type { DecodedFields, DecodedValue } from './realm/trace-fields.js';

/** The widest line the demo prints. */
export const DEMO_WIDTH = 100;

/** Hex longer than this many digits is shortened to its ends and its length. */
const LONG_HEX = 40;

/** Objects of at most this many scalar fields are written on one line. */
const INLINE_FIELDS = 4;

/** The lines of `fields`, each starting with `indent`. */
export function fieldLines(fields: DecodedFields, indent: string): string[] {
  return Object.entries(fields).flatMap(([name, value]) => valueLines(name, value, indent));
}

/** `text` cut into lines of at most {@link DEMO_WIDTH} columns at spaces, later ones indented. */
export function wrapText(first: string, text: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(' ')) {
    const joined = empty ? `${line}${word}` : `${line} ${word}`;
    if (!empty && joined.length > DEMO_WIDTH) {
      lines.push(line);
      line = `${rest}${word}`;
    } else {
      line = joined;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}

function valueLines(name: string, value: DecodedValue, indent: string): string[] {
  if (!isContainer(value)) return wrapText(`${indent}${name}: `, scalarText(value), `${indent}  `);
  if (isList(value)) {
    if (value.every((item) => !isContainer(item))) {
      const items = value.length === 0 ? '(none)' : value.map(scalarText).join(', ');
      return wrapText(`${indent}${name}: `, items, `${indent}  `);
    }
    return [`${indent}${name}:`, ...value.flatMap((item) => listItemLines(item, `${indent}  `))];
  }
  const inline = inlineText(value);
  const line = `${indent}${name}: ${inline}`;
  if (inline !== null && line.length <= DEMO_WIDTH) return [line];
  return [`${indent}${name}:`, ...fieldLines(value, `${indent}  `)];
}

function listItemLines(item: DecodedValue, indent: string): string[] {
  if (!isContainer(item)) return wrapText(`${indent}- `, scalarText(item), `${indent}  `);
  if (isList(item))
    return [`${indent}-`, ...item.flatMap((inner) => listItemLines(inner, `${indent}  `))];
  const inline = inlineText(item);
  if (inline !== null && indent.length + 2 + inline.length <= DEMO_WIDTH) {
    return [`${indent}- ${inline}`];
  }
  const lines = fieldLines(item, `${indent}  `);
  const [first, ...rest] = lines;
  if (first === undefined) return [`${indent}- (empty)`];
  return [`${indent}- ${first.slice(indent.length + 2)}`, ...rest];
}

/** Whether a decoded value is named fields (not a list, not a scalar). */
export function isFields(value: DecodedValue | undefined): value is DecodedFields {
  return typeof value === 'object' && value !== null && !isList(value);
}

/** A few scalar fields on one line, `{ etype: aes256-cts-hmac-sha1-96, kvno: 2 }`; else null. */
function inlineText(fields: DecodedFields): string | null {
  const entries = Object.entries(fields);
  if (entries.length === 0 || entries.length > INLINE_FIELDS) return null;
  if (entries.some(([, value]) => isContainer(value))) return null;
  return `{ ${entries.map(([name, value]) => `${name}: ${scalarText(value)}`).join(', ')} }`;
}

function isContainer(value: DecodedValue): value is readonly DecodedValue[] | DecodedFields {
  return typeof value === 'object' && value !== null;
}

function isList(value: readonly DecodedValue[] | DecodedFields): value is readonly DecodedValue[] {
  return Array.isArray(value);
}

/** A scalar as text; long hex is shortened to its ends and its length in octets. */
export function scalarText(value: DecodedValue): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  if (value.length > LONG_HEX && /^[0-9a-f]+$/.test(value)) {
    return `${value.slice(0, 16)}...${value.slice(-8)} (${value.length / 2} octets)`;
  }
  return value;
}
