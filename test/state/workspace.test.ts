import { createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { defaultPreset, PRESETS } from '../../src/state/presets';
import { createWorkspace, workspaceDataFor } from '../../src/state/workspace';

function texasWorkspace() {
  const preset = defaultPreset()!;
  return createRoot(() =>
    createWorkspace(workspaceDataFor(preset.scenario, `preset:${preset.id}`)),
  );
}

describe('workspace store and actions', () => {
  it('opens on the Texas preset', () => {
    const ws = texasWorkspace();
    expect(ws.activeTab().draft.name).toMatch(/^Texas 300 MW/);
    expect(ws.activeTab().issues).toEqual([]);
  });

  it('renaming the reference case in the app keeps it the reference (issue 9)', () => {
    const ws = texasWorkspace();
    ws.setField(['priceCases', 1, 'name'], 'Base case');
    const tab = ws.activeTab();
    expect(tab.issues).toEqual([]);
    expect(tab.lastValid.referenceCase).toBe('Base case');
    expect(tab.lastValid.priceCases[1]!.name).toBe('Base case');
    // Another case's rename leaves the reference alone.
    ws.setField(['priceCases', 0, 'name'], 'Bear case');
    expect(ws.activeTab().lastValid.referenceCase).toBe('Base case');
  });

  it('removing the reference case is an error naming the field until another is chosen', () => {
    const ws = texasWorkspace();
    ws.removeItem(['priceCases'], 1);
    expect(ws.activeTab().issues).toEqual([
      {
        path: 'referenceCase',
        value: '"base"',
        rule: 'must name one of the price cases (bear, bull)',
      },
    ]);
    expect(ws.activeTab().lastValid.referenceCase).toBe('base');
    ws.setField(['referenceCase'], 'bull');
    expect(ws.activeTab().issues).toEqual([]);
    expect(ws.activeTab().lastValid.referenceCase).toBe('bull');
  });

  it('moves lastValid on a valid edit and keeps it on an invalid one', () => {
    const ws = texasWorkspace();
    ws.setField(['lease', 'rateUsdPerKwMonth'], 120);
    const tab = () => ws.activeTab();
    expect(tab().lastValid.lease.rateUsdPerKwMonth).toBe(120);
    expect(tab().validRevision).toBe(1);

    ws.setField(['site', 'utilityMw'], -5);
    expect(tab().draft.site).toEqual({ utilityMw: -5, residualUsdPerMw: 1_000_000 });
    expect(tab().issues).toEqual([
      { path: 'site.utilityMw', value: '-5', rule: 'must be greater than 0' },
    ]);
    expect(tab().lastValid.site.utilityMw).toBe(300);
    expect(tab().validRevision).toBe(1);

    ws.setField(['site', 'utilityMw'], 320);
    expect(tab().issues).toEqual([]);
    expect(tab().lastValid.site.utilityMw).toBe(320);
    expect(tab().validRevision).toBe(2);
  });

  it('reports text typed into a number field as a type problem', () => {
    const ws = texasWorkspace();
    ws.setField(['lease', 'rateUsdPerKwMonth'], '12x');
    expect(ws.activeTab().issues[0]).toMatchObject({
      path: 'lease.rateUsdPerKwMonth',
      rule: 'must be a number',
    });
  });

  it('adds and removes list items', () => {
    const ws = texasWorkspace();
    const fleet = () => ws.activeTab().draft.fleet as unknown[];
    ws.insertItem(['fleet'], { model: 'X', units: 0, hashrateThs: 100, powerW: 3000 });
    expect(fleet()).toHaveLength(3);
    expect(ws.activeTab().lastValid.fleet).toHaveLength(3);
    ws.removeItem(['fleet'], 0);
    expect(fleet().map((m) => (m as { model: string }).model)).toEqual(['Antminer S19k Pro', 'X']);
  });

  it('duplicates next to the original, keeping the baseline, and renames', () => {
    const ws = texasWorkspace();
    const original = ws.activeTab().id;
    ws.setField(['lease', 'rateUsdPerKwMonth'], 140);
    const copy = ws.duplicateTab(original)!;
    expect(ws.state.tabs.map((t) => t.id)).toEqual([original, copy]);
    expect(ws.state.activeId).toBe(copy);
    expect(ws.activeTab().draft.name).toMatch(/\(copy\)$/);
    expect(ws.activeTab().lastValid.lease.rateUsdPerKwMonth).toBe(140);
    expect(ws.activeTab().baseline.lease.rateUsdPerKwMonth).toBe(158.7);

    ws.renameTab(copy, 'Lower rent');
    expect(ws.activeTab().draft.name).toBe('Lower rent');
    expect(ws.activeTab().lastValid.name).toBe('Lower rent');
  });

  it('deletes a tab with undo, but never the last one', () => {
    const ws = texasWorkspace();
    const first = ws.activeTab().id;
    const second = ws.addBlank();
    ws.setCompared(first, true);
    ws.setCompared(second, true);
    const removed = ws.deleteTab(second)!;
    expect(ws.state.tabs.map((t) => t.id)).toEqual([first]);
    expect(ws.state.activeId).toBe(first);
    expect(ws.state.compareIds).toEqual([first]);
    expect(ws.deleteTab(first)).toBeUndefined();

    ws.restoreTab(removed.data, removed.index);
    expect(ws.state.tabs.map((t) => t.id)).toEqual([first, second]);
    expect(ws.activeTab().draft.name).toBe('New site');
  });

  it('adds every preset by id, and ignores unknown ones', () => {
    const ws = texasWorkspace();
    for (const preset of PRESETS) expect(ws.addPreset(preset.id)).toBeTypeOf('string');
    expect(ws.addPreset('no-such-file')).toBeUndefined();
    expect(ws.state.tabs).toHaveLength(1 + PRESETS.length);
  });

  it('keeps the compare list in tab order and bumps its revision on every action', () => {
    const ws = texasWorkspace();
    const a = ws.activeTab().id;
    const b = ws.addBlank();
    const before = ws.state.revision;
    ws.setCompared(b, true);
    ws.setCompared(a, true);
    expect(ws.state.compareIds).toEqual([a, b]);
    ws.setTheme('dark');
    ws.setView('compare');
    expect(ws.state.revision).toBe(before + 4);
  });

  it('snapshots plain data that loads back into an equal workspace', () => {
    const ws = texasWorkspace();
    ws.setField(['site', 'utilityMw'], 'abc');
    const snapshot = ws.snapshot();
    const again = createRoot(() => createWorkspace(snapshot));
    expect(again.snapshot()).toEqual(snapshot);
    expect(again.activeTab().issues[0]?.path).toBe('site.utilityMw');
  });
});
