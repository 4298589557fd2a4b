/**
 * Benchmark messages, generated from the real KoSIT XGewerbeanzeige 2.1 test
 * instance (examples/xgewerbeanzeige/kosit/xgwa2.1-valid.xml, 10.6 KB):
 *
 * - `sta10k`: the instance itself with the author's AGS 12052000 (Cottbus)
 *   replaced by 14522180 (Freiberg, Sachsen), so it routes in every corpus;
 * - `sta100k`: the same with its one `satz` repeated until the message is at
 *   least 100 KB;
 * - `sta5m`: the 10 KB message plus one `anlage` element holding 5 MB of base64
 *   (3.75 MB of deterministic pseudo-random bytes) — `anlage` is an extension
 *   of the benchmark's message type (bench/rules), read as a stop node;
 * - `alg10k`: the 10 KB message as allgemeine Mitteilung 0300 (root renamed),
 *   the input of the A10 fan-out.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "./corpus.js";

export const KOSIT_SOURCE = join(PROJECT_ROOT, "examples", "xgewerbeanzeige", "kosit", "xgwa2.1-valid.xml");

export interface BenchMessages {
  sta10k: Buffer;
  sta100k: Buffer;
  sta5m: Buffer;
  alg10k: Buffer;
}

/** Deterministic pseudo-random bytes (xorshift32), so every run hashes the same input. */
function pseudoRandomBytes(n: number, seed = 0x2545f491): Buffer {
  const out = Buffer.allocUnsafe(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** Builds the benchmark messages (see the module comment). */
export function benchMessages(): BenchMessages {
  const original = readFileSync(KOSIT_SOURCE, "utf8");
  const sta = original.replaceAll("12052000", "14522180");
  const close = "</xga:sta.gewerbemeldung.0100>";
  const satzStart = sta.indexOf("<xga:satz>");
  const satzEnd = sta.indexOf("</xga:satz>") + "</xga:satz>".length;
  if (satzStart < 0 || satzEnd < satzStart || !sta.includes(close)) throw new Error("unexpected structure of the KoSIT example");
  const satz = sta.slice(satzStart, satzEnd);
  let big = sta;
  while (Buffer.byteLength(big) < 100 * 1024) big = big.slice(0, satzEnd) + "\n   " + satz + big.slice(satzEnd);
  const base64 = pseudoRandomBytes(3_750_000).toString("base64");
  const anlage = `   <xga:anlage>\n      <xga:dateiname>anlage.pdf</xga:dateiname>\n      <xga:inhalt>${base64}</xga:inhalt>\n   </xga:anlage>\n`;
  const withAttachment = sta.replace(close, anlage + close);
  const alg = sta.replaceAll("sta.gewerbemeldung.0100", "alg.gewerbemeldung.0300");
  return {
    sta10k: Buffer.from(sta),
    sta100k: Buffer.from(big),
    sta5m: Buffer.from(withAttachment),
    alg10k: Buffer.from(alg),
  };
}
