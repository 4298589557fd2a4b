/**
 * Destatis GV-ISys "Textkennzeichen": the kind of a Kreis, Gemeindeverband or
 * Gemeinde, coded in column 2 of the quarterly extract. The texts are the ones
 * used in the derived gemeinden_*.csv (checked against all 11,004 rows: each code
 * maps to exactly one text there). Codes not listed leave the type unset.
 */

/** Satzart 40 (Kreis). */
export const KREIS_TYPES: Readonly<Record<string, string>> = {
  "41": "Kreisfreie Stadt",
  "42": "Stadtkreis",
  "43": "Kreis",
  "44": "Landkreis",
  "45": "Regionalverband",
};

/** Satzart 50 (Gemeindeverband). Code 57 does not occur in the 2020 extract. */
export const VERBAND_TYPES: Readonly<Record<string, string>> = {
  "50": "verbandsfreie Gemeinde",
  "51": "Amt",
  "52": "Samtgemeinde",
  "53": "Verbandsgemeinde",
  "54": "Verwaltungsgemeinschaft",
  "55": "Kirchspielslandgemeinde",
  "56": "Verwaltungsverband",
  "58": "Erfüllende Gemeinde",
};

/** Satzart 60 (Gemeinde). */
export const GEMEINDE_TYPES: Readonly<Record<string, string>> = {
  "60": "Markt",
  "61": "Kreisfreie Stadt",
  "62": "Stadtkreis",
  "63": "Stadt",
  "64": "kreisangehörige Gemeinde",
  "65": "gemeindefreies Gebiet (bewohnt)",
  "66": "gemeindefreies Gebiet (unbewohnt)",
  "67": "Große Kreisstadt",
};
