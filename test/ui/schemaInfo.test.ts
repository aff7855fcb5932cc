import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../src/state/presets';
import { sectionDefaults } from '../../src/state/sections';
import { allFields, schemaPathOf } from '../../src/ui/inputs/fieldDefs';
import { hintFromDescription, schemaInfoAt } from '../../src/ui/schemaInfo';

describe('field hints from the schema', () => {
  it('finds a description for every field the form shows', () => {
    for (const preset of PRESETS) {
      const missing = allFields(preset.scenario).filter(
        (field) => !schemaInfoAt(schemaPathOf(field))?.description,
      );
      // The price-case union carries no description of its own (its variants do).
      expect(missing.map((field) => field.path.join('.'))).toEqual(
        preset.scenario.priceCases.map((_, i) => `priceCases.${i}.kind`),
      );
    }
  });

  it('describes every financing and tax field once the sections are on', () => {
    const draft = {
      financing: { projectDebt: sectionDefaults('projectDebt'), fleetDebt: {} },
      tax: sectionDefaults('tax'),
    };
    const shown = allFields(draft).filter((field) =>
      /^(financing|tax)/.test(String(field.path[0])),
    );
    expect(shown.length).toBe(2 + 3 + 11 + 4 + 8);
    expect(shown.filter((field) => !schemaInfoAt(schemaPathOf(field))?.description)).toEqual([]);
  });

  it('reads defaults and nullability through the wrappers', () => {
    expect(schemaInfoAt(['mining', 'uptimePct'])).toEqual({
      description: 'Share of the time the fleet hashes (%)',
      hasDefault: true,
      defaultValue: 97,
      nullable: false,
    });
    expect(schemaInfoAt(['strategies', 'partialConvertUtilityMw'])).toMatchObject({
      hasDefault: true,
      defaultValue: null,
      nullable: true,
    });
    expect(schemaInfoAt(['site', 'utilityMw'])?.hasDefault).toBe(false);
    expect(schemaInfoAt(['fleet', 3, 'powerW'])?.description).toBe(
      'Power draw of one machine at the wall (W)',
    );
    expect(schemaInfoAt(['priceCases', 0, 'pricesUsdByYear'])?.description).toMatch(
      /by year|each scenario year/,
    );
    expect(schemaInfoAt(['no', 'such', 'field'])).toBeUndefined();
  });

  it('turns a description into a one-line hint without the unit', () => {
    expect(hintFromDescription('Share of the time the fleet hashes (%)')).toBe(
      'Share of the time the fleet hashes',
    );
    expect(
      hintFromDescription(
        'Utility MW converted in the partial strategy (MW); null = half the site',
      ),
    ).toBe('Utility MW converted in the partial strategy');
    expect(hintFromDescription(undefined)).toBe('');
  });
});
