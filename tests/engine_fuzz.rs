//! The engine never panics: a deterministic fuzz loop over arbitrary strings and threads (a
//! hand-rolled generator, so the run is the same every time and needs no extra crate), plus a
//! 5 MB paste. Every verdict must also stay well-formed: one per message, in order, evidence
//! inside the text on char boundaries, notes only on no-reply verdicts.

use oot_triage::engine::check::{check_paste, classify_case};
use oot_triage::engine::classify::classify_thread;
use oot_triage::engine::rulebook::Rulebook;
use oot_triage::engine::{Case, Channel, Decision, Message, Verdict};

/// xorshift64*: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "indihome",
    "INDIHOME",
    "lemooottt",
    "gangguan",
    "@IndiHome",
    "@IndiHomeCare",
    "@pelanggan7",
    "@",
    "#",
    "#KuisTelkom",
    "#",
    "https://t.co/x",
    "bit.ly/",
    "http://",
    "www.",
    "0812-3456-7890",
    "122334455667",
    "2",
    "²",
    "bener2",
    "gak",
    "ga",
    "gabisa",
    "min",
    "cek dm",
    "??",
    "!",
    ":",
    "Jawaban:",
    "RT",
    "RT @Telkomsel:",
    "-Sari",
    "^RA",
    "😡",
    "🙏🏽",
    "️",
    "‍",
    "é",
    "ñ",
    "中文",
    "ع",
    "\u{0}",
    "\t",
    "\n",
    "\r\n",
    " ",
    "  ",
    "kayak",
    "serasa",
    "xl",
    "biznet",
    "pindah ke",
    "wkwk",
    "tidak",
    "supaya",
    "tanpa",
    "pin bbm",
    "cantik",
    "promo",
    "diskon",
    "hubungi",
    "rb",
    "Rp",
    "ikutan yuk",
    "oh iya",
    "sekalian",
    "nya",
    "adminnya",
    "jaringannya",
    "gamgguan",
    "ganggguannnnnya",
    "a",
    "b",
    "nggak",
    "-",
    "—",
    "…",
    "\"",
    "\\",
    "{",
    "}",
    "[10:01]",
    "2017-06-05 10:01",
    "@handle (10:01):",
];

fn random_text(r: &mut Rng, max_pieces: usize) -> String {
    let n = r.below(max_pieces + 1);
    let mut s = String::new();
    for _ in 0..n {
        match r.below(4) {
            0 => {
                // Random chars from a wide range, including multi-byte ones.
                for _ in 0..r.below(6) {
                    let c = match r.below(4) {
                        0 => char::from_u32(r.below(128) as u32),
                        1 => char::from_u32(0x80 + r.below(0x700) as u32),
                        2 => char::from_u32(0x1F300 + r.below(0x300) as u32),
                        _ => char::from_u32(0x4E00 + r.below(0x100) as u32),
                    };
                    if let Some(c) = c {
                        s.push(c);
                    }
                }
            }
            _ => s.push_str(PIECES[r.below(PIECES.len())]),
        }
        if r.below(3) > 0 {
            s.push(' ');
        }
    }
    s
}

fn check_well_formed(messages: &[Message], v: &[Verdict]) {
    assert_eq!(v.len(), messages.len());
    for (m, x) in messages.iter().zip(v) {
        assert_eq!(x.message, m.id);
        assert_eq!(
            x.note.is_some(),
            x.decision == Decision::NoReply,
            "note only on no-reply"
        );
        assert_eq!(x.sociomedia.is_some(), x.decision == Decision::NoReply);
        assert!(!(x.primary && x.decision == Decision::NoReply));
        assert_eq!(
            x.reasons.iter().filter(|r| r.decisive).count(),
            1,
            "exactly one deciding reason"
        );
        for r in &x.reasons {
            for s in &r.evidence {
                assert!(
                    s.start < s.end && s.end <= m.text.len(),
                    "span {s:?} outside {:?}",
                    m.text
                );
                assert!(m.text.is_char_boundary(s.start) && m.text.is_char_boundary(s.end));
            }
        }
    }
}

#[test]
fn arbitrary_single_messages_never_panic_and_stay_well_formed() {
    let book = Rulebook::builtin();
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..4000 {
        let text = random_text(&mut r, 12);
        let msgs = vec![Message {
            id: i.to_string(),
            text,
            ..Default::default()
        }];
        let channel = if r.below(2) == 0 {
            Channel::Twitter
        } else {
            Channel::Facebook
        };
        let v = classify_thread(&book, channel, &msgs);
        check_well_formed(&msgs, &v);
    }
}

#[test]
fn arbitrary_threads_never_panic_and_stay_well_formed() {
    let book = Rulebook::builtin();
    let mut r = Rng(42);
    let authors = [
        None,
        Some("@andi"),
        Some("@IndiHome"),
        Some("Rudi Hartono"),
        Some(""),
        Some("@TelkomCare"),
        Some("@budi"),
    ];
    let times = [
        None,
        Some("2025-01-01T00:00:00Z"),
        Some("2025-01-01T00:05:00Z"),
        Some("2025-01-01T00:30:00+07:00"),
        Some("nonsense"),
        Some(""),
    ];
    for _ in 0..800 {
        let n = r.below(8);
        let msgs: Vec<Message> = (0..n)
            .map(|i| Message {
                id: (i + 1).to_string(),
                author: authors[r.below(authors.len())].map(String::from),
                time: times[r.below(times.len())].map(String::from),
                text: random_text(&mut r, 8),
                conversation: if r.below(2) == 0 {
                    Some(format!("c{}", r.below(3)))
                } else {
                    None
                },
            })
            .collect();
        let mut book = book.clone();
        book.multi_window_minutes = r.below(80) as u32;
        let v = classify_thread(&book, Channel::Twitter, &msgs);
        check_well_formed(&msgs, &v);
    }
}

#[test]
fn arbitrary_pastes_never_panic() {
    let book = Rulebook::builtin();
    let mut r = Rng(7);
    for _ in 0..500 {
        let mut text = String::new();
        for _ in 0..r.below(6) {
            text.push_str(&random_text(&mut r, 6));
            text.push('\n');
        }
        let checked = check_paste(&book, &text, None, Some(1_700_000_000));
        check_well_formed(&checked.parsed.messages, &checked.verdicts);
        let case = Case {
            id: "p".into(),
            paste: Some(text),
            ..Default::default()
        };
        let (_, msgs, v) = classify_case(&book, &case, None);
        check_well_formed(&msgs, &v);
    }
}

#[test]
fn a_five_megabyte_paste_is_classified_without_panicking() {
    let book = Rulebook::builtin();
    let line = "[10:01] @budi_s: indihome mati total dari subuh @TelkomCare lemooottt bgt 😡 cek dm min??\n";
    let mut text = String::with_capacity(5 * 1024 * 1024 + line.len());
    while text.len() < 5 * 1024 * 1024 {
        text.push_str(line);
    }
    let checked = check_paste(&book, &text, None, None);
    assert!(!checked.verdicts.is_empty());
    check_well_formed(&checked.parsed.messages, &checked.verdicts);
    // One enormous message (no line breaks) as well.
    let one = "indihome lemot gangguan @IndiHome ".repeat(150_000);
    let v = classify_thread(
        &book,
        Channel::Twitter,
        &[Message {
            id: "1".into(),
            text: one.clone(),
            ..Default::default()
        }],
    );
    check_well_formed(
        &[Message {
            id: "1".into(),
            text: one,
            ..Default::default()
        }],
        &v,
    );
}
