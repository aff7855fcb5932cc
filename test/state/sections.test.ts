import { createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { fleetDebtSchema, projectDebtSchema, taxSchema } from '../../src/schema/scenario';
import { defaultPreset } from '../../src/state/presets';
import {
  financingIsEmpty,
  putSection,
  sectionDefaults,
  sectionIsOn,
} from '../../src/state/sections';
import { createWorkspace, workspaceDataFor } from '../../src/state/workspace';

function texasWorkspace() {
  const preset = defaultPreset()!;
  return createRoot(() =>
    createWorkspace(workspaceDataFor(preset.scenario, `preset:${preset.id}`)),
  );
}

describe('optional sections (financing and tax) switched on and off', () => {
  it("fills a new section with the schema's defaults", () => {
    expect(sectionDefaults('projectDebt')).toEqual(projectDebtSchema.parse({}));
    expect(sectionDefaults('fleetDebt')).toEqual(fleetDebtSchema.parse({}));
    expect(sectionDefaults('tax')).toEqual(taxSchema.parse({}));
  });

  it('drops a financing block left with no debt and default settings, keeps one that says more', () => {
    const draft: Record<string, unknown> = {};
    putSection(draft, 'projectDebt', { loanToCostPct: 50 });
    expect(draft).toEqual({
      financing: {
        boardView: 'unlevered-pre-tax',
        costOfEquityPctPerYear: 15,
        projectDebt: { loanToCostPct: 50 },
        fleetDebt: null,
      },
    });
    putSection(draft, 'projectDebt', null);
    expect(draft).toEqual({});

    const chosen: Record<string, unknown> = { financing: { boardView: 'levered-after-tax' } };
    putSection(chosen, 'fleetDebt', { loanToValuePct: 40 });
    putSection(chosen, 'fleetDebt', null);
    expect(chosen).toEqual({ financing: { boardView: 'levered-after-tax', fleetDebt: null } });
    expect(financingIsEmpty({ costOfEquityPctPerYear: 15, projectDebt: null })).toBe(true);
    expect(financingIsEmpty({ costOfEquityPctPerYear: 12 })).toBe(false);

    const taxed: Record<string, unknown> = {};
    putSection(taxed, 'tax', { federalRatePct: 21 });
    expect(sectionIsOn(taxed, 'tax')).toBe(true);
    putSection(taxed, 'tax', null);
    expect('tax' in taxed).toBe(false);
  });

  it('switching off and on restores what was typed, per tab, and leaves the file as it was', () => {
    const ws = texasWorkspace();
    const before = JSON.parse(JSON.stringify(ws.activeTab().lastValid));
    ws.setSectionOn('projectDebt', true);
    expect(ws.activeTab().lastValid.financing?.projectDebt).toEqual(projectDebtSchema.parse({}));
    ws.setField(['financing', 'projectDebt', 'loanToCostPct'], 45);
    ws.setSectionOn('projectDebt', false);
    expect(ws.activeTab().draft.financing).toBeUndefined();
    expect(ws.activeTab().lastValid).toEqual(before);

    // Another tab has its own memory: it starts from the defaults.
    const first = ws.activeTab().id;
    ws.addPreset(defaultPreset()!.id);
    ws.setSectionOn('projectDebt', true);
    expect(ws.activeTab().lastValid.financing?.projectDebt?.loanToCostPct).toBe(60);

    ws.selectTab(first);
    ws.setSectionOn('projectDebt', true);
    expect(ws.activeTab().lastValid.financing?.projectDebt?.loanToCostPct).toBe(45);
  });
});
