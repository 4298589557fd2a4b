/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): the top functions by
 * self time and by inclusive time, with file:line, so docs/performance.md can
 * quote a profile's top entries.
 *
 *   node dist/bench/profile-top.js <file.cpuprofile> [count] [filter]
 *
 * `filter` keeps only inclusive entries whose URL contains it (e.g. "/src/").
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  name: string;
  where: string;
  selfMs: number;
  totalMs: number;
}

/** Self and inclusive time per function (recursion counted once per stack). */
export function summarizeProfile(p: Profile): { totalMs: number; entries: ProfileEntry[] } {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n: ProfileNode): string => {
    const url = n.callFrame.url.replace(/^file:\/\//, "").replace(/^.*\/(dist|node_modules)\//, "$1/");
    return `${n.callFrame.functionName || "(anonymous)"}\u0000${url}:${n.callFrame.lineNumber + 1}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  p.samples.forEach((id, i) => {
    const dt = (p.timeDeltas[i] ?? 0) / 1000;
    all += dt;
    const n = byId.get(id);
    if (!n) return;
    const k = key(n);
    self.set(k, (self.get(k) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const kk = key(byId.get(cur)!);
      if (seen.has(kk)) continue;
      seen.add(kk);
      total.set(kk, (total.get(kk) ?? 0) + dt);
    }
  });
  const entries = [...total.entries()].map(([k, t]) => {
    const [name, where] = k.split("\u0000");
    return { name: name!, where: where!, selfMs: self.get(k) ?? 0, totalMs: t };
  });
  return { totalMs: all, entries };
}

function main(): void {
  const [file, countArg, filter] = process.argv.slice(2);
  if (!file) {
    process.stderr.write("usage: profile-top.js <file.cpuprofile> [count] [filter]\n");
    process.exitCode = 2;
    return;
  }
  const count = Number(countArg ?? "25");
  const { totalMs, entries } = summarizeProfile(JSON.parse(readFileSync(file, "utf8")) as Profile);
  const line = (e: ProfileEntry): string => `${e.selfMs.toFixed(0).padStart(8)} ${e.totalMs.toFixed(0).padStart(8)}  ${e.name}  ${e.where}`;
  process.stdout.write(`total sampled: ${totalMs.toFixed(0)} ms\n\nby self time (self ms, total ms):\n`);
  for (const e of [...entries].sort((a, b) => b.selfMs - a.selfMs).slice(0, count)) process.stdout.write(line(e) + "\n");
  process.stdout.write(`\nby inclusive time${filter ? ` (${filter})` : ""}:\n`);
  const inc = entries.filter((e) => !filter || e.where.includes(filter)).sort((a, b) => b.totalMs - a.totalMs);
  for (const e of inc.slice(0, count)) process.stdout.write(line(e) + "\n");
}

main();
