import { createMemo, type JSX, Show } from 'solid-js';
import type { ScenarioIssue } from '../../schema/validate';
import { useApp } from '../context';
import { issueText } from './Field';

/** Issue paths that fall under one of `prefixes` (a key, its members and its items). */
export function issuesUnder(
  issues: readonly ScenarioIssue[],
  prefixes: readonly string[],
): ScenarioIssue[] {
  return issues.filter((issue) =>
    prefixes.some(
      (prefix) =>
        issue.path === prefix ||
        issue.path.startsWith(`${prefix}.`) ||
        issue.path.startsWith(`${prefix}[`),
    ),
  );
}

/**
 * A collapsible input group (native details/summary: keyboard and screen readers for free).
 * The summary counts the group's problems, so a closed group still shows that it needs work.
 */
export function Group(props: {
  id: string;
  title: string;
  /** Top-level scenario keys edited in this group, to count its problems. */
  keys: readonly string[];
  open: boolean;
  children: JSX.Element;
}): JSX.Element {
  const app = useApp();
  const count = createMemo(() => issuesUnder(app.activeTab().issues, props.keys).length);
  return (
    <details class="group" id={`group-${props.id}`} open={props.open}>
      <summary>
        <h2 class="group-title">{props.title}</h2>
        <Show when={count() > 0}>
          <span class="badge-error">
            {count()} problem{count() === 1 ? '' : 's'}
          </span>
        </Show>
      </summary>
      <div class="group-body">{props.children}</div>
    </details>
  );
}

/** Fields most sites leave at their defaults, folded away under a short description. */
export function Advanced(props: { summary: string; children: JSX.Element }): JSX.Element {
  return (
    <details class="advanced">
      <summary>{props.summary}</summary>
      <div class="advanced-body">{props.children}</div>
    </details>
  );
}

/** One row of a list (a fleet model, a price case, a tranche) with its remove button. */
export function RowCard(props: {
  legend: string;
  removeLabel: string;
  canRemove: boolean;
  onRemove: () => void;
  children: JSX.Element;
}): JSX.Element {
  return (
    <fieldset class="row-card">
      <legend>{props.legend}</legend>
      {props.children}
      <button
        type="button"
        class="button-quiet row-remove"
        disabled={!props.canRemove}
        aria-label={props.removeLabel}
        onClick={() => props.onRemove()}
      >
        Remove
      </button>
    </fieldset>
  );
}

/** Problems of a list as a whole (e.g. the fleet draws more than the site), under the list. */
export function ListIssues(props: { path: string }): JSX.Element {
  const app = useApp();
  const issues = () => app.activeTab().issues.filter((issue) => issue.path === props.path);
  return (
    <Show when={issues().length > 0}>
      <p class="error list-error" id={`list-error-${props.path.replace(/\W+/g, '-')}`}>
        {issues()
          .map((issue) => issueText(issue, props.path, false))
          .join(' ')}
      </p>
    </Show>
  );
}
