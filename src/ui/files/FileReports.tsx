import { For, type JSX, Match, Switch } from 'solid-js';
import { type FileReport, SHARE_LINK_SOURCE } from '../../state/files';
import { useFiles } from './context';

function quoted(names: readonly string[]): string {
  return names.map((name) => `“${name}”`).join(', ');
}

/**
 * What became of each import, until dismissed: scenarios added (and under which names), or a
 * refused file with every problem, one `path = value: rule` line each, and the assurance that
 * nothing changed.
 */
export function FileReports(): JSX.Element {
  const { files } = useFiles();
  // Dismissing removes the focused button: focus goes back to Import… rather than the page top.
  const dismiss = (id: number) => {
    files.dismiss(id);
    document.getElementById('import-button')?.focus();
  };
  return (
    <div class="file-reports">
      <For each={files.reports()}>
        {(report) => (
          <Switch>
            <Match when={report.kind === 'added' && report}>
              {(added) => (
                <div class="notice notice-ok" role="status" data-report="added">
                  <p>
                    Added {added().names.length === 1 ? '' : `${added().names.length} scenarios, `}
                    {quoted(added().names)} from {added().source}.
                  </p>
                  <DismissButton onClick={() => dismiss(report.id)} />
                </div>
              )}
            </Match>
            <Match when={report.kind === 'rejected' && report}>
              {(rejected) => <RejectedReport report={rejected()} onDismiss={dismiss} />}
            </Match>
            <Match when={report.kind === 'failed' && report}>
              {(failed) => (
                <div class="notice notice-error" role="alert" data-report="failed">
                  <p>{failed().text}</p>
                  <DismissButton onClick={() => dismiss(report.id)} />
                </div>
              )}
            </Match>
          </Switch>
        )}
      </For>
    </div>
  );
}

function RejectedReport(props: {
  report: Extract<FileReport, { kind: 'rejected' }>;
  onDismiss: (id: number) => void;
}): JSX.Element {
  const count = () => props.report.problems.length;
  const titleId = () => `file-report-${props.report.id}`;
  return (
    <section
      class="import-problems"
      role="alert"
      aria-labelledby={titleId()}
      data-report="rejected"
      data-source={props.report.source}
    >
      <h2 id={titleId()}>
        {props.report.source === SHARE_LINK_SOURCE
          ? 'The share link could not be opened'
          : `“${props.report.source}” was not imported`}
      </h2>
      <p class="import-summary">
        Nothing in the workspace was changed.{' '}
        {count() === 1 ? 'The problem' : `${count()} problems`}
        {count() === 1 ? ' is' : ', each as field = value: rule'}:
      </p>
      <ul class="problem-lines">
        <For each={props.report.problems}>{(line) => <li>{line}</li>}</For>
      </ul>
      <DismissButton onClick={() => props.onDismiss(props.report.id)} />
    </section>
  );
}

function DismissButton(props: { onClick: () => void }): JSX.Element {
  return (
    <button type="button" class="button-quiet" onClick={() => props.onClick()}>
      Dismiss
    </button>
  );
}
