// csv_records.mjs: splits CSV text (RFC 4180: `"` quotes, `""` escapes a quote, quoted fields
// may hold delimiters and newlines) into records of fields, keeping whether each field was
// quoted — the only way to tell NULL from the empty string in CSV:
//   unquoted empty field  → NULL          (PostgreSQL's COPY ... CSV and DuckDB both write this)
//   ""                    → empty string
// Lines ending in \r\n are accepted. A trailing newline does not start a record.

/** Returns [[{ text, quoted }, ...], ...]. Throws on an unterminated quoted field. */
export function parseCsvRecords(text, delimiter = ',') {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let i = 0;
  const endField = () => {
    record.push({ text: field, quoted });
    field = '';
    quoted = false;
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      i++;
      let closed = false;
      while (i < text.length) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        field += text[i++];
      }
      if (!closed) throw new Error('unterminated quoted field in CSV output');
      continue;
    }
    if (ch === delimiter) {
      endField();
      i++;
      continue;
    }
    if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      endRecord();
      i += ch === '\r' ? 2 : 1;
      continue;
    }
    field += ch;
    fieldStarted = true;
    i++;
  }
  if (fieldStarted || record.length > 0) endRecord();
  return records;
}

/** A field's SQL value: null for an unquoted empty field, else its text. */
export function fieldValue(field) {
  return !field.quoted && field.text === '' ? null : field.text;
}
