import { formatPath } from '../schema/validate';

/** A field's place in a scenario: keys and array indices, e.g. `['fleet', 0, 'powerW']`. */
export type FieldPath = readonly (string | number)[];

/** The same text `parseScenario` uses in its issues, e.g. `fleet[0].powerW`. */
export function pathKey(path: FieldPath): string {
  return formatPath(path);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `path`, or undefined where the path leaves the tree. */
export function getAt(root: unknown, path: FieldPath): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (Array.isArray(node) && typeof key === 'number') node = node[key];
    else if (isRecord(node) && typeof key === 'string') node = node[key];
    else return undefined;
  }
  return node;
}

/** The array at `path`, or an empty one where the draft has none (yet). */
export function listAt(root: unknown, path: FieldPath): unknown[] {
  const value = getAt(root, path);
  return Array.isArray(value) ? value : [];
}

/** Sets `value` at `path` in place, creating missing objects on the way (for drafts only). */
export function setAt(root: Record<string, unknown>, path: FieldPath, value: unknown): void {
  if (path.length === 0) throw new RangeError('setAt needs a non-empty path');
  let node: Record<string | number, unknown> = root;
  for (let i = 0; i < path.length - 1; i += 1) {
    const key = path[i]!;
    const next = node[key];
    if (typeof next === 'object' && next !== null) node = next as Record<string | number, unknown>;
    else {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    }
  }
  node[path[path.length - 1]!] = value;
}

/** Every leaf of a JSON tree with its path; arrays of numbers count as one leaf (a series). */
export function flattenLeaves(
  root: unknown,
  prefix: FieldPath = [],
): { path: FieldPath; value: unknown }[] {
  if (Array.isArray(root)) {
    if (root.every((item) => typeof item !== 'object' || item === null)) {
      return [{ path: prefix, value: root }];
    }
    return root.flatMap((item, index) => flattenLeaves(item, [...prefix, index]));
  }
  if (isRecord(root)) {
    return Object.entries(root).flatMap(([key, value]) => flattenLeaves(value, [...prefix, key]));
  }
  return [{ path: prefix, value: root }];
}

/** Deep equality for JSON values (drafts, scenarios). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => key in b && jsonEqual(a[key], b[key]))
    );
  }
  return false;
}
