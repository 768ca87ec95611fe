//! Structured pastes: the JSON case format (a case object with `messages` or `paste`, a bare
//! array of messages, JSON lines) and CSV with a header row (English or Indonesian column
//! names; `,`, `;` or tab). Field values are taken as written; times are read with
//! `paste::when` so every format shares one timeline rule. This module must not guess at
//! free text: that is the other readers' job.

use super::when::{parse_written, Timeline};
use super::{excerpt, group_of, problem, Draft, Line, Output, PasteProblem};
use crate::engine::csv::{read_records, sniff_delimiter};
use crate::engine::json::{self, Value};
use crate::engine::model::Channel;
use crate::engine::normalize::to_lower;

pub(crate) enum JsonRead {
    /// Not JSON at all (for example `[10:01] ...`).
    NotJson,
    /// It looks like JSON but does not parse; other readers get a turn.
    Invalid(PasteProblem),
    Read(Output),
}

const AUTHOR_KEYS: [&str; 9] = [
    "author",
    "user",
    "username",
    "screen_name",
    "handle",
    "name",
    "from",
    "penulis",
    "nama",
];
const TIME_KEYS: [&str; 7] = [
    "time",
    "created_at",
    "timestamp",
    "date",
    "datetime",
    "waktu",
    "tanggal",
];
const TEXT_KEYS: [&str; 9] = [
    "text",
    "full_text",
    "message",
    "body",
    "content",
    "teks",
    "isi",
    "pesan",
    "komentar",
];
const CONV_KEYS: [&str; 5] = [
    "conversation",
    "conversation_id",
    "thread",
    "percakapan",
    "utas",
];

fn looks_like_json(t: &str) -> bool {
    let t = t.trim_start();
    if let Some(rest) = t.strip_prefix('{') {
        return rest.trim_start().starts_with(['"', '}']);
    }
    match t.strip_prefix('[') {
        Some(rest) => {
            let r = rest.trim_start();
            r.starts_with(['{', '"', ']']) || r.is_empty()
        }
        None => false,
    }
}

pub(crate) fn read_json(text: &str, now: Option<i64>, depth: usize) -> JsonRead {
    let t = text.trim();
    if !t.starts_with(['{', '[']) {
        return JsonRead::NotJson;
    }
    let values: Vec<(usize, Value)> = match json::parse(t) {
        Ok(v) => vec![(1, v)],
        Err(whole_err) => {
            // JSON lines: every non-blank line is a JSON value of its own.
            let mut vals = Vec::new();
            let mut ok = true;
            for (i, l) in text.lines().enumerate() {
                let l = l.trim();
                if l.is_empty() {
                    continue;
                }
                match json::parse(l) {
                    Ok(v) => vals.push((i + 1, v)),
                    Err(_) => {
                        ok = false;
                        break;
                    }
                }
            }
            if !ok || vals.len() < 2 {
                if looks_like_json(t) {
                    return JsonRead::Invalid(problem(
                        whole_err.line,
                        format!("Paste tampak seperti JSON tetapi tidak valid ({whole_err}); dibaca sebagai teks."),
                        format!("The paste looks like JSON but is not valid ({whole_err}); read as text."),
                    ));
                }
                return JsonRead::NotJson;
            }
            vals
        }
    };
    let mut out = Output::default();
    let mut timeline = Timeline::new(now);
    let last_line = text.lines().count().max(1);
    let mut cases = 0usize;
    for (k, (line, v)) in values.iter().enumerate() {
        let end = values.get(k + 1).map(|(l, _)| l - 1).unwrap_or(last_line);
        read_value(
            v,
            *line,
            end,
            now,
            depth,
            &mut timeline,
            &mut out,
            &mut cases,
        );
    }
    if cases > 1 {
        out.problems.push(problem(
            1,
            format!("Paste berisi {cases} case; pesannya digabung menjadi satu utas."),
            format!("The paste holds {cases} cases; their messages are joined into one thread."),
        ));
    }
    JsonRead::Read(out)
}

/// The first of `keys` that the object `obj` has with a non-null value.
fn str_field<'a>(obj: &'a Value, keys: &[&str]) -> Option<&'a Value> {
    keys.iter()
        .find_map(|k| obj.get(k).filter(|v| !v.is_null()))
}

/// A JSON value as text: strings as they are, numbers and the rest as JSON.
fn as_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[allow(clippy::too_many_arguments)]
fn read_value(
    v: &Value,
    line: usize,
    end: usize,
    now: Option<i64>,
    depth: usize,
    timeline: &mut Timeline,
    out: &mut Output,
    cases: &mut usize,
) {
    match v {
        Value::Array(items) => {
            for item in items {
                read_value(item, line, end, now, depth, timeline, out, cases);
            }
        }
        Value::Object(_) if v.get("messages").is_some() || v.get("paste").is_some() => {
            *cases += 1;
            if let Some(ch) = v
                .get("channel")
                .and_then(Value::as_str)
                .and_then(Channel::parse)
            {
                out.channel.get_or_insert(ch);
            }
            match v.get("messages") {
                Some(Value::Array(ms)) if !ms.is_empty() => {
                    for m in ms {
                        read_value(m, line, end, now, depth, timeline, out, cases);
                    }
                    return;
                }
                _ => {}
            }
            match v.get("paste") {
                Some(Value::String(p)) if depth < super::MAX_DEPTH => {
                    let inner = super::parse_at_depth(p, now, depth + 1);
                    out.channel = out.channel.or(inner.channel_guess);
                    for p in inner.problems {
                        out.problems.push(problem(
                            line,
                            format!("Di dalam \"paste\": {}", p.message),
                            format!("Inside \"paste\": {}", p.message_en),
                        ));
                    }
                    for (m, s) in inner.messages.into_iter().zip(inner.sources) {
                        out.drafts.push(Draft {
                            author: m.author,
                            time: m
                                .time
                                .as_deref()
                                .and_then(crate::engine::time::parse_timestamp),
                            raw_time: s.raw_time,
                            text: m.text,
                            conversation: m.conversation,
                            first_line: line,
                            last_line: end,
                            display_name: s.display_name,
                        });
                    }
                }
                Some(other) => {
                    out.problems.push(problem(
                        line,
                        "Field \"paste\" tidak bisa dibaca; isinya disimpan sebagai satu pesan.",
                        "The \"paste\" field could not be read; its content is kept as one message.",
                    ));
                    out.drafts.push(Draft {
                        text: as_text(other),
                        first_line: line,
                        last_line: end,
                        ..Default::default()
                    });
                }
                None => out.problems.push(problem(
                    line,
                    "Case tanpa pesan.",
                    "A case without messages.",
                )),
            }
        }
        Value::Object(_) => {
            let text = str_field(v, &TEXT_KEYS).map(as_text);
            let author = str_field(v, &AUTHOR_KEYS).map(|a| match a {
                Value::Object(_) => str_field(a, &["screen_name", "username", "handle", "name"])
                    .map(as_text)
                    .unwrap_or_else(|| a.to_string()),
                other => as_text(other),
            });
            let conversation = str_field(v, &CONV_KEYS).map(as_text);
            let mut d = Draft {
                author,
                conversation,
                first_line: line,
                last_line: end,
                ..Default::default()
            };
            match text {
                Some(t) => d.text = t,
                None => {
                    out.problems.push(problem(
                        line,
                        "Pesan tanpa field \"text\"; seluruh objek disimpan sebagai teks.",
                        "A message without a \"text\" field; the whole object is kept as its text.",
                    ));
                    d.text = v.to_string();
                }
            }
            if let Some(tv) = str_field(v, &TIME_KEYS) {
                let raw = as_text(tv);
                d.time = match tv {
                    Value::Number(n) => {
                        n.as_i64()
                            .map(|s| if s > 100_000_000_000 { s / 1000 } else { s })
                    }
                    _ => parse_written(&raw).and_then(|w| timeline.place(w)),
                };
                if d.time.is_none() {
                    out.problems.push(unreadable_time(line, &raw));
                }
                d.raw_time = Some(raw);
            }
            out.drafts.push(d);
        }
        Value::String(s) => out.drafts.push(Draft {
            text: s.clone(),
            first_line: line,
            last_line: end,
            ..Default::default()
        }),
        other => {
            out.problems.push(problem(
                line,
                "Nilai JSON yang bukan pesan; disimpan sebagai teks.",
                "A JSON value that is not a message; kept as text.",
            ));
            out.drafts.push(Draft {
                text: other.to_string(),
                first_line: line,
                last_line: end,
                ..Default::default()
            });
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Author,
    Time,
    Text,
    Conversation,
    Channel,
    Other,
}

fn column_of(name: &str) -> Column {
    let n: String = to_lower(name.trim().trim_matches('"'))
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect();
    const COLUMNS: [Column; 5] = [
        Column::Author,
        Column::Time,
        Column::Text,
        Column::Conversation,
        Column::Channel,
    ];
    group_of(&n, COLUMN_NAMES).map_or(Column::Other, |g| COLUMNS[g])
}

/// Header names (English and Indonesian, lower case, `_` for spaces and dashes): one group per
/// column, in the order `column_of` maps them, groups separated by `;`, names by `|`.
const COLUMN_NAMES: &str = concat!(
    "author|penulis|pengirim|user|username|user_name|screen_name|handle|akun|account|",
    "nama|name|from|dari|sender|oleh|by|pelanggan|customer|nama_akun|akun_pelanggan;",
    "time|waktu|date|tanggal|tgl|timestamp|created_at|createdat|datetime|date_time|jam|",
    "posted_at|tanggal_waktu|waktu_kirim|created|tanggal_&_waktu;",
    "text|teks|isi|message|pesan|tweet|post|postingan|komentar|comment|content|konten|",
    "body|caption|full_text|msg|isi_pesan|isi_tweet|status|kalimat;",
    "conversation|percakapan|conversation_id|conversationid|id_percakapan|thread|",
    "thread_id|utas|conv;",
    "channel|kanal|platform|media|sumber|source",
);

/// Reads CSV with a header that names a text column and an author or time column.
pub(crate) fn read_csv(text: &str, lines: &[Line], now: Option<i64>) -> Option<Output> {
    let first = lines.iter().find(|l| !l.is_blank())?;
    if first.text.len() > 1000 {
        return None;
    }
    let delimiter = sniff_delimiter(first.text.trim_start_matches('\u{feff}'));
    let header = read_records(first.text, delimiter).into_iter().next()?;
    let cols: Vec<Column> = header.fields.iter().map(|f| column_of(f)).collect();
    let has = |c: Column| cols.contains(&c);
    if cols.len() < 2
        || !has(Column::Text)
        || !(has(Column::Author) || has(Column::Time) || has(Column::Conversation))
    {
        return None;
    }
    let find = |c: Column| cols.iter().position(|x| *x == c);
    let (text_col, author_col, time_col, conv_col, chan_col) = (
        find(Column::Text)?,
        find(Column::Author),
        find(Column::Time),
        find(Column::Conversation),
        find(Column::Channel),
    );
    // A date and a clock may sit in two columns ("tanggal", "jam"): read them together.
    let time_cols: Vec<usize> = cols
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == Column::Time)
        .map(|(i, _)| i)
        .collect();
    let records = read_records(text, delimiter);
    let mut out = Output::default();
    let mut timeline = Timeline::new(now);
    let delim = delimiter.to_string();
    for rec in records.into_iter().skip(1) {
        let mut fields = rec.fields;
        let extra_lines = fields
            .iter()
            .map(|f| f.matches('\n').count())
            .sum::<usize>();
        if fields.len() > cols.len() && text_col == cols.len() - 1 {
            // An unquoted delimiter inside the last (text) column: join the pieces back.
            let tail = fields.split_off(text_col).join(&delim);
            fields.push(tail);
            out.problems.push(problem(
                rec.line,
                "Baris CSV punya kolom lebih; sisanya digabung ke teks.",
                "The CSV row has extra columns; the rest is joined to the text.",
            ));
        } else if fields.len() != cols.len() {
            out.problems.push(problem(
                rec.line,
                format!(
                    "Baris CSV punya {} kolom, header {} kolom.",
                    fields.len(),
                    cols.len()
                ),
                format!(
                    "The CSV row has {} columns, the header {}.",
                    fields.len(),
                    cols.len()
                ),
            ));
            if fields.len() > cols.len() {
                // Keep every extra field in the text so nothing is lost.
                let extra = fields.split_off(cols.len()).join(&delim);
                if let Some(t) = fields.get_mut(text_col) {
                    t.push_str(&delim);
                    t.push_str(&extra);
                }
            }
        }
        if rec.unterminated {
            out.problems.push(problem(
                rec.line,
                "Tanda kutip tidak ditutup; sisa paste masuk ke baris ini.",
                "A quote is never closed; the rest of the paste went into this row.",
            ));
        }
        let get = |c: Option<usize>| {
            c.and_then(|i| fields.get(i))
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        let mut d = Draft {
            author: get(author_col),
            text: fields
                .get(text_col)
                .map(|s| s.trim().to_string())
                .unwrap_or_default(),
            conversation: get(conv_col),
            first_line: rec.line,
            last_line: rec.line + extra_lines,
            ..Default::default()
        };
        if d.text.is_empty() {
            // A row whose text column is missing still keeps whatever else it had.
            let rest: Vec<&str> = fields
                .iter()
                .enumerate()
                .filter(|(i, f)| {
                    Some(*i) != author_col && Some(*i) != time_col && !f.trim().is_empty()
                })
                .map(|(_, f)| f.as_str())
                .collect();
            d.text = rest.join(" ").trim().to_string();
            out.problems.push(problem(
                rec.line,
                "Baris CSV tanpa teks pesan.",
                "A CSV row without message text.",
            ));
        }
        if let Some(ch) = get(chan_col).and_then(|c| Channel::parse(&c)) {
            out.channel.get_or_insert(ch);
        }
        let joined_time: Vec<String> = time_cols.iter().filter_map(|&i| get(Some(i))).collect();
        let raw_time = if time_cols.len() > 1 {
            Some(joined_time.join(" ")).filter(|s| !s.is_empty())
        } else {
            get(time_col)
        };
        if let Some(raw) = raw_time {
            d.time = parse_written(&raw).and_then(|w| timeline.place(w));
            if d.time.is_none() {
                out.problems.push(unreadable_time(rec.line, &raw));
            }
            d.raw_time = Some(raw);
        }
        out.drafts.push(d);
    }
    if out.drafts.is_empty() {
        out.problems.push(problem(
            first.no,
            "CSV hanya berisi header, tanpa baris pesan.",
            "The CSV holds only a header and no message rows.",
        ));
        out.drafts.push(Draft {
            text: first.text.trim().to_string(),
            first_line: first.no,
            last_line: first.no,
            ..Default::default()
        });
    }
    Some(out)
}

/// The problem for a time that could not be read (the message is kept without one).
fn unreadable_time(line: usize, raw: &str) -> PasteProblem {
    problem(
        line,
        format!(
            "Waktu \"{}\" tidak terbaca; pesan tetap dibaca tanpa waktu.",
            excerpt(raw)
        ),
        format!(
            "The time \"{}\" could not be read; the message is kept without a time.",
            excerpt(raw)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::super::{parse_paste, PasteFormat};
    use crate::engine::model::Channel;

    #[test]
    fn json_case_with_messages_is_read_and_renumbered() {
        let t = r#"{"id":"x","channel":"facebook","messages":[{"id":"a","author":"Rudi","time":"2017-06-05T09:00:00+07:00","text":"halo"},{"id":"b","text":"min?","conversation":"c1"}]}"#;
        let p = parse_paste(t, None);
        assert_eq!(p.format, PasteFormat::Json);
        assert_eq!(p.channel_guess, Some(Channel::Facebook));
        assert_eq!(p.messages.len(), 2);
        assert_eq!(p.messages[1].id, "2");
        assert_eq!(p.messages[0].time.as_deref(), Some("2017-06-05T02:00:00Z"));
        assert_eq!(p.messages[1].conversation.as_deref(), Some("c1"));
    }

    #[test]
    fn json_case_with_a_paste_runs_the_paste_through_the_parser() {
        let t = r#"{"channel":"twitter","paste":"[10:01] @a: satu\n[10:02] @a: dua"}"#;
        let p = parse_paste(t, None);
        assert_eq!(p.format, PasteFormat::Json);
        assert_eq!(p.messages.len(), 2);
        assert_eq!(p.messages[1].author.as_deref(), Some("@a"));
    }

    #[test]
    fn bare_array_and_json_lines() {
        assert_eq!(
            parse_paste(r#"[{"text":"a"},{"text":"b"},"c"]"#, None)
                .messages
                .len(),
            3
        );
        let p = parse_paste(
            "{\"author\":\"@a\",\"text\":\"satu\"}\n{\"author\":\"@a\",\"text\":\"dua\"}",
            None,
        );
        assert_eq!(p.format, PasteFormat::Json);
        assert_eq!(p.messages.len(), 2);
    }

    #[test]
    fn invalid_json_is_reported_and_kept_as_text() {
        let p = parse_paste("{\"text\": \"halo", None);
        assert_eq!(p.format, PasteFormat::Plain);
        assert_eq!(p.messages.len(), 1);
        assert!(p.problems.iter().any(|x| x.message_en.contains("JSON")));
    }

    #[test]
    fn braces_and_brackets_in_plain_text_are_not_json() {
        for t in [
            "{ada apa ini} internet mati",
            "[PENTING] indihome mati",
            "[10:01] modem mati",
        ] {
            let p = parse_paste(t, None);
            assert_eq!(p.format, PasteFormat::Plain, "{t}");
            assert!(p.problems.is_empty(), "{t}: {:?}", p.problems);
        }
    }

    #[test]
    fn csv_with_indonesian_header_and_semicolons() {
        let t = "penulis;waktu;isi\n@a;2017-06-05 10:01;\"halo; min\nbaris dua\"\n@a;10:03;min??\n";
        let p = parse_paste(t, None);
        assert_eq!(p.format, PasteFormat::Csv);
        assert_eq!(p.messages.len(), 2);
        assert_eq!(p.messages[0].text, "halo; min\nbaris dua");
        assert_eq!(p.messages[1].time.as_deref(), Some("2017-06-05T03:03:00Z"));
        assert_eq!(p.sources[1].first_line, 4);
    }

    #[test]
    fn csv_date_and_clock_in_two_columns_are_read_together() {
        let p = parse_paste(
            "tanggal,jam,penulis,isi\n05/06/2017,10:01,@a,halo\n05/06/2017,10:04,@a,min?\n",
            None,
        );
        assert_eq!(p.messages[1].time.as_deref(), Some("2017-06-05T03:04:00Z"));
        assert_eq!(p.messages[1].author.as_deref(), Some("@a"));
    }

    #[test]
    fn csv_unquoted_commas_in_the_last_column_are_joined_back() {
        let p = parse_paste("author,time,text\n@a,10:01,halo, min, tolong\n", None);
        assert_eq!(p.messages.len(), 1);
        assert_eq!(p.messages[0].text, "halo, min, tolong");
        assert_eq!(p.problems.len(), 1);
    }
}
