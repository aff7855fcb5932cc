import { readdirSync, readFileSync } from 'node:fs';

const SCENARIOS_DIR = new URL('../../scenarios/', import.meta.url);

/** The example scenario files shipped in `scenarios/`, by file name. */
export function scenarioFileNames(): string[] {
  return readdirSync(SCENARIOS_DIR).filter((name) => name.endsWith('.json')).sort();
}

/** One example scenario file, parsed but not validated. */
export function loadScenarioJson(fileName: string): unknown {
  return JSON.parse(readFileSync(new URL(fileName, SCENARIOS_DIR), 'utf8'));
}
