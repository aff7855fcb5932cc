import { createRenderEffect, createSignal, type JSX, onCleanup, Show } from 'solid-js';
import { createAppState } from '../state/app';
import type { StorageLike } from '../state/persistence';
import { CompareView } from './CompareView';
import { type Palette, readPalette } from './charts/theme';
import { AppProvider, useApp } from './context';
import { InputsPanel } from './inputs/InputsPanel';
import { Notices } from './Notices';
import { ResultsView } from './results/ResultsView';
import { TopBar } from './TopBar';

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
  return (
    <AppProvider value={app}>
      <Shell />
    </AppProvider>
  );
}

function Shell(): JSX.Element {
  const app = useApp();
  // The theme attribute and the chart colours change together: colours are read from CSS
  // after the attribute is set, so charts never draw in the previous theme's colours.
  const [palette, setPalette] = createSignal<Palette>();
  createRenderEffect(() => {
    document.documentElement.dataset.theme = app.theme();
    setPalette(readPalette());
  });
  return (
    <>
      <a class="skip-link" href="#results">
        Skip to results
      </a>
      <TopBar />
      <Notices />
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
        <CompareView />
      </Show>
    </>
  );
}
