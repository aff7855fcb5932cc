import { fireEvent, render, waitFor } from '@solidjs/testing-library';
import { createComponent } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type CliIo, runCli } from '../../src/cli/run';
import { type Decision, decisionRows, evaluate, NO_INVESTMENT_TEXT } from '../../src/engine/index';
import { UTF8_BOM } from '../../src/io/csv';
import { decisionCsv } from '../../src/io/csvExports';
import { scenarioFileText } from '../../src/io/scenarioFile';
import { DECISION_FIRST_ROW, newWorkbook, populateWorkbook } from '../../src/io/xlsx';
import type { Scenario } from '../../src/schema/scenario';
import { defaultPreset } from '../../src/state/presets';
import { App } from '../../src/ui/App';
import { captureDownloads, type Download, polyfillBlobReading } from '../state/filesSupport';
import { MemoryStorage } from '../state/memoryStorage';
import { readCsv } from '../support/csvReader';

// jsdom has no canvas: charts are covered in Chromium.
vi.mock('../../src/ui/charts/Chart', () => ({ Chart: () => null }));
vi.mock('../../src/ui/files/chartImage', () => ({
  chartImageUrl: async () => 'data:image/png;base64,iVBORw0KGgo=',
}));
polyfillBlobReading();

let cleanup: () => void = () => {};
let downloads: Download[];

beforeEach(() => {
  Element.prototype.scrollIntoView ??= () => {};
  downloads = captureDownloads();
  const view = render(() => createComponent(App, { storage: new MemoryStorage() }));
  cleanup = view.unmount;
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  window.history.replaceState(null, '', '/');
});

/** A control by its label's own text (the label grows a marker once the value changes). */
function control(label: string): HTMLInputElement | HTMLSelectElement {
  const found = [...document.querySelectorAll('label')].filter(
    (element) => element.firstChild?.textContent === label,
  );
  expect(found, `one label "${label}"`).toHaveLength(1);
  return found[0]!.control as HTMLInputElement;
}

const texts = (selector: string) =>
  [...document.querySelectorAll(selector)].map((element) => element.textContent ?? '');

/** What the page (or the board pack, with its prefix) states of the decision. */
function shownDecision(sentenceId: string, notesPrefix: string) {
  return {
    sentence: document.getElementById(sentenceId)?.textContent,
    warnings: texts(`#${notesPrefix}-warnings li`),
    drivers: texts(`#${notesPrefix}-drivers li`),
    breakevens: texts('#breakevens-list .breakeven-value').map((value, i) => [
      value,
      texts('#breakevens-list .breakeven-note')[i],
    ]),
  };
}

function expectedShown(decision: Decision) {
  return {
    sentence: decision.sentence,
    warnings: decision.warnings.map((s) => s.text),
    drivers: decision.drivers.map((s) => s.text),
    breakevens: decision.breakevens.map((b) => [b.valueText, b.noteText]),
  };
}

function memoryIo(files: Record<string, string>) {
  const out: string[] = [];
  const io: CliIo = {
    readFile: async (path) => files[path]!,
    writeFile: async () => {},
    stdout: (text) => out.push(text),
    stderr: (text) => out.push(text),
  };
  return { io, stdout: () => out.join('') };
}

describe('metrics only where there is an investment (issue 9)', () => {
  it('regression: keep mining shows no IRR, payback or MOIC on the cards or in the table', () => {
    const keepCard = document.querySelector('#strategy-cards .kpi-card')!;
    expect(keepCard.querySelector('h3')?.textContent).toContain('Keep mining');
    const cardFigures = [...keepCard.querySelectorAll('dd')].map((dd) => dd.textContent);
    expect(cardFigures.slice(0, 2)).toEqual([NO_INVESTMENT_TEXT, NO_INVESTMENT_TEXT]);
    const keepRows = [...document.querySelectorAll('#comparison-table tbody tr')].filter((row) =>
      row.querySelector('th')?.textContent?.startsWith('Keep mining'),
    );
    expect(keepRows).toHaveLength(3);
    for (const row of keepRows) {
      const cells = [...row.querySelectorAll('td')].map((td) => td.firstChild?.textContent);
      // NPV, IRR, payback, discounted payback, peak funding, MOIC, incremental NPV and IRR.
      expect([cells[1], cells[2], cells[3], cells[5]]).toEqual(Array(4).fill(NO_INVESTMENT_TEXT));
      expect(cells[0]).toMatch(/^[\d,.]+$/);
    }
  });
});

describe('the decision, stated from the engine everywhere', () => {
  it('is the same in the app, the board pack, the CLI text and the files after edits in the app', async () => {
    // Edits in the app: a lower lease rate and the bull case as the reference.
    const rate = control('Lease rate, year 1') as HTMLInputElement;
    fireEvent.focus(rate);
    fireEvent.input(rate, { target: { value: '95' } });
    fireEvent.change(control('Reference case'), { target: { value: 'bull' } });

    const texas = defaultPreset()!.scenario;
    const edited: Scenario = {
      ...texas,
      lease: { ...texas.lease, rateUsdPerKwMonth: 95 },
      referenceCase: 'bull',
    };
    const evaluation = evaluate(edited);
    const decision = evaluation.decision;
    expect(decision.caseName).toBe('bull');
    expect(decision.drivers.length + decision.warnings.length).toBeGreaterThanOrEqual(3);
    expect(decision.breakevens).toHaveLength(4);

    // The page.
    // The breakevens are solved a moment after the edit: the page then states the whole decision.
    await waitFor(() =>
      expect(shownDecision('verdict-sentence', 'decision')).toEqual(expectedShown(decision)),
    );
    const onPage = shownDecision('verdict-sentence', 'decision');
    expect(onPage.sentence).toMatch(/^In the bull case, /);

    // The board pack.
    document.getElementById('export-menu')!.click();
    document.getElementById('export-menu-board-pack')!.click();
    await waitFor(() => expect(document.getElementById('bp-verdict')).not.toBeNull());
    expect(shownDecision('bp-verdict', 'bp-decision')).toEqual(expectedShown(decision));
    document.querySelector<HTMLButtonElement>('.boardpack-toolbar .button-quiet')!.click();

    // The decision summary the app downloads.
    document.getElementById('export-menu')!.click();
    document.getElementById('export-menu-decision-csv')!.click();
    await waitFor(() => expect(downloads).toHaveLength(1));
    const csvText = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
      await downloads[0]!.blob.arrayBuffer(),
    );
    expect(csvText).toBe(UTF8_BOM + decisionCsv(evaluation));
    const csvRows = readCsv(csvText.slice(1));
    expect(csvRows.slice(1).map((row) => [row[0], row[1], row[3]])).toEqual(
      decisionRows(decision).map((row) => [row[0], row[1], row[3]]),
    );

    // The command line on the same inputs, saved as a file.
    const file = scenarioFileText(edited);
    const text = memoryIo({ 'edited.json': file });
    expect(await runCli(['edited.json', '--format', 'text'], text.io)).toBe(0);
    for (const statement of [
      decision.sentence,
      ...decision.warnings.map((s) => s.text),
      ...decision.drivers.map((s) => s.text),
      ...decision.breakevens.map((b) => `${b.label}: ${b.valueText}. ${b.noteText}`),
    ]) {
      expect(text.stdout()).toContain(statement);
    }
    const json = memoryIo({ 'edited.json': file });
    expect(await runCli(['edited.json'], json.io)).toBe(0);
    expect(JSON.parse(json.stdout()).decision).toEqual(JSON.parse(JSON.stringify(decision)));

    // The workbook's Decision sheet, as the exporter fills it (test/io/xlsx.test.ts reads the
    // written file back; writing 240 months of model sheets here only cost time).
    const workbook = await newWorkbook();
    populateWorkbook(workbook, evaluation, []);
    const sheet = workbook.getWorksheet('Decision')!;
    decisionRows(decision).forEach((row, i) => {
      const r = sheet.getRow(DECISION_FIRST_ROW + i);
      expect([1, 2, 3, 4].map((c) => r.getCell(c).value ?? null)).toEqual([...row]);
    });
  });
});
