import { createSignal, type JSX, onMount, Show } from 'solid-js';
import { chartPngName, localIsoDate, saveFile } from '../../state/files';
import { useApp } from '../context';
import { useFiles } from './context';

/**
 * The chart's title as the page shows it: its figure's heading, else its section's heading.
 * Read from the page so every chart gets a button without each caller repeating its title.
 */
function titleNear(element: Element): string {
  const heading =
    element.closest('figure')?.querySelector('figcaption h3, figcaption h2') ??
    element.closest('section')?.querySelector('h2, h3');
  return heading?.textContent?.trim() ?? '';
}

/** A context's value, or undefined outside its provider (a chart rendered on its own). */
function optional<T>(use: () => T): T | undefined {
  try {
    return use();
  } catch {
    return undefined;
  }
}

/** "Save PNG" for the chart drawn on the canvas `canvasId`: named after scenario and chart. */
export function SaveChartButton(props: {
  canvasId: string;
  title?: string;
  /** What the chart shows, for its title block ("base case"); default: the price case shown. */
  subject?: string;
}): JSX.Element {
  const app = optional(useApp);
  const files = optional(useFiles)?.files;
  let button: HTMLButtonElement | undefined;
  const [foundTitle, setFoundTitle] = createSignal('');
  const title = () => props.title ?? foundTitle();
  onMount(() => {
    if (button && props.title === undefined) setFoundTitle(titleNear(button));
  });

  const save = async () => {
    const canvas = document.getElementById(props.canvasId);
    if (!(canvas instanceof HTMLCanvasElement)) return;
    const evaluation = app?.results().evaluation;
    const scenarioName = evaluation?.scenario.name ?? app?.activeTab().lastValid.name ?? 'chart';
    const subject =
      props.subject ??
      (evaluation ? `${evaluation.cases[app!.caseIndex()]?.priceCase.name ?? ''} case` : '');
    try {
      // The PNG writer (title block, metadata) loads on first use, not with the page; a chunk
      // that fails to load is reported like any other failure.
      const { chartPng, titleBlockDetail } = await import('./chartImage');
      const block = {
        title: title() || props.canvasId,
        detail: titleBlockDetail({
          scenario: scenarioName,
          subject,
          isoDate: localIsoDate(new Date()),
        }),
      };
      const blob = await chartPng(canvas, block);
      saveFile({ name: chartPngName(scenarioName, title() || props.canvasId), blob });
    } catch (error) {
      const text = `The chart could not be saved: ${error instanceof Error ? error.message : String(error)}`;
      if (files) files.fail(text);
      else app?.notify({ kind: 'error', text });
    }
  };

  return (
    <button
      ref={button}
      type="button"
      class="chart-save"
      data-chart={props.canvasId}
      onClick={() => void save()}
    >
      Save PNG
      <Show when={title()}>
        <span class="sr-only">: {title()}</span>
      </Show>
    </button>
  );
}
