/**
 * Scenario comparisons as one file (docs/files.md): every compared scenario side by side — the
 * inputs that differ, NPV and incremental NPV per price case × strategy, the breakevens — as CSV,
 * and as an XLSX whose `Compare` sheet links live to each scenario's own sheets (prefixed `S1 `,
 * `S2 `, …, each the full live model of that scenario, its names prefixed `S1_`, `S2_`, …).
 */
import type * as ExcelJS from 'exceljs';
import type { Evaluation, Ledger } from '../engine/index';
import { comparisonLines } from './comparisonLines';
import { columnLetter, sheetRef } from './workbookModel';
import { newWorkbook, populateWorkbook, writeXlsx } from './xlsx';

export { STRATEGY_NAMES, scenarioComparisonCsv } from './comparisonLines';

// ---------------------------------------------------------------------------------------------
// XLSX: each scenario's sheets copied under a prefix, formulas and names rewritten
// ---------------------------------------------------------------------------------------------

const SHEET_NAME_MAX = 31;

/**
 * Rewrites a formula's sheet references and defined names (outside string literals): quoted
 * `'Sheet'!`, bare `Sheet!`, and names in `names`.
 */
export function rewriteFormula(
  formula: string,
  sheets: ReadonlyMap<string, string>,
  names: ReadonlyMap<string, string>,
): string {
  const token = /'((?:[^']|'')+)'!|([A-Za-z_][A-Za-z0-9_.]*)(!?)/g;
  return formula
    .split('"')
    .map((segment, index) => {
      if (index % 2 === 1) return segment; // inside a string literal
      return segment.replace(
        token,
        (match, quoted: string | undefined, bare: string | undefined, bang: string, at: number) => {
          if (quoted !== undefined) {
            const renamed = sheets.get(quoted.replaceAll("''", "'"));
            return renamed ? sheetRef(renamed) : match;
          }
          if (bang) {
            const renamed = sheets.get(bare!);
            return renamed ? sheetRef(renamed) : match;
          }
          // A name: not part of a cell reference ($A$1), not a function (followed by "(").
          const before = segment[at - 1];
          const after = segment[at + match.length];
          if (before === '$' || after === '(') return match;
          return names.get(bare!) ?? match;
        },
      );
    })
    .join('"');
}

/** Copies every sheet and name of `source` into `target`, renamed under `prefix`. */
function transfer(
  source: ExcelJS.Workbook,
  target: ExcelJS.Workbook,
  prefix: string,
  taken: Set<string>,
): Map<string, string> {
  const sheets = new Map<string, string>();
  for (const sheet of source.worksheets) {
    let name = `${prefix} ${sheet.name}`.slice(0, SHEET_NAME_MAX);
    for (let n = 2; taken.has(name.toLowerCase()); n += 1) {
      const tail = ` ${n}`;
      name = `${prefix} ${sheet.name}`.slice(0, SHEET_NAME_MAX - tail.length) + tail;
    }
    taken.add(name.toLowerCase());
    sheets.set(sheet.name, name);
  }
  const names = new Map<string, string>();
  const definedNames = source.definedNames.model;
  const namePrefix = prefix.replace(/\W/g, '');
  for (const { name } of definedNames) names.set(name, `${namePrefix}_${name}`);
  for (const sheet of source.worksheets) {
    const copy = target.addWorksheet(sheets.get(sheet.name)!, {
      views: sheet.views,
      pageSetup: sheet.pageSetup,
    });
    sheet.columns.forEach((column, index) => {
      if (column.width !== undefined) copy.getColumn(index + 1).width = column.width;
    });
    sheet.eachRow((row, rowNumber) => {
      const targetRow = copy.getRow(rowNumber);
      row.eachCell((cell, columnNumber) => {
        const value = cell.value;
        const targetCell = targetRow.getCell(columnNumber);
        if (value !== null && typeof value === 'object' && 'formula' in value && value.formula) {
          targetCell.value = {
            ...value,
            formula: rewriteFormula(value.formula, sheets, names),
          } as ExcelJS.CellFormulaValue;
        } else {
          targetCell.value = value;
        }
        targetCell.style = cell.style;
      });
    });
  }
  for (const { name, ranges } of definedNames) {
    for (const range of ranges) {
      target.definedNames.add(rewriteFormula(range, sheets, new Map()), names.get(name)!);
    }
  }
  return sheets;
}

/**
 * The comparison workbook: a `Compare` sheet whose cells link to each scenario's live sheets,
 * then every scenario's full workbook (its ledgers from `ledgers[k]`) under the prefix `S<k+1>`.
 */
export async function buildComparisonWorkbook(
  evaluations: readonly Evaluation[],
  ledgers: readonly (readonly Ledger[])[],
): Promise<Uint8Array> {
  const workbook = await newWorkbook();
  workbook.creator = 'Mine or Lease';
  workbook.title = 'Scenario comparison';
  workbook.calcProperties.fullCalcOnLoad = true;
  const compare = workbook.addWorksheet('Compare', {
    views: [{ state: 'frozen', xSplit: 3, ySplit: 4 }],
  });
  const taken = new Set(['compare']);
  const renamed: Map<string, string>[] = [];
  for (const [k, evaluation] of evaluations.entries()) {
    const single = await newWorkbook();
    populateWorkbook(single, evaluation, ledgers[k] ?? []);
    renamed.push(transfer(single, workbook, `S${k + 1}`, taken));
  }
  compare.getCell('A1').value = 'Scenarios side by side';
  compare.getCell('A1').font = { bold: true, size: 13 };
  compare.getCell('A2').value =
    'Inputs and NPVs link live to each scenario’s sheets (S1 …, S2 …): change an input there and this sheet follows. Breakevens are solved by the app at export (root finding over the whole model) and are values.';
  compare.getCell('A2').font = { italic: true };
  const header = compare.getRow(4);
  header.values = [
    'Section',
    'Item',
    'Price case',
    ...evaluations.map((e, k) => `S${k + 1}: ${e.scenario.name}`),
    ...evaluations.slice(1).map((_, k) => `Change S${k + 2} − S1`),
  ];
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  const n = evaluations.length;
  comparisonLines(evaluations).forEach((line, i) => {
    const r = 5 + i;
    const cells: ExcelJS.CellValue[] = [line.section, line.item, line.priceCase];
    line.values.forEach((value, k) => {
      const source = line.sources[k];
      const sheet = source ? renamed[k]!.get(source.sheet) : undefined;
      if (source && sheet) {
        cells.push({
          formula: `IF(ISBLANK(${sheetRef(sheet)}${source.cell}),"",${sheetRef(sheet)}${source.cell})`,
          result: value ?? '',
        } as ExcelJS.CellFormulaValue);
      } else {
        cells.push(value);
      }
    });
    if (line.section !== 'input') {
      for (let k = 1; k < n; k += 1) {
        const a = `${columnLetter(4)}${r}`;
        const b = `${columnLetter(4 + k)}${r}`;
        const first = line.values[0];
        const other = line.values[k];
        cells.push({
          formula: `IF(AND(ISNUMBER(${a}),ISNUMBER(${b})),${b}-${a},"")`,
          result: typeof first === 'number' && typeof other === 'number' ? other - first : '',
        } as ExcelJS.CellFormulaValue);
      }
    }
    compare.getRow(r).values = cells;
  });
  compare.getColumn(1).width = 20;
  compare.getColumn(2).width = 44;
  compare.getColumn(3).width = 12;
  for (let c = 4; c < 4 + 2 * n; c += 1) {
    compare.getColumn(c).width = 20;
    compare.getColumn(c).numFmt = '#,##0.00;-#,##0.00';
  }
  return writeXlsx(workbook);
}
