/**
 * A linear pre-parse scan of XML text, run before any XML parser sees it:
 * - refuses any DOCTYPE or markup declaration (`<!DOCTYPE`, `<!ENTITY`, ...),
 *   even inside comments or CDATA, so entity expansion (billion laughs) and
 *   external entities (XXE) can never happen;
 * - refuses characters XML 1.0 forbids (§ 2.2: C0 controls other than TAB,
 *   LF, CR; U+FFFE, U+FFFF);
 * - then runs the typed view's tag scan (src/xml prescan: end tags match
 *   start tags, one root, no text outside it, nesting depth bounded,
 *   namespace declarations collected), whose result the typed view reuses
 *   instead of scanning the text again;
 * - reads the root element's namespace URI and local name (detection key),
 *   resolving its prefix through the root's own xmlns declarations.
 */
import { prescan, type Prescanned } from "../../xml/index.js";
import { XmlViewAbort } from "../../xml/errors.js";

/** Result of {@link scanXml}: the root element or a payload-free reason. */
export type XmlScan =
  | { ok: true; rootNs: string; rootLocal: string; maxDepthSeen: number; prescanned: Prescanned }
  | { ok: false; detail: string };

const FORBIDDEN_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
/** A markup declaration starting exactly at lastIndex (sticky: tried only where "<!" occurs). */
const DECLARATION_AT = /<!\s*(?:doctype|entity|element|attlist|notation)/iy;

/** True when `text` holds a markup declaration anywhere (comments and CDATA included). */
export function hasDeclaration(text: string): boolean {
  for (let i = text.indexOf("<!"); i >= 0; i = text.indexOf("<!", i + 2)) {
    DECLARATION_AT.lastIndex = i;
    if (DECLARATION_AT.test(text)) return true;
  }
  return false;
}

const DECLARATION_REFUSED = "DOCTYPE and markup declarations are not accepted";

/** Scans `text` (already decoded) with a nesting bound of `maxDepth` elements. Never throws. */
export function scanXml(text: string, maxDepth: number): XmlScan {
  if (hasDeclaration(text)) return { ok: false, detail: DECLARATION_REFUSED };
  const bad = FORBIDDEN_CHAR.exec(text);
  if (bad) return { ok: false, detail: `a character not allowed in XML 1.0 at offset ${bad.index}` };
  let scanned: Prescanned;
  try {
    scanned = prescan(text, maxDepth);
  } catch (e) {
    if (!(e instanceof XmlViewAbort)) throw e;
    if (e.code === "xml-too-deep") return { ok: false, detail: `element nesting deeper than ${maxDepth}` };
    if (e.code === "xml-doctype" || e.detail === "a markup declaration outside a DTD") return { ok: false, detail: DECLARATION_REFUSED };
    return { ok: false, detail: e.detail };
  }
  const tag = scanned.rootTag;
  return rootName(tag.endsWith("/") ? tag.slice(0, -1) : tag, scanned);
}

const NAME = /^[^\s/>="']+/;
const ATTR = /([^\s=/>"']+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function rootName(tag: string, scanned: Prescanned): XmlScan {
  const name = NAME.exec(tag)?.[0];
  if (name === undefined) return { ok: false, detail: "malformed root element name" };
  const colon = name.indexOf(":");
  const prefix = colon < 0 ? "" : name.slice(0, colon);
  const local = colon < 0 ? name : name.slice(colon + 1);
  const wanted = prefix === "" ? "xmlns" : `xmlns:${prefix}`;
  let ns: string | undefined = prefix === "" ? "" : undefined;
  for (const m of tag.slice(name.length).matchAll(ATTR)) {
    if (m[1] === wanted) ns = decodeXmlEntities(m[2] ?? m[3] ?? "");
  }
  if (ns === undefined) return { ok: false, detail: "the root element's namespace prefix is not declared" };
  if (local === "") return { ok: false, detail: "malformed root element name" };
  return { ok: true, rootNs: ns, rootLocal: local, maxDepthSeen: scanned.maxDepthSeen, prescanned: scanned };
}

/** Decodes the five predefined entities and numeric character references. */
export function decodeXmlEntities(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);/g, (_, e: string) => {
    switch (e) {
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "amp":
        return "&";
      case "quot":
        return '"';
      case "apos":
        return "'";
      default: {
        const cp = e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return cp <= 0x10ffff ? String.fromCodePoint(cp) : "\ufffd";
      }
    }
  });
}
