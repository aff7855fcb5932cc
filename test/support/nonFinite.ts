/** Paths of every number in `value` that is NaN or ±Infinity (for "finite outputs" checks). */
export function nonFinitePaths(value: unknown, path = '$', out: string[] = []): string[] {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`${path} = ${value}`);
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) nonFinitePaths(item, `${path}[${i}]`, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) nonFinitePaths(item, `${path}.${key}`, out);
  }
  return out;
}
