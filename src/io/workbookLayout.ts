/** Row layout shared by the workbook writer and the files that link into it (no exceljs here). */

/** First row of the Inputs sheet's fields. */
export const INPUTS_FIRST_ROW = 4;
/** First row of the Summary sheet's strategy × price case rows. */
export const SUMMARY_FIRST_ROW = 5;
