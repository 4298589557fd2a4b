/**
 * Check: adapter settings are known, well-typed and complete (SW2040-SW2042),
 * and secrets are never written literally (SW2043).
 *
 * Rule: a filesystem adapter has relative exchange paths, a variant and an
 * encoding stellwerk can write; a webservice adapter has an http(s) URL without
 * credentials and names its secret by reference; an OSCI adapter has a
 * recipient identifier. Whether inbox/outbox are required depends on how the
 * binding is used and is checked by `receivability`.
 */
import type { Diagnostic, Span } from "../../diagnostics/diagnostic.js";
import { diag } from "../../diagnostics/messages.js";
import type * as A from "../../syntax/ast.js";
import type { Adapter, Stage } from "../../table/routing-table.js";
import { STAGES } from "../../table/routing-table.js";
import type { ResolvedAdapter } from "../model.js";
import { didYouMean } from "../suggest.js";

const SETTINGS: Record<string, string[]> = {
  filesystem: ["inbox", "outbox", "variant", "encoding"],
  webservice: ["url", "method", "auth", "timeout", "attempts"],
  osci: ["recipient", "service", "orders"],
};
const ENCODINGS = ["UTF-8", "ISO-8859-1", "ISO-8859-15"];
const SECRET_WORDS = /(password|passwort|secret|token|apikey|api-key|credential|bearer)/i;

function spanOf(file: string, loc: A.Loc): Span {
  return { file, start: loc.start, end: loc.end };
}

function text(s: A.AdapterSetting): string | undefined {
  const v = s.value;
  if (!v) return undefined;
  if (v.kind === "string" || v.kind === "name") return v.value;
  if (v.kind === "number") return v.raw;
  return undefined;
}

/** A path must stay relative and inside the exchange root. */
function relativePathProblem(p: string): string | undefined {
  if (p.length === 0) return "it is empty";
  if (p.startsWith("/") || /^[A-Za-z]:/.test(p) || p.startsWith("\\")) return "it must be relative to the exchange root";
  if (p.split(/[\\/]/).includes("..")) return "it must not leave the exchange root (`..`)";
  if (/[\u0000-\u001f]/.test(p)) return "it contains control characters";
  return undefined;
}

/**
 * Validates one adapter specification and converts it to the table's adapter shape.
 * @returns undefined when the adapter kind is unknown (already reported).
 */
export function resolveAdapter(spec: A.AdapterSpec, system: string, file: string, out: Diagnostic[]): ResolvedAdapter | undefined {
  const kind = spec.kind.text;
  const known = SETTINGS[kind];
  if (!known) {
    out.push(
      diag("adapter-setting-invalid", spanOf(file, spec.kind), { setting: "via", why: `unknown adapter \`${kind}\`` }, {
        suggestion: ((g) => (g ? `did you mean \`${g}\`?` : undefined))(didYouMean(kind, Object.keys(SETTINGS))),
      } as { suggestion?: string }),
    );
    return undefined;
  }
  const values = new Map<string, A.AdapterSetting>();
  for (const s of spec.settings) {
    const key = s.key.text;
    if (!known.includes(key)) {
      if (SECRET_WORDS.test(key)) out.push(diag("literal-secret", spanOf(file, s), { setting: key }));
      else {
        const g = didYouMean(key, known);
        out.push(diag("adapter-setting-unknown", spanOf(file, s.key), { setting: key, adapter: kind }, g ? { suggestion: `did you mean \`${g}\`?` } : {}));
        // Read a misspelt setting as the one it resembles, so its absence is not reported as a second finding.
        if (g && !spec.settings.some((o) => o.key.text === g)) values.set(g, s);
      }
      continue;
    }
    if (values.has(key)) {
      out.push(diag("adapter-setting-invalid", spanOf(file, s), { setting: key, why: "it is given twice in one adapter; keep one" }));
      continue;
    }
    values.set(key, s);
  }
  const need = (key: string, because: string): string | undefined => {
    const s = values.get(key);
    if (!s) {
      out.push(diag("adapter-setting-missing", spanOf(file, spec.kind), { adapter: kind, system, setting: key, because }));
      return undefined;
    }
    return text(s);
  };
  const invalid = (s: A.AdapterSetting, why: string): void => {
    out.push(diag("adapter-setting-invalid", spanOf(file, s), { setting: s.key.text, why }));
  };
  let stage: Stage | undefined;
  if (spec.stage) {
    if ((STAGES as readonly string[]).includes(spec.stage.text)) stage = spec.stage.text as Stage;
    else {
      out.push(diag("adapter-setting-invalid", spanOf(file, spec.stage), { setting: "in", why: `unknown stage \`${spec.stage.text}\` (test, pilot or production)` }));
      return undefined;
    }
  }
  let adapter: Adapter;
  if (kind === "filesystem") {
    for (const key of ["inbox", "outbox"]) {
      const s = values.get(key);
      const v = s && text(s);
      const problem = s && (v === undefined || s.value?.kind !== "string" ? "it must be a string" : relativePathProblem(v));
      if (s && problem) invalid(s, problem);
    }
    const variantSetting = values.get("variant");
    const variant = variantSetting ? text(variantSetting) : "xml-file";
    if (variantSetting && variant !== "xml-file" && variant !== "folder") invalid(variantSetting, "use `xml-file` or `folder`");
    const encSetting = values.get("encoding");
    const encoding = encSetting ? (text(encSetting) ?? "") : "UTF-8";
    if (encSetting && !ENCODINGS.includes(encoding.toUpperCase())) invalid(encSetting, `use one of ${ENCODINGS.join(", ")}`);
    adapter = { kind: "filesystem", variant: variant === "folder" ? "folder" : "xml-file", encoding: encoding.toUpperCase() };
    const inbox = values.get("inbox") && text(values.get("inbox")!);
    const outbox = values.get("outbox") && text(values.get("outbox")!);
    if (inbox !== undefined) adapter.inbox = inbox;
    if (outbox !== undefined) adapter.outbox = outbox;
  } else if (kind === "webservice") {
    const url = need("url", "to know where to deliver") ?? "";
    const urlSetting = values.get("url");
    if (urlSetting && url) {
      let parsed: URL | undefined;
      try {
        parsed = new URL(url);
      } catch {
        invalid(urlSetting, "it is not a valid URL");
      }
      if (parsed && parsed.protocol !== "https:" && parsed.protocol !== "http:") invalid(urlSetting, "use an http or https URL");
      if (parsed && (parsed.username || parsed.password)) out.push(diag("literal-secret", spanOf(file, urlSetting), { setting: "url" }));
      if (parsed && /[?&](token|key|apikey|password|secret)=/i.test(parsed.search)) out.push(diag("literal-secret", spanOf(file, urlSetting), { setting: "url" }));
    }
    const methodSetting = values.get("method");
    const method = methodSetting ? (text(methodSetting) ?? "").toUpperCase() : "POST";
    if (methodSetting && method !== "POST" && method !== "PUT") invalid(methodSetting, "use POST or PUT");
    adapter = { kind: "webservice", url, method: method === "PUT" ? "PUT" : "POST", timeoutMs: 10_000, maxAttempts: 3 };
    const auth = values.get("auth");
    if (auth) {
      if (auth.qualifier?.text === "secret" && auth.argument) {
        if (!/^[A-Z][A-Z0-9_]*$/.test(auth.argument.value)) invalid(auth, "a secret name is upper case letters, digits and `_`, e.g. `GEWERBE_PROX_TOKEN`");
        else adapter.authSecret = auth.argument.value;
      } else out.push(diag("literal-secret", spanOf(file, auth), { setting: "auth" }));
    }
    for (const [key, field, min, max] of [
      ["timeout", "timeoutMs", 100, 600_000],
      ["attempts", "maxAttempts", 1, 20],
    ] as const) {
      const s = values.get(key);
      if (!s) continue;
      const n = s.value?.kind === "number" ? s.value.value : Number.NaN;
      if (!Number.isInteger(n) || n < min || n > max) invalid(s, `use a whole number from ${min} to ${max}`);
      else adapter[field] = n;
    }
  } else {
    const recipient = need("recipient", "to address the DVDV recipient") ?? "";
    const orders = values.get("orders");
    const ordersPath = orders ? (text(orders) ?? "") : "osci/orders";
    const problem = orders ? relativePathProblem(ordersPath) : undefined;
    if (orders && problem) invalid(orders, problem);
    adapter = { kind: "osci", recipient, orders: ordersPath };
    const service = values.get("service") && text(values.get("service")!);
    if (service) adapter.service = service;
  }
  const resolved: ResolvedAdapter = { adapter, span: spanOf(file, spec) };
  if (stage) resolved.stage = stage;
  return resolved;
}
