import './zodConfig';
import { z } from 'zod/mini';

/** The field builders every section of the scenario uses: a range is the rule users see. */

/** A bounded finite number with a description; optional default. */
export function num(
  description: string,
  range: { min?: number; max?: number; gt?: number },
): z.ZodMiniNumber<number> {
  const checks: z.core.$ZodCheck<number>[] = [];
  if (range.gt !== undefined) checks.push(z.gt(range.gt));
  if (range.min !== undefined) checks.push(z.minimum(range.min));
  if (range.max !== undefined) checks.push(z.maximum(range.max));
  return z.number().check(...checks, z.describe(description));
}

export function int(description: string, min: number, max: number): z.ZodMiniNumberFormat {
  return z.int().check(z.minimum(min), z.maximum(max), z.describe(description));
}

export const percent = (description: string) => num(description, { min: 0, max: 100 });
