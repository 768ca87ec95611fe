//! Words of the X/Twitter and Facebook web pages that are not part of any message: buttons,
//! counters, badges, "Show more". The web readers use these to tell page chrome from text. This
//! module only classifies single lines; it must not decide where messages start or end.

use super::{group_of, is_one_of};
use crate::engine::normalize::to_lower;

/// Lines longer than this are never chrome, headers or counters (keeps every check linear).
pub const MAX_META_LEN: usize = 160;

/// Lowercases and trims a short line, collapsing inner whitespace, for comparing with the lists.
pub fn norm(line: &str) -> String {
    let mut out = String::with_capacity(line.len().min(MAX_META_LEN));
    for w in line.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&to_lower(w));
    }
    out.trim_end_matches(['…', '.']).trim_end().to_string()
}

/// Does `s` end with one of `suffixes`?
#[inline(never)]
fn ends_with_any(s: &str, suffixes: &[&str]) -> bool {
    suffixes.iter().any(|x| s.ends_with(x))
}

/// An X/Twitter handle: `@` then 1–50 letters, digits or underscores.
pub fn is_handle(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('@').or_else(|| s.strip_prefix('＠')) else {
        return false;
    };
    !rest.is_empty()
        && rest.len() <= 50
        && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// A like/reply/repost/view counter as X and Facebook print it: "12", "1.234", "1,2 rb",
/// "3,4K", "1 jt", "12 Views", "1.234 Tayangan", "3 komentar", "1 kali dibagikan", or several on
/// one line ("💬 2 🔁 1 ❤️ 5", "2 · 1 · 5").
pub fn is_counter(line: &str) -> bool {
    is_single_counter(line) || is_counter_row(line)
}

/// Several counters on one line, each a number (with an optional K/M/rb/jt suffix) after an
/// optional icon, with unit words allowed after a number.
fn is_counter_row(line: &str) -> bool {
    let s = line.trim();
    if s.len() > 80 || !s.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let mut numbers = 0;
    let mut after_number = false;
    for tok in s
        .split(|c: char| c.is_whitespace() || c == '·' || c == '|')
        .filter(|t| !t.is_empty())
    {
        let core = tok.trim_matches(|c: char| !c.is_alphanumeric());
        if core.is_empty() {
            continue;
        }
        if is_single_counter(core) {
            numbers += 1;
            after_number = true;
        } else if after_number && counter_unit(&to_lower(core)) {
            after_number = false;
        } else {
            return false;
        }
    }
    numbers >= 2
}

fn is_single_counter(line: &str) -> bool {
    let s = line.trim();
    if s.is_empty() || s.len() > 40 || !s.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let lower = to_lower(s);
    let mut rest = lower.as_str();
    // Leading reaction emoji that Facebook prints before a count ("👍❤️ 12").
    rest = rest.trim_start_matches(|c: char| !c.is_ascii() && !c.is_alphabetic());
    rest = rest.trim_start();
    let num_end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(rest.len());
    let num = &rest[..num_end];
    if num.is_empty() || !num.starts_with(|c: char| c.is_ascii_digit()) || num.len() > 12 {
        return false;
    }
    // Long bare digit runs are internet or phone numbers, not counters (X groups thousands).
    if num.bytes().all(|b| b.is_ascii_digit()) && num.len() > 6 {
        return false;
    }
    let unit = rest[num_end..].trim();
    if counter_unit(unit) {
        return true;
    }
    ["rb", "ribu", "jt", "juta", "k", "m", "b"]
        .iter()
        .any(|m| unit.strip_prefix(m).is_some_and(|u| counter_unit(u.trim())))
}

fn counter_unit(unit: &str) -> bool {
    unit.is_empty() || is_one_of(unit, COUNTER_UNITS)
}

/// The words that may follow a counter's number, separated by `|` (none at all is fine too).
const COUNTER_UNITS: &str = concat!(
    "views|view|tayangan|kali dilihat|replies|reply|balasan|reposts|repost|retweets|",
    "retweet|posting ulang|likes|like|suka|quotes|quote|kutipan|bookmarks|bookmark|",
    "markah|comments|comment|komentar|shares|share|kali dibagikan|dibagikan|reaksi|",
    "reactions|orang menyukai ini",
);

/// The normal form of a line short enough to be page chrome (trimmed, at most
/// `MAX_META_LEN` bytes, not empty); None for any other line.
fn chrome_text(line: &str) -> Option<String> {
    let s = line.trim();
    (!s.is_empty() && s.len() <= MAX_META_LEN).then(|| norm(s))
}

/// X/Twitter page chrome that stands on a line by itself.
pub fn is_twitter_chrome(line: &str) -> bool {
    let Some(n) = chrome_text(line) else {
        return false;
    };
    if n == "·" || n == "•" {
        return true;
    }
    if ends_with_any(
        &n,
        &[
            " reposted",
            " retweeted",
            " memposting ulang",
            " me-retweet",
            " membalas",
            " liked",
            " menyukai",
        ],
    ) {
        // "Budi reposted" above a repost; short lines only, so a sentence ending so is kept.
        return n.split(' ').count() <= 6;
    }
    if (n.starts_with("read ") && n.ends_with(" replies"))
        || (n.starts_with("baca ") && n.ends_with(" balasan"))
    {
        return true;
    }
    is_one_of(&n, TWITTER_CHROME)
}

/// X/Twitter chrome lines, in the normal form of `norm`, separated by `|`.
const TWITTER_CHROME: &str = concat!(
    "show more|tampilkan lebih banyak|tampilkan selengkapnya|translate post|",
    "translate tweet|terjemahkan postingan|terjemahkan posting|terjemahkan tweet|",
    "show this thread|tampilkan utas ini|show replies|tampilkan balasan|",
    "show more replies|tampilkan balasan lainnya|show probable spam|",
    "show additional replies|tampilkan balasan tambahan|pinned|pinned tweet|",
    "pinned post|disematkan|postingan yang disematkan|tweet yang disematkan|promoted|",
    "dipromosikan|ad|iklan|quote|kutip|views|view|tayangan|follow|ikuti|following|",
    "mengikuti|subscribe|berlangganan|post|postingan|posting|tweet|conversation|",
    "percakapan|post your reply|posting balasan anda|tweet your reply|",
    "tweet balasan anda|reply|most relevant|paling relevan|discover more|",
    "temukan lebih banyak|sourced from across x|relevant people|orang yang relevan|",
    "home|beranda|replies|balasan|this post is unavailable|",
    "postingan ini tidak tersedia|this tweet is unavailable|edited|diedit|last edited|",
    "show|tampilkan|new posts|postingan baru|see new posts|lihat postingan baru|",
    "reposted|memposting ulang|grok|copy link|salin tautan|bookmark|markah|share|",
    "bagikan",
);

/// Facebook badges printed above or beside a commenter's name.
pub fn is_facebook_badge(line: &str) -> bool {
    let s = line.trim();
    if s.is_empty() || s.len() > 60 {
        return false;
    }
    is_one_of(&norm(s), FACEBOOK_BADGES)
}

/// Facebook badges, in the normal form of `norm`, separated by `|`.
const FACEBOOK_BADGES: &str = concat!(
    "top fan|penggemar berat|rising fan|penggemar baru|author|penulis|admin|moderator|",
    "valued commenter|komentator berharga|komentator bernilai|conversation starter|",
    "pemulai percakapan|pemula percakapan|visual storyteller|pencerita visual|follower|",
    "pengikut|top contributor|kontributor teratas|follow|ikuti|·",
);

/// Facebook page chrome between comments: "Lihat 2 balasan lainnya", "Tulis komentar…",
/// "Paling relevan", "Rudi Hartono membalas · 2 balasan".
pub fn is_facebook_chrome(line: &str) -> bool {
    let Some(n) = chrome_text(line) else {
        return false;
    };
    if n == "·" || n == "•" {
        return true;
    }
    if (n.starts_with("lihat ")
        && ends_with_any(
            &n,
            &[
                " balasan",
                " balasan lainnya",
                " komentar",
                " komentar lainnya",
                " komentar sebelumnya",
            ],
        ))
        || (n.starts_with("view ")
            && ends_with_any(
                &n,
                &[
                    " replies",
                    " reply",
                    " comments",
                    " more comments",
                    " previous comments",
                ],
            ))
        || (n.starts_with("see ") && n.ends_with(" replies"))
        || n.contains(" membalas · ")
        || n.contains(" replied · ")
        || (ends_with_any(&n, &[" balasan", " replies"]) && n.split(' ').count() <= 2)
        || [
            "tulis komentar",
            "write a comment",
            "tulis balasan",
            "write a reply",
            "balas sebagai ",
            "reply as ",
            "komentari sebagai ",
            "comment as ",
        ]
        .iter()
        .any(|p| n.starts_with(p))
    {
        return true;
    }
    is_one_of(&n, FACEBOOK_CHROME)
}

/// Facebook chrome lines, in the normal form of `norm`, separated by `|`.
const FACEBOOK_CHROME: &str = concat!(
    "paling relevan|most relevant|semua komentar|all comments|terbaru|newest|",
    "lihat selengkapnya|see more|lihat terjemahan|see translation|see original|",
    "lihat yang asli|beri nilai terjemahan ini|rate this translation|sembunyikan|hide|",
    "tampilkan terjemahan|komentar|comments|dibagikan ke publik|shared with public|",
    "publik|public|🌐|🌎|🌍|edited|diedit|penulis|author",
);

/// The words of Facebook's action row under a comment or post.
pub fn facebook_action_word(word: &str) -> Option<FbAction> {
    const ACTIONS: [FbAction; 5] = [
        FbAction::Like,
        FbAction::Reply,
        FbAction::Comment,
        FbAction::Share,
        FbAction::Filler,
    ];
    group_of(word, "suka|like|sukai;balas|reply;komentari|comment|komentar;bagikan|share|kirim|send;diedit|edited|sembunyikan|hide|ikuti|follow|lainnya|more|·|•").map(|g| ACTIONS[g])
}

/// What one word of a Facebook action row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FbAction {
    Like,
    Reply,
    Comment,
    Share,
    Filler,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_in_both_languages() {
        for c in [
            "12",
            "1.234",
            "1,2 rb",
            "3,4K",
            "1 jt",
            "12 Views",
            "1.234 Tayangan",
            "3 komentar",
            "1 kali dibagikan",
            "👍 12",
        ] {
            assert!(is_counter(c), "{c}");
        }
        for c in [
            "12 orang",
            "indihome 2",
            "",
            "2 menit",
            "@a",
            "122301234567",
            "081234567890",
            "10 20 orang",
            "1 2 3 tolong",
        ] {
            assert!(!is_counter(c), "{c}");
        }
    }

    #[test]
    fn handles_and_chrome() {
        assert!(is_handle("@budi_s"));
        assert!(!is_handle("@budi s"));
        assert!(!is_handle("@"));
        assert!(is_twitter_chrome("Terjemahkan postingan"));
        assert!(is_twitter_chrome("Show more"));
        assert!(is_twitter_chrome("Budi memposting ulang"));
        assert!(!is_twitter_chrome("internet saya mati lagi"));
        assert!(is_facebook_chrome("Lihat 2 balasan lainnya"));
        assert!(is_facebook_chrome("Rudi Hartono membalas · 2 balasan"));
        assert!(is_facebook_badge("Penggemar berat"));
        assert!(is_facebook_badge("Top fan"));
    }
}
