/**
 * The source note that Datenlizenz Deutschland – Namensnennung – Version 2.0
 * (dl-de/by-2-0) requires wherever directory data are passed on (a routing table's
 * AGS->ARS map, a pilot bundle, a report), in the form Destatis recommends.
 */
import type { Directory } from "./types.js";

/** Licence identifier of the GV-ISys data. */
export const DIRECTORY_LICENCE = "dl-de/by-2-0";

/** e.g. "Datenquelle: Statistisches Bundesamt (Destatis), Gemeindeverzeichnis-Informationssystem GV-ISys, Gebietsstand 31.12.2020; Datenlizenz by-2-0 (https://www.govdata.de/dl-de/by-2-0)". */
export function directoryAttribution(dir: Pick<Directory, "date">): string {
  const [y, m, d] = dir.date.split("-");
  return (
    "Datenquelle: Statistisches Bundesamt (Destatis), Gemeindeverzeichnis-Informationssystem GV-ISys, " +
    `Gebietsstand ${d}.${m}.${y}; Datenlizenz by-2-0 (https://www.govdata.de/dl-de/by-2-0)`
  );
}
