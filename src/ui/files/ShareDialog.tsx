import { createSignal, type JSX, onMount, Show } from 'solid-js';
import type { ShareLinkResult } from '../../state/files';

type CopyState = 'copying' | 'copied' | { readonly failed: string };

/**
 * The share link in a modal dialog: copied to the clipboard at once, with a visible
 * confirmation, and shown in a text box to copy by hand (where the clipboard is refused). A
 * scenario too large for a link gets the reason instead. The native `<dialog>` keeps focus
 * inside, closes on Escape and returns focus to the Export button.
 */
export function ShareDialog(props: { result: ShareLinkResult; onClose: () => void }): JSX.Element {
  let dialog: HTMLDialogElement | undefined;
  let box: HTMLInputElement | undefined;
  const [copy, setCopy] = createSignal<CopyState>('copying');

  const copyLink = async (url: string) => {
    setCopy('copying');
    try {
      if (!navigator.clipboard) throw new Error('this browser offers no clipboard here');
      await navigator.clipboard.writeText(url);
      setCopy('copied');
    } catch (error) {
      setCopy({ failed: error instanceof Error ? error.message : String(error) });
      box?.select();
    }
  };

  onMount(() => {
    // jsdom and old browsers lack showModal(): fall back to an open, non-modal dialog.
    if (typeof dialog?.showModal === 'function') dialog.showModal();
    else dialog?.setAttribute('open', '');
    if (props.result.ok) {
      box?.focus();
      box?.select();
      void copyLink(props.result.url);
    }
  });

  // The dialog's `close` event reports the closing (Escape included); without dialog support, directly.
  const closeDialog = () =>
    typeof dialog?.close === 'function' ? dialog.close() : props.onClose();

  const copyText = () => {
    const state = copy();
    if (state === 'copying') return 'Copying the link…';
    if (state === 'copied') return 'Copied to the clipboard.';
    return `Could not copy automatically (${state.failed}): select the link below and copy it.`;
  };

  return (
    <dialog
      ref={dialog}
      class="share-dialog"
      aria-labelledby="share-title"
      onClose={() => props.onClose()}
    >
      <h2 id="share-title">Share link</h2>
      <Show
        when={props.result.ok ? props.result : null}
        fallback={
          <p class="share-refused" role="alert">
            {props.result.ok ? '' : props.result.message}
          </p>
        }
      >
        {(ok) => (
          <>
            <p
              class="share-status"
              classList={{ 'share-copied': copy() === 'copied' }}
              role="status"
              id="share-status"
            >
              {copyText()}
            </p>
            <label for="share-url">Link to this scenario</label>
            <input
              ref={box}
              id="share-url"
              class="share-url"
              type="text"
              readOnly
              value={ok().url}
              onFocus={(event) => event.currentTarget.select()}
            />
            <p class="share-note">
              The scenario travels inside the link, after the “#”, which browsers never send to a
              server. Anyone with the link can read it; opening it adds the scenario as a new tab.
            </p>
          </>
        )}
      </Show>
      <div class="dialog-actions">
        <Show when={props.result.ok ? props.result : null}>
          {(ok) => (
            <button type="button" class="button" onClick={() => void copyLink(ok().url)}>
              Copy again
            </button>
          )}
        </Show>
        <button type="button" class="button-quiet" onClick={closeDialog}>
          Close
        </button>
      </div>
    </dialog>
  );
}
