/**
 * `stellwerk init <dir> [--package NAME] [--region KEY]`: a new rule set that
 * checks clean and whose test passes, to start from: one message type, two
 * roles and systems, one scenario, a state-level region and a test with an
 * example message. Refuses to overwrite existing files.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { EXIT_OK, UsageError } from "../output.js";

/** The files of a new rule set, by relative path. */
export function initFiles(pkg: string, region: string): Record<string, string> {
  const rules = `package ${pkg}

// A message type declared in the language (XML, namespace and root element).
message Meldung xml "urn:example:${pkg}" root "meldung" {
  kopf: Kopf
  inhalt?: string
}

type Kopf {
  nachrichtId: string
  gemeindeschluessel: string   // AGS, 8 digits: a string, leading zeros matter
}

role Sender "sending system"
role Fachverfahren "the municipality's back-office software"

system Portal implements Sender
system Fachsoftware implements Fachverfahren { certified }

scenario M1 "Neue Meldung" {
  from Sender
  to Fachverfahren
  message Meldung
  region \`kopf.gemeindeschluessel\`
  idempotency \`kopf.nachrichtId\`
}

region "${region}" {
  stage test
  Sender = Portal via filesystem { outbox "portal/out" }
  Fachverfahren = Fachsoftware via filesystem { inbox "fachverfahren/in" variant xml-file encoding "UTF-8" }
}

test "M1 reaches the Fachverfahren" {
  given M1 file "examples/meldung.xml"
  expect delivered to Fachverfahren
  expect field Fachverfahren \`kopf.nachrichtId\` = "0001"
}
`;
  const message = `<?xml version="1.0" encoding="UTF-8"?>
<meldung xmlns="urn:example:${pkg}">
  <kopf>
    <nachrichtId>0001</nachrichtId>
    <gemeindeschluessel>${region.length === 8 ? region : "14522180"}</gemeindeschluessel>
  </kopf>
</meldung>
`;
  return { [`${pkg}.stw`]: rules, "examples/meldung.xml": message };
}

export function registerInit(program: Command, setExit: (code: number) => void): void {
  program
    .command("init")
    .description("Create a new rule set that checks clean and whose test passes, to start from.")
    .argument("<dir>", "folder to create the rule set in")
    .option("--package <name>", "package name", "meinprozess")
    .option("--region <key>", "regional key of the first region block (state 2 digits, AGS 8, ...)", "14")
    .action((dir: string, opts: { package: string; region: string }) => {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(opts.package)) throw new UsageError(`"${opts.package}" is not a valid package name (letters, digits, _)`);
      if (!/^\d{2}(\d|\d{3}|\d{6}|\d{7}|\d{10})?$/.test(opts.region)) throw new UsageError(`"${opts.region}" is not a regional key (2, 3, 5, 8, 9 or 12 digits)`);
      const files = initFiles(opts.package, opts.region);
      for (const rel of Object.keys(files)) {
        if (existsSync(join(dir, rel))) throw new UsageError(`${join(dir, rel)} exists; init never overwrites files`);
      }
      for (const [rel, text] of Object.entries(files)) {
        const p = join(dir, rel);
        mkdirSync(join(p, ".."), { recursive: true, mode: 0o700 });
        writeFileSync(p, text, { mode: 0o600, flag: "wx" });
        process.stdout.write(`created ${p}\n`);
      }
      process.stdout.write(`next: stellwerk check ${dir} && stellwerk test ${dir}\n`);
      setExit(EXIT_OK);
    });
}
