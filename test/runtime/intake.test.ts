import iconv from "iconv-lite";
import { describe, expect, test } from "vitest";
import { decodeMessage } from "../../src/runtime/intake/decode.js";
import { parseJsonMessage } from "../../src/runtime/intake/json-intake.js";
import { scanXml } from "../../src/runtime/intake/xml-scan.js";
import { route } from "../../src/runtime/router.js";
import { cpuTimedAsync } from "../helpers/cpu-time.js";
import { A1_FREIBERG, enc, fixtureText, FREIBERG_ABMELDUNG, loadFixture } from "./fixtures.js";

const table = loadFixture();
const abmeldung = fixtureText(FREIBERG_ABMELDUNG);

/** The Freiberg message with a business name holding € and umlauts, declared and encoded in `encoding`. */
function withEuro(encoding: string, declared = encoding): Buffer {
  const text = abmeldung
    .replace('encoding="UTF-8"', `encoding="${declared}"`)
    .replace("<xga:geschaeftsbezeichnung>DJ Rei Z</xga:geschaeftsbezeichnung>", "<xga:geschaeftsbezeichnung>Café Zürner € Söhne</xga:geschaeftsbezeichnung>");
  return iconv.encode(text, encoding);
}

async function businessName(bytes: Uint8Array): Promise<unknown> {
  const r = await route(table, bytes);
  if (!r.ok) return `${r.reason}: ${r.detail}`;
  const v = r.deliveries.find((d) => d.recipient === "StaLA Sachsen")!.payload.value as {
    satz: Array<{ abmeldung: { gewerbe: { betrieb: { geschaeftsbezeichnung: string } } } }>;
  };
  return v.satz[0]!.abmeldung.gewerbe.betrieb.geschaeftsbezeichnung;
}

describe("character encodings", () => {
  test("ISO-8859-15 input with € and umlauts is decoded by its XML declaration", async () => {
    const bytes = withEuro("ISO-8859-15");
    expect(bytes.includes(0xa4)).toBe(true); // € is 0xA4 in Latin-9
    expect(await businessName(bytes)).toBe("Café Zürner € Söhne");
  });

  test("UTF-8 with and without BOM, UTF-16 LE/BE with BOM", async () => {
    expect(await businessName(withEuro("UTF-8"))).toBe("Café Zürner € Söhne");
    expect(await businessName(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), withEuro("UTF-8")]))).toBe("Café Zürner € Söhne");
    const le = iconv.encode("\ufeff" + withEuro("UTF-8").toString("utf8").replace('encoding="UTF-8"', 'encoding="UTF-16"'), "utf16le");
    expect(await businessName(le)).toBe("Café Zürner € Söhne");
    const be = iconv.encode("\ufeff" + withEuro("UTF-8").toString("utf8").replace('encoding="UTF-8"', 'encoding="UTF-16"'), "utf16be");
    expect(await businessName(be)).toBe("Café Zürner € Söhne");
  });

  test("ISO-8859-15 bytes declared as UTF-8 are invalid, not replacement characters", async () => {
    const r = await route(table, withEuro("ISO-8859-15", "UTF-8"));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe("invalid");
      expect(r.detail).toContain("invalid in the message's character encoding");
    }
  });

  test("UTF-8 bytes declared as ISO-8859-15 are caught by their C1 bytes (the € of UTF-8 is E2 82 AC)", async () => {
    const r = await route(table, withEuro("UTF-8", "ISO-8859-15"));
    expect(r.ok ? "ok" : r.reason).toBe("invalid");
  });

  test("without a declaration the input is UTF-8 and Latin bytes are invalid", () => {
    expect(decodeMessage(iconv.encode("<a>Zürner</a>", "latin1")).ok).toBe(false);
    expect(decodeMessage(iconv.encode("<a>Zürner</a>", "utf8"))).toEqual({ ok: true, text: "<a>Zürner</a>", encoding: "UTF-8" });
  });

  test("unsupported, conflicting and BOM-less UTF-16 declarations are refused", () => {
    expect(decodeMessage(enc('<?xml version="1.0" encoding="KOI8-R"?><a/>')).ok).toBe(false);
    expect(decodeMessage(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), enc('<?xml version="1.0" encoding="ISO-8859-1"?><a/>')])).ok).toBe(false);
    expect(decodeMessage(enc('<?xml version="1.0" encoding="UTF-16"?><a/>')).ok).toBe(false);
    expect(decodeMessage(Buffer.from('<?xml version="1.0" encoding="US-ASCII"?><a>\xe4</a>', "latin1")).ok).toBe(false);
  });

  test("ISO-8859-1 labels are recognised in any case", () => {
    const d = decodeMessage(Buffer.from("<?xml version='1.0' encoding='iso-8859-1'?><a>\xe4</a>", "latin1"));
    expect(d).toEqual({ ok: true, text: "<?xml version='1.0' encoding='iso-8859-1'?><a>ä</a>", encoding: "ISO-8859-1" });
  });
});

describe("hostile XML", () => {
  const reject = async (text: string): Promise<string> => {
    const r = await route(table, enc(text));
    return r.ok ? "routed" : `${r.reason}: ${r.detail}`;
  };

  test("any DOCTYPE is refused before parsing", async () => {
    expect(await reject(abmeldung.replace("<xga:sta.", '<!DOCTYPE x [ <!ELEMENT x ANY> ]>\n<xga:sta.'))).toMatch(/^invalid: DOCTYPE/);
    expect(await reject(abmeldung.replace("<xga:sta.", "<!doctype x>\n<xga:sta."))).toMatch(/^invalid: DOCTYPE/);
  });

  test("an entity bomb (billion laughs) is refused fast", async () => {
    const lol = ['<?xml version="1.0"?>', "<!DOCTYPE lolz [", ' <!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++) lol.push(` <!ENTITY lol${i} "${`&lol${i - 1 || ""};`.repeat(10)}">`);
    lol.push("]>", "<lolz>&lol9;</lolz>");
    const { result, ms } = await cpuTimedAsync(() => reject(lol.join("\n")));
    expect(result).toMatch(/^invalid: DOCTYPE/);
    expect(ms).toBeLessThan(200);
  });

  test("an external entity is refused", async () => {
    const xxe = abmeldung.replace("<xga:sta.", '<!DOCTYPE r [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n<xga:sta.').replace("DJ Rei Z", "&xxe;");
    expect(await reject(xxe)).toMatch(/^invalid: DOCTYPE/);
  });

  test("a DOCTYPE hidden in a comment or CDATA is still refused (no parser differential)", async () => {
    expect(await reject(abmeldung.replace("<xga:nachrichtenkopf>", "<!-- <!DOCTYPE x> --><xga:nachrichtenkopf>"))).toMatch(/^invalid/);
  });

  test("undefined entities are not expanded", async () => {
    expect(await reject(abmeldung.replace("DJ Rei Z", "&undefined;"))).toMatch(/^invalid/);
  });

  test("nesting depth is bounded", async () => {
    const deep = abmeldung.replace("DJ Rei Z", "<a>".repeat(300) + "</a>".repeat(300));
    expect(await reject(deep)).toMatch(/^invalid: element nesting deeper than 256/);
    const r = await route(table, enc(abmeldung), { limits: { maxDepth: 5 } });
    expect(r.ok ? "" : r.detail).toContain("deeper than 5");
    expect(scanXml("<a>".repeat(100_000), 256)).toEqual({ ok: false, detail: "element nesting deeper than 256" });
  });

  test("input size is bounded", async () => {
    const r = await route(table, enc(abmeldung), { limits: { maxBytes: 1000 } });
    expect(r.ok ? "" : `${r.reason}: ${r.detail}`).toBe("invalid: message of 10606 bytes exceeds the limit of 1000 bytes");
  });

  test("truncated documents, control characters, two roots and empty input are invalid", async () => {
    expect(await reject(abmeldung.slice(0, 5000))).toMatch(/^invalid/);
    expect(await reject(abmeldung.replace("DJ Rei Z", "DJ\u0001Rei"))).toMatch(/^invalid: a character not allowed/);
    expect(await reject(abmeldung + "<x/>")).toMatch(/^invalid: more than one root/);
    expect(await reject("")).toBe("invalid: empty message");
    expect(await reject("hello")).toBe("invalid: neither XML nor JSON");
  });

  test("element names like __proto__ and constructor never reach objects", async () => {
    for (const name of ["__proto__", "constructor", "prototype"]) {
      const text = abmeldung.replace("<xga:gueltigAb>", `<xga:${name}><polluted>yes</polluted></xga:${name}><xga:gueltigAb>`);
      const r = await route(table, enc(text));
      if (r.ok) {
        const json = JSON.stringify(r.deliveries.map((d) => d.payload.value));
        expect(json).not.toContain("polluted");
      } else {
        expect(r.reason).toBe("invalid");
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  test("the root namespace prefix must be declared", () => {
    expect(scanXml("<x:a/>", 10)).toEqual({ ok: false, detail: "the root element's namespace prefix is not declared" });
    expect(scanXml('<x:a xmlns:x="urn:&amp;t"/>', 10)).toMatchObject({ ok: true, rootNs: "urn:&t", rootLocal: "a" });
    expect(scanXml('<a xmlns="urn:d" b=">"><b/></a>', 10)).toMatchObject({ ok: true, rootNs: "urn:d", rootLocal: "a" });
  });
});

describe("hostile JSON", () => {
  test("a __proto__ member is refused, also escaped", () => {
    expect(parseJsonMessage('{"a": {"__proto__": {"polluted": 1}}}', 10)).toEqual({ ok: false, detail: 'the JSON member name "__proto__" is not accepted' });
    expect(parseJsonMessage('{"\\u005f_proto__": 1}', 10).ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("constructor and prototype members stay plain data", () => {
    const r = parseJsonMessage('{"constructor": {"prototype": {"x": 1}}}', 10);
    expect(r).toEqual({ ok: true, value: { constructor: { prototype: { x: 1 } } } });
  });

  test("nesting depth is bounded before parsing", () => {
    expect(parseJsonMessage("[".repeat(100_000) + "]".repeat(100_000), 256)).toEqual({ ok: false, detail: "JSON nesting deeper than 256" });
    expect(parseJsonMessage('{"a": "[[[[[[[[[[[[[[[["}', 3).ok).toBe(true);
  });

  test("a routed JSON message with __proto__ is invalid", async () => {
    const text = fixtureText(A1_FREIBERG).replace('"art": "anmeldung"', '"art": "anmeldung", "__proto__": {"x": 1}');
    const r = await route(table, enc(text));
    expect(r.ok ? "ok" : r.reason).toBe("invalid");
  });
});
