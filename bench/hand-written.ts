/**
 * Hand-written JavaScript with the same output as the benchmark's
 * transformation `ToStaLA` (bench/rules/gewerbe/transforms.stw), on the JSON
 * view of the message. The route benchmark checks that both serialise to the
 * same XML before it times them.
 */

type Obj = Record<string, unknown>;

/** A copy of `o` without undefined members (JSONata drops them from object constructors). */
function defined(o: Obj): Obj {
  const out: Obj = {};
  for (const k in o) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/** A mapped list, or undefined when empty (a JSONata path over an empty list selects nothing). */
function mapList<T>(list: unknown, f: (x: Obj) => T): T[] | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  return list.map((x) => f(x as Obj));
}

function person(p: Obj): Obj {
  return defined({
    personFunktion: p["personFunktion"],
    familienname: "-",
    geschlecht: p["geschlecht"],
    staatangehoerigkeiten: p["staatangehoerigkeiten"],
  });
}

function abmeldung(a: Obj): Obj {
  const g = a["gewerbe"] as Obj;
  return defined({
    satzErstellung: a["satzErstellung"],
    ereigniszeitpunkt: a["ereigniszeitpunkt"],
    autor: a["autor"],
    istKorrektur: a["istKorrektur"],
    gemeindeSchluessel: a["gemeindeSchluessel"],
    gewerbebetriebID: a["gewerbebetriebID"],
    uuid: a["uuid"],
    gewerbe: defined({
      betrieb: g["betrieb"],
      anzahlVollzeitBeschaeftigte: g["anzahlVollzeitBeschaeftigte"],
      anzahlTeilzeitBeschaeftigte: g["anzahlTeilzeitBeschaeftigte"],
      betriebArt: g["betriebArt"],
      niederlassungArt: g["niederlassungArt"],
      anschrift: g["anschrift"],
      beteiligtePerson: mapList(g["beteiligtePerson"], person),
    }),
    gueltigAb: a["gueltigAb"],
    taetigkeitenGesamt: a["taetigkeitenGesamt"],
    grundAbmeldungSchluessel: a["grundAbmeldungSchluessel"],
  });
}

/** ToStaLA: Statistikmeldung -> StaLAMeldung (names of persons withheld). */
export function toStaLA(m: Obj): Obj {
  return defined({
    "@standard": m["@standard"],
    "@version": m["@version"],
    nachrichtenkopf: m["nachrichtenkopf"],
    satz: mapList(m["satz"], (s) => defined({ abmeldung: s["abmeldung"] === undefined ? undefined : abmeldung(s["abmeldung"] as Obj) })),
    anlage: mapList(m["anlage"], (x) => x),
  });
}
