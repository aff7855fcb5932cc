import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod/mini';
import {
  buildFormatDocs,
  buildJsonSchema,
  FORMAT_DOCS_PATH,
  JSON_SCHEMA_PATH,
  scenarioJsonSchema,
} from '../../scripts/schema-artifacts';
import { parseScenario } from '../../src/schema/validate';
import { minimalScenarioInput } from '../support/fixtures';

type JsonSchema = z.core.JSONSchema.JSONSchema;

const REGENERATE = 'out of date: run `npm run schema:json` and commit the result';

function repoFile(path: string): string {
  return readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
}

function asSchema(node: unknown): JsonSchema {
  return node as JsonSchema;
}

/** Every field path in a JSON Schema, walked independently of the docs generator. */
function schemaFieldPaths(node: JsonSchema, path = ''): string[] {
  const paths: string[] = [];
  for (const form of node.oneOf ?? node.anyOf ?? [node]) {
    for (const [key, child] of Object.entries(form.properties ?? {})) {
      const childPath = path === '' ? key : `${path}.${key}`;
      paths.push(childPath, ...schemaFieldPaths(asSchema(child), childPath));
    }
    if (form.type === 'array' && form.items) {
      paths.push(...schemaFieldPaths(asSchema(form.items), `${path}[]`));
    }
  }
  return [...new Set(paths)];
}

/** Field paths in the docs tables: the first cell of each row, `| \`path\` | …`. */
function docsFieldPaths(docs: string): string[] {
  return [...docs.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1]!);
}

describe('generated scenario artifacts', () => {
  it('public/scenario.schema.json equals what the generator writes now', () => {
    expect(repoFile(JSON_SCHEMA_PATH), REGENERATE).toBe(buildJsonSchema());
  });

  it('docs/scenario-format.md equals what the generator writes now', () => {
    expect(repoFile(FORMAT_DOCS_PATH), REGENERATE).toBe(buildFormatDocs());
  });

  it('the docs table has one row per schema field, and no row for a field that does not exist', () => {
    const schemaPaths = schemaFieldPaths(scenarioJsonSchema());
    const docsPaths = docsFieldPaths(buildFormatDocs());
    expect(schemaPaths.length).toBeGreaterThan(80);
    expect([...docsPaths].sort()).toEqual([...schemaPaths].sort());
  });

  it('is a draft 2020-12 schema with an id and a title that rejects unknown fields', () => {
    const schema = scenarioJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toMatch(/^urn:mine-or-lease:scenario:v2$/);
    expect(schema.title).toContain('scenario');
    expect(schema.additionalProperties).toBe(false);
    expect(asSchema(schema.properties?.lease).additionalProperties).toBe(false);
  });

  it('describes every leaf field', () => {
    const undescribed = fieldsWithoutDescription(scenarioJsonSchema());
    // Discriminators (`kind`) are described by their variants' descriptions instead.
    expect(undescribed.filter((path) => !path.endsWith('.kind'))).toEqual([]);
  });

  it('publishes the defaults the app fills in', () => {
    const parsed = parseScenario(minimalScenarioInput());
    if (!parsed.ok) throw new Error('the minimal scenario must be valid');
    const scenario = parsed.scenario as unknown as Record<string, Record<string, unknown>>;
    const schema = scenarioJsonSchema();
    let checked = 0;
    for (const [group, groupSchema] of Object.entries(schema.properties ?? {})) {
      const node = asSchema(groupSchema);
      // An optional section (financing, tax) stays absent when the file leaves it out.
      if (!(group in scenario)) {
        expect(schema.required, group).not.toContain(group);
        continue;
      }
      if (node.default !== undefined && node.type !== 'object') {
        expect(scenario[group], group).toEqual(node.default);
        checked += 1;
      }
      for (const [key, field] of Object.entries(node.properties ?? {})) {
        const { default: fieldDefault, type } = asSchema(field);
        // A `{}` default on a group is a prefault: its own fields' defaults then apply.
        if (fieldDefault === undefined || type === 'object') continue;
        expect(scenario[group]?.[key], `${group}.${key}`).toEqual(fieldDefault);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });
});

function fieldsWithoutDescription(node: JsonSchema, path = ''): string[] {
  const missing: string[] = [];
  for (const form of node.oneOf ?? [node]) {
    for (const [key, child] of Object.entries(form.properties ?? {})) {
      const childPath = path === '' ? key : `${path}.${key}`;
      const childSchema = asSchema(child);
      const described = childSchema.description ?? childSchema.anyOf?.[0]?.description;
      if (!described) missing.push(childPath);
      missing.push(...fieldsWithoutDescription(childSchema, childPath));
    }
    if (form.type === 'array' && form.items) {
      missing.push(...fieldsWithoutDescription(asSchema(form.items), `${path}[]`));
    }
  }
  return missing;
}
