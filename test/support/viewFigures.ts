import { expect } from 'vitest';
import type { ViewFigures } from '../../src/engine/levered';

type Figures = Pick<
  ViewFigures,
  'npvUsd' | 'netCashFlowUsd' | 'irr' | 'payback' | 'peakFundingUsd' | 'moic'
> & { readonly incremental: { readonly npvUsd: number } | null };

/** The figures every view reports are the same: NPV, flows, IRR, payback, peak funding, MOIC, ΔNPV. */
export function expectSameFigures(actual: Figures, expected: Figures): void {
  expect(actual.npvUsd).toBe(expected.npvUsd);
  expect(actual.netCashFlowUsd).toEqual(expected.netCashFlowUsd);
  expect(actual.irr).toEqual(expected.irr);
  expect(actual.payback).toEqual(expected.payback);
  expect(actual.peakFundingUsd).toBe(expected.peakFundingUsd);
  expect(actual.moic).toEqual(expected.moic);
  expect(actual.incremental?.npvUsd).toBe(expected.incremental?.npvUsd);
}
