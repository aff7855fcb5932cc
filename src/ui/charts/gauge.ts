/**
 * Geometry of a half-circle gauge in SVG user units (the probability that converting beats
 * mining): the track and the arc up to a share, both as path data for `<path d>`, so the gauge
 * needs no inline style (the page's CSP) and its colours come from CSS.
 */
export interface GaugeGeometry {
  readonly width: number;
  readonly height: number;
  readonly track: string;
  /** Empty for a share of 0. */
  readonly value: string;
}

const RADIUS = 50;
const STROKE = 14;
const CENTRE_X = RADIUS + STROKE / 2;
const CENTRE_Y = RADIUS + STROKE / 2;

/** The point at `share` (0 = left end, 1 = right end) along the upper half circle. */
function pointAt(share: number): string {
  const angle = Math.PI * (1 - share);
  const x = CENTRE_X + RADIUS * Math.cos(angle);
  const y = CENTRE_Y - RADIUS * Math.sin(angle);
  return `${x.toFixed(2)} ${y.toFixed(2)}`;
}

/** Clockwise arc from the left end to `share` (never more than half a turn). */
function arcTo(share: number): string {
  return `M ${pointAt(0)} A ${RADIUS} ${RADIUS} 0 0 1 ${pointAt(share)}`;
}

export function gaugeGeometry(share: number): GaugeGeometry {
  const clamped = Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0;
  return {
    width: 2 * CENTRE_X,
    height: CENTRE_Y + STROKE / 2,
    track: arcTo(1),
    value: clamped > 0 ? arcTo(clamped) : '',
  };
}

export const GAUGE_STROKE_WIDTH = STROKE;
