import { For, type JSX, Show } from 'solid-js';
import { useApp } from './context';

/** Storage problems, deletions with undo, and similar messages, until dismissed. */
export function Notices(): JSX.Element {
  const app = useApp();
  return (
    <div class="notices" aria-live="polite">
      <For each={app.notices()}>
        {(notice) => (
          <div
            class={`notice notice-${notice.kind}`}
            role={notice.kind === 'error' ? 'alert' : 'status'}
          >
            <p>{notice.text}</p>
            <Show when={notice.action}>
              {(action) => (
                <button
                  type="button"
                  class="button"
                  onClick={() => {
                    action().run();
                    app.dismiss(notice.id);
                  }}
                >
                  {action().label}
                </button>
              )}
            </Show>
            <button type="button" class="button-quiet" onClick={() => app.dismiss(notice.id)}>
              Dismiss
            </button>
          </div>
        )}
      </For>
    </div>
  );
}
