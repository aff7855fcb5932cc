import { createContext, type JSX, useContext } from 'solid-js';
import type { AppState } from '../state/app';

const AppContext = createContext<AppState>();

/** One typed context for the whole app: the workspace, its results, notices and theme. */
export function AppProvider(props: { value: AppState; children: JSX.Element }): JSX.Element {
  return <AppContext.Provider value={props.value}>{props.children}</AppContext.Provider>;
}

export function useApp(): AppState {
  const app = useContext(AppContext);
  if (!app) throw new Error('useApp() must be called inside <AppProvider>');
  return app;
}
