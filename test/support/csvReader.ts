/**
 * A small RFC 4180 reader for tests, independent of the app's writer: a quoted field may hold
 * commas, CR, LF and doubled quotes; every field comes back as text. `crlf` (the app's files)
 * requires every record to end with CRLF and refuses bare CR/LF outside quotes; `any` (other
 * programs' files, e.g. LibreOffice's) also accepts LF record ends and a last record without one.
 */
export function readCsv(text: string, lineBreaks: 'crlf' | 'any' = 'crlf'): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  const endRecord = (width: number) => {
    record.push(field);
    records.push(record);
    record = [];
    field = '';
    i += width;
  };
  while (i < text.length) {
    const char = text[i]!;
    if (char === '"' && field === '') {
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += text[i];
        i += 1;
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
        throw new Error(`text after a closing quote at ${i}`);
      }
    } else if (char === ',') {
      record.push(field);
      field = '';
      i += 1;
    } else if (text.startsWith('\r\n', i)) {
      endRecord(2);
    } else if (lineBreaks === 'any' && char === '\n') {
      endRecord(1);
    } else if (char === '\r' || char === '\n' || char === '"') {
      throw new Error(`bare ${JSON.stringify(char)} outside quotes at ${i}`);
    } else {
      field += char;
      i += 1;
    }
  }
  if (field !== '' || record.length > 0) {
    if (lineBreaks === 'crlf') throw new Error('last record has no CRLF');
    endRecord(0);
  }
  return records;
}
