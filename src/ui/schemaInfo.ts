import { z } from 'zod/mini';
import { scenarioSchemaV1 } from '../schema/scenario';
import type { FieldPath } from '../state/paths';

/**
 * Field hints straight from the zod schema, the single source of truth: its description text
 * ("meaning (unit)") and its default. Reads zod's definition objects, so a renamed or moved
 * field shows up as a missing hint in the tests rather than as stale copy on the page.
 */
export interface FieldSchemaInfo {
  /** The schema's description, e.g. "Share of the time the fleet hashes (%)". */
  readonly description: string | undefined;
  readonly hasDefault: boolean;
  readonly defaultValue: unknown;
  readonly nullable: boolean;
}

interface Def {
  readonly type: string;
  readonly innerType?: z.core.$ZodType;
  readonly in?: z.core.$ZodType;
  readonly shape?: Readonly<Record<string, z.core.$ZodType>>;
  readonly element?: z.core.$ZodType;
  readonly options?: readonly z.core.$ZodType[];
  readonly defaultValue?: unknown;
}

const defOf = (schema: z.core.$ZodType) => schema._zod.def as unknown as Def;

interface Peeled extends FieldSchemaInfo {
  readonly core: z.core.$ZodType;
}

/** Strips default / prefault / nullable / optional wrappers, keeping the outermost description. */
function peel(schema: z.core.$ZodType): Peeled {
  let core = schema;
  let description: string | undefined;
  let hasDefault = false;
  let defaultValue: unknown;
  let nullable = false;
  for (;;) {
    description ??= z.globalRegistry.get(core)?.description;
    const def = defOf(core);
    if (def.type === 'default' && def.innerType) {
      if (!hasDefault) {
        hasDefault = true;
        defaultValue = def.defaultValue;
      }
      core = def.innerType;
    } else if ((def.type === 'prefault' || def.type === 'optional') && def.innerType) {
      core = def.innerType;
    } else if (def.type === 'nullable' && def.innerType) {
      nullable = true;
      core = def.innerType;
    } else if (def.type === 'pipe' && def.in) {
      core = def.in;
    } else {
      return { core, description, hasDefault, defaultValue, nullable };
    }
  }
}

function child(schema: z.core.$ZodType, key: string | number): z.core.$ZodType | undefined {
  const def = defOf(schema);
  if (def.type === 'object' && typeof key === 'string') return def.shape?.[key];
  if (def.type === 'array') return def.element;
  if (def.type === 'union') {
    // A discriminated union: the first variant that has the key (variants share `kind`).
    for (const option of def.options ?? []) {
      const found = child(peel(option).core, key);
      if (found) return found;
    }
  }
  return undefined;
}

/** What the schema says about the field at `path`; undefined when there is no such field. */
export function schemaInfoAt(path: FieldPath): FieldSchemaInfo | undefined {
  let schema: z.core.$ZodType = scenarioSchemaV1;
  for (const key of path) {
    const next = child(peel(schema).core, key);
    if (!next) return undefined;
    schema = next;
  }
  const { description, hasDefault, defaultValue, nullable } = peel(schema);
  return { description, hasDefault, defaultValue, nullable };
}

/**
 * The description as a one-line hint: the trailing unit goes (the field shows its unit beside
 * the box) and "null = …" goes (a blank box says that itself).
 * @example "Share of the time the fleet hashes (%)" → "Share of the time the fleet hashes"
 */
export function hintFromDescription(description: string | undefined): string {
  if (!description) return '';
  return description
    .replace(/;\s*null\s*=.*$/, '')
    .replace(/\s*\([^()]*\)\s*$/, '')
    .replace(/\s*\([^()]*\)(?=;)/, '')
    .trim();
}
