import { z } from 'zod/mini';
import {
  CURRENT_SCENARIO_VERSION,
  SCENARIO_SCHEMA_ID,
  type ScenarioInput,
  scenarioSchemaV1,
} from '../src/schema/scenario';
import { formatIssue, parseScenario } from '../src/schema/validate';

/**
 * The published artifacts derived from the zod scenario schema: the JSON Schema in `public/` and
 * the format reference in `docs/`. Both are pure functions of the schema, so a test can rebuild
 * them and compare with the committed files.
 */

export const JSON_SCHEMA_PATH = 'public/scenario.schema.json';
export const FORMAT_DOCS_PATH = 'docs/scenario-format.md';
/** A URN, not a URL: the app makes no network requests, so the id must not look fetchable. */
export const JSON_SCHEMA_ID = `urn:mine-or-lease:scenario:v${CURRENT_SCENARIO_VERSION}`;

type JsonSchema = z.core.JSONSchema.JSONSchema;

/** The scenario file's JSON Schema (draft 2020-12) as a plain object. */
export function scenarioJsonSchema(): JsonSchema {
  const generated = z.toJSONSchema(scenarioSchemaV1, { io: 'input', target: 'draft-2020-12' });
  const { $schema, ...rest } = JSON.parse(JSON.stringify(generated)) as JsonSchema;
  return {
    $schema,
    $id: JSON_SCHEMA_ID,
    title: `Mine or Lease scenario, version ${CURRENT_SCENARIO_VERSION}`,
    description:
      'One Bitcoin mining site and its AI/HPC lease offer. Generated from src/schema/scenario.ts; ' +
      'the cross-field rules in docs/scenario-format.md are checked by the app only.',
    ...rest,
  };
}

export function buildJsonSchema(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

/** The smallest valid scenario: required fields only, every other field takes its default. */
export function minimalScenarioExample(): ScenarioInput {
  return {
    schema: SCENARIO_SCHEMA_ID,
    version: CURRENT_SCENARIO_VERSION,
    name: 'Minimal example: 10 MW, one ASIC model',
    startMonth: '2026-02',
    site: { utilityMw: 10 },
    fleet: [{ model: 'Antminer S21 Pro', units: 2500, hashrateThs: 234, powerW: 3510 }],
    power: { pricing: { kind: 'fixed', priceUsdPerMwh: 60 } },
    network: { difficulty: 141_670_000_000_000 },
    priceCases: [{ name: 'base', kind: 'growth', startPriceUsd: 76_176, growthPctPerYear: 0 }],
    referenceCase: 'base',
    conversion: { capexUsdPerItMw: 10_000_000 },
    lease: { rateUsdPerKwMonth: 150 },
  };
}

/** One row of the field table. */
interface FieldRow {
  readonly path: string;
  readonly meaning: string;
  readonly unit: string;
  readonly type: string;
  readonly defaultValue: string;
  readonly allowed: string;
  readonly required: string;
}

/** Every field of the JSON Schema, depth first, in declaration order. */
function fieldRows(schema: JsonSchema = scenarioJsonSchema()): FieldRow[] {
  const rows: FieldRow[] = [];
  collectChildren(schema, '', rows);
  return rows;
}

interface Draft {
  path: string;
  meaning: string;
  unit: string;
  type: string;
  defaultValue: string;
  allowed: string;
  /** Discriminator values of the variants that have this field (empty = not in a variant). */
  variants: string[];
  /** The subset of `variants` in which the field is required. */
  requiredIn: string[];
  required: boolean;
}

function collectChildren(node: JsonSchema, path: string, rows: FieldRow[]): void {
  if (node.oneOf) {
    collectVariants(node.oneOf, path, rows);
    return;
  }
  const prefix = path === '' ? '' : `${path}.`;
  const required = new Set(node.required ?? []);
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    collectField(asSchema(child), `${prefix}${key}`, required.has(key), rows);
  }
}

function collectField(node: JsonSchema, path: string, required: boolean, rows: FieldRow[]): void {
  const draft = draftOf(node, path, required);
  rows.push(finish(draft));
  const inner = unwrapNullable(node);
  const items = inner.type === 'array' && inner.items ? asSchema(inner.items) : undefined;
  if (items && (items.properties || items.oneOf)) collectChildren(items, `${path}[]`, rows);
  else if (inner.properties || inner.oneOf) collectChildren(inner, path, rows);
}

/**
 * A discriminated union (`oneOf` of objects told apart by a `const` property): one row for the
 * discriminator listing every form, then each field once, marked with the forms that have it.
 */
function collectVariants(variants: readonly JsonSchema[], path: string, rows: FieldRow[]): void {
  const discriminator = discriminatorOf(variants);
  const forms = variants.map((v) => String(asSchema(v.properties![discriminator]!).const));
  const drafts = new Map<string, Draft>();
  variants.forEach((variant, index) => {
    const form = forms[index]!;
    const required = new Set(variant.required ?? []);
    for (const [key, child] of Object.entries(variant.properties ?? {})) {
      if (key === discriminator) continue;
      const fieldPath = `${path}.${key}`;
      const existing = drafts.get(fieldPath);
      const draft = existing ?? draftOf(asSchema(child), fieldPath, false);
      draft.variants.push(form);
      if (required.has(key)) draft.requiredIn.push(form);
      drafts.set(fieldPath, draft);
    }
  });
  const formList = variants
    .map((v, i) => `\`${JSON.stringify(forms[i])}\`: ${v.description ?? ''}`.trim())
    .join('; ');
  rows.push({
    path: `${path}.${discriminator}`,
    meaning: `Which form this is. ${formList}`,
    unit: '—',
    type: 'string',
    defaultValue: '—',
    allowed: alternatives(forms),
    required: 'yes',
  });
  for (const draft of drafts.values()) rows.push(finish(draft, discriminator, forms.length));
}

function discriminatorOf(variants: readonly JsonSchema[]): string {
  const first = asSchema(variants[0]!);
  const key = Object.keys(first.properties ?? {}).find((k) =>
    variants.every((v) => v.properties?.[k] && asSchema(v.properties[k]).const !== undefined),
  );
  if (!key) throw new Error('oneOf without a const discriminator: extend schema-artifacts.ts');
  return key;
}

function draftOf(node: JsonSchema, path: string, required: boolean): Draft {
  const inner = unwrapNullable(node);
  const nullable = inner !== node;
  const description = node.description ?? inner.description ?? '';
  const isLeaf = !(inner.properties || inner.oneOf);
  const { meaning, unit } = isLeaf ? splitUnit(description) : { meaning: description, unit: '—' };
  return {
    path,
    meaning,
    unit,
    type: `${typeOf(inner)}${nullable ? ' or null' : ''}`,
    defaultValue: node.default === undefined ? '—' : `\`${JSON.stringify(node.default)}\``,
    allowed: allowedOf(inner, nullable),
    variants: [],
    requiredIn: [],
    required,
  };
}

function finish(draft: Draft, discriminator = '', formCount = 0): FieldRow {
  let required = draft.required ? 'yes' : 'no';
  let meaning = draft.meaning;
  if (draft.variants.length > 0) {
    const inEvery = draft.variants.length === formCount;
    const when = (forms: string[]) => `when ${discriminator} is ${alternatives(forms)}`;
    if (!inEvery) meaning = `${meaning} (only ${when(draft.variants)})`;
    required =
      draft.requiredIn.length === 0
        ? 'no'
        : draft.requiredIn.length === formCount
          ? 'yes'
          : `yes, ${when(draft.requiredIn)}`;
  }
  return {
    path: draft.path,
    meaning,
    unit: draft.unit,
    type: draft.type,
    defaultValue: draft.defaultValue,
    allowed: draft.allowed,
    required,
  };
}

function asSchema(
  node: z.core.JSONSchema._JSONSchema | z.core.JSONSchema._JSONSchema[],
): JsonSchema {
  if (typeof node !== 'object' || Array.isArray(node)) {
    throw new Error('unexpected boolean or tuple schema: extend schema-artifacts.ts');
  }
  return node;
}

/** `anyOf: [X, {type: "null"}]` → X; anything else unchanged. */
function unwrapNullable(node: JsonSchema): JsonSchema {
  const options = node.anyOf;
  if (options?.length !== 2) return node;
  const nonNull = options.filter((o) => o.type !== 'null');
  return nonNull.length === 1 ? nonNull[0]! : node;
}

/** "meaning (unit); note" → meaning "meaning; note", unit "unit" (the last parenthesis). */
function splitUnit(description: string): { meaning: string; unit: string } {
  const match = /\s*\(([^()]*)\)(?=[^()]*$)/.exec(description);
  if (!match) return { meaning: description, unit: '—' };
  return {
    meaning: description.slice(0, match.index) + description.slice(match.index + match[0].length),
    unit: match[1]!,
  };
}

function typeOf(node: JsonSchema): string {
  if (node.oneOf) return 'object (one of the forms below)';
  if (node.type === 'array') {
    const items = node.items ? asSchema(node.items) : {};
    return `array of ${items.oneOf || items.type === 'object' ? 'objects' : `${items.type}s`}`;
  }
  return String(node.type ?? 'any');
}

function allowedOf(node: JsonSchema, nullable: boolean): string {
  const parts: string[] = [];
  if (node.type === 'object' || node.oneOf) return '—';
  if (node.type === 'boolean') parts.push('`true` or `false`');
  if (node.const !== undefined) parts.push(`\`${JSON.stringify(node.const)}\``);
  if (node.enum) parts.push(alternatives(node.enum));
  parts.push(...numberBounds(node));
  if (node.minLength !== undefined || node.maxLength !== undefined) {
    parts.push(`${node.minLength ?? 0}–${formatNumber(node.maxLength ?? Infinity)} characters`);
  }
  if (node.pattern) parts.push(`pattern \`${node.pattern}\``);
  if (node.type === 'array') {
    parts.push(`${node.minItems ?? 0}–${formatNumber(node.maxItems ?? Infinity)} items`);
    const items = node.items ? asSchema(node.items) : {};
    const each = numberBounds(items);
    if (each.length > 0) parts.push(`each ${each.join(', ')}`);
  }
  if (nullable) parts.push('or `null`');
  return parts.length > 0 ? parts.join(', ') : 'any';
}

function numberBounds(node: JsonSchema): string[] {
  const parts: string[] = [];
  if (typeof node.exclusiveMinimum === 'number')
    parts.push(`> ${formatNumber(node.exclusiveMinimum)}`);
  if (node.minimum !== undefined) parts.push(`≥ ${formatNumber(node.minimum)}`);
  if (typeof node.exclusiveMaximum === 'number')
    parts.push(`< ${formatNumber(node.exclusiveMaximum)}`);
  if (node.maximum !== undefined) parts.push(`≤ ${formatNumber(node.maximum)}`);
  return parts;
}

/** 5000 → "5,000"; 1e18 → "1e18": big round limits read better in exponent form. */
function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '∞';
  if (Math.abs(value) >= 1e9) return value.toExponential().replace('e+', 'e');
  const [whole, fraction] = String(value).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** `"a"`, `"a" or "b"`, `"a", "b" or "c"`, each in backticks. */
function alternatives(values: readonly unknown[]): string {
  const quoted = values.map((v) => `\`${JSON.stringify(v)}\``);
  return quoted.length <= 1
    ? (quoted[0] ?? '')
    : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

/**
 * The superRefine rules of `scenarioSchemaV1`, which JSON Schema cannot express. Each comes with
 * a change to the minimal example that breaks it; the docs show the message the app then gives,
 * and building the docs fails if the app stops enforcing the rule.
 */
const CROSS_FIELD_RULES: readonly {
  readonly rule: string;
  readonly path: string;
  readonly violate: (scenario: ScenarioInput) => void;
}[] = [
  {
    rule: 'The fleet with its overhead fits on the site: Σ(`units` × `powerW`) ÷ 10⁶ × `mining.overheadMultiplier` ≤ `site.utilityMw`.',
    path: 'fleet',
    violate: (s) => {
      s.fleet[0]!.units = 4000;
    },
  },
  {
    rule: 'Price case names are unique (`priceCases[].name`).',
    path: 'priceCases[1].name',
    violate: (s) => {
      s.priceCases.push({ ...s.priceCases[0]! });
    },
  },
  {
    rule: 'When `conversion.tranches` is not empty, the tranches deliver 100% of the IT MW in total (Σ `itMwPct` = 100).',
    path: 'conversion.tranches',
    violate: (s) => {
      s.conversion.tranches = [{ deliveryMonth: 12, itMwPct: 60 }];
    },
  },
  {
    rule: 'Each tranche is delivered no earlier than the construction time: `conversion.tranches[].deliveryMonth` ≥ `conversion.constructionMonths`.',
    path: 'conversion.tranches[0].deliveryMonth',
    violate: (s) => {
      s.conversion.tranches = [
        { deliveryMonth: 6, itMwPct: 50 },
        { deliveryMonth: 18, itMwPct: 50 },
      ];
    },
  },
  {
    rule: 'An entered IT capacity fits in the utility capacity: `conversion.itMw` ≤ `site.utilityMw`.',
    path: 'conversion.itMw',
    violate: (s) => {
      s.conversion.itMw = 12;
    },
  },
  {
    rule: 'The partial strategy converts at most the whole site: `strategies.partialConvertUtilityMw` ≤ `site.utilityMw`.',
    path: 'strategies.partialConvertUtilityMw',
    violate: (s) => {
      s.strategies = { partialConvertUtilityMw: 15 };
    },
  },
  {
    rule: 'The mine-then-convert strategy starts converting inside the horizon: `strategies.convertAtMonth` < `horizonMonths`.',
    path: 'strategies.convertAtMonth',
    violate: (s) => {
      s.horizonMonths = 24;
      s.strategies = { convertAtMonth: 24 };
    },
  },
  {
    rule: 'The reference case names one of the price cases: `referenceCase` ∈ `priceCases[].name` (exact name, as written). Renaming or removing that case needs a new `referenceCase`.',
    path: 'referenceCase',
    violate: (s) => {
      s.priceCases[0]!.name = 'Base case';
    },
  },
  {
    rule: 'The Monte Carlo price case, when given, names one of the price cases: `monteCarlo.priceCase` ∈ `priceCases[].name`.',
    path: 'monteCarlo.priceCase',
    violate: (s) => {
      s.monteCarlo = { priceCase: 'bull' };
    },
  },
  {
    rule: 'The difficulty response is stable: `monteCarlo.difficultyElasticityPerMonth` < 2 sin(π / (2 (2 × `monteCarlo.difficultyLagMonths` + 1))) (docs/monte-carlo.md §2).',
    path: 'monteCarlo.difficultyElasticityPerMonth',
    violate: (s) => {
      s.monteCarlo = { difficultyElasticityPerMonth: 0.5, difficultyLagMonths: 6 };
    },
  },
  {
    rule: 'Every searched conversion deadline is inside the horizon: `monteCarlo.policy.deadlineMonths[]` < `horizonMonths`.',
    path: 'monteCarlo.policy.deadlineMonths[0]',
    violate: (s) => {
      s.horizonMonths = 24;
      s.monteCarlo = { policy: { deadlineMonths: [30] } };
    },
  },
];

function crossFieldRuleLines(): string[] {
  return CROSS_FIELD_RULES.map(({ rule, path, violate }, index) => {
    const scenario = structuredClone(minimalScenarioExample());
    violate(scenario);
    const result = parseScenario(scenario);
    const issue = result.ok ? undefined : result.issues.find((i) => i.path === path);
    if (!issue) throw new Error(`cross-field rule no longer enforced at ${path}: ${rule}`);
    return `${index + 1}. ${rule} Example message: \`${formatIssue(issue)}\``;
  });
}

/** The format reference: intro, one table per group of fields, cross-field rules, example. */
export function buildFormatDocs(): string {
  const rows = fieldRows();
  const groups = new Map<string, FieldRow[]>();
  const topLevel = new Set(rows.filter((r) => !/[.[]/.test(r.path)).map((r) => r.path));
  for (const row of rows) {
    const head = row.path.split(/[.[]/)[0]!;
    const hasChildren = rows.some((r) => r.path !== head && r.path.split(/[.[]/)[0] === head);
    const group = topLevel.has(head) && hasChildren ? head : '';
    groups.set(group, [...(groups.get(group) ?? []), row]);
  }
  const tables = [...groups].flatMap(([group, groupRows]) => [
    `### ${group === '' ? 'File' : `\`${group}\``}`,
    '',
    '| Field | Meaning | Unit | Type | Default | Allowed | Required |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...groupRows.map(
      (r) =>
        `| \`${r.path}\` | ${[r.meaning, r.unit, r.type, r.defaultValue, r.allowed, r.required]
          .map(cell)
          .join(' | ')} |`,
    ),
    '',
  ]);
  return [
    '# Scenario file format',
    '',
    `<!-- Generated by \`npm run schema:json\` (scripts/generate-json-schema.ts) from src/schema/scenario.ts. Do not edit by hand: change the schema and regenerate. -->`,
    '',
    'A scenario file is a JSON document describing one Bitcoin mining site: its grid capacity, power',
    'contract and ASIC fleet, the Bitcoin network and BTC price cases, and an offer to convert the',
    'site and lease it to an AI/HPC tenant. The app, the command line and the presets in `scenarios/`',
    'all read this format. Field names carry their units (`priceUsdPerMwh`, `hashrateThs`, `powerW`,',
    '`rateUsdPerKwMonth` …).',
    '',
    '## Marker, version and migrations',
    '',
    `Every file starts with \`"schema": "${SCENARIO_SCHEMA_ID}"\` and \`"version": ${CURRENT_SCENARIO_VERSION}\`.`,
    'On load the marker is checked first, then the version: a file from an older version is upgraded',
    'one version at a time by the migrations in `src/schema/migrations.ts` (version N → N+1, applied in',
    'order) and then validated; a file from a newer version is rejected with a message asking to update',
    `the app. Version ${CURRENT_SCENARIO_VERSION} is the current format.`,
    '',
    '- **Version 1 → 2**: `referenceCase` was added (the price case the recommendation, breakevens',
    '  and sensitivity use). Version 1 used the case named `base` (any letter case), else the first',
    '  case; the migration writes that name into `referenceCase`, so a version-1 file gives the',
    '  same numbers and the same verdict. Files written by the app are always the current version.',
    '',
    '## Validation',
    '',
    '- Unknown fields are rejected at every level, so a misspelt name (`utilityMW`) is reported instead',
    '  of being silently ignored.',
    '- Numbers must be finite and inside the ranges below; whole numbers where the type says integer.',
    '- Optional fields may be left out; the app fills in the default shown in the table.',
    '- Every problem is reported as `path = value: rule`, for example',
    '  `fleet[0].powerW = -5: must be greater than 0`.',
    '',
    '## JSON Schema',
    '',
    `The JSON Schema (draft 2020-12, \`$id\` \`${JSON_SCHEMA_ID}\`) is \`${JSON_SCHEMA_PATH}\`,`,
    'served by the app as `/scenario.schema.json`. It covers every field, type, range and default',
    'but not the cross-field rules below, so a file can pass the JSON Schema and still be rejected by',
    'the app. Because unknown fields are rejected, a file cannot name its schema with a `$schema`',
    'key; associate it in the editor instead (in VS Code: `json.schemas` with a `fileMatch`).',
    '',
    '## Fields',
    '',
    'Paths are dotted; `[]` marks the items of an array. "Required" is relative to the enclosing',
    'object: a required field inside an optional group is only needed when the group is present.',
    '',
    ...tables,
    '## Cross-field rules',
    '',
    'Checked by the app on top of the field rules above (the JSON Schema cannot express them):',
    '',
    ...crossFieldRuleLines(),
    '',
    '## Minimal valid example',
    '',
    'Only the required fields; every other field takes its default.',
    '',
    '```json',
    JSON.stringify(minimalScenarioExample(), null, 2),
    '```',
    '',
  ].join('\n');
}

/** A table cell: pipes escaped, line breaks flattened. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}
