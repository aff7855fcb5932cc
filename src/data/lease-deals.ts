/**
 * Public AI/HPC leases signed by Bitcoin miners, for the market comparables view.
 * Source: test/fixtures/reference/ai-lease-deals.csv (company press releases and filings as reported
 * 2024–2026; verify before quoting to a board). The rent is the implied average over the term:
 * contract value ÷ (years × 12) ÷ (IT MW × 1000), so escalators are averaged in, whereas an
 * offer's rate is its year-1 rent. Copied here so the built app needs nothing outside the repo.
 */
export interface LeaseDeal {
  readonly company: string;
  readonly site: string;
  readonly tenant: string;
  readonly creditSupport: string | null;
  readonly itMw: number | null;
  readonly termYears: number;
  readonly contractValueUsd: number;
  /** Announcement month (YYYY-MM). */
  readonly announced: string;
  readonly leaseType: string | null;
  /** Implied average rent (USD per kW of critical IT per month); null where IT MW is undisclosed. */
  readonly avgUsdPerItKwMonth: number | null;
  readonly notes: string | null;
}

export const LEASE_DEALS: readonly LeaseDeal[] = [
  {
    company: 'Core Scientific',
    site: 'Denton TX and others',
    tenant: 'CoreWeave',
    creditSupport: null,
    itMw: 200,
    termYears: 12,
    contractValueUsd: 3_500_000_000,
    announced: '2024-06',
    leaseType: 'license + power pass-through',
    avgUsdPerItKwMonth: 121.5,
    notes: 'tenant funded most build capex in 2025',
  },
  {
    company: 'Core Scientific',
    site: 'six sites (all options)',
    tenant: 'CoreWeave',
    creditSupport: null,
    itMw: 500,
    termYears: 12,
    contractValueUsd: 8_700_000_000,
    announced: '2024-10',
    leaseType: 'license + power pass-through',
    avgUsdPerItKwMonth: 120.8,
    notes: null,
  },
  {
    company: 'Galaxy',
    site: 'Helios phase 1 (Dickens County TX)',
    tenant: 'CoreWeave',
    creditSupport: null,
    itMw: 133,
    termYears: 15,
    contractValueUsd: 4_500_000_000,
    announced: '2025-03',
    leaseType: 'NNN',
    avgUsdPerItKwMonth: 188.0,
    notes: 'capex 11-13 M USD per IT MW',
  },
  {
    company: 'Applied Digital',
    site: 'Polaris Forge 1 (Ellendale ND)',
    tenant: 'CoreWeave',
    creditSupport: null,
    itMw: 400,
    termYears: 15,
    contractValueUsd: 11_000_000_000,
    announced: '2025-06',
    leaseType: null,
    avgUsdPerItKwMonth: 152.8,
    notes: 'design PUE 1.18',
  },
  {
    company: 'Applied Digital',
    site: 'Polaris Forge 2 (Harwood ND)',
    tenant: 'investment-grade hyperscaler',
    creditSupport: null,
    itMw: 200,
    termYears: 15,
    contractValueUsd: 5_000_000_000,
    announced: '2025-10',
    leaseType: null,
    avgUsdPerItKwMonth: 138.9,
    notes: null,
  },
  {
    company: 'Cipher Mining',
    site: 'Barber Lake (Colorado City TX)',
    tenant: 'Fluidstack',
    creditSupport: 'Google backstop 1.4B',
    itMw: 168,
    termYears: 10,
    contractValueUsd: 3_000_000_000,
    announced: '2025-09',
    leaseType: 'modified gross',
    avgUsdPerItKwMonth: 148.8,
    notes: 'cost 9-11 M USD per IT MW',
  },
  {
    company: 'Cipher Mining',
    site: 'Black Pearl (Wink TX)',
    tenant: 'Amazon Web Services',
    creditSupport: null,
    itMw: null,
    termYears: 15,
    contractValueUsd: 5_500_000_000,
    announced: '2025-11',
    leaseType: 'turnkey space and power',
    avgUsdPerItKwMonth: null,
    notes: 'IT MW not disclosed; 101.9 per utility kW-month',
  },
  {
    company: 'TeraWulf',
    site: 'Lake Mariner CB-3/4/5 (NY)',
    tenant: 'Fluidstack',
    creditSupport: 'Google backstop 3.2B',
    itMw: 360,
    termYears: 10,
    contractValueUsd: 6_700_000_000,
    announced: '2025-08',
    leaseType: 'modified gross',
    avgUsdPerItKwMonth: 155.1,
    notes: 'cost 8-10 M USD per IT MW',
  },
  {
    company: 'TeraWulf-Fluidstack JV',
    site: 'Abernathy TX',
    tenant: 'Fluidstack',
    creditSupport: 'Google backstop 1.3B',
    itMw: 168,
    termYears: 25,
    contractValueUsd: 9_500_000_000,
    announced: '2025-10',
    leaseType: null,
    avgUsdPerItKwMonth: 188.5,
    notes: 'tenant may shorten to 20 or 15 years',
  },
  {
    company: 'Hut 8',
    site: 'River Bend (West Feliciana LA)',
    tenant: 'Fluidstack',
    creditSupport: 'Google backstop',
    itMw: 245,
    termYears: 15,
    contractValueUsd: 7_000_000_000,
    announced: '2025-12',
    leaseType: 'NNN',
    avgUsdPerItKwMonth: 158.7,
    notes: 'cost 9-11 M USD per IT MW; 3x5-year renewals',
  },
  {
    company: 'Hut 8',
    site: 'Beacon Point (Nueces County TX)',
    tenant: 'investment-grade tenant',
    creditSupport: null,
    itMw: 352,
    termYears: 15,
    contractValueUsd: 9_800_000_000,
    announced: '2026-05',
    leaseType: 'NNN, take-or-pay',
    avgUsdPerItKwMonth: 154.7,
    notes: 'no termination for convenience',
  },
  {
    company: 'Riot Platforms',
    site: 'Rockdale TX',
    tenant: 'AMD',
    creditSupport: null,
    itMw: 25,
    termYears: 10,
    contractValueUsd: 311_000_000,
    announced: '2026-01',
    leaseType: 'lease + services',
    avgUsdPerItKwMonth: 103.7,
    notes: 'retrofit capex about 3.6 M USD per IT MW',
  },
];
