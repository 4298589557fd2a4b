/**
 * Regressions: two XML 1.0 well-formedness errors were accepted and routed,
 * so a message conforming receivers refuse was delivered (pass-through keeps
 * the original text), and which of two values was used depended on the parser:
 * - an attribute given twice in one start tag (§ 3.1, Unique Att Spec), e.g.
 *   the root's namespace declaration twice: detection and the typed view could
 *   read different namespaces;
 * - "]]>" in text content outside a CDATA section (§ 2.4).
 * - namespace declarations Namespaces in XML 1.0 forbids: a prefix undeclared
 *   with xmlns:p="" (allowed only in XML 1.1), the prefix xml rebound, the
 *   prefix xmlns declared.
 * All are now `invalid` at intake, with the attribute's name but no value.
 */
import { describe, expect, test } from "vitest";
import { route } from "../../src/runtime/router.js";
import { prescan } from "../../src/xml/index.js";
import { FREIBERG_ANMELDUNG, enc, fixtureText, loadFixture } from "./fixtures.js";

const table = loadFixture();
const anmeldung = fixtureText(FREIBERG_ANMELDUNG);
const UUID = "00000000-0000-0000-0000-000000000002";

async function rejection(text: string): Promise<string> {
  const r = await route(table, enc(text));
  return r.ok ? "routed" : `${r.reason}: ${r.detail}`;
}

describe("attributes given twice", () => {
  test("in any element, also as namespace declarations of the root, the message is invalid", async () => {
    expect(await rejection(anmeldung.replace('test="100"', 'test="100" test="200"'))).toBe("invalid: the attribute test is given twice in one start tag");
    const twoNamespaces = anmeldung.replace(
      'xmlns:xga="http://www.xgewerbeanzeige.de/spezifikation/2.1"',
      'xmlns:xga="http://www.xgewerbeanzeige.de/spezifikation/2.1" xmlns:xga="urn:other"',
    );
    expect(await rejection(twoNamespaces)).toBe("invalid: the attribute xmlns:xga is given twice in one start tag");
    expect(await rejection(anmeldung.replace("<xga:nachrichtenkopf>", "<xga:nachrichtenkopf a='1'\n a = \"2\">"))).toBe("invalid: the attribute a is given twice in one start tag");
  });

  test("an attribute value that looks like another attribute is no duplicate", async () => {
    expect(await rejection(anmeldung.replace('test="100"', "test=\"a test='1'\" note='test=&quot;2&quot;'"))).toBe("routed");
  });

  test("100,000 distinct attributes are still scanned in linear time", () => {
    const attrs = Array.from({ length: 100_000 }, (_, i) => `a${i}="${i}"`).join(" ");
    const started = performance.now();
    expect(() => prescan(`<r ${attrs}/>`, 10)).not.toThrow();
    let detail = "";
    try {
      prescan(`<r ${attrs} a99999="x"/>`, 10);
    } catch (e) {
      detail = (e as { detail?: string }).detail ?? "";
    }
    expect(detail).toBe("the attribute a99999 is given twice in one start tag");
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('"]]>" outside CDATA', () => {
  test("in text content the message is invalid; ending a CDATA section, in comments and attribute values it is fine", async () => {
    expect(await rejection(anmeldung.replace(UUID, "<![CDATA[abc]]>]]>"))).toBe('invalid: "]]>" in text content outside a CDATA section');
    expect(await rejection(anmeldung.replace(UUID, "abc]]>def"))).toBe('invalid: "]]>" in text content outside a CDATA section');
    expect(await rejection(anmeldung.replace(UUID, "<![CDATA[00000000-]]]]><![CDATA[>0000]]>"))).toBe("routed");
    expect(await rejection(anmeldung.replace("<xga:nachrichtenkopf>", "<!-- ]]> --><xga:nachrichtenkopf note=\"]]>\">"))).toBe("routed");
    expect(await rejection(anmeldung.replace(UUID, "a]]b]>c"))).toBe("routed");
  });
});

describe("forbidden namespace declarations", () => {
  test("undeclaring a prefix, rebinding xml, declaring xmlns, binding to the xmlns namespace are invalid; a default namespace may be removed", async () => {
    const at = (attrs: string): string => anmeldung.replace("<xga:nachrichtenkopf>", `<xga:nachrichtenkopf ${attrs}>`);
    expect(await rejection(at('xmlns:xga=""'))).toBe("invalid: the prefix xga is undeclared (empty namespace name), which XML 1.0 namespaces do not allow");
    expect(await rejection(at('xmlns:xml="urn:x"'))).toBe("invalid: the prefix xml and its namespace are bound to others");
    expect(await rejection(at('xmlns:x="http://www.w3.org/XML/1998/namespace"'))).toBe("invalid: the prefix xml and its namespace are bound to others");
    expect(await rejection(at('xmlns:xmlns="urn:x"'))).toBe("invalid: the prefix xmlns is declared");
    expect(await rejection(at('xmlns:x="http://www.w3.org/2000/xmlns/"'))).toBe("invalid: a prefix is bound to the xmlns namespace");
    expect(await rejection(at('xmlns:xml="http://www.w3.org/XML/1998/namespace"'))).toBe("routed");
    expect(await rejection(at('xmlns=""'))).toBe("routed");
  });
});
