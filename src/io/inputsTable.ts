/**
 * A scenario as a flat table of its fields (path, value, unit, meaning) for the workbook's
 * `Inputs` sheet. Units and meanings come from the zod schema's descriptions ("meaning (unit)"),
 * the single source of truth, through its generated JSON Schema.
 */
import { z } from 'zod/mini';
import { type Scenario, scenarioSchemaV1 } from '../schema/scenario';
import { formatPath } from '../schema/validate';

/** One leaf field of a scenario. */
export interface InputRow {
  /** e.g. `fleet[0].hashrateThs`, `priceCases[1].pricesUsdByYear[3]` */
  readonly path: string;
  /** null for a field left to its meaning-of-null (e.g. a class rate that follows the WACC). */
  readonly value: string | number | boolean | null;
  /** e.g. `TH/s`, `% per year`, `USD per kW of critical IT per month`; `—` when unitless. */
  readonly unit: string;
  /** The schema's description without the unit. */
  readonly meaning: string;
}

type JsonSchemaNode = z.core.JSONSchema.JSONSchema;

let scenarioJsonSchema: JsonSchemaNode | undefined;

function jsonSchema(): JsonSchemaNode {
  scenarioJsonSchema ??= z.toJSONSchema(scenarioSchemaV1, { io: 'output' }) as JsonSchemaNode;
  return scenarioJsonSchema;
}

function asNode(value: unknown): JsonSchemaNode | undefined {
  return typeof value === 'object' && value !== null ? (value as JsonSchemaNode) : undefined;
}

/** The schema node for a value, with nullable wrappers (`anyOf: [x, null]`) and unions resolved. */
function resolve(node: JsonSchemaNode | undefined, value: unknown): JsonSchemaNode | undefined {
  if (node === undefined) return undefined;
  const alternatives = node.oneOf ?? node.anyOf;
  if (!alternatives) return node;
  const options = alternatives.map(asNode).filter((n) => n !== undefined);
  const kind =
    typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>).kind
      : undefined;
  const variant = options.find(
    (option) => kind !== undefined && asNode(option.properties?.kind)?.const === kind,
  );
  if (variant) return { ...variant, description: variant.description ?? node.description };
  const nonNull = options.find((option) => option.type !== 'null');
  // A nullable field's description sits on the wrapper (`z._default(z.nullable(x), null).check(z.describe(…))`).
  return nonNull ? { ...nonNull, description: node.description ?? nonNull.description } : node;
}

/** `meaning (unit)` → both parts; the unit is the last parenthesised group. */
function splitDescription(description: string | undefined): { meaning: string; unit: string } {
  const text = description ?? '';
  const match = /\s*\(([^()]*)\)(?=[^()]*$)/.exec(text);
  if (!match) return { meaning: text, unit: '—' };
  return {
    meaning: text.slice(0, match.index) + text.slice(match.index + match[0].length),
    unit: match[1]!,
  };
}

/**
 * Every leaf of a validated scenario, depth first in the schema's key order, arrays item by
 * item. Null fields are listed too (their meaning says what null stands for).
 */
export function scenarioInputRows(scenario: Scenario): InputRow[] {
  const rows: InputRow[] = [];
  const visit = (
    value: unknown,
    node: JsonSchemaNode | undefined,
    path: (string | number)[],
    form?: string,
  ) => {
    const resolved = resolve(node, value);
    if (Array.isArray(value)) {
      const items = asNode(resolved?.items);
      value.forEach((item, index) => {
        visit(item, items, [...path, index]);
      });
      return;
    }
    if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        // A union's `kind` has no description of its own: its variant's describes the form.
        const form = key === 'kind' ? resolved?.description : undefined;
        visit(child, asNode(resolved?.properties?.[key]), [...path, key], form);
      }
      return;
    }
    const { meaning, unit } = splitDescription(
      resolved?.description ?? (form === undefined ? undefined : `Which form: ${form}`),
    );
    rows.push({
      path: formatPath(path),
      value: value as InputRow['value'],
      unit,
      meaning,
    });
  };
  visit(scenario, jsonSchema(), []);
  return rows;
}
