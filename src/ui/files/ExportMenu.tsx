import { createSignal, type JSX, Show } from 'solid-js';
import { unwrap } from 'solid-js/store';
import type { Evaluation } from '../../engine/index';
import { exportFile, prepareExports } from '../../state/exportsClient';
import {
  comparisonCsvFile,
  type DownloadFile,
  decisionCsvFile,
  type ShareLinkResult,
  saveFile,
  scenarioComparisonCsvFile,
  scenarioJsonFile,
  shareLinkFor,
  workspaceJsonFile,
} from '../../state/files';
import type { ExportJob } from '../../workers/exportJobs';
import { useApp } from '../context';
import { useFiles } from './context';
import { MenuButton, type MenuGroup } from './MenuButton';
import { ShareDialog } from './ShareDialog';

const NO_RESULTS = 'no results: the engine could not evaluate this scenario';

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The top bar's Export menu (docs/app.md, "Files"): the active scenario or every tab as JSON,
 * the comparison table and ledgers as CSV, the workbook, the board pack and a share link. Every
 * export is of the tab's last valid inputs, the ones the results show.
 */
export function ExportMenu(): JSX.Element {
  const app = useApp();
  const { files, boardPack } = useFiles();
  const [busy, setBusy] = createSignal<string | null>(null);
  const [share, setShare] = createSignal<ShareLinkResult | null>(null);

  const scenario = () => unwrap(app.activeTab().lastValid);
  // Only a Monte Carlo result of the inputs the results show is exported with them.
  const monteCarlo = () =>
    app.uncertainty.current() ? (app.uncertainty.shown()?.result ?? null) : null;
  const evaluation = () => app.results().evaluation;
  const shownCase = () => evaluation()?.cases[app.caseIndex()];

  /** Saves what `make` builds: at once, or when a lazily loaded builder has it. */
  const save = (what: string, make: () => DownloadFile | Promise<DownloadFile>) => {
    const fail = (error: unknown) =>
      files.fail(`The ${what} could not be exported: ${errorText(error)}`);
    try {
      const made = make();
      if (made instanceof Promise) made.then(saveFile).catch(fail);
      else saveFile(made);
    } catch (error) {
      fail(error);
    }
  };

  /** Runs a results export, or nothing when there are no results (its item says why). */
  const withResults =
    <T,>(run: (current: Evaluation) => T) =>
    () => {
      const current = evaluation();
      if (current) run(current);
    };

  /**
   * An export that needs the decimal ledgers or exceljs: built in the exports worker while a
   * status says so, then saved. One at a time, so a double click does not build twice.
   */
  const inWorker = (what: string, job: ExportJob) =>
    withResults(async (current) => {
      if (busy()) return;
      setBusy(`Preparing the ${what}…`);
      try {
        saveFile(await exportFile(current.scenario, job));
      } catch (error) {
        files.fail(`The ${what} could not be exported: ${errorText(error)}`);
      } finally {
        setBusy(null);
      }
    });

  /** Every compared scenario's inputs, built into one workbook in the exports worker. */
  const comparisonWorkbook = async () => {
    if (busy()) return;
    const evaluations = compared();
    if (evaluations.length < 2) return;
    setBusy('Preparing the scenario comparison…');
    try {
      const scenarios = evaluations.map((e) => e.scenario);
      saveFile(await exportFile(scenarios[0], { kind: 'comparison-workbook', scenarios }));
    } catch (error) {
      files.fail(`The scenario comparison could not be exported: ${errorText(error)}`);
    } finally {
      setBusy(null);
    }
  };

  const openShare = async () => {
    try {
      setShare(await shareLinkFor(scenario(), window.location));
    } catch (error) {
      files.fail(`The share link could not be made: ${errorText(error)}`);
    }
  };

  /** The scenarios ticked on the Compare view that have results, in tab order. */
  const compared = () =>
    app.workspace.state.tabs
      .filter((tab) => app.workspace.state.compareIds.includes(tab.id))
      .flatMap((tab) => {
        const result = app.resultsOf(tab).evaluation;
        return result ? [result] : [];
      });

  const groups = (): MenuGroup[] => {
    const noResults = evaluation() ? undefined : NO_RESULTS;
    const comparedNow = compared();
    const noComparison =
      comparedNow.length >= 2
        ? undefined
        : 'tick at least two scenarios with results on the Compare view';
    const noWorkerJob = noResults ?? (busy() ? 'another export is being prepared' : undefined);
    const caseResult = shownCase();
    return [
      {
        items: [
          {
            id: 'scenario-json',
            label: 'Scenario (JSON)',
            run: () => save('scenario', () => scenarioJsonFile(scenario())),
          },
          {
            id: 'workspace-json',
            label: `Workspace, all ${app.workspace.state.tabs.length} tabs (JSON)`,
            run: () =>
              save('workspace', () =>
                workspaceJsonFile(app.workspace.state.tabs.map((tab) => unwrap(tab.lastValid))),
              ),
          },
        ],
      },
      {
        items: [
          {
            id: 'decision-csv',
            label: 'Decision summary (CSV)',
            disabledReason: noResults,
            run: withResults((current) => save('decision summary', () => decisionCsvFile(current))),
          },
          {
            id: 'comparison-csv',
            label: 'Comparison table (CSV)',
            disabledReason: noResults,
            run: withResults((current) =>
              save('comparison table', () => comparisonCsvFile(current)),
            ),
          },
          {
            id: 'ledgers-csv',
            label: 'All ledgers, one file (CSV)',
            disabledReason: noWorkerJob,
            run: inWorker('ledgers', { kind: 'all-ledgers-csv' }),
          },
          {
            id: 'monte-carlo-csv',
            label: 'Monte Carlo percentiles (CSV)',
            disabledReason:
              noWorkerJob ??
              (monteCarlo() ? undefined : 'the Monte Carlo run for these inputs has not finished'),
            run: () => {
              const result = monteCarlo();
              if (result)
                inWorker('Monte Carlo table', { kind: 'monte-carlo-csv', monteCarlo: result })();
            },
          },
        ],
      },
      {
        label: caseResult ? `One ledger, ${caseResult.priceCase.name} case (CSV)` : undefined,
        items: (caseResult?.strategies ?? []).map((strategy) => ({
          id: `ledger-${strategy.strategyId}`,
          label: strategy.label,
          disabledReason: noWorkerJob,
          run: inWorker('ledger', {
            kind: 'ledger-csv',
            caseName: caseResult!.priceCase.name,
            strategyId: strategy.strategyId,
          }),
        })),
      },
      {
        label: `Compared scenarios (${comparedNow.length})`,
        items: [
          {
            id: 'compare-csv',
            label: 'Scenarios side by side (CSV)',
            disabledReason: noComparison,
            run: () => save('scenario comparison', () => scenarioComparisonCsvFile(compared())),
          },
          {
            id: 'compare-xlsx',
            label: 'Scenarios side by side, each a live model (XLSX)',
            disabledReason:
              noComparison ?? (busy() ? 'another export is being prepared' : undefined),
            run: () => void comparisonWorkbook(),
          },
        ],
      },
      {
        items: [
          {
            id: 'workbook-xlsx',
            label: 'Workbook with live formulas (XLSX)',
            disabledReason: noWorkerJob,
            run: () => inWorker('workbook', { kind: 'workbook', monteCarlo: monteCarlo() })(),
          },
          {
            id: 'board-pack',
            label: 'Board pack (print or PDF)',
            disabledReason: noResults,
            run: () => boardPack.show(),
          },
          { id: 'share-link', label: 'Share link…', run: () => void openShare() },
        ],
      },
    ];
  };

  return (
    <div class="export">
      <MenuButton
        id="export-menu"
        label="Export"
        groups={groups()}
        onIntent={() => {
          const current = evaluation();
          if (current) prepareExports(current.scenario);
        }}
        note={
          app.results().stale
            ? 'The inputs have problems: exports use the last valid inputs, as the results do.'
            : undefined
        }
      />
      <span class="export-status" role="status">
        <Show when={busy()}>
          <span class="spinner" aria-hidden="true" />
          {busy()}
        </Show>
      </span>
      <Show when={share()}>
        {(result) => <ShareDialog result={result()} onClose={() => setShare(null)} />}
      </Show>
    </div>
  );
}
