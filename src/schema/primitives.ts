import './zodConfig';
import { z } from 'zod';

/** The field builders every section of the scenario uses: a range is the rule users see. */

/** A bounded finite number with a description; optional default. */
export function num(
  description: string,
  range: { min?: number; max?: number; gt?: number },
): z.ZodNumber {
  let schema = z.number().describe(description);
  if (range.gt !== undefined) schema = schema.gt(range.gt);
  if (range.min !== undefined) schema = schema.min(range.min);
  if (range.max !== undefined) schema = schema.max(range.max);
  return schema;
}

export function int(description: string, min: number, max: number): z.ZodInt {
  return z.int().min(min).max(max).describe(description);
}

export const percent = (description: string) => num(description, { min: 0, max: 100 });
