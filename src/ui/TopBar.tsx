import { createEffect, createSignal, For, type JSX, on, onMount, Show } from 'solid-js';
import { DEFAULT_PRESET_ID, PRESETS } from '../state/presets';
import { tabName } from '../state/workspace';
import { afterNextPaint } from './afterPaint';
import { useApp } from './context';
import { ExportMenu } from './files/ExportMenu';
import { ImportButton } from './files/ImportButton';

/**
 * Brand, view switch, files (import, export), theme; then the scenario tabs and what can be done
 * with them.
 */
export function TopBar(): JSX.Element {
  const app = useApp();
  const ws = app.workspace;
  const [renaming, setRenaming] = createSignal(false);
  const [startFrom, setStartFrom] = createSignal(`preset:${DEFAULT_PRESET_ID}`);
  let tabList: HTMLUListElement | undefined;
  const focusActiveTab = () =>
    queueMicrotask(() =>
      tabList?.querySelector<HTMLButtonElement>('[aria-current="true"]')?.focus(),
    );

  const addScenario = () => {
    const choice = startFrom();
    if (choice === 'blank') ws.addBlank();
    else ws.addPreset(choice.replace(/^preset:/, ''));
    ws.setView('edit');
  };
  const showCompare = () => {
    // Entering compare with nothing ticked: start from every tab, the active one first in order.
    if (ws.state.compareIds.length < 2) {
      for (const tab of ws.state.tabs.slice(0, 4)) ws.setCompared(tab.id, true);
    }
    ws.setView('compare');
  };
  const nextTheme = () => (app.theme() === 'dark' ? 'light' : 'dark');
  // Keep the active tab in view when the strip scrolls (many tabs, or a phone). At start-up only
  // when it is not the first tab, and after the first paint: scrolling reads the layout, which
  // then forced a layout of the whole page before anything was shown (0.25 s of a cold load).
  const scrollToTab = (id: string) =>
    tabList
      ?.querySelector(`[data-tab-id="${id}"]`)
      ?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  onMount(() => {
    const id = ws.state.activeId;
    if (ws.state.tabs[0]?.id !== id) afterNextPaint(() => scrollToTab(id));
  });
  createEffect(
    on(
      () => ws.state.activeId,
      (id) => queueMicrotask(() => scrollToTab(id)),
      { defer: true },
    ),
  );

  return (
    <header class="topbar">
      <div class="topbar-row">
        <p class="brand">
          <span class="brand-mark" aria-hidden="true" />
          Mine or Lease
        </p>
        <nav class="view-switch" aria-label="View">
          <button
            type="button"
            aria-pressed={ws.state.view === 'edit'}
            onClick={() => ws.setView('edit')}
          >
            Inputs &amp; results
          </button>
          <button type="button" aria-pressed={ws.state.view === 'compare'} onClick={showCompare}>
            Compare
          </button>
        </nav>
        <div class="file-actions">
          <ImportButton />
          <ExportMenu />
        </div>
        <button
          type="button"
          class="button-quiet theme-toggle"
          aria-label={`Switch to ${nextTheme()} theme`}
          title={`Switch to ${nextTheme()} theme`}
          onClick={() => ws.setTheme(nextTheme())}
        >
          {app.theme() === 'dark' ? 'Light theme' : 'Dark theme'}
        </button>
      </div>
      <div class="topbar-row tabs-row">
        <nav class="tabs" aria-label="Scenarios">
          <ul ref={tabList}>
            <For each={ws.state.tabs}>
              {(tab) => {
                const active = () => tab.id === ws.state.activeId;
                return (
                  <li data-tab-id={tab.id}>
                    <Show
                      when={renaming() && active()}
                      fallback={
                        <button
                          type="button"
                          class="tab"
                          aria-current={active() ? 'true' : undefined}
                          onClick={() => ws.selectTab(tab.id)}
                        >
                          {tabName(tab)}
                          <Show when={tab.issues.length > 0}>
                            <span class="tab-problem" title="Has invalid inputs">
                              <span aria-hidden="true"> !</span>
                              <span class="sr-only"> (has invalid inputs)</span>
                            </span>
                          </Show>
                        </button>
                      }
                    >
                      <RenameBox
                        name={tabName(tab)}
                        onDone={(name) => {
                          setRenaming(false);
                          if (name !== null && name.trim() !== '')
                            ws.renameTab(tab.id, name.trim());
                          focusActiveTab();
                        }}
                      />
                    </Show>
                  </li>
                );
              }}
            </For>
          </ul>
        </nav>
        <div class="tab-actions">
          <label for="start-from" class="sr-only">
            New scenario from
          </label>
          <select id="start-from" onChange={(event) => setStartFrom(event.currentTarget.value)}>
            <For each={PRESETS}>
              {(preset) => (
                <option
                  value={`preset:${preset.id}`}
                  selected={startFrom() === `preset:${preset.id}`}
                >
                  Preset: {preset.scenario.name}
                </option>
              )}
            </For>
            <option value="blank" selected={startFrom() === 'blank'}>
              New blank site
            </option>
          </select>
          <button type="button" class="button" onClick={addScenario}>
            Add
          </button>
          <button
            type="button"
            class="button-quiet"
            onClick={() => ws.duplicateTab(ws.state.activeId)}
          >
            Duplicate
          </button>
          <button type="button" class="button-quiet" onClick={() => setRenaming(true)}>
            Rename
          </button>
          <button
            type="button"
            class="button-quiet"
            disabled={ws.state.tabs.length <= 1}
            onClick={() => app.deleteTabWithUndo(ws.state.activeId)}
          >
            Delete
          </button>
        </div>
      </div>
    </header>
  );
}

/** Inline rename: Enter or leaving the box keeps the name, Escape cancels. */
function RenameBox(props: { name: string; onDone: (name: string | null) => void }): JSX.Element {
  let done = false;
  const finish = (name: string | null) => {
    if (done) return;
    done = true;
    props.onDone(name);
  };
  return (
    <input
      type="text"
      class="tab-rename"
      aria-label="Scenario name"
      value={props.name}
      maxLength={200}
      ref={(input) => queueMicrotask(() => input.select())}
      onKeyDown={(event) => {
        if (event.key === 'Enter') finish(event.currentTarget.value);
        if (event.key === 'Escape') finish(null);
      }}
      onBlur={(event) => finish(event.currentTarget.value)}
    />
  );
}
