import { createContext, type JSX, useContext } from 'solid-js';
import type { FileState } from '../../state/files';
import type { BoardPackRoute } from '../boardpack/route';

/** What the file controls share: the import flow and its reports, and the board pack's route. */
export interface FilesContextValue {
  readonly files: FileState;
  readonly boardPack: BoardPackRoute;
}

const FilesContext = createContext<FilesContextValue>();

export function FilesProvider(props: {
  value: FilesContextValue;
  children: JSX.Element;
}): JSX.Element {
  return <FilesContext.Provider value={props.value}>{props.children}</FilesContext.Provider>;
}

export function useFiles(): FilesContextValue {
  const value = useContext(FilesContext);
  if (!value) throw new Error('useFiles() must be called inside <FilesProvider>');
  return value;
}
