import {
  createRenderEffect,
  createSignal,
  type JSX,
  lazy,
  onCleanup,
  onMount,
  Show,
  Suspense,
} from 'solid-js';
import { createAppState } from '../state/app';
import { createFileState, type FileState, isShareHash } from '../state/files';
import type { StorageLike } from '../state/persistence';
import { createBoardPackRoute } from './boardpack/route';
import { type Palette, readPalette } from './charts/theme';
import { AppProvider, useApp } from './context';
import { FilesProvider, useFiles } from './files/context';
import { DropOverlay } from './files/DropOverlay';
import { FileReports } from './files/FileReports';
import { InputsPanel } from './inputs/InputsPanel';
import { Notices } from './Notices';
import { ResultsView } from './results/ResultsView';
import { TopBar } from './TopBar';

// The board pack and the compare view are a click away, not on the first screen: each loads in its
// own chunk, so the JavaScript the first verdict waits for stays within its budget
// (docs/benchmarks.md). The service worker precaches both for offline use.
const BoardPack = lazy(() =>
  import('./boardpack/BoardPack').then((module) => ({ default: module.BoardPack })),
);
const CompareView = lazy(() =>
  import('./CompareView').then((module) => ({ default: module.CompareView })),
);

/** A media query as a signal. */
function mediaSignal(query: string): () => boolean {
  if (typeof matchMedia !== 'function') return () => false;
  const list = matchMedia(query);
  const [matches, setMatches] = createSignal(list.matches);
  const update = () => setMatches(list.matches);
  list.addEventListener('change', update);
  onCleanup(() => list.removeEventListener('change', update));
  return matches;
}

export function App(props: { storage: StorageLike | null }): JSX.Element {
  const app = createAppState({
    storage: props.storage,
    prefersDark: mediaSignal('(prefers-color-scheme: dark)'),
  });
  const files = { files: createFileState(app.workspace), boardPack: createBoardPackRoute() };
  return (
    <AppProvider value={app}>
      <FilesProvider value={files}>
        <Shell />
      </FilesProvider>
    </AppProvider>
  );
}

/**
 * Opens a share link: on load, and when only the fragment changes (a link pasted into the
 * address bar of an open app). The fragment is removed from the address first, so a reload or
 * a bookmark does not add the scenario a second time, and a damaged link is reported once.
 */
function useShareLinks(files: FileState): void {
  const consume = () => {
    const hash = window.location.hash;
    if (!isShareHash(hash)) return;
    window.history.replaceState(
      window.history.state,
      '',
      window.location.pathname + window.location.search,
    );
    void files.importShareLink(hash);
  };
  onMount(consume);
  window.addEventListener('hashchange', consume);
  onCleanup(() => window.removeEventListener('hashchange', consume));
}

function Shell(): JSX.Element {
  const app = useApp();
  const { files, boardPack } = useFiles();
  useShareLinks(files);
  // The theme attribute and the chart colours change together: colours are read from CSS
  // after the attribute is set, so charts never draw in the previous theme's colours. The board
  // pack is paper: always light.
  const [palette, setPalette] = createSignal<Palette>();
  createRenderEffect(() => {
    document.documentElement.dataset.theme = boardPack.open() ? 'light' : app.theme();
    setPalette(readPalette());
  });
  return (
    <>
      <Show
        when={!boardPack.open()}
        fallback={
          <>
            <Notices />
            <FileReports />
            <Suspense fallback={<p class="view-loading">Loading the board pack…</p>}>
              <BoardPack palette={palette()!} />
            </Suspense>
          </>
        }
      >
        <a class="skip-link" href="#results">
          Skip to results
        </a>
        <TopBar />
        <Notices />
        <FileReports />
        <Show
          when={app.workspace.state.view === 'compare'}
          fallback={
            <div class="layout">
              <aside class="inputs-panel" aria-label="Inputs">
                <InputsPanel />
              </aside>
              <main class="results" id="results" tabIndex={-1}>
                <ResultsView palette={palette()!} />
              </main>
            </div>
          }
        >
          <Suspense fallback={<p class="view-loading">Loading the comparison…</p>}>
            <CompareView />
          </Suspense>
        </Show>
      </Show>
      <DropOverlay />
    </>
  );
}
