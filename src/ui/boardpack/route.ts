import { type Accessor, createSignal, onCleanup } from 'solid-js';

/** The board pack's address: the app's URL with this fragment (docs/app.md, "Board pack"). */
export const BOARD_PACK_HASH = '#board-pack';

export interface BoardPackRoute {
  readonly open: Accessor<boolean>;
  /** Opens the board pack as a new history entry, so the browser's Back returns to the app. */
  readonly show: () => void;
  /** Back to the app: undoes `show`'s history entry, or drops the fragment if the page opened on it. */
  readonly close: () => void;
}

/**
 * The board pack is a view of the same page at `#board-pack`, not a stored setting: a reload
 * keeps it open (handy while printing), a bookmark opens it, and Back leaves it. Must run
 * inside a Solid root.
 */
export function createBoardPackRoute(win: Window = window): BoardPackRoute {
  const isOpen = () => win.location.hash === BOARD_PACK_HASH;
  const [open, setOpen] = createSignal(isOpen());
  // Whether the entry we are on was pushed by `show` (only then is Back the way out).
  let pushed = false;
  const onHashChange = () => {
    if (!isOpen()) pushed = false;
    setOpen(isOpen());
  };
  win.addEventListener('hashchange', onHashChange);
  onCleanup(() => win.removeEventListener('hashchange', onHashChange));
  return {
    open,
    show() {
      if (isOpen()) return;
      win.history.pushState(win.history.state, '', BOARD_PACK_HASH);
      pushed = true;
      setOpen(true);
    },
    close() {
      if (!isOpen()) return;
      if (pushed) win.history.back();
      else
        win.history.replaceState(
          win.history.state,
          '',
          win.location.pathname + win.location.search,
        );
      pushed = false;
      setOpen(false);
    },
  };
}
