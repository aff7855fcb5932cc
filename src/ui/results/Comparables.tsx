import { createMemo, For, type JSX } from 'solid-js';
import { LEASE_DEALS } from '../../data/lease-deals';
import { Chart } from '../charts/Chart';
import { comparablesData, comparablesOptions } from '../charts/configs';
import type { Palette } from '../charts/theme';
import { formatNumber, formatUsd } from '../format';
import { TableScroll } from './TableScroll';

const PRICED_DEALS = LEASE_DEALS.filter((deal) => deal.avgUsdPerItKwMonth !== null);
const RATES = PRICED_DEALS.map((deal) => deal.avgUsdPerItKwMonth!);

/** Where the offer's rent sits among the public AI/HPC leases signed by miners. */
export function Comparables(props: { offerUsdPerKwMonth: number; palette: Palette }): JSX.Element {
  const options = createMemo(() => comparablesOptions(props.palette));
  return (
    <div class="comparables">
      <ComparablesNote offerUsdPerKwMonth={props.offerUsdPerKwMonth} />
      <Chart
        id="chart-comparables"
        subject={`offer ${formatUsd(props.offerUsdPerKwMonth, 2)}/kW-mo against public deals`}
        label="Bar chart: the offer's rent per kW-month against the public deals' average rents"
        type="bar"
        data={comparablesData(props.offerUsdPerKwMonth, LEASE_DEALS, props.palette)}
        options={options()}
      />
      <details class="advanced">
        <summary>The public deals ({LEASE_DEALS.length})</summary>
        <TableScroll label="Public AI/HPC lease deals">
          <ComparablesTable />
        </TableScroll>
      </details>
    </div>
  );
}

/** Where the offer sits among the public deals, in one sentence (page and board pack). */
export function ComparablesNote(props: { offerUsdPerKwMonth: number }): JSX.Element {
  const above = () => RATES.filter((rate) => rate > props.offerUsdPerKwMonth).length;
  return (
    <p class="section-note">
      The offer's {formatUsd(props.offerUsdPerKwMonth, 2)} per kW-month (year 1) is below {above()}{' '}
      and at or above {RATES.length - above()} of {RATES.length} public deals, whose average rents
      run from {formatUsd(Math.min(...RATES), 2)} to {formatUsd(Math.max(...RATES), 2)}. Deal rents
      are averages over the term (escalators included), so a year-1 rate compares a little low.
    </p>
  );
}

/** The public AI/HPC lease deals signed by miners (page and board pack). */
export function ComparablesTable(props: { id?: string }): JSX.Element {
  return (
    <>
      <table class="data" id={props.id ?? 'comparables-table'}>
        <thead>
          <tr>
            <th scope="col">Company · site</th>
            <th scope="col">Tenant</th>
            <th scope="col" class="num">
              IT MW
            </th>
            <th scope="col" class="num">
              Term
              <br />
              <span class="unit-head">years</span>
            </th>
            <th scope="col" class="num">
              Avg rent
              <br />
              <span class="unit-head">$/kW-mo</span>
            </th>
            <th scope="col">Announced</th>
            <th scope="col">Type</th>
          </tr>
        </thead>
        <tbody>
          <For each={LEASE_DEALS}>
            {(deal) => (
              <tr>
                <th scope="row">
                  {deal.company} · {deal.site}
                </th>
                <td>
                  {deal.tenant}
                  {deal.creditSupport ? ` (${deal.creditSupport})` : ''}
                </td>
                <td class="num">{deal.itMw === null ? 'n/d' : formatNumber(deal.itMw)}</td>
                <td class="num">{deal.termYears}</td>
                <td class="num" title={deal.notes ?? undefined}>
                  {deal.avgUsdPerItKwMonth === null
                    ? 'n/d'
                    : formatNumber(deal.avgUsdPerItKwMonth, 1, 1)}
                </td>
                <td>{deal.announced}</td>
                <td>{deal.leaseType ?? '—'}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <p class="footnote">
        n/d: not disclosed. Source: company press releases and filings, 2024–2026; verify before
        quoting to a board.
      </p>
    </>
  );
}
