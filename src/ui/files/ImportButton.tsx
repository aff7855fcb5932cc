import type { JSX } from 'solid-js';
import { useFiles } from './context';

/**
 * "Import…": the file picker for scenario and workspace files (.json). Each chosen file is
 * added as new tabs or reported with every problem; nothing already open is replaced.
 */
export function ImportButton(): JSX.Element {
  const { files } = useFiles();
  let input: HTMLInputElement | undefined;
  return (
    <>
      <input
        ref={input}
        id="import-file"
        type="file"
        accept=".json,application/json"
        multiple
        hidden
        onChange={(event) => {
          const chosen = [...(event.currentTarget.files ?? [])];
          // Cleared so that choosing the same file again (after fixing it) imports it again.
          event.currentTarget.value = '';
          void files.importFiles(chosen);
        }}
      />
      <button
        type="button"
        id="import-button"
        class="button-quiet"
        title="Add scenarios from .json files (you can also drop files on the page)"
        onClick={() => input?.click()}
      >
        Import…
      </button>
    </>
  );
}
