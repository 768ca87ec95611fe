//! Text normalisation for matching: splits a message into tokens (words, numbers, @mentions,
//! #hashtags, links, punctuation) that keep their byte offsets into the original text, and
//! gives every word a normal form: lower case, repeated letters squeezed ("lemooottt" ->
//! "lemot"), the reduplication digit dropped ("bener2" -> "bener"). Expanding informal
//! spellings and stemming need the rulebook's vocabulary and live in `classify::compiled`.
//!
//! Owns: tokenising and the per-word normal form. Must not: know any word list, allocate per
//! character, or panic on any input (every slice is taken at char boundaries).

use super::model::Span;
use std::borrow::Cow;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// A run of letters (and letters mixed with digits split apart: "20rb" -> "20", "rb").
    Word,
    /// A run of digits, possibly with `-`, `.` or `,` between groups ("0812-7788-9900").
    Number,
    /// `@handle`.
    Mention,
    /// `#tag`.
    Hashtag,
    /// A link (`https://...`, `www...`, `bit.ly/...`).
    Url,
    /// One punctuation character that matters to the rules (`?`, `!`, `:`, `.`, `,`).
    Punct,
}

/// One token of a message. Its normal form borrows from the text when the text is already in
/// normal form (most words of a message), so tokenising allocates only for the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub kind: TokKind,
    /// Byte offsets into the original text.
    pub span: Span,
    /// Normal form: for words, lower case with repeats squeezed; for numbers, the digits only;
    /// for mentions and hashtags, the lower-case name without `@`/`#`; for links, the lower-case
    /// link; for punctuation, the character.
    pub norm: Cow<'a, str>,
}

/// The lower-case form of `c`, for the scripts the messages are written in. The engine uses
/// this (and [`to_lower`]) instead of `char::to_lowercase`/`str::to_lowercase`, whose full
/// Unicode table and code cost the agent page about 17 KB of WebAssembly (8 KB gzipped) for
/// letters that agents' messages (Indonesian, with some English) practically never contain.
///
/// Covered, and equal to the standard library's mapping there (tested char by char):
/// - ASCII `A`–`Z`;
/// - Latin-1 Supplement `À`–`Þ` except `×`;
/// - Latin Extended-A: the upper/lower pairs `Ā`–`ķ`, `Ĺ`–`ň`, `Ŋ`–`ŷ`, `Ź`–`ž`, and `Ÿ` -> `ÿ`
///   (`ı`, `ĸ`, `ŉ`, `ſ` are already lower case);
/// - Greek capitals `Α`–`Ϋ` (there is no U+03A2) and the accented `Ά`, `Έ`–`Ί`, `Ό`, `Ύ`, `Ώ`;
/// - Cyrillic `Ѐ`–`Я`;
/// - fullwidth `Ａ`–`Ｚ`.
///
/// Differences from the standard library, all deliberate:
/// - `İ` (U+0130) becomes a plain `i`, its simple (one-char) Unicode mapping; the standard
///   library gives the two chars `i` + U+0307 (combining dot above).
/// - Every other char maps to itself, including capitals that do have a lower case elsewhere
///   (Latin Extended-B and Additional, the rest of Greek and Cyrillic, Armenian, Georgian,
///   circled letters `Ⓐ`, the Kelvin sign `K`, ...).
/// - [`to_lower`] maps `Σ` to `σ` everywhere; `str::to_lowercase` writes `ς` at the end of a
///   word.
pub fn lower_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let u = c as u32;
    let l = match u {
        0xC0..=0xDE if u != 0xD7 => u + 0x20,
        // Pairs with the capital at the even code point...
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 => u | 1,
        // ...and at the odd one.
        0x139..=0x148 | 0x179..=0x17E => u + (u & 1),
        0x130 => 'i' as u32,
        0x178 => 0xFF,
        0x386 => 0x3AC,
        0x388..=0x38A => u + 0x25,
        0x38C => 0x3CC,
        0x38E..=0x38F => u + 0x3F,
        0x391..=0x3AB if u != 0x3A2 => u + 0x20,
        0x400..=0x40F => u + 0x50,
        0x410..=0x42F | 0xFF21..=0xFF3A => u + 0x20,
        _ => return c,
    };
    // Every value above is a valid char; keep `c` rather than panic if one ever were not.
    char::from_u32(l).unwrap_or(c)
}

/// `s` with every char passed through [`lower_char`] (the engine's `str::to_lowercase`).
pub fn to_lower(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        s.chars().map(lower_char).collect()
    }
}

/// `s` in lower case, borrowed when lower-casing would not change it (ASCII without capitals,
/// which most handles, names and time words are), so callers allocate only when they must.
pub fn lowercase(s: &str) -> Cow<'_, str> {
    if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(to_lower(s))
    }
}

/// Lower-cases and squeezes repeated letters ("LEMOOOTTT" -> "lemot").
pub fn word_key(s: &str) -> String {
    word_form(s).into_owned()
}

/// `word_key`, borrowing `s` when it is already in normal form (ASCII with no capital and no
/// letter written twice in a row: then lower-casing and squeezing change nothing). Otherwise
/// one allocation; the ASCII case (nearly every word) works on bytes and skips Unicode case
/// mapping.
pub fn word_form(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        let b = s.as_bytes();
        let normal = !b.iter().any(u8::is_ascii_uppercase)
            && !b
                .windows(2)
                .any(|w| w[0] == w[1] && w[0].is_ascii_alphabetic());
        if normal {
            return Cow::Borrowed(s);
        }
        let mut out: Vec<u8> = Vec::with_capacity(s.len());
        let mut prev = 0u8;
        for b in s.bytes() {
            let c = b.to_ascii_lowercase();
            if c == prev && c.is_ascii_alphabetic() {
                continue;
            }
            out.push(c);
            prev = c;
        }
        // Only ASCII bytes were pushed, so this cannot fail; fall back to a slow path anyway.
        return Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| to_lower(s)));
    }
    Cow::Owned(squeeze_chars(s))
}

/// Lower-cases `s` and squeezes a letter written twice in a row to one, char by char: the
/// general path of [`word_form`] (and the reference its ASCII fast path is tested against).
fn squeeze_chars(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev: Option<char> = None;
    for c in s.chars().map(lower_char) {
        if c.is_alphabetic() && prev == Some(c) {
            continue;
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && c != '²' && c != '³' && c != '¹'
}

fn is_handle_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Byte length of the whitespace-separated chunk at the start of `s`.
fn chunk_len(s: &str) -> usize {
    for (i, b) in s.bytes().enumerate() {
        if b.is_ascii_whitespace() {
            return i;
        }
        if b >= 0x80 {
            // Rare: fall back to Unicode whitespace from here on.
            return i + s[i..].find(char::is_whitespace).unwrap_or(s.len() - i);
        }
    }
    s.len()
}

/// Byte length of a link starting at `s` (which begins a whitespace-separated chunk), or 0.
fn url_len(s: &str) -> usize {
    let b = s.as_bytes();
    let starts = |p: &str| b.len() >= p.len() && b[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    // "http..." and "www." both start with an h or a w; other chunks need a slash.
    let hw = matches!(b.first(), Some(b'h' | b'H' | b'w' | b'W'));
    let maybe = (hw && (starts("http") || starts("www.")))
        || b.iter()
            .take_while(|c| !c.is_ascii_whitespace())
            .any(|&c| c == b'/');
    if !maybe {
        return 0;
    }
    let end = chunk_len(s);
    let chunk = &s[..end];
    let is_url =
        starts("http://") || starts("https://") || starts("www.") || looks_like_domain_path(chunk);
    if !is_url {
        return 0;
    }
    // Trailing punctuation belongs to the sentence, not to the link.
    let trimmed = chunk.trim_end_matches(['.', ',', '!', '?', ')', ']', '"', '\'', ';', ':']);
    trimmed.len()
}

/// `bit.ly/abc`, `t.co/xyz`, `wa.me/62812...`: a dotted host followed by a slash.
fn looks_like_domain_path(chunk: &str) -> bool {
    let Some(slash) = chunk.find('/') else {
        return false;
    };
    let host = &chunk[..slash];
    if host.len() < 4 || !host.contains('.') || host.starts_with('.') || host.ends_with('.') {
        return false;
    }
    let ok_chars = host
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    let tld = host.rsplit('.').next().unwrap_or("");
    ok_chars && tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic())
}

/// Splits a text into tokens. Never panics; offsets always fall on char boundaries.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(text.len() / 8 + 4);
    let bytes = text.as_bytes();
    let bytes_len = text.len();
    let mut i = 0usize;
    let mut chunk_start = true;
    while i < bytes_len {
        // ASCII whitespace (what `char::is_whitespace` says of ASCII: tab to carriage return,
        // and space) is skipped before anything else is looked at.
        if matches!(bytes[i], b'\t'..=b'\r' | b' ') {
            chunk_start = true;
            i += 1;
            continue;
        }
        let rest = &text[i..];
        // ASCII (nearly every byte) without decoding; other chars decoded once.
        let c = if bytes[i] < 0x80 {
            bytes[i] as char
        } else {
            match rest.chars().next() {
                Some(c) => c,
                None => break,
            }
        };
        let clen = c.len_utf8();
        if c.is_whitespace() {
            chunk_start = true;
            i += clen;
            continue;
        }
        if chunk_start {
            let ul = url_len(rest);
            if ul > 0 {
                out.push(Token {
                    kind: TokKind::Url,
                    span: Span {
                        start: i,
                        end: i + ul,
                    },
                    norm: lowercase(&rest[..ul]),
                });
                i += ul;
                chunk_start = false;
                continue;
            }
        }
        chunk_start = false;
        if c == '@' || c == '＠' {
            let name_start = i + clen;
            let name_len: usize = text[name_start..]
                .chars()
                .take_while(|&c| is_handle_char(c))
                .map(char::len_utf8)
                .sum();
            if name_len > 0 {
                let name = &text[name_start..name_start + name_len];
                out.push(Token {
                    kind: TokKind::Mention,
                    span: Span {
                        start: i,
                        end: name_start + name_len,
                    },
                    // Handle chars are ASCII: `lowercase` is `to_ascii_lowercase` here.
                    norm: lowercase(name),
                });
                i = name_start + name_len;
                continue;
            }
            i += clen;
            continue;
        }
        if c == '#' || c == '＃' {
            let name_start = i + clen;
            let name_len: usize = text[name_start..]
                .chars()
                .take_while(|&c| is_tag_char(c))
                .map(char::len_utf8)
                .sum();
            if name_len > 0 {
                let name = &text[name_start..name_start + name_len];
                out.push(Token {
                    kind: TokKind::Hashtag,
                    span: Span {
                        start: i,
                        end: name_start + name_len,
                    },
                    norm: word_form(name),
                });
                i = name_start + name_len;
                continue;
            }
            i += clen;
            continue;
        }
        if c.is_ascii_digit() {
            // A number, possibly grouped: 0812-7788-9900, 349.000, 1,5.
            // Its normal form is its digits: the text itself when it has no separators.
            let mut j = i;
            let mut grouped = false;
            let b = text.as_bytes();
            while j < bytes_len {
                let ch = b[j];
                if ch.is_ascii_digit() {
                    j += 1;
                } else if (ch == b'-' || ch == b'.' || ch == b',')
                    && j + 1 < bytes_len
                    && b[j + 1].is_ascii_digit()
                    && j > i
                {
                    grouped = true;
                    j += 1;
                } else {
                    break;
                }
            }
            let digits: Cow<str> = if grouped {
                Cow::Owned(text[i..j].chars().filter(char::is_ascii_digit).collect())
            } else {
                Cow::Borrowed(&text[i..j])
            };
            // "2" right after a word is the reduplication mark ("bener2"): drop it.
            let after_word = matches!(out.last(), Some(Token { kind: TokKind::Word, span, .. }) if span.end == i);
            let next_is_alpha = text[j..]
                .chars()
                .next()
                .map(|c| c.is_alphabetic())
                .unwrap_or(false);
            if !(after_word && digits == "2" && !next_is_alpha) {
                out.push(Token {
                    kind: TokKind::Number,
                    span: Span { start: i, end: j },
                    norm: digits,
                });
            }
            i = j;
            continue;
        }
        if is_word_char(c) {
            // A run of letters (digits split off so "20rb" -> "20" + "rb", "bener2" -> "bener").
            // ASCII letters are counted on bytes; the char loop only runs from the first
            // non-ASCII byte on (it stops at the same place the char loop alone would).
            let ascii_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
            let mut len = ascii_len;
            let tail = match rest.as_bytes().get(ascii_len) {
                Some(b) if *b >= 0x80 => &rest[ascii_len..],
                _ => "",
            };
            for (k, ch) in tail.char_indices() {
                let k = ascii_len + k;
                let ok = if ch.is_ascii() {
                    ch.is_ascii_alphabetic()
                } else {
                    is_word_char(ch)
                };
                if !ok {
                    break;
                }
                len = k + ch.len_utf8();
            }
            let len = len.max(clen);
            let word = &text[i..i + len];
            out.push(Token {
                kind: TokKind::Word,
                span: Span {
                    start: i,
                    end: i + len,
                },
                norm: word_form(word),
            });
            i += len;
            continue;
        }
        if matches!(c, '?' | '!' | ':' | '.' | ',' | '？' | '！') {
            let n = match c {
                '?' | '？' => "?",
                '!' | '！' => "!",
                ':' => ":",
                '.' => ".",
                _ => ",",
            };
            out.push(Token {
                kind: TokKind::Punct,
                span: Span {
                    start: i,
                    end: i + clen,
                },
                norm: Cow::Borrowed(n),
            });
        }
        // Emoji, symbols, "²" and other marks carry no words.
        i += clen;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(t: &str) -> Vec<(TokKind, String)> {
        tokenize(t)
            .into_iter()
            .map(|t| (t.kind, t.norm.into_owned()))
            .collect()
    }

    #[test]
    fn word_form_borrows_exactly_the_words_already_in_normal_form() {
        // The squeeze written out char by char, as a reference.
        let reference = squeeze_chars;
        for w in [
            "lemot",
            "LEMOOOTTT",
            "indihome",
            "aa",
            "a11b",
            "Budi",
            "x",
            "",
            "çaaa",
            "ẞtraße",
        ] {
            let f = word_form(w);
            assert_eq!(f, reference(w), "{w}");
            assert_eq!(matches!(f, Cow::Borrowed(_)), f == w && w.is_ascii(), "{w}");
        }
    }

    /// The standard library's lower case of `c` when it is one char, else `None`.
    fn std_lower(c: char) -> Option<char> {
        let mut l = c.to_lowercase();
        match (l.next(), l.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    }

    /// Blocks inside U+0000–U+04FF that `lower_char` deliberately leaves alone (documented on
    /// `lower_char`): Latin Extended-B and IPA, the archaic/extra Greek letters, and Cyrillic
    /// beyond U+045F.
    fn left_alone(c: char) -> bool {
        matches!(c as u32, 0x180..=0x24F | 0x370..=0x37F | 0x3CF..=0x3FF | 0x460..=0x4FF)
    }

    #[test]
    fn lower_char_equals_std_on_every_covered_char() {
        let chars = (0u32..=0x4FF)
            .chain(0xFF00..=0xFFEF)
            .filter_map(char::from_u32);
        let mut changed = 0;
        for c in chars {
            let got = lower_char(c);
            if c == 'İ' {
                // std gives "i\u{307}" (two chars); we take the simple mapping.
                assert_eq!(std_lower(c), None);
                assert_eq!(got, 'i');
            } else if left_alone(c) {
                assert_eq!(got, c, "U+{:04X} should be left alone", c as u32);
            } else {
                assert_eq!(Some(got), std_lower(c), "U+{:04X} {c}", c as u32);
            }
            if got != c {
                changed += 1;
            }
        }
        // 26 ASCII + 30 Latin-1 + 63 Latin Extended-A (with İ and Ÿ) + 26 + 7 Greek
        // + 48 Cyrillic + 26 fullwidth.
        assert_eq!(changed, 26 + 30 + 63 + 26 + 7 + 48 + 26);
    }

    #[test]
    fn lower_char_never_disagrees_with_std_it_only_leaves_chars_alone() {
        for c in (0u32..=0x10FFFF).filter_map(char::from_u32) {
            let got = lower_char(c);
            assert!(
                got == c || Some(got) == std_lower(c) || (c, got) == ('İ', 'i'),
                "U+{:04X} -> U+{:04X}",
                c as u32,
                got as u32
            );
        }
    }

    #[test]
    fn to_lower_and_lowercase_use_the_small_mapping() {
        assert_eq!(to_lower("PROMO Gratis"), "promo gratis");
        assert_eq!(to_lower("ÇA ÉTÉ Ÿ ŁÓDŹ"), "ça été ÿ łódź");
        assert_eq!(
            to_lower("ΑΘΗΝΑ ΜΟΣΚΒΑ Ｐｒｏｍｏ"),
            "αθηνα μοσκβα ｐｒｏｍｏ"
        );
        assert_eq!(to_lower("МОСКВА ЁЖ ЂАК"), "москва ёж ђак");
        // Final sigma is not special-cased, unlike `str::to_lowercase`.
        assert_eq!(to_lower("ΟΔΟΣ"), "οδοσ");
        assert_eq!("ΟΔΟΣ".to_lowercase(), "οδος");
        // Outside the covered scripts a char is kept as it is.
        assert_eq!(to_lower("ẞ Ⓐ Ǆ"), "ẞ Ⓐ Ǆ");
        assert!(matches!(lowercase("budi"), Cow::Borrowed("budi")));
        assert_eq!(lowercase("BÜDİ"), "büdi");
        assert_eq!(word_form("ÀÀÀYAAAA"), "àya");
        assert_eq!(word_form("ΑΑΑ"), "α");
    }

    #[test]
    fn repeated_letters_are_squeezed_and_case_folded() {
        let toks = tokenize("INDIHOMEEE lemooottt");
        assert_eq!(toks[0].norm, "indihome");
        assert_eq!(toks[1].norm, "lemot");
        assert_eq!(
            &"INDIHOMEEE lemooottt"[toks[1].span.start..toks[1].span.end],
            "lemooottt"
        );
    }

    #[test]
    fn mentions_hashtags_links_and_numbers_are_tokens() {
        let t = "@IndiHome cek https://t.co/AbC #QuizKamis 0812-7788-9900 bit.ly/x-y.";
        let n = norms(t);
        assert_eq!(n[0], (TokKind::Mention, "indihome".into()));
        assert_eq!(n[2], (TokKind::Url, "https://t.co/abc".into()));
        assert_eq!(n[3], (TokKind::Hashtag, "quizkamis".into()));
        assert_eq!(n[4], (TokKind::Number, "081277889900".into()));
        assert_eq!(n[5], (TokKind::Url, "bit.ly/x-y".into()));
    }

    #[test]
    fn reduplication_digit_is_dropped_and_units_split() {
        let n = norms("bener2 kampret 20rb");
        assert_eq!(
            n,
            vec![
                (TokKind::Word, "bener".into()),
                (TokKind::Word, "kampret".into()),
                (TokKind::Number, "20".into()),
                (TokKind::Word, "rb".into()),
            ]
        );
    }

    #[test]
    fn offsets_point_into_the_original_text_with_multibyte_chars() {
        let t = "️ 5 Januari: Tagihan — lama² 😡 naik";
        for tok in tokenize(t) {
            assert!(t.is_char_boundary(tok.span.start) && t.is_char_boundary(tok.span.end));
            assert!(tok.span.start < tok.span.end);
        }
    }
}
