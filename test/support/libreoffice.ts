import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readCsv } from './csvReader';

/**
 * LibreOffice headless, for tests that recalculate a workbook the app wrote. `soffice` must be on
 * PATH (`apt-get install -y libreoffice-calc-nogui`; `.ci/run` installs it): without it the
 * tests FAIL with a message saying so, they are never skipped.
 *
 * The command (LibreOffice ≥ 7.2; one CSV per sheet with the `-1` sheet token):
 *
 *     soffice -env:UserInstallation=file:///tmp/<profile> --headless \
 *       --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
 *       --outdir <dir> <file.xlsx>
 *
 * Filter tokens: comma, double quote, UTF-8 (76), start at line 1, default cell formats, language
 * 0, quoted fields as text off, detect special numbers on, cell contents *as stored* (not as
 * shown: full precision, 15 significant digits), no formulas, no space trimming, every sheet.
 *
 * LibreOffice does NOT recalculate an `.xlsx` on load by default: it shows the cached results
 * the file carries. The fresh profile written here sets `OOXMLRecalcMode` to 0 ("always
 * recalculate"), so every formula is computed by LibreOffice itself; `recalculate: false` keeps
 * the default (cached values), which the tests use to prove the difference.
 */

const CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';

/** `registrymodifications.xcu` of a throw-away profile that recalculates files on load. */
const RECALCULATE_PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

function run(
  command: string,
  args: readonly string[],
  timeoutMs: number,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: timeoutMs }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stdout, stderr }));
      else resolve({ stdout, stderr });
    });
  });
}

/**
 * The installed LibreOffice version, e.g. `[7, 4, 7]`. Throws a clear error when `soffice` is
 * missing or older than 7.2 (which cannot write every sheet to its own CSV file).
 */
export async function requireLibreOffice(): Promise<{ version: number[]; text: string }> {
  let stdout: string;
  try {
    ({ stdout } = await run('soffice', ['--version'], 60_000));
  } catch (error) {
    throw new Error(
      `LibreOffice is required for the workbook recalculation tests, but "soffice --version" failed (${(error as Error).message.split('\n')[0]}). Install it: apt-get install -y libreoffice-calc-nogui`,
    );
  }
  const match = /LibreOffice (\d+)\.(\d+)\.(\d+)/.exec(stdout);
  if (!match) throw new Error(`cannot read the LibreOffice version from: ${stdout.trim()}`);
  const version = match.slice(1).map(Number);
  const [major = 0, minor = 0] = version;
  if (major < 7 || (major === 7 && minor < 2)) {
    throw new Error(`LibreOffice ≥ 7.2 is required (CSV export of every sheet); found ${match[0]}`);
  }
  return { version, text: match[0] };
}

/** Every sheet of a workbook as rows of text fields, by sheet name. */
export type SheetsAsCsv = Map<string, string[][]>;

/**
 * Opens `workbookPath` in LibreOffice headless (recalculating every formula unless
 * `recalculate` is false), writes each sheet as CSV into `workDir` and reads them back.
 */
export async function convertToCsv(
  workbookPath: string,
  workDir: string,
  options: { recalculate?: boolean } = {},
): Promise<SheetsAsCsv> {
  const converted = await convertManyToCsv([workbookPath], workDir, options);
  return converted.get(workbookPath)!;
}

/**
 * {@link convertToCsv} for several workbooks in ONE soffice run (LibreOffice starts once: a few
 * seconds saved per file). File stems must differ; the result is keyed by the given paths.
 */
export async function convertManyToCsv(
  workbookPaths: readonly string[],
  workDir: string,
  options: { recalculate?: boolean } = {},
): Promise<Map<string, SheetsAsCsv>> {
  await requireLibreOffice();
  const stems = workbookPaths.map((path) => basename(path, extname(path)));
  for (const stem of stems) {
    const clash = stems.find((other) => other !== stem && other.startsWith(`${stem}-`));
    if (clash) throw new Error(`file stems "${stem}" and "${clash}": their CSV files would mix`);
  }
  const recalculate = options.recalculate ?? true;
  const profileDir = join(workDir, recalculate ? 'profile-recalculate' : 'profile-default');
  const outDir = join(workDir, recalculate ? 'csv-recalculated' : 'csv-cached');
  await mkdir(join(profileDir, 'user'), { recursive: true });
  if (recalculate) {
    await writeFile(join(profileDir, 'user', 'registrymodifications.xcu'), RECALCULATE_PROFILE);
  }
  await mkdir(outDir, { recursive: true });
  const args = [
    `-env:UserInstallation=${pathToFileURL(profileDir).href}`,
    '--headless',
    '--norestore',
    '--convert-to',
    CSV_FILTER,
    '--outdir',
    outDir,
    ...workbookPaths,
  ];
  try {
    await run('soffice', args, 600_000);
  } catch (error) {
    const { stderr = '' } = error as { stderr?: string };
    throw new Error(`soffice ${args.join(' ')} failed: ${(error as Error).message}\n${stderr}`);
  }
  const files = await readdir(outDir);
  const result = new Map<string, SheetsAsCsv>();
  for (const workbookPath of workbookPaths) {
    const stem = basename(workbookPath, extname(workbookPath));
    const sheets: SheetsAsCsv = new Map();
    for (const file of files) {
      if (!file.startsWith(`${stem}-`) || !file.endsWith('.csv')) continue;
      const sheetName = file.slice(stem.length + 1, -'.csv'.length);
      sheets.set(sheetName, readCsv(await readFile(join(outDir, file), 'utf8'), 'any'));
    }
    if (sheets.size === 0) throw new Error(`soffice wrote no CSV for ${workbookPath} in ${outDir}`);
    result.set(workbookPath, sheets);
  }
  return result;
}

/**
 * A number as LibreOffice writes it: plain (`-1234.5`), or a percentage (`21.4%`, the stored
 * fraction shown ×100 with 15 significant digits). NaN for anything else.
 */
export function numberFromCalc(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return Number.NaN;
  const percent = text.endsWith('%');
  const value = Number(percent ? text.slice(0, -1) : text);
  return percent ? value / 100 : value;
}

/**
 * Prints a workbook to PDF with LibreOffice headless (its own page setup: orientation, scaling,
 * print titles) and returns the PDF's path.
 */
export async function convertToPdf(workbookPath: string, workDir: string): Promise<string> {
  await requireLibreOffice();
  const profileDir = join(workDir, 'profile-pdf');
  const outDir = join(workDir, 'pdf');
  await mkdir(join(profileDir, 'user'), { recursive: true });
  await mkdir(outDir, { recursive: true });
  const args = [
    `-env:UserInstallation=${pathToFileURL(profileDir).href}`,
    '--headless',
    '--norestore',
    '--convert-to',
    'pdf',
    '--outdir',
    outDir,
    workbookPath,
  ];
  try {
    await run('soffice', args, 180_000);
  } catch (error) {
    const { stderr = '' } = error as { stderr?: string };
    throw new Error(`soffice ${args.join(' ')} failed: ${(error as Error).message}\n${stderr}`);
  }
  return join(outDir, `${basename(workbookPath, extname(workbookPath))}.pdf`);
}

/** `pdfinfo` and `pdftotext` (poppler-utils): page count, each page's size, a page's text. */
export async function pdfPages(
  pdfPath: string,
): Promise<{ count: number; sizes: { widthPt: number; heightPt: number }[] }> {
  const { stdout } = await run('pdfinfo', ['-f', '1', '-l', '100000', pdfPath], 60_000);
  const count = Number(stdout.match(/^Pages:\s+(\d+)/m)?.[1]);
  const sizes = [...stdout.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) => ({
    widthPt: Number(m[1]),
    heightPt: Number(m[2]),
  }));
  return { count, sizes };
}

export async function pdfPageText(pdfPath: string, page: number): Promise<string> {
  const { stdout } = await run(
    'pdftotext',
    ['-f', String(page), '-l', String(page), '-layout', pdfPath, '-'],
    60_000,
  );
  return stdout;
}
