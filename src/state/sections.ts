import { financingSchema, fleetDebtSchema, projectDebtSchema, taxSchema } from '../schema/scenario';
import { type FieldPath, getAt, isRecord } from './paths';

/**
 * The optional sections a user switches on and off in the inputs (docs/app.md, "Financing and
 * taxes"): project debt and fleet debt (`financing.projectDebt` / `financing.fleetDebt`, null =
 * off) and tax (`tax`, absent = off). Plain data over a draft, no finance.
 */
export type SectionId = 'projectDebt' | 'fleetDebt' | 'tax';

export const SECTION_PATHS: Readonly<Record<SectionId, FieldPath>> = {
  projectDebt: ['financing', 'projectDebt'],
  fleetDebt: ['financing', 'fleetDebt'],
  tax: ['tax'],
};

/** Whether the draft has the section switched on (an object where it lives). */
export function sectionIsOn(draft: unknown, id: SectionId): boolean {
  return isRecord(getAt(draft, SECTION_PATHS[id]));
}

/** A new section as the schema fills it in: every field at its default. */
export function sectionDefaults(id: SectionId): Record<string, unknown> {
  switch (id) {
    case 'projectDebt':
      return { ...projectDebtSchema.parse({}) };
    case 'fleetDebt':
      return { ...fleetDebtSchema.parse({}) };
    case 'tax':
      return { ...taxSchema.parse({}) };
  }
}

/** A new financing block as the schema fills it in: board view, cost of equity, no debt. */
const FINANCING_DEFAULTS: Readonly<Record<string, unknown>> = financingSchema.parse({});

/**
 * Whether a financing block says nothing the absent section would not: no debt, and the board
 * view and cost of equity missing or at their defaults. Such a block is dropped when the last
 * debt is switched off, so the file (and every figure) is what it was before debt was switched on.
 */
export function financingIsEmpty(financing: unknown): boolean {
  if (!isRecord(financing)) return true;
  return Object.entries(financing).every(([key, value]) => {
    if (key === 'projectDebt' || key === 'fleetDebt') return value === null || value === undefined;
    return key in FINANCING_DEFAULTS && (value === undefined || value === FINANCING_DEFAULTS[key]);
  });
}

/**
 * Puts `value` (an object: on; null: off) in the draft's section, in place. Tax off removes the
 * `tax` key; a debt off is null, and a financing block left empty (`financingIsEmpty`) goes.
 */
export function putSection(
  draft: Record<string, unknown>,
  id: SectionId,
  value: Record<string, unknown> | null,
): void {
  if (id === 'tax') {
    if (value) draft.tax = value;
    else delete draft.tax;
    return;
  }
  if (!isRecord(draft.financing)) {
    if (!value) return;
    draft.financing = { ...FINANCING_DEFAULTS };
  }
  const financing = draft.financing as Record<string, unknown>;
  financing[id] = value;
  if (!value && financingIsEmpty(financing)) delete draft.financing;
}
