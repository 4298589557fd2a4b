/**
 * Built-in XML Schema datatypes (XSD 1.0 Part 2, plus XSD 1.1's dateTimeStamp
 * and duration subtypes) mapped to stellwerk scalars.
 *
 * Rules: every string-derived and otherwise textual type (including durations,
 * the g* date parts, QName, NOTATION, hexBinary) is `string`; every integer type
 * is `integer`; `decimal` stays exact (`decimal`, carried as a string);
 * float/double are `number`; `base64Binary` is `base64` (opaque in XML).
 */
import type { ScalarKind } from "../types/model.js";

const BUILTINS: Readonly<Record<string, ScalarKind>> = {
  string: "string",
  normalizedString: "string",
  token: "string",
  language: "string",
  Name: "string",
  NCName: "string",
  NMTOKEN: "string",
  NMTOKENS: "string",
  ID: "string",
  IDREF: "string",
  IDREFS: "string",
  ENTITY: "string",
  ENTITIES: "string",
  anyURI: "string",
  QName: "string",
  NOTATION: "string",
  hexBinary: "string",
  duration: "string",
  dayTimeDuration: "string",
  yearMonthDuration: "string",
  gYear: "string",
  gYearMonth: "string",
  gMonth: "string",
  gMonthDay: "string",
  gDay: "string",
  anySimpleType: "string",
  anyAtomicType: "string",
  integer: "integer",
  int: "integer",
  long: "integer",
  short: "integer",
  byte: "integer",
  nonNegativeInteger: "integer",
  nonPositiveInteger: "integer",
  positiveInteger: "integer",
  negativeInteger: "integer",
  unsignedLong: "integer",
  unsignedInt: "integer",
  unsignedShort: "integer",
  unsignedByte: "integer",
  decimal: "decimal",
  double: "number",
  float: "number",
  boolean: "boolean",
  date: "date",
  dateTime: "datetime",
  dateTimeStamp: "datetime",
  time: "time",
  base64Binary: "base64",
};

/** The scalar kind of a built-in simple type by local name, or undefined when unknown. */
export function builtinScalar(local: string): ScalarKind | undefined {
  return Object.prototype.hasOwnProperty.call(BUILTINS, local) ? BUILTINS[local] : undefined;
}
