//! Integration tests of the paste parser: every fixture under `tests/fixtures/paste/` against its
//! `.expect.json` (refresh with `UPDATE_EXPECT=1 cargo test --test paste`, then review the diff),
//! the CLI path (`classify_case` on a case with `paste`), large and malformed pastes, and a
//! round trip of the dev cases through every structured format.

use oot_triage::engine::check::classify_case;
use oot_triage::engine::model::{Case, Channel, Message};
use oot_triage::engine::paste::{parse_paste, ParsedPaste, PasteFormat};
use oot_triage::engine::rulebook::Rulebook;
use oot_triage::engine::time::{format_rfc3339, parse_timestamp};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// 2025-05-10T12:00:00+07:00, the "now" every fixture is read at.
const NOW: i64 = 1_746_853_200;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/paste")
}

/// The parts of a parse a fixture pins down.
fn summary(p: &ParsedPaste) -> Value {
    json!({
        "format": p.format,
        "channel_guess": p.channel_guess,
        "messages": p.messages.iter().map(|m| json!([m.id, m.author, m.time, m.text])).collect::<Vec<_>>(),
        "problems": p.problems.iter().map(|x| format!("{}: {}", x.line, x.message_en)).collect::<Vec<_>>(),
        "skipped": p.skipped.len(),
    })
}

#[test]
fn every_fixture_parses_as_expected() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    entries.retain(|p| !p.to_string_lossy().ends_with(".expect.json"));
    entries.sort();
    assert!(entries.len() >= 15, "fixtures missing: {entries:?}");
    let mut failures = Vec::new();
    for path in entries {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let got = summary(&parse_paste(&text, Some(NOW)));
        let expect_path = PathBuf::from(format!("{}.expect.json", path.display()));
        if update {
            let pretty = serde_json::to_string_pretty(&got).unwrap_or_default();
            std::fs::write(&expect_path, pretty + "\n").unwrap_or_else(|e| panic!("{e}"));
            continue;
        }
        let want: Value = std::fs::read_to_string(&expect_path)
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or(Value::Null);
        if got != want {
            failures.push(format!("{}:\n got {}\nwant {}", path.display(), got, want));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Every format must yield one message per tweet/post/entry, in order, with the right authors.
#[test]
fn fixtures_give_one_message_per_entry_in_order() {
    let cases: [(&str, PasteFormat, &[&str]); 8] = [
        ("plain_tweet.txt", PasteFormat::Plain, &[""]),
        (
            "lines_bracketed.txt",
            PasteFormat::LinePrefixed,
            &["@rina_putri", "@rina_putri", "@TelkomCare", "@rina_putri"],
        ),
        (
            "twitter_web_id.txt",
            PasteFormat::TwitterWeb,
            &["@budi_s", "@budi_s", "@budi_s", "@IndiHomeCare"],
        ),
        (
            "twitter_web_en_one_line_headers.txt",
            PasteFormat::TwitterWeb,
            &["@siti_am", "@jokow_88"],
        ),
        (
            "twitter_web_focused.txt",
            PasteFormat::TwitterWeb,
            &["@rina_putri", "@rina_putri", "@TelkomCare"],
        ),
        (
            "facebook_comments_id.txt",
            PasteFormat::FacebookWeb,
            &["Rudi Hartono", "Rudi Hartono", "Rudi Hartono", "Telkom Indonesia"],
        ),
        ("facebook_post.txt", PasteFormat::FacebookWeb, &["Agus Salim", "Telkom Indonesia"]),
        (
            "thread_id_semicolon.csv",
            PasteFormat::Csv,
            &["Rudi Hartono", "Rudi Hartono", "Rudi Hartono"],
        ),
    ];
    for (file, format, authors) in cases {
        let text = std::fs::read_to_string(fixtures_dir().join(file)).unwrap_or_default();
        let p = parse_paste(&text, Some(NOW));
        assert_eq!(p.format, format, "{file}");
        let got: Vec<String> = p.messages.iter().map(|m| m.author.clone().unwrap_or_default()).collect();
        assert_eq!(got, authors.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "{file}");
        let ids: Vec<String> = p.messages.iter().map(|m| m.id.clone()).collect();
        let want: Vec<String> = (1..=authors.len()).map(|i| i.to_string()).collect();
        assert_eq!(ids, want, "{file}");
        assert_eq!(p.sources.len(), p.messages.len(), "{file}");
        // No message is page chrome.
        for m in &p.messages {
            for chrome in ["Terjemahkan postingan", "Show more", "Suka · Balas", "Tayangan", "Lihat 1 balasan"] {
                assert!(!m.text.contains(chrome), "{file}: {chrome:?} in {:?}", m.text);
            }
        }
    }
}

#[test]
fn cli_path_reads_a_case_paste_into_three_numbered_messages() {
    let case = Case {
        id: "tempel".into(),
        channel: Some(Channel::Twitter),
        paste: Some(
            "[10:01] @budi_s: indihome mati total dari subuh @TelkomCare\n[10:03] @budi_s: halo min??\n[10:04] @budi_s: tolong dicek ya"
                .into(),
        ),
        ..Default::default()
    };
    let (channel, messages, verdicts) = classify_case(&Rulebook::builtin(), &case, None);
    assert_eq!(channel, Channel::Twitter);
    let ids: Vec<&str> = messages.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["1", "2", "3"]);
    assert_eq!(verdicts.len(), 3);
    assert!(messages.iter().all(|m| m.author.as_deref() == Some("@budi_s")));
    let t: Vec<i64> = messages
        .iter()
        .filter_map(|m| m.time.as_deref().and_then(parse_timestamp))
        .collect();
    assert_eq!(t.windows(2).map(|w| w[1] - w[0]).collect::<Vec<_>>(), vec![120, 60]);
}

#[test]
fn generated_two_thousand_message_threads_keep_count_and_order() {
    let n = 2000;
    let mut lines = String::new();
    let mut web = String::new();
    let mut fb = String::new();
    for i in 0..n {
        let who = if i % 7 == 3 { "@TelkomCare" } else { "@pelanggan_1" };
        let (h, m) = ((8 + i / 60) % 24, i % 60);
        lines.push_str(&format!("[{h:02}:{m:02}] {who}: pesan ke-{i} internet mati 😡\nbaris kedua {i}\n"));
        web.push_str(&format!(
            "Nama {i}\n{who}\n·\n{}m\nMembalas\n@TelkomCare\npesan ke-{i}\n{}\n{}\n",
            n - i,
            i % 5,
            i % 3
        ));
        fb.push_str(&format!("Pelanggan {}\nkomentar ke-{i}\nSuka · Balas · {} mnt\n", i % 3, n - i));
    }
    for (name, text, format) in [
        ("line-prefixed", &lines, PasteFormat::LinePrefixed),
        ("X web", &web, PasteFormat::TwitterWeb),
        ("Facebook", &fb, PasteFormat::FacebookWeb),
    ] {
        let start = Instant::now();
        let p = parse_paste(text, Some(NOW));
        println!("{name}: {n} messages ({} KB) parsed in {:?}", text.len() / 1024, start.elapsed());
        assert_eq!(p.format, format, "{name}");
        assert_eq!(p.messages.len(), n, "{name}");
        for (i, m) in p.messages.iter().enumerate() {
            assert_eq!(m.id, (i + 1).to_string());
            assert!(
                m.text.contains(&format!("pesan ke-{i}")) || m.text.contains(&format!("komentar ke-{i}")),
                "{name} #{i}: {:?}",
                m.text
            );
        }
        let times: Vec<i64> = p
            .messages
            .iter()
            .filter_map(|m| m.time.as_deref().and_then(parse_timestamp))
            .collect();
        assert_eq!(times.len(), n, "{name}: every message has a time");
        assert!(
            times.windows(2).all(|w| w[1] >= w[0]),
            "{name}: times run forward, across midnight too"
        );
    }
}

#[test]
fn ten_megabytes_on_one_line_is_one_message_quickly() {
    let text = "indihome lemot 10:00 @TelkomCare: ".repeat(10 * 1024 * 1024 / 34);
    let start = Instant::now();
    let p = parse_paste(&text, Some(NOW));
    println!("10 MB one line: parsed in {:?}", start.elapsed());
    assert_eq!(p.format, PasteFormat::Plain);
    assert_eq!(p.messages.len(), 1);
    assert_eq!(p.messages[0].text.len(), text.trim().len());
}

#[test]
fn malformed_pastes_give_a_clear_result() {
    let junk: String = (0u32..5000)
        .map(|i| char::from_u32((i * 7919) % 0x2FF).unwrap_or('\u{fffd}'))
        .collect();
    for (name, text) in [
        ("binary junk", junk.as_str()),
        ("only timestamps", "10:01\n10:02\n10:03\n"),
        ("only bracketed timestamps", "[10:01]\n[10:02]"),
        ("only headers", "@a · 5m\n@b · 3m"),
        ("only action rows", "Suka · Balas · 5 mnt\nSuka · Balas · 3 mnt"),
        ("broken json", "[{\"text\": \"halo\"}, {\"text\": "),
        ("csv header only", "author,time,text\n"),
        ("unterminated csv quote", "author,text\n@a,\"halo\n@b,min"),
    ] {
        let p = parse_paste(text, Some(NOW));
        assert!(!p.messages.is_empty(), "{name}: nothing came out");
        assert!(!p.problems.is_empty() || p.format == PasteFormat::Plain, "{name}: {p:?}");
        // Nothing is dropped: every non-space character of the paste is in a message or skipped.
        let kept: usize = p
            .messages
            .iter()
            .map(|m| m.text.chars().filter(|c| !c.is_whitespace()).count())
            .sum::<usize>()
            + p.skipped
                .iter()
                .map(|s| s.text.chars().filter(|c| !c.is_whitespace()).count())
                .sum::<usize>();
        assert!(kept > 0, "{name}");
    }
}

fn dev_cases() -> Vec<Case> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/cases/dev.jsonl");
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str::<Case>(l).ok())
        .filter(|c| !c.messages.is_empty())
        .collect()
}

fn local_stamp(t: &str) -> Option<String> {
    // The case times in WIB wall-clock form, as an agent's export would show them.
    parse_timestamp(t).map(|s| format_rfc3339(s + 7 * 3600).replace('T', " ").trim_end_matches('Z').to_string())
}

fn same_thread(name: &str, got: &[Message], want: &[Message]) {
    assert_eq!(got.len(), want.len(), "{name}");
    for (g, w) in got.iter().zip(want) {
        assert_eq!(g.text.trim(), w.text.trim(), "{name}");
        assert_eq!(g.author, w.author, "{name}");
        let gt = g.time.as_deref().and_then(parse_timestamp);
        let wt = w.time.as_deref().and_then(parse_timestamp);
        assert_eq!(gt, wt, "{name}");
    }
}

/// The dev cases, written out as JSON, CSV and line-prefixed pastes, come back as the same
/// messages: same count, order, authors, texts and instants.
#[test]
fn dev_cases_round_trip_through_every_structured_format() {
    let cases = dev_cases();
    if cases.is_empty() {
        eprintln!("dev.jsonl not found beside the repository; skipping");
        return;
    }
    for case in &cases {
        let json_text = serde_json::to_string(case).unwrap_or_default();
        same_thread(
            &format!("{} json", case.id),
            &parse_paste(&json_text, Some(NOW)).messages,
            &case.messages,
        );

        let mut csv = String::from("penulis;waktu;isi;percakapan\n");
        let mut lines = String::new();
        let all_have_meta = case.messages.iter().all(|m| m.author.is_some() && m.time.is_some());
        for m in &case.messages {
            let esc = |s: &str| oot_triage::engine::csv::escape_field(s);
            let stamp = m.time.as_deref().and_then(local_stamp).unwrap_or_default();
            csv.push_str(&format!(
                "{};{};{};{}\n",
                esc(m.author.as_deref().unwrap_or("")),
                stamp,
                esc(&m.text),
                esc(m.conversation.as_deref().unwrap_or(""))
            ));
            lines.push_str(&format!("[{}] {}: {}\n", stamp, m.author.as_deref().unwrap_or(""), m.text));
        }
        let p = parse_paste(&csv, Some(NOW));
        assert_eq!(p.format, PasteFormat::Csv, "{}", case.id);
        same_thread(&format!("{} csv", case.id), &p.messages, &case.messages);
        if all_have_meta {
            let p = parse_paste(&lines, Some(NOW));
            assert_eq!(p.format, PasteFormat::LinePrefixed, "{}", case.id);
            same_thread(&format!("{} lines", case.id), &p.messages, &case.messages);
        }
    }
}

/// A lone tweet or post from the dev cases, pasted as it is, stays one plain message.
#[test]
fn dev_case_texts_pasted_alone_stay_one_message() {
    for case in dev_cases() {
        for m in &case.messages {
            let p = parse_paste(&m.text, Some(NOW));
            assert_eq!(p.messages.len(), 1, "{}: {:?} -> {:?}", case.id, m.text, p.format);
            assert_eq!(p.messages[0].text, m.text.trim(), "{}", case.id);
        }
    }
}
