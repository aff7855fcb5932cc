import { fireEvent, render, waitFor } from '@solidjs/testing-library';
import { createComponent } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { evaluate } from '../../src/engine/index';
import { UTF8_BOM } from '../../src/io/csv';
import { allLedgersCsv, comparisonCsv, ledgersOf } from '../../src/io/csvExports';
import { scenarioComparisonCsv } from '../../src/io/scenarioComparison';
import { scenarioFileText } from '../../src/io/scenarioFile';
import { encodeShareFragment } from '../../src/io/shareLink';
import { WORKSPACE_STORAGE_KEY } from '../../src/state/persistence';
import { defaultPreset } from '../../src/state/presets';
import { App } from '../../src/ui/App';
import {
  captureDownloads,
  type Download,
  installExportsWorker,
  polyfillBlobReading,
} from '../state/filesSupport';
import { MemoryStorage } from '../state/memoryStorage';

// jsdom has no canvas: charts (and their Save PNG buttons) are covered in Chromium.
vi.mock('../../src/ui/charts/Chart', () => ({ Chart: () => null }));
vi.mock('../../src/ui/files/chartImage', () => ({
  chartImageUrl: async () => 'data:image/png;base64,iVBORw0KGgo=',
}));

polyfillBlobReading();

const texas = () => defaultPreset()!.scenario;

let storage: MemoryStorage;
let cleanup: () => void = () => {};
let uninstallWorker: () => void = () => {};
/** Downloads started by the page: file name and the blob behind the object URL. */
let downloads: Download[];

function mount(): void {
  const view = render(() => createComponent(App, { storage }));
  cleanup = view.unmount;
}

beforeEach(() => {
  Element.prototype.scrollIntoView ??= () => {};
  storage = new MemoryStorage();
  downloads = captureDownloads();
});
afterEach(() => {
  cleanup();
  uninstallWorker();
  uninstallWorker = () => {};
  vi.restoreAllMocks();
  window.history.replaceState(null, '', '/');
});

const tabNames = () => [...document.querySelectorAll('.tabs .tab')].map((tab) => tab.textContent);
const activeTabName = () => document.querySelector('.tab[aria-current="true"]')?.textContent;
const exportButton = () => document.getElementById('export-menu') as HTMLButtonElement;
const menuItems = () => [...document.querySelectorAll<HTMLElement>('[role="menuitem"]')];
const focused = () => document.activeElement;

function chooseFiles(files: File[]): void {
  const input = document.getElementById('import-file') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  fireEvent.change(input);
}

describe('import from the file picker', () => {
  beforeEach(mount);

  it('adds a good file as a new, active tab, renamed when the name is taken', async () => {
    expect(tabNames()).toEqual([texas().name]);
    chooseFiles([new File([scenarioFileText(texas())], 'texas.json')]);
    await waitFor(() => expect(tabNames()).toHaveLength(2));
    expect(activeTabName()).toBe(`${texas().name} (2)`);
    const added = document.querySelector('[data-report="added"]');
    expect(added?.getAttribute('role')).toBe('status');
    expect(added?.textContent).toContain(`Added “${texas().name} (2)” from texas.json.`);
    // The new tab's inputs are the file's.
    expect((document.getElementById('f-name') as HTMLInputElement).value).toBe(
      `${texas().name} (2)`,
    );
  });

  it('refuses a bad file with every problem, naming the file, and changes nothing', async () => {
    // Something saved first, so "unchanged" compares a real stored workspace.
    fireEvent.click(document.querySelector('button.tab')!);
    chooseFiles([new File([scenarioFileText({ ...texas(), name: 'Kept' })], 'kept.json')]);
    await waitFor(() => expect(storage.getItem(WORKSPACE_STORAGE_KEY)).toContain('Kept'), {
      timeout: 2000,
    });
    const stored = storage.getItem(WORKSPACE_STORAGE_KEY);
    const tabs = tabNames();

    const bad = { ...JSON.parse(scenarioFileText(texas())), horizonMonths: 'long', extra: 1 };
    chooseFiles([new File([JSON.stringify(bad)], 'broken.json')]);
    const panel = await waitFor(() => {
      const found = document.querySelector('[data-report="rejected"]');
      expect(found).not.toBeNull();
      return found!;
    });
    expect(panel.getAttribute('role')).toBe('alert');
    expect(panel.querySelector('h2')?.textContent).toBe('“broken.json” was not imported');
    expect(panel.textContent).toContain('Nothing in the workspace was changed.');
    const lines = [...panel.querySelectorAll('li')].map((li) => li.textContent);
    expect(lines).toEqual([
      expect.stringMatching(/^horizonMonths = "long": /),
      expect.stringMatching(/^extra = 1: /),
    ]);

    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(tabNames()).toEqual(tabs);
    expect(storage.getItem(WORKSPACE_STORAGE_KEY)).toBe(stored);

    fireEvent.click(panel.querySelector('button')!);
    expect(document.querySelector('[data-report="rejected"]')).toBeNull();
    expect(focused()?.id).toBe('import-button');
  });

  it('imports dropped files, ignores drags of anything else, and shows an overlay', async () => {
    const drag = (type: string, types: string[], files: File[] = []) => {
      const event = new Event(type, { bubbles: true, cancelable: true });
      Object.defineProperty(event, 'dataTransfer', {
        value: { types, files, dropEffect: 'none' },
      });
      window.dispatchEvent(event);
      return event;
    };
    expect(drag('dragenter', ['text/plain']).defaultPrevented).toBe(false);
    expect(document.querySelector('.drop-overlay')).toBeNull();
    expect(drag('drop', ['text/plain']).defaultPrevented).toBe(false);

    expect(drag('dragenter', ['Files']).defaultPrevented).toBe(true);
    expect(document.querySelector('.drop-overlay')?.textContent).toContain(
      'Drop scenario files (.json)',
    );
    expect(drag('dragover', ['Files']).defaultPrevented).toBe(true);
    const file = new File([scenarioFileText({ ...texas(), name: 'Dropped' })], 'dropped.json');
    expect(drag('drop', ['Files'], [file]).defaultPrevented).toBe(true);
    expect(document.querySelector('.drop-overlay')).toBeNull();
    await waitFor(() => expect(activeTabName()).toBe('Dropped'));

    drag('dragenter', ['Files']);
    drag('dragleave', ['Files']);
    expect(document.querySelector('.drop-overlay')).toBeNull();
  });
});

describe('a share link in the address', () => {
  it('adds its scenario as a new tab, says so, and clears the fragment', async () => {
    window.history.replaceState(null, '', `/app/${encodeShareFragment(texas())}`);
    mount();
    await waitFor(() => expect(tabNames()).toHaveLength(2));
    expect(activeTabName()).toBe(`${texas().name} (2)`);
    expect(document.querySelector('[data-report="added"]')?.textContent).toContain(
      'from a share link',
    );
    expect(window.location.hash).toBe('');
    expect(window.location.pathname).toBe('/app/');
  });

  it('reports a tampered link, adds nothing, and clears the fragment', async () => {
    const fragment = encodeShareFragment(texas());
    window.history.replaceState(null, '', `/${fragment.slice(0, -30)}${fragment.slice(-25)}`);
    mount();
    const panel = await waitFor(() => {
      const found = document.querySelector('[data-report="rejected"]');
      expect(found).not.toBeNull();
      return found!;
    });
    expect(panel.querySelector('h2')?.textContent).toBe('The share link could not be opened');
    expect(panel.textContent).toMatch(/\(link\) = .*: is damaged or incomplete/);
    expect(tabNames()).toEqual([texas().name]);
    expect(window.location.hash).toBe('');
  });

  it('leaves other fragments alone', async () => {
    window.history.replaceState(null, '', '/#results');
    mount();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tabNames()).toEqual([texas().name]);
    expect(document.querySelector('.file-reports')?.children).toHaveLength(0);
    expect(window.location.hash).toBe('#results');
  });

  it('opens a link pasted into the address bar of the open app', async () => {
    mount();
    window.history.replaceState(null, '', `/${encodeShareFragment(texas())}`);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await waitFor(() => expect(tabNames()).toHaveLength(2));
    expect(window.location.hash).toBe('');
  });
});

describe('the Export menu', () => {
  beforeEach(mount);

  const key = (target: Element, name: string) => fireEvent.keyDown(target, { key: name });
  const menu = () => document.querySelector('[role="menu"]');

  it('is a menu button operable from the keyboard', () => {
    const button = exportButton();
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(menu()).toBeNull();

    button.focus();
    key(button, 'ArrowDown');
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(menu()?.id).toBe(button.getAttribute('aria-controls'));
    expect(menu()?.getAttribute('aria-labelledby')).toBe('export-menu');
    const labels = menuItems().map((item) => item.textContent);
    expect(labels).toEqual([
      'Scenario (JSON)',
      'Workspace, all 1 tabs (JSON)',
      'Decision summary (CSV)',
      'Comparison table (CSV)',
      'All ledgers, one file (CSV)',
      'Monte Carlo percentiles (CSV) (the Monte Carlo run for these inputs has not finished)',
      'Keep mining',
      'Convert now',
      'Convert 150 MW, mine the rest',
      'Mine, then convert at month 24',
      'Convert at the best month: now',
      'Scenarios side by side (CSV) (tick at least two scenarios with results on the Compare view)',
      'Scenarios side by side, each a live model (XLSX) (tick at least two scenarios with results on the Compare view)',
      'Workbook with live formulas (XLSX)',
      'Board pack (print or PDF)',
      'Share link…',
    ]);
    expect(menuItems().every((item) => item.tabIndex === -1)).toBe(true);
    expect(focused()?.textContent).toBe('Scenario (JSON)');
    expect(
      menu()?.querySelector('[role="group"][aria-label="One ledger, base case (CSV)"]'),
    ).not.toBeNull();

    key(focused()!, 'ArrowDown');
    expect(focused()?.textContent).toBe('Workspace, all 1 tabs (JSON)');
    key(focused()!, 'ArrowUp');
    key(focused()!, 'ArrowUp');
    expect(focused()?.textContent).toBe('Share link…');
    key(focused()!, 'Home');
    expect(focused()?.textContent).toBe('Scenario (JSON)');
    key(focused()!, 'End');
    expect(focused()?.textContent).toBe('Share link…');
    key(focused()!, 'b');
    expect(focused()?.textContent).toBe('Board pack (print or PDF)');
    key(focused()!, 'c');
    expect(focused()?.textContent).toBe('Comparison table (CSV)');
    key(focused()!, 'c');
    expect(focused()?.textContent).toBe('Convert now');

    key(focused()!, 'Escape');
    expect(menu()).toBeNull();
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(focused()).toBe(button);

    key(button, 'ArrowUp');
    expect(focused()?.textContent).toBe('Share link…');
    key(focused()!, 'Tab');
    expect(menu()).toBeNull();

    // Enter and Space reach a button as a click.
    fireEvent.click(button);
    expect(focused()?.textContent).toBe('Scenario (JSON)');
    fireEvent.pointerDown(document.body);
    expect(menu()).toBeNull();
    fireEvent.click(button);
    fireEvent.click(button);
    expect(menu()).toBeNull();
    expect(focused()).toBe(button);
  });

  it('saves the scenario file and returns focus to the button', async () => {
    fireEvent.click(exportButton());
    fireEvent.click(menuItems()[0]!);
    expect(menu()).toBeNull();
    expect(focused()).toBe(exportButton());
    expect(downloads.map((d) => d.name)).toEqual([
      'texas-300-mw-fixed-price-power-15-year-nnn-lease-offer.json',
    ]);
    expect(await downloads[0]!.blob.text()).toBe(scenarioFileText(texas()));
  });

  it('lazyExportFailureSilent: an export whose writer loads on first use reports its failure', async () => {
    // The comparison table's writer is a chunk loaded on the click: a failure after it loaded
    // (here the browser refusing the download) must still reach the page, not vanish.
    const createObjectUrl = URL.createObjectURL;
    URL.createObjectURL = () => {
      throw new Error('no room for the file');
    };
    try {
      fireEvent.click(exportButton());
      fireEvent.click(document.getElementById('export-menu-comparison-csv')!);
      await waitFor(() =>
        expect(document.querySelector('[data-report="failed"]')?.textContent).toContain(
          'The comparison table could not be exported: no room for the file',
        ),
      );
    } finally {
      URL.createObjectURL = createObjectUrl;
    }
    expect(downloads).toEqual([]);
  });

  it('saves the comparison table and all ledgers as the io functions write them', async () => {
    uninstallWorker = installExportsWorker();
    const evaluation = evaluate(texas());
    fireEvent.click(exportButton());
    fireEvent.click(document.getElementById('export-menu-comparison-csv')!);
    const bytes = async (blob: Blob) =>
      new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blob.arrayBuffer());
    // Its writer loads on first use (a chunk of its own in the built app).
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(await bytes(downloads[0]!.blob)).toBe(UTF8_BOM + comparisonCsv(evaluation));

    fireEvent.click(exportButton());
    fireEvent.click(document.getElementById('export-menu-ledgers-csv')!);
    expect(document.querySelector('.export-status')?.textContent).toBe('Preparing the ledgers…');
    await waitFor(() => expect(downloads).toHaveLength(2), { timeout: 10_000 });
    expect(downloads[1]!.name).toBe(
      'texas-300-mw-fixed-price-power-15-year-nnn-lease-offer--ledgers.csv',
    );
    expect(await bytes(downloads[1]!.blob)).toBe(UTF8_BOM + allLedgersCsv(ledgersOf(evaluation)));
    expect(document.querySelector('.export-status')?.textContent).toBe('');
  });

  it('saves the compared scenarios side by side as one CSV, and says why it cannot before two are ticked', async () => {
    fireEvent.click(exportButton());
    const csvItem = () => document.getElementById('export-menu-compare-csv')!;
    expect(csvItem().getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(exportButton());
    const cheaper = {
      ...texas(),
      name: 'Texas, cheaper rent',
      lease: { ...texas().lease, rateUsdPerKwMonth: 120 },
    };
    chooseFiles([new File([scenarioFileText(cheaper)], 'cheaper.json')]);
    await waitFor(() => expect(tabNames()).toHaveLength(2));
    fireEvent.click([...document.querySelectorAll('.view-switch button')][1]!);
    await waitFor(() => expect(document.getElementById('compare-results')).not.toBeNull(), {
      timeout: 10_000,
    });
    fireEvent.click(exportButton());
    fireEvent.click(csvItem());
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]!.name).toBe('scenario-comparison.csv');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
      await downloads[0]!.blob.arrayBuffer(),
    );
    expect(text).toBe(UTF8_BOM + scenarioComparisonCsv([evaluate(texas()), evaluate(cheaper)]));
    expect(text).toContain('input,lease.rateUsdPerKwMonth,,158.7,120');
  });

  it('opens the board pack and comes back to the Export button', async () => {
    fireEvent.click(exportButton());
    fireEvent.click(document.getElementById('export-menu-board-pack')!);
    expect(window.location.hash).toBe('#board-pack');
    expect(document.querySelector('.topbar')).toBeNull();
    // The board pack loads in its own chunk (initial JavaScript budget): wait for it to mount.
    await waitFor(() => expect(document.getElementById('bp-title')).not.toBeNull());
    expect(document.getElementById('bp-title')?.textContent).toBe(texas().name);
    expect(document.getElementById('bp-verdict')?.textContent).toMatch(
      /^In the base case, converting all 300 MW now/,
    );
    expect(document.getElementById('comparison-table')).not.toBeNull();
    expect(document.getElementById('breakevens-list')).not.toBeNull();
    expect(document.querySelector('.bp-meta time')?.getAttribute('datetime')).toMatch(
      /^\d{4}-\d{2}-\d{2}$/,
    );
    expect(document.documentElement.dataset.theme).toBe('light');
    await waitFor(() =>
      expect(document.querySelector('.boardpack')?.getAttribute('data-ready')).toBe('true'),
    );
    expect(document.querySelectorAll('img.bp-chart')).toHaveLength(4);
    const print = document.getElementById('bp-print') as HTMLButtonElement;
    expect(print.disabled).toBe(false);
    expect(print.textContent).toBe('Download PDF');

    fireEvent.click(document.querySelector('.boardpack-toolbar button')!);
    expect(document.querySelector('.boardpack')).toBeNull();
    expect(focused()).toBe(exportButton());
  });

  it('says which inputs exports use while the draft has problems', () => {
    const rate = document.getElementById('f-lease-rateUsdPerKwMonth') as HTMLInputElement;
    fireEvent.input(rate, { target: { value: '-3' } });
    fireEvent.click(exportButton());
    expect(document.getElementById('export-menu-note')?.textContent).toBe(
      'The inputs have problems: exports use the last valid inputs, as the results do.',
    );
    expect(menu()?.getAttribute('aria-describedby')).toBe('export-menu-note');
  });
});

describe('chart PNG title block (issue 10: anonymous charts in a deck)', () => {
  it('names the scenario, the case and the date, skipping what is unknown', async () => {
    const { titleBlockDetail } = await vi.importActual<
      typeof import('../../src/ui/files/chartImage')
    >('../../src/ui/files/chartImage');
    expect(
      titleBlockDetail({ scenario: 'Texas 300 MW', subject: 'base case', isoDate: '2026-12-04' }),
    ).toBe('Texas 300 MW · base case · 2026-12-04');
    expect(titleBlockDetail({ scenario: 'Texas', subject: '', isoDate: '2026-12-04' })).toBe(
      'Texas · 2026-12-04',
    );
  });
});
