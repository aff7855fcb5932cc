import { readFileSync } from 'node:fs';
import { minimalScenarioExample } from '../../scripts/schema-artifacts';
import type { ScenarioInput } from '../../src/schema/scenario';

/** Directory of the example scenario files (the presets). */
export const SCENARIOS_DIR = new URL('../../scenarios/', import.meta.url);

/** A fresh copy of the smallest valid scenario (required fields only), as the format docs show. */
export function minimalScenarioInput(): ScenarioInput {
  return minimalScenarioExample();
}

/** A fresh parse of `scenarios/<name>` (not validated: tests mutate it to make bad input). */
export function loadScenarioFile(name: string): ScenarioInput {
  return JSON.parse(readFileSync(new URL(name, SCENARIOS_DIR), 'utf8')) as ScenarioInput;
}
