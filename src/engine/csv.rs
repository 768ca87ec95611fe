//! A small RFC 4180 CSV reader shared by the paste parser and the batch audit: quoted fields,
//! doubled quotes, embedded newlines and CRLF. It never fails: an unterminated quote takes the
//! rest of the input as the field, and the caller is told through `Record::unterminated`.

/// One record with the 1-based line number it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
    /// True when a quoted field ran to the end of the input without its closing quote.
    pub unterminated: bool,
}

/// Splits CSV text into records. Blank lines are skipped. `delimiter` is usually `,` (`;` and
/// tab are also common in exports from spreadsheet programs).
pub fn read_records(text: &str, delimiter: char) -> Vec<Record> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut quoted_field = false;
    let mut line = 1usize;
    let mut start_line = 1usize;
    let mut chars = text.chars().peekable();
    let mut record_has_content = false;
    while let Some(c) = chars.next() {
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    in_quotes = false;
                }
            } else {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if field.is_empty() && !quoted_field => {
                in_quotes = true;
                quoted_field = true;
                record_has_content = true;
            }
            c if c == delimiter => {
                fields.push(std::mem::take(&mut field));
                quoted_field = false;
                record_has_content = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                if record_has_content || !field.is_empty() {
                    fields.push(std::mem::take(&mut field));
                    out.push(Record { line: start_line, fields: std::mem::take(&mut fields), unterminated: false });
                }
                quoted_field = false;
                record_has_content = false;
                line += 1;
                start_line = line;
            }
            c => {
                field.push(c);
                record_has_content = true;
            }
        }
    }
    if record_has_content || !field.is_empty() || in_quotes {
        fields.push(field);
        out.push(Record { line: start_line, fields, unterminated: in_quotes });
    }
    out
}

/// Guesses the delimiter from the first line: the most frequent of `,`, `;` and tab outside quotes.
pub fn sniff_delimiter(text: &str) -> char {
    let first = text.lines().next().unwrap_or("");
    let mut best = (',', 0usize);
    for d in [',', ';', '\t'] {
        let mut n = 0;
        let mut q = false;
        for c in first.chars() {
            if c == '"' {
                q = !q;
            } else if c == d && !q {
                n += 1;
            }
        }
        if n > best.1 {
            best = (d, n);
        }
    }
    best.0
}

/// Quotes a field for writing when it needs it (delimiter, quote, or newline inside).
pub fn escape_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r', ';', '\t']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Vec<Vec<String>> {
        read_records(text, ',').into_iter().map(|r| r.fields).collect()
    }

    #[test]
    fn quoted_fields_with_commas_quotes_and_newlines() {
        let r = read_records("author,text\n@a,\"halo, min \"\"cek\"\"\nbaris dua\"\r\n@b,x\n", ',');
        assert_eq!(r.len(), 3);
        assert_eq!(r[1].fields, vec!["@a", "halo, min \"cek\"\nbaris dua"]);
        assert_eq!(r[1].line, 2);
        assert_eq!(r[2].line, 4);
        assert!(!r[2].unterminated);
    }

    #[test]
    fn unterminated_quote_takes_the_rest_and_is_flagged() {
        let r = read_records("a,\"b\nc", ',');
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].fields, vec!["a", "b\nc"]);
        assert!(r[0].unterminated);
    }

    #[test]
    fn blank_lines_and_bom_are_skipped() {
        assert_eq!(fields("\u{feff}a,b\n\n\nc,d"), vec![vec!["a", "b"], vec!["c", "d"]]);
        assert_eq!(fields("x,\n"), vec![vec!["x", ""]]);
    }

    #[test]
    fn delimiter_is_sniffed_outside_quotes() {
        assert_eq!(sniff_delimiter("author;text;\"a,b,c\""), ';');
        assert_eq!(sniff_delimiter("a\tb\tc"), '\t');
        assert_eq!(sniff_delimiter("text"), ',');
    }

    #[test]
    fn escape_round_trips() {
        let s = "halo, \"min\"\nok";
        let line = format!("{},x", escape_field(s));
        assert_eq!(fields(&line), vec![vec![s.to_string(), "x".to_string()]]);
    }
}
