// Checks the JSON Schemas in data/schema/ against the cases in
// tests/schema/cases.json: each case's file is validated with ajv against its
// schema, and whether it passes must match the case's `schema_valid`.
// (tests/schema_agreement.rs checks the same cases against the Rust validator.)
//
// Also checks that every schema compiles in ajv's strict mode, that every
// property of every object it defines has a description, and that every
// fixture in tests/schema/cases/ is listed, under the schema its name says.
//
//   node tests/schema/run.mjs            exit 1 listing every mismatch
//   node tests/schema/run.mjs --verbose  also print ajv's errors for every rejected case

import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const SCHEMAS = ["manifest", "geography", "metrics", "extract"];
const verbose = process.argv.includes("--verbose");
const failures = [];

const ajv = new Ajv2020({ strict: true, allErrors: true });
const schemas = {};
for (const name of SCHEMAS) {
  const file = `data/schema/${name}.schema.json`;
  try {
    const schema = JSON.parse(readFileSync(join(ROOT, file), "utf8"));
    if (schema.$id !== `${name}.schema.json`) {
      failures.push(`${file}: $id should be "${name}.schema.json", not ${JSON.stringify(schema.$id)}`);
    }
    for (const path of undescribed(schema, "#")) {
      failures.push(`${file}: property ${path} has no description`);
    }
    schemas[name] = ajv.compile(schema);
  } catch (e) {
    failures.push(`${file}: does not compile: ${e.message}`);
  }
}

/** JSON pointers of properties, in object schemas (`type` includes "object"), without a description. */
function undescribed(schema, at) {
  if (schema === null || typeof schema !== "object") return [];
  const found = [];
  const types = [].concat(schema.type ?? []);
  if (types.includes("object") && schema.properties) {
    for (const [key, sub] of Object.entries(schema.properties)) {
      if (typeof sub?.description !== "string" || sub.description.trim() === "") {
        found.push(`${at}/properties/${key}`);
      }
    }
  }
  for (const [key, sub] of Object.entries(schema)) {
    if (sub !== null && typeof sub === "object") found.push(...undescribed(sub, `${at}/${key}`));
  }
  return found;
}

const cases = JSON.parse(readFileSync(join(ROOT, "tests/schema/cases.json"), "utf8"));
const listed = new Set();
let checked = 0;
for (const c of cases) {
  listed.add(c.file);
  const validate = schemas[c.schema];
  if (!validate) {
    failures.push(`${c.file}: unknown or broken schema "${c.schema}"`);
    continue;
  }
  let valid;
  let errors = [];
  try {
    const data = JSON.parse(readFileSync(join(ROOT, c.file), "utf8"));
    valid = validate(data);
    errors = (validate.errors ?? []).map((e) => `${e.instancePath || "(top)"} ${e.message}`);
  } catch (e) {
    valid = false;
    errors = [e.message];
  }
  checked += 1;
  if (valid !== c.schema_valid) {
    const why = valid ? "" : `: ${errors.slice(0, 4).join("; ")}`;
    failures.push(
      `${c.file}: ${c.schema} schema says ${valid ? "valid" : "invalid"}, cases.json says schema_valid ${c.schema_valid} (${c.note})${why}`,
    );
  } else if (verbose) {
    console.log(`ok ${c.file}: ${valid ? "valid" : `invalid: ${errors.slice(0, 4).join("; ")}`}`);
  }
}

for (const name of readdirSync(join(ROOT, "tests/schema/cases")).sort()) {
  const file = `tests/schema/cases/${name}`;
  const kind = name.match(/\.([a-z]+)\.json$/)?.[1];
  if (!listed.has(file)) failures.push(`${file}: not listed in tests/schema/cases.json`);
  const entry = cases.find((c) => c.file === file);
  if (entry && entry.schema !== kind) {
    failures.push(`${file}: its name says "${kind}" but cases.json says schema "${entry.schema}"`);
  }
}

if (failures.length > 0) {
  console.error(`schema check: ${failures.length} problem(s):`);
  for (const f of failures) console.error(`  ${f}`);
  process.exit(1);
}
console.log(`schema check: ${checked} cases agree with data/schema/*.schema.json`);
