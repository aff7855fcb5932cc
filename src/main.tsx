// First: configures zod before any module parses a scenario (see the file).
import './ui/zodJitless';
import { render } from 'solid-js/web';
import type { StorageLike } from './state/persistence';
import { App } from './ui/App';
import './ui/styles/index.css';

/** localStorage, or null where the browser blocks it (the app then runs without saving). */
function browserStorage(): StorageLike | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
render(() => <App storage={browserStorage()} />, root);
