import {
  CURRENT_SCENARIO_VERSION,
  SCENARIO_SCHEMA_ID,
  type Scenario,
  type ScenarioInput,
} from '../schema/scenario';
import { parseScenario } from '../schema/validate';

/** An example scenario from `scenarios/`, offered in the "start from" menu. */
export interface Preset {
  /** The file name without `.json`, e.g. `texas-300mw-hut8-style-lease`. */
  readonly id: string;
  readonly scenario: Scenario;
}

/** The preset `npm run dev` and a first visit open on. */
export const DEFAULT_PRESET_ID = 'texas-300mw-hut8-style-lease';

// Bundled at build time, so presets work offline and the page fetches nothing.
const files = import.meta.glob<unknown>('/scenarios/*.json', { eager: true, import: 'default' });

/** Every scenario file that validates, by name; a scenarios test keeps them all valid. */
export const PRESETS: readonly Preset[] = Object.entries(files)
  .flatMap(([file, raw]) => {
    const parsed = parseScenario(raw);
    const id = file.replace(/^.*\//, '').replace(/\.json$/, '');
    return parsed.ok ? [{ id, scenario: parsed.scenario }] : [];
  })
  .sort((a, b) => a.scenario.name.localeCompare(b.scenario.name));

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((preset) => preset.id === id);
}

/** The preset a new workspace opens on: Texas if present, else the first. */
export function defaultPreset(): Preset | undefined {
  return findPreset(DEFAULT_PRESET_ID) ?? PRESETS[0];
}

/**
 * "New blank site": a 100 MW air-cooled site with a current-generation fleet, a fixed-price
 * contract, the late-2025 network and a mid-market lease offer. Every other field takes the
 * schema's default. Values are starting points to overwrite, not a forecast.
 */
export function blankScenario(today: Date = new Date()): Scenario {
  const month = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}`;
  const input: ScenarioInput = {
    schema: SCENARIO_SCHEMA_ID,
    version: CURRENT_SCENARIO_VERSION,
    name: 'New site',
    startMonth: month,
    site: { utilityMw: 100 },
    fleet: [
      {
        model: 'Antminer S21 Pro',
        units: 25_000,
        hashrateThs: 234,
        powerW: 3510,
        unitPriceUsd: 4271,
      },
    ],
    power: { pricing: { kind: 'fixed', priceUsdPerMwh: 45, escalatorPctPerYear: 2 } },
    network: { difficulty: 141.67e12 },
    priceCases: [
      { name: 'bear', kind: 'growth', startPriceUsd: 60_000, growthPctPerYear: 0 },
      { name: 'base', kind: 'growth', startPriceUsd: 76_176, growthPctPerYear: 10 },
      { name: 'bull', kind: 'growth', startPriceUsd: 76_176, growthPctPerYear: 30 },
    ],
    referenceCase: 'base',
    conversion: { capexUsdPerItMw: 10_000_000 },
    lease: { rateUsdPerKwMonth: 150 },
  };
  const parsed = parseScenario(input);
  if (!parsed.ok) {
    throw new Error(`the blank scenario no longer validates: ${JSON.stringify(parsed.issues)}`);
  }
  return parsed.scenario;
}
