/**
 * A small RFC 4180 reader (quoted fields, doubled quotes, CRLF or LF, a leading BOM).
 * Written by hand because csv-parse is not installed and only csv-stringify is; the
 * import needs the line each record starts on, to name it in errors [ORG10].
 */
export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  fields: string[];
}

export type CsvResult =
  { ok: true; records: CsvRecord[] } | { ok: false; line: number; reason: string };

export function parseCsv(text: string): CsvResult {
  const records: CsvRecord[] = [];
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let line = 1;
  let record: CsvRecord = { line, fields: [] };
  let field = '';
  let quoted = false;
  let quoteLine = 0;
  let fieldStarted = false;
  const endField = () => {
    record.fields.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    // A blank line is no record: a trailing newline is not an empty row.
    if (!(record.fields.length === 1 && record.fields[0] === '')) records.push(record);
    record = { line, fields: [] };
  };
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (quoted) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          const next = input[i + 1];
          if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r')
            return {
              ok: false,
              line,
              reason: 'text after a closing quote; double a quote inside a quoted field ("")',
            };
        }
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"') {
      if (fieldStarted || field !== '')
        return {
          ok: false,
          line,
          reason: 'a quote inside an unquoted field; quote the whole field',
        };
      quoted = true;
      quoteLine = line;
      fieldStarted = true;
    } else if (ch === ',') {
      endField();
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && input[i + 1] === '\n') i++;
      line++;
      endRecord();
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (quoted) return { ok: false, line: quoteLine, reason: 'a quoted field is never closed' };
  endRecord();
  return { ok: true, records };
}
