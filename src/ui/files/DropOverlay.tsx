import { createSignal, type JSX, onCleanup, Show } from 'solid-js';
import { useFiles } from './context';

/** Whether a drag carries files (not text or a link dragged from a page). */
function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/**
 * Files dropped anywhere on the page are imported like picked ones, with an overlay while they
 * are dragged over it. Drags of anything else (text into a box, a link) are left to the page.
 * The overlay is for the eye only: the Import… button is the keyboard and screen-reader way.
 */
export function DropOverlay(): JSX.Element {
  const { files } = useFiles();
  const [active, setActive] = createSignal(false);
  // dragenter/dragleave fire for every element crossed: count them to know when the drag leaves.
  let depth = 0;
  const reset = () => {
    depth = 0;
    setActive(false);
  };
  const listeners: { [K in keyof WindowEventMap]?: (event: WindowEventMap[K]) => void } = {
    dragenter: (event) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth += 1;
      setActive(true);
    },
    dragover: (event) => {
      if (!carriesFiles(event)) return;
      // Without this the browser would open the file in place of the app.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    },
    dragleave: (event) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setActive(false);
    },
    drop: (event) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      reset();
      void files.importFiles([...(event.dataTransfer?.files ?? [])]);
    },
    dragend: reset,
    blur: reset,
  };
  for (const [type, listener] of Object.entries(listeners)) {
    window.addEventListener(type, listener as EventListener);
  }
  onCleanup(() => {
    for (const [type, listener] of Object.entries(listeners)) {
      window.removeEventListener(type, listener as EventListener);
    }
  });
  return (
    <Show when={active()}>
      <div class="drop-overlay" aria-hidden="true">
        <p class="drop-message">
          Drop scenario files (.json) to add them as new tabs
          <span class="drop-detail">
            Nothing open is replaced; a file with problems is refused with the reasons.
          </span>
        </p>
      </div>
    </Show>
  );
}
