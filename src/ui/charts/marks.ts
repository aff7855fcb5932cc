/** Performance mark set when the first chart has drawn (read by bench/app.ts). */
export const FIRST_CHART_MARK = 'mine-or-lease:first-chart';
