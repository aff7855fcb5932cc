import { fireEvent, render } from '@solidjs/testing-library';
import { createComponent } from 'solid-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { serializeWorkspace, WORKSPACE_STORAGE_KEY } from '../../src/state/persistence';
import { blankScenario, defaultPreset } from '../../src/state/presets';
import { tabDataFor, type WorkspaceData } from '../../src/state/workspace';
import { App } from '../../src/ui/App';
import { MemoryStorage } from '../state/memoryStorage';

// jsdom has no canvas: charts are covered in Chromium.
vi.mock('../../src/ui/charts/Chart', () => ({ Chart: () => null }));

/**
 * The tab strip keeps the active tab in view, without reading the layout before the first paint
 * (a forced layout of the whole page cost 0.25 s of the cold load, docs/benchmarks.md).
 */

let cleanup: () => void = () => {};
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** Lets a frame and the task queued from it run. */
const afterFirstPaint = () =>
  new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

function renderWith(activeIndex: number) {
  const texas = tabDataFor(defaultPreset()!.scenario, 'preset:texas');
  const blank = tabDataFor(blankScenario(new Date('2026-01-15')), 'blank');
  const saved: WorkspaceData = {
    tabs: [texas, blank],
    activeId: [texas, blank][activeIndex]!.id,
    view: 'edit',
    compareIds: [],
    theme: 'light',
    monteCarloRuns: 'on-request',
  };
  const storage = new MemoryStorage();
  storage.setItem(WORKSPACE_STORAGE_KEY, serializeWorkspace(saved));
  const scrolled: (string | undefined)[] = [];
  Element.prototype.scrollIntoView ??= () => {};
  vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(function (this: Element) {
    scrolled.push((this as HTMLElement).dataset.tabId);
  });
  const view = render(() => createComponent(App, { storage }));
  cleanup = view.unmount;
  return { scrolled, ids: [texas.id, blank.id] };
}

describe('the tab strip', () => {
  it('does not scroll at start-up when the first tab is active; follows a switch at once', async () => {
    const { scrolled, ids } = renderWith(0);
    await afterFirstPaint();
    expect(scrolled).toEqual([]);
    const second = document.querySelector(`[data-tab-id="${ids[1]}"] button.tab`)!;
    fireEvent.click(second);
    await Promise.resolve();
    expect(scrolled).toEqual([ids[1]]);
  });

  it('brings a later active tab into view after the first paint, not before', async () => {
    const { scrolled, ids } = renderWith(1);
    expect(scrolled).toEqual([]);
    await afterFirstPaint();
    expect(scrolled).toEqual([ids[1]]);
  });
});
