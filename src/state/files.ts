import { type Accessor, createSignal } from 'solid-js';
import type { Evaluation } from '../engine/index';
import { UTF8_BOM } from '../io/csv';
import { fileNameSlug } from '../io/fileNames';
import {
  type ImportResult,
  importScenarioFile,
  scenarioFileText,
  workspaceFileText,
} from '../io/scenarioFile';
import type { Scenario } from '../schema/scenario';
import { formatIssue } from '../schema/validate';
import type { Workspace } from './workspace';

/**
 * The page's half of files (docs/app.md, "Files"): what each export is called and holds, saving
 * a file from the page, the import flow and share links. No rendering here; `src/ui/files` calls
 * it. The file formats themselves are `src/io`'s (docs/files.md).
 */

/** A file ready to save: its name and content. */
export interface DownloadFile {
  readonly name: string;
  readonly blob: Blob;
}

export const MIME_TYPES = {
  json: 'application/json',
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
} as const;

/**
 * How long an object URL lives after its download starts. Not revoked at once: a browser may
 * read the blob after `click()` returns (FileSaver.js waits 40 s for the same reason).
 */
const REVOKE_AFTER_MS = 40_000;

/** Saves a file the way every browser supports: an object URL on a temporary `<a download>`. */
export function saveFile(file: DownloadFile, doc: Document = document): void {
  const url = URL.createObjectURL(file.blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = file.name;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

/** `texas-300-mw-fixed-price-power.json`: one scenario in the versioned file format. */
export function scenarioJsonFile(scenario: Scenario): DownloadFile {
  return {
    name: `${fileNameSlug(scenario.name)}.json`,
    blob: new Blob([scenarioFileText(scenario)], { type: MIME_TYPES.json }),
  };
}

/** Every tab's scenario in one workspace file, dated so successive exports do not collide. */
export function workspaceJsonFile(
  scenarios: readonly Scenario[],
  today = new Date(),
): DownloadFile {
  return {
    name: `mine-or-lease-workspace-${localIsoDate(today)}.json`,
    blob: new Blob([workspaceFileText(scenarios)], { type: MIME_TYPES.json }),
  };
}

/** CSV text as a download, with the byte order mark Excel needs to read UTF-8. */
export function csvFile(name: string, text: string): DownloadFile {
  return { name, blob: new Blob([UTF8_BOM, text], { type: MIME_TYPES.csv }) };
}

/**
 * The CSV writers of the comparison table and the decision: loaded on first use, not with the
 * page (docs/benchmarks.md, initial JavaScript).
 */
const loadCsvExports = () => import('../io/csvExports');

/**
 * The comparison table, built on the page from the results it shows (a few milliseconds). The
 * ledger exports need the decimal ledgers and run in a worker (`src/workers/exportJobs.ts`).
 */
export async function comparisonCsvFile(evaluation: Evaluation): Promise<DownloadFile> {
  const { comparisonCsv } = await loadCsvExports();
  return csvFile(
    `${fileNameSlug(evaluation.scenario.name)}--comparison.csv`,
    comparisonCsv(evaluation),
  );
}

/** The engine's decision as a CSV summary (recommendation, breakevens, drivers, warnings). */
export async function decisionCsvFile(evaluation: Evaluation): Promise<DownloadFile> {
  const { decisionCsv } = await loadCsvExports();
  return csvFile(
    `${fileNameSlug(evaluation.scenario.name)}--decision.csv`,
    decisionCsv(evaluation),
  );
}

/**
 * The compared scenarios side by side (inputs that differ, NPVs, breakevens) as one CSV. Its
 * inputs table reads the schema's JSON Schema (zod's generator, ~7 kB gzipped): loaded on first
 * use, not with the page (docs/benchmarks.md, initial JavaScript).
 */
export async function scenarioComparisonCsvFile(
  evaluations: readonly Evaluation[],
): Promise<DownloadFile> {
  const { scenarioComparisonCsv } = await import('../io/comparisonLines');
  return csvFile('scenario-comparison.csv', scenarioComparisonCsv(evaluations));
}

/** `texas-300-mw…--cumulative-discounted-cash-flow.png` */
export function chartPngName(scenarioName: string, chartTitle: string): string {
  return `${fileNameSlug(scenarioName)}--${fileNameSlug(chartTitle)}.png`;
}

/** `2026-03-12` in the user's time zone (the day they exported on). */
export function localIsoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

// Share links ------------------------------------------------------------------------------

export type ShareLinkResult =
  | { readonly ok: true; readonly url: string }
  | { readonly ok: false; readonly message: string };

/** lz-string comes with the share-link module: loaded on first use, not with the page. */
const loadShareLink = () => import('../io/shareLink');

/**
 * The link that opens `scenario` in this app: the page's address without query or fragment,
 * plus the share fragment. Refused, with the reason, when the fragment is too long to open.
 */
export async function shareLinkFor(
  scenario: Scenario,
  page: Pick<Location, 'origin' | 'pathname' | 'href'>,
): Promise<ShareLinkResult> {
  const { encodeShareFragment, fitsShareLink, MAX_SHARE_FRAGMENT_CHARS } = await loadShareLink();
  const fragment = encodeShareFragment(scenario);
  if (!fitsShareLink(fragment)) {
    const count = (n: number) => n.toLocaleString('en-US');
    return {
      ok: false,
      message: `“${scenario.name}” is too large for a share link (${count(fragment.length)} characters; a link may have ${count(MAX_SHARE_FRAGMENT_CHARS)}). Share the scenario file instead: Export → Scenario (JSON).`,
    };
  }
  // A file:// page has the origin "null": fall back to its address without the fragment.
  const base = page.origin === 'null' ? page.href.split('#')[0]! : `${page.origin}${page.pathname}`;
  return { ok: true, url: `${base}${fragment}` };
}

/**
 * `SHARE_FRAGMENT_PREFIX` of `src/io/shareLink`, repeated here so that telling a share link
 * from other fragments (`#results`, `#board-pack`) does not load lz-string (a test keeps the
 * two equal).
 */
export const SHARE_HASH_PREFIX = '#s=';

/** Whether a `location.hash` is meant as a share link (anything else, e.g. `#results`, is not). */
export function isShareHash(hash: string): boolean {
  return hash.startsWith(SHARE_HASH_PREFIX);
}

// The import flow --------------------------------------------------------------------------

/** What became of one imported file or share link, shown until dismissed. */
export type FileReport =
  | {
      readonly id: number;
      readonly kind: 'added';
      /** `texas.json`, or `a share link`. */
      readonly source: string;
      readonly names: readonly string[];
    }
  | {
      readonly id: number;
      readonly kind: 'rejected';
      readonly source: string;
      /** Every problem, one `path = value: rule` line each. */
      readonly problems: readonly string[];
    }
  | { readonly id: number; readonly kind: 'failed'; readonly text: string };

export const SHARE_LINK_SOURCE = 'a share link';

export interface FileState {
  readonly reports: Accessor<readonly FileReport[]>;
  readonly dismiss: (id: number) => void;
  readonly dismissAll: () => void;
  /** Reports something that went wrong outside an import (an export that failed). */
  readonly fail: (text: string) => void;
  /**
   * Imports files one after another, in the order given: each accepted file's scenarios are
   * added as new tabs, each rejected file is reported with every problem and changes nothing.
   */
  readonly importFiles: (files: Iterable<File>) => Promise<void>;
  /** Adds the scenario of a share link's fragment, or reports why it cannot be read. */
  readonly importShareLink: (hash: string) => Promise<void>;
}

/**
 * The import flow over a workspace. `workspace.addImported` is the only thing that changes the
 * workspace, and only for an accepted file, so a rejected file leaves it exactly as it was.
 */
export function createFileState(workspace: Workspace): FileState {
  const [reports, setReports] = createSignal<readonly FileReport[]>([]);
  let nextId = 0;
  type Unnumbered = FileReport extends infer R
    ? R extends FileReport
      ? Omit<R, 'id'>
      : never
    : never;
  const push = (report: Unnumbered) => {
    nextId += 1;
    setReports((list) => [...list, { ...report, id: nextId } as FileReport]);
  };

  const record = (source: string, origin: string, result: ImportResult) => {
    if (!result.ok) {
      push({ kind: 'rejected', source, problems: result.problems.map(formatIssue) });
      return;
    }
    const ids = workspace.addImported(result.scenarios, origin);
    const names = ids.map(
      (id) => workspace.state.tabs.find((tab) => tab.id === id)?.lastValid.name ?? '',
    );
    workspace.setView('edit');
    push({ kind: 'added', source, names });
  };

  return {
    reports,
    dismiss: (id) => setReports((list) => list.filter((report) => report.id !== id)),
    dismissAll: () => setReports([]),
    fail: (text) => push({ kind: 'failed', text }),
    async importFiles(files) {
      for (const file of files) {
        record(file.name, `file:${file.name}`, await importScenarioFile(file));
      }
    },
    async importShareLink(hash) {
      const { decodeShareFragment } = await loadShareLink();
      record(SHARE_LINK_SOURCE, 'link', decodeShareFragment(hash));
    },
  };
}
