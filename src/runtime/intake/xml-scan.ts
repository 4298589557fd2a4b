/**
 * A linear pre-parse scan of XML text, run before any XML parser sees it:
 * - refuses any DOCTYPE or markup declaration (`<!DOCTYPE`, `<!ENTITY`, ...),
 *   even inside comments or CDATA, so entity expansion (billion laughs) and
 *   external entities (XXE) can never happen;
 * - refuses characters XML 1.0 forbids (§ 2.2: C0 controls other than TAB,
 *   LF, CR; U+FFFE, U+FFFF);
 * - bounds element nesting depth;
 * - reads the root element's namespace URI and local name (detection key),
 *   resolving its prefix through the root's own xmlns declarations.
 * It does not check well-formedness beyond what it needs; the parser does.
 */

/** Result of {@link scanXml}: the root element or a payload-free reason. */
export type XmlScan =
  | { ok: true; rootNs: string; rootLocal: string; maxDepthSeen: number }
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

/** Scans `text` (already decoded) with a nesting bound of `maxDepth` elements. Never throws. */
export function scanXml(text: string, maxDepth: number): XmlScan {
  if (hasDeclaration(text)) return { ok: false, detail: "DOCTYPE and markup declarations are not accepted" };
  const bad = FORBIDDEN_CHAR.exec(text);
  if (bad) return { ok: false, detail: `a character not allowed in XML 1.0 at offset ${bad.index}` };
  let depth = 0;
  let maxSeen = 0;
  let rootTag: string | undefined;
  let i = 0;
  const n = text.length;
  while ((i = text.indexOf("<", i)) !== -1) {
    const c = text.charCodeAt(i + 1);
    if (c === 33 /* ! */) {
      if (text.startsWith("<!--", i)) {
        const end = text.indexOf("-->", i + 4);
        if (end < 0) return { ok: false, detail: "unterminated comment" };
        i = end + 3;
      } else if (text.startsWith("<![CDATA[", i)) {
        const end = text.indexOf("]]>", i + 9);
        if (end < 0) return { ok: false, detail: "unterminated CDATA section" };
        i = end + 3;
      } else {
        return { ok: false, detail: "DOCTYPE and markup declarations are not accepted" };
      }
    } else if (c === 63 /* ? */) {
      const end = text.indexOf("?>", i + 2);
      if (end < 0) return { ok: false, detail: "unterminated processing instruction" };
      i = end + 2;
    } else if (c === 47 /* / */) {
      depth--;
      if (depth < 0) return { ok: false, detail: "an end tag without start tag" };
      const end = text.indexOf(">", i + 2);
      if (end < 0) return { ok: false, detail: "truncated end tag" };
      i = end + 1;
    } else {
      const end = tagEnd(text, i + 1);
      if (end >= n) return { ok: false, detail: "truncated start tag" };
      if (rootTag === undefined) rootTag = text.slice(i + 1, end);
      else if (depth === 0) return { ok: false, detail: "more than one root element" };
      if (text.charCodeAt(end - 1) !== 47 /* / */) {
        depth++;
        if (depth > maxDepth) return { ok: false, detail: `element nesting deeper than ${maxDepth}` };
        if (depth > maxSeen) maxSeen = depth;
      }
      i = end + 1;
    }
  }
  if (rootTag === undefined) return { ok: false, detail: "no root element" };
  if (depth !== 0) return { ok: false, detail: "truncated document: elements left open" };
  return rootName(rootTag.endsWith("/") ? rootTag.slice(0, -1) : rootTag, maxSeen);
}

/** Index of the `>` closing a start tag, skipping quoted attribute values; text.length when there is none. */
function tagEnd(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 62 /* > */) return j;
    if (c === 34 /* " */ || c === 39 /* ' */) {
      j = text.indexOf(c === 34 ? '"' : "'", j + 1);
      if (j < 0) return text.length;
    }
  }
  return text.length;
}

const NAME = /^[^\s/>="']+/;
const ATTR = /([^\s=/>"']+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function rootName(tag: string, maxDepthSeen: number): XmlScan {
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
  return { ok: true, rootNs: ns, rootLocal: local, maxDepthSeen };
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
