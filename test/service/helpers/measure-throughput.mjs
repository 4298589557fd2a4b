// Measures the service's throughput (not a test; run by hand after `npm run build`):
//   node test/service/helpers/measure-throughput.mjs [messages=300] [concurrency=1]
// Pre-writes N A10 messages (10 KB, two fan-out targets each) into one outbox of
// a temporary exchange root, starts the compiled service (stableMs 0) and
// reports messages per second until all are done, and how many journal
// commits (group commits) the writes needed, and how many of them were durable
// (fsynced; the registration is committed without an fsync of its own).
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import pino from "pino";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const { startService } = await import(`${repo}dist/src/service/index.js`);
const { Journal } = await import(`${repo}dist/src/service/journal.js`);
const { computeContentHash } = await import(`${repo}dist/src/table/content-hash.js`);
let commits = 0;
let durable = 0;
let writes = 0;
const flush = Journal.prototype.flush;
Journal.prototype.flush = function counted() {
  if (this.pending.length > 0) {
    commits++;
    writes += this.pending.length;
    if (this.pending.some((w) => w.durable !== false)) durable++;
  }
  return flush.call(this);
};

const n = Number(process.argv[2] ?? 300);
const concurrency = Number(process.argv[3] ?? 1);
const dir = mkdtempSync(path.join(tmpdir(), "stellwerk-throughput-"));
try {
  const table = JSON.parse(readFileSync(`${repo}test/fixtures/service/routing-table.json`, "utf8"));
  table.contentHash = computeContentHash(table);
  writeFileSync(path.join(dir, "table.json"), JSON.stringify(table));
  const outbox = path.join(dir, "exchange/freiberg/gewerbe/out");
  mkdirSync(outbox, { recursive: true });
  const template = readFileSync(`${repo}test/fixtures/service/messages/a10-abmeldung-freiberg.xml`, "utf8");
  const service = await startService({
    table: path.join(dir, "table.json"),
    exchangeRoot: path.join(dir, "exchange"),
    stateDir: path.join(dir, "state"),
    stableMs: 0,
    concurrency,
    logger: pino({ level: "warn" }),
  });
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const f = path.join(outbox, `m${i}.xml`);
    writeFileSync(`${f}.part`, template.replace("00000000-0000-0000-0000-000000000001", randomUUID()));
    renameSync(`${f}.part`, f);
  }
  while (service.stats().done < n) await new Promise((r) => setTimeout(r, 5));
  const ms = performance.now() - t0;
  await service.stop();
  console.log(
    `${n} messages, concurrency ${concurrency}: ${ms.toFixed(0)} ms, ${((n / ms) * 1000).toFixed(1)} messages/s; ` +
      `${writes} journal writes in ${commits} commits (${durable} durable)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
