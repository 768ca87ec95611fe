//! A small JSON reader and writer (RFC 8259) for the documents the agent's page reads and writes:
//! the rulebook, the stored settings and history, and pasted cases. It replaces serde on those
//! paths to keep the web bundle small; the CLI and the batch formats still use serde.
//!
//! [`parse`] is strict (no trailing commas, no comments, escapes checked, nesting limited to
//! [`MAX_DEPTH`]) and never panics; its error names the line, the column (in characters) and the
//! byte offset. [`Value`] keeps numbers as their text, so integers of any size round-trip exactly,
//! and objects as ordered key/value pairs. Its `Display` is compact JSON, and
//! [`Value::to_json_pretty`] lays out like serde_json's `to_string_pretty`. [`Fields`],
//! [`DecodeError`] and the `read_*` helpers turn values into typed structs with errors that carry
//! the path of the value (`rules[3].threshold`); [`locate`] finds that path in the text again.
//!
//! Pure: no I/O.

use crate::engine::order;
use std::fmt;

/// The deepest nesting of arrays and objects [`parse`] accepts.
pub const MAX_DEPTH: usize = 128;

/// A JSON value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Value>),
    /// Key/value pairs in the order they were written (a key may repeat; [`Value::get`] reads
    /// the last one, as serde_json does).
    Object(Vec<(String, Value)>),
}

/// A JSON number, kept as its text (always a valid JSON number), so that integers keep every
/// digit and write back exactly as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number(String);

impl Number {
    /// The number as written.
    pub fn as_text(&self) -> &str {
        &self.0
    }
    fn is_integer(&self) -> bool {
        !self.0.contains(['.', 'e', 'E'])
    }
    /// The value when it is a whole number (written without fraction or exponent) that fits.
    pub fn as_u64(&self) -> Option<u64> {
        if self.is_integer() {
            self.0.parse().ok()
        } else {
            None
        }
    }
    /// The value when it is a whole number (written without fraction or exponent) that fits.
    pub fn as_i64(&self) -> Option<i64> {
        if self.is_integer() {
            self.0.parse().ok()
        } else {
            None
        }
    }
    /// The value as a float (always available; very long integers lose precision).
    pub fn as_f64(&self) -> f64 {
        self.0.parse().unwrap_or(f64::NAN)
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

macro_rules! int_into_value {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(n: $t) -> Value {
                Value::Number(Number(n.to_string()))
            }
        }
    )*};
}
int_into_value!(u8, u16, u32, u64, usize, i8, i16, i32, i64);

impl From<f64> for Value {
    /// A finite float as a number (`1.0`, `0.25`, `1e-7`); NaN and infinities become `null`.
    fn from(n: f64) -> Value {
        if n.is_finite() {
            Value::Number(Number(format!("{n:?}")))
        } else {
            Value::Null
        }
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s)
    }
}

impl From<Vec<Value>> for Value {
    fn from(items: Vec<Value>) -> Value {
        Value::Array(items)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

impl Value {
    /// The value of `key` in an object (the last one, should the key repeat).
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }
    /// Sets `key` in an object (replacing its last occurrence, or appending it). Returns false
    /// and changes nothing when the value is not an object.
    pub fn insert(&mut self, key: &str, value: Value) -> bool {
        let Value::Object(entries) = self else {
            return false;
        };
        match entries.iter_mut().rev().find(|(k, _)| k == key) {
            Some((_, slot)) => *slot = value,
            None => entries.push((key.to_string(), value)),
        }
        true
    }
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
    /// A whole, non-negative number that fits in a u64.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(n) => n.as_u64(),
            _ => None,
        }
    }
    /// A whole number that fits in an i64.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(n) => n.as_i64(),
            _ => None,
        }
    }
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(n.as_f64()),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }
    pub fn as_object(&self) -> Option<&Vec<(String, Value)>> {
        match self {
            Value::Object(entries) => Some(entries),
            _ => None,
        }
    }

    /// The value as indented JSON, laid out like serde_json's `to_string_pretty`: two spaces per
    /// level, `"key": value`, and `[]` / `{}` for empty arrays and objects.
    pub fn to_json_pretty(&self) -> String {
        let mut out = String::new();
        write_pretty(self, 0, &mut out);
        out
    }

    /// What kind of value this is, with the value itself when short, for error messages
    /// (`string "red"`, `number 7.5`, `an array`).
    pub fn describe(&self) -> String {
        match self {
            Value::Null => "null".into(),
            Value::Bool(b) => format!("boolean `{b}`"),
            Value::Number(n) => format!("number `{n}`"),
            Value::String(s) => {
                let mut quoted = String::new();
                if s.chars().count() > 40 {
                    let cut: String = s.chars().take(40).collect();
                    write_str(&cut, &mut quoted);
                    quoted.push('…');
                } else {
                    write_str(s, &mut quoted);
                }
                format!("string {quoted}")
            }
            Value::Array(_) => "an array".into(),
            Value::Object(_) => "an object".into(),
        }
    }
}

/// Compact JSON, as serde_json's `to_string` writes it.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let mut out = String::new();
        write_compact(self, &mut out);
        f.write_str(&out)
    }
}

fn write_compact(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.0),
        Value::String(s) => write_str(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_compact(item, out);
            }
            out.push(']');
        }
        Value::Object(entries) => {
            out.push('{');
            for (i, (k, item)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_str(k, out);
                out.push(':');
                write_compact(item, out);
            }
            out.push('}');
        }
    }
}

fn indent(level: usize, out: &mut String) {
    for _ in 0..level {
        out.push_str("  ");
    }
}

fn write_pretty(v: &Value, level: usize, out: &mut String) {
    match v {
        Value::Array(items) if !items.is_empty() => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i > 0 { ",\n" } else { "\n" });
                indent(level + 1, out);
                write_pretty(item, level + 1, out);
            }
            out.push('\n');
            indent(level, out);
            out.push(']');
        }
        Value::Object(entries) if !entries.is_empty() => {
            out.push('{');
            for (i, (k, item)) in entries.iter().enumerate() {
                out.push_str(if i > 0 { ",\n" } else { "\n" });
                indent(level + 1, out);
                write_str(k, out);
                out.push_str(": ");
                write_pretty(item, level + 1, out);
            }
            out.push('\n');
            indent(level, out);
            out.push('}');
        }
        other => write_compact(other, out),
    }
}

/// Writes `s` as a JSON string, escaping like serde_json: `"` and `\`, the short escapes
/// `\b \f \n \r \t`, other control characters as `\u00XX`; everything else as it is.
fn write_str(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// Why a text is not JSON, and where: 1-based line, 1-based column counted in characters, the
/// byte offset of the offending character (the text's length at an unexpected end), and the
/// path of the value being read there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub offset: usize,
    /// The keys and indices of the members open at the error, outermost first: an error inside
    /// a member (its `:`, its value, the `,` or bracket after it) is inside that member; one
    /// before a member's key or inside the key is in the enclosing value. Empty at the top.
    pub path: Vec<Seg>,
}

impl ParseError {
    /// True when the text ended too early.
    pub fn is_eof(&self) -> bool {
        self.message.starts_with("EOF")
    }

    /// The error as seen from the member `seg` it happened in (the parser adds the steps
    /// innermost first; `parse` puts them in order).
    fn within(mut self, seg: Seg) -> ParseError {
        self.path.push(seg);
        self
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

impl std::error::Error for ParseError {}

/// The 1-based line and column (in characters) of byte `offset` of `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Reads one JSON document (surrounding whitespace allowed).
pub fn parse(text: &str) -> Result<Value, ParseError> {
    let mut p = Parser::new(text);
    p.skip_ws();
    let value = p.value().map_err(|mut e| {
        e.path.reverse();
        e
    })?;
    p.skip_ws();
    if p.pos < p.bytes.len() {
        return Err(p.error("trailing characters"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Parser {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            depth: 0,
        }
    }

    fn error(&self, message: &str) -> ParseError {
        self.error_at(self.pos, message)
    }

    fn error_at(&self, offset: usize, message: &str) -> ParseError {
        let (line, column) = line_col(self.text, offset);
        ParseError {
            message: message.to_string(),
            line,
            column,
            offset: offset.min(self.text.len()),
            path: Vec::new(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> Result<Value, ParseError> {
        match self.peek() {
            None => Err(self.error("EOF while parsing a value")),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') => self.nested(Self::array),
            Some(b'{') => self.nested(Self::object),
            Some(_) => Err(self.error("expected value")),
        }
    }

    fn nested(
        &mut self,
        read: fn(&mut Self) -> Result<Value, ParseError>,
    ) -> Result<Value, ParseError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error(&format!(
                "nesting deeper than {MAX_DEPTH} arrays and objects"
            )));
        }
        self.depth += 1;
        let result = read(self);
        self.depth -= 1;
        result
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, ParseError> {
        for expected in word.bytes() {
            match self.peek() {
                Some(b) if b == expected => self.pos += 1,
                None => return Err(self.error("EOF while parsing a value")),
                Some(_) => return Err(self.error("expected value")),
            }
        }
        Ok(value)
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Value, ParseError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.error("invalid number: leading zero"));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            None => return Err(self.error("EOF while parsing a value")),
            Some(_) => return Err(self.error("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.error("invalid number: a digit must follow the decimal point"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("invalid number: a digit must follow the exponent"));
            }
        }
        // Kept as written: no float parsing here (its tables would cost the web bundle ~12 KB),
        // so a number beyond f64's range is accepted and only `as_f64` sees it as infinite.
        Ok(Value::Number(Number(
            self.text[start..self.pos].to_string(),
        )))
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let mut n = 0u32;
        for _ in 0..4 {
            let digit = match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b) => char::from(b).to_digit(16),
            };
            match digit {
                Some(d) => n = n * 16 + d,
                None => return Err(self.error("invalid escape: \\u needs four hex digits")),
            }
            self.pos += 1;
        }
        Ok(n)
    }

    /// Reads a string starting at its opening quote.
    fn string(&mut self) -> Result<String, ParseError> {
        self.pos += 1;
        let mut out = String::new();
        let mut run = self.pos;
        loop {
            match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    out.push_str(&self.text[run..self.pos]);
                    self.pos += 1;
                    return Ok(out);
                }
                Some(0x00..=0x1f) => {
                    return Err(self
                        .error("control character (\\u0000-\\u001F) found while parsing a string"))
                }
                Some(b'\\') => {
                    out.push_str(&self.text[run..self.pos]);
                    let escape_at = self.pos;
                    self.pos += 1;
                    let Some(kind) = self.peek() else {
                        return Err(self.error("EOF while parsing a string"));
                    };
                    self.pos += 1;
                    match kind {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => out.push(self.unicode_escape(escape_at)?),
                        _ => return Err(self.error_at(escape_at, "invalid escape")),
                    }
                    run = self.pos;
                }
                Some(_) => self.pos += 1,
            }
        }
    }

    /// The character of a `\uXXXX` escape (after the `u`), joining a surrogate pair.
    fn unicode_escape(&mut self, escape_at: usize) -> Result<char, ParseError> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                    return Err(self.error_at(escape_at, "lone leading surrogate in hex escape"));
                }
                self.pos += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error_at(escape_at, "invalid surrogate pair in hex escape"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => {
                return Err(self.error_at(escape_at, "lone trailing surrogate in hex escape"))
            }
            other => other,
        };
        char::from_u32(code).ok_or_else(|| self.error_at(escape_at, "invalid unicode code point"))
    }

    fn array(&mut self) -> Result<Value, ParseError> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            let index = items.len();
            if self.item(&mut items).map_err(|e| e.within(Seg::Index(index)))? {
                return Ok(Value::Array(items));
            }
        }
    }

    /// One item of a list and what follows it; true at the list's end.
    fn item(&mut self, items: &mut Vec<Value>) -> Result<bool, ParseError> {
        self.skip_ws();
        if self.peek() == Some(b']') && !items.is_empty() {
            return Err(self.error("trailing comma"));
        }
        items.push(self.value()?);
        self.skip_ws();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(false)
            }
            Some(b']') => {
                self.pos += 1;
                Ok(true)
            }
            None => Err(self.error("EOF while parsing a list")),
            Some(_) => Err(self.error("expected `,` or `]`")),
        }
    }

    fn object(&mut self) -> Result<Value, ParseError> {
        self.pos += 1;
        let mut entries = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(entries));
        }
        loop {
            self.skip_ws();
            match self.peek() {
                Some(b'"') => {}
                Some(b'}') if !entries.is_empty() => return Err(self.error("trailing comma")),
                None => return Err(self.error("EOF while parsing an object")),
                Some(_) => return Err(self.error("key must be a string")),
            }
            let key = self.string()?;
            let (value, end) = self.member().map_err(|e| e.within(Seg::Key(key.clone())))?;
            entries.push((key, value));
            if end {
                return Ok(Value::Object(entries));
            }
        }
    }

    /// The rest of an object's member after its key: `:`, the value and what follows it; true
    /// at the object's end.
    fn member(&mut self) -> Result<(Value, bool), ParseError> {
        self.skip_ws();
        match self.peek() {
            Some(b':') => self.pos += 1,
            None => return Err(self.error("EOF while parsing an object")),
            Some(_) => return Err(self.error("expected `:`")),
        }
        self.skip_ws();
        let value = self.value()?;
        self.skip_ws();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok((value, false))
            }
            Some(b'}') => {
                self.pos += 1;
                Ok((value, true))
            }
            None => Err(self.error("EOF while parsing an object")),
            Some(_) => Err(self.error("expected `,` or `}`")),
        }
    }
}

/// One step of a path into a document: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// `rules[3].examples.match[0]` for a list of steps (empty for the document itself).
pub fn path_string(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    out
}

/// The byte offset in `text` of the value at `path` (the first one, should a key repeat), or
/// None when the text is not JSON or the path is not in it.
pub fn locate(text: &str, path: &[Seg]) -> Option<usize> {
    let mut p = Parser::new(text);
    p.skip_ws();
    for seg in path {
        match seg {
            Seg::Key(wanted) => {
                if p.peek() != Some(b'{') {
                    return None;
                }
                p.pos += 1;
                loop {
                    p.skip_ws();
                    if p.peek() != Some(b'"') {
                        return None;
                    }
                    let key = p.string().ok()?;
                    p.skip_ws();
                    if p.peek() != Some(b':') {
                        return None;
                    }
                    p.pos += 1;
                    p.skip_ws();
                    if key == *wanted {
                        break;
                    }
                    p.value().ok()?;
                    p.skip_ws();
                    if p.peek() != Some(b',') {
                        return None;
                    }
                    p.pos += 1;
                }
            }
            Seg::Index(i) => {
                if p.peek() != Some(b'[') {
                    return None;
                }
                p.pos += 1;
                for _ in 0..*i {
                    p.skip_ws();
                    p.value().ok()?;
                    p.skip_ws();
                    if p.peek() != Some(b',') {
                        return None;
                    }
                    p.pos += 1;
                }
                p.skip_ws();
                if p.peek() == Some(b']') {
                    return None;
                }
            }
        }
    }
    Some(p.pos)
}

/// A value that does not have the shape a typed reader expects, and the path to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub path: Vec<Seg>,
    pub message: String,
}

impl DecodeError {
    pub fn new(message: impl Into<String>) -> Self {
        DecodeError {
            path: Vec::new(),
            message: message.into(),
        }
    }
    /// `invalid type: string "x", expected a whole number`.
    pub fn expected(what: &str, found: &Value) -> Self {
        DecodeError::new(format!(
            "invalid type: {}, expected {what}",
            found.describe()
        ))
    }
    /// The same error, one object key further out.
    pub fn in_key(mut self, key: &str) -> Self {
        self.path.insert(0, Seg::Key(key.to_string()));
        self
    }
    /// The same error, one array index further out.
    pub fn in_index(mut self, index: usize) -> Self {
        self.path.insert(0, Seg::Index(index));
        self
    }
    /// `rules[3].threshold`.
    pub fn path_string(&self) -> String {
        path_string(&self.path)
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path_string(), self.message)
        }
    }
}

/// The fields of a JSON object, read by name into a struct. Each lookup rejects a field that
/// occurs twice, and [`Fields::only`] rejects names the struct does not have.
#[derive(Clone, Copy)]
pub struct Fields<'a> {
    entries: &'a [(String, Value)],
}

impl<'a> Fields<'a> {
    /// The fields of `v`, or an error saying that `what` (e.g. `a rule object`) was expected.
    pub fn of(v: &'a Value, what: &str) -> Result<Self, DecodeError> {
        match v {
            Value::Object(entries) => Ok(Fields { entries }),
            other => Err(DecodeError::expected(what, other)),
        }
    }

    /// Rejects any field not in `allowed`, naming the allowed ones.
    pub fn only(self, allowed: &[&str]) -> Result<Self, DecodeError> {
        for (k, _) in self.entries {
            if !allowed.contains(&k.as_str()) {
                let names: Vec<String> = allowed.iter().map(|a| format!("`{a}`")).collect();
                let message = match names.len() {
                    0 => format!("unknown field `{k}`, there are no fields"),
                    1 => format!("unknown field `{k}`, expected {}", names.join("")),
                    _ => format!("unknown field `{k}`, expected one of {}", names.join(", ")),
                };
                return Err(DecodeError::new(message).in_key(k));
            }
        }
        Ok(self)
    }

    /// The value of `key`, when present (an error when it occurs twice).
    pub fn get(&self, key: &str) -> Result<Option<&'a Value>, DecodeError> {
        let mut found = self.entries.iter().filter(|(k, _)| k == key);
        let first = found.next().map(|(_, v)| v);
        if found.next().is_some() {
            return Err(DecodeError::new(format!("duplicate field `{key}`")).in_key(key));
        }
        Ok(first)
    }

    /// A field that must be present, read with `read`.
    pub fn required<T>(
        &self,
        key: &str,
        read: impl FnOnce(&'a Value) -> Result<T, DecodeError>,
    ) -> Result<T, DecodeError> {
        match self.get(key)? {
            Some(v) => read(v).map_err(|e| e.in_key(key)),
            None => Err(DecodeError::new(format!("missing field `{key}`"))),
        }
    }

    /// A field that takes `default` when absent (a `null` is passed to `read`).
    pub fn or<T>(
        &self,
        key: &str,
        default: T,
        read: impl FnOnce(&'a Value) -> Result<T, DecodeError>,
    ) -> Result<T, DecodeError> {
        match self.get(key)? {
            Some(v) => read(v).map_err(|e| e.in_key(key)),
            None => Ok(default),
        }
    }

    /// A field that takes `T::default()` when absent (a `null` is passed to `read`).
    pub fn or_default<T: Default>(
        &self,
        key: &str,
        read: impl FnOnce(&'a Value) -> Result<T, DecodeError>,
    ) -> Result<T, DecodeError> {
        self.or(key, T::default(), read)
    }

    /// A field that is `None` when absent or `null`.
    pub fn optional<T>(
        &self,
        key: &str,
        read: impl FnOnce(&'a Value) -> Result<T, DecodeError>,
    ) -> Result<Option<T>, DecodeError> {
        match self.get(key)? {
            Some(Value::Null) | None => Ok(None),
            Some(v) => read(v).map(Some).map_err(|e| e.in_key(key)),
        }
    }
}

/// A string.
pub fn read_string(v: &Value) -> Result<String, DecodeError> {
    match v {
        Value::String(s) => Ok(s.clone()),
        other => Err(DecodeError::expected("a string", other)),
    }
}

/// `true` or `false`.
pub fn read_bool(v: &Value) -> Result<bool, DecodeError> {
    v.as_bool()
        .ok_or_else(|| DecodeError::expected("true or false", v))
}

/// A whole number from 0 to 4294967295.
pub fn read_u32(v: &Value) -> Result<u32, DecodeError> {
    read_whole(v, "a whole number from 0 to 4294967295", |n| {
        n.as_u64().and_then(|n| u32::try_from(n).ok())
    })
}

/// A whole number from 0 to 2^64 - 1.
pub fn read_u64(v: &Value) -> Result<u64, DecodeError> {
    read_whole(v, "a whole number of at least 0", Number::as_u64)
}

/// A whole number from -2^63 to 2^63 - 1.
pub fn read_i64(v: &Value) -> Result<i64, DecodeError> {
    read_whole(v, "a whole number", Number::as_i64)
}

fn read_whole<T>(
    v: &Value,
    what: &str,
    convert: impl FnOnce(&Number) -> Option<T>,
) -> Result<T, DecodeError> {
    match v {
        Value::Number(n) => convert(n).ok_or_else(|| {
            DecodeError::new(format!("invalid value: number `{n}`, expected {what}"))
        }),
        other => Err(DecodeError::expected(what, other)),
    }
}

/// One of a fixed set of names (an enum's variants), as a string.
pub fn read_variant<T: Copy>(
    v: &Value,
    all: &[T],
    name: impl Fn(T) -> &'static str,
) -> Result<T, DecodeError> {
    let names: Vec<&str> = all.iter().map(|t| name(*t)).collect();
    let i = read_name(v, &names)?;
    all.get(i)
        .copied()
        .ok_or_else(|| DecodeError::expected("a known name", v))
}

/// The index in `names` of the string `v` (not generic, so each enum does not get a copy).
fn read_name(v: &Value, names: &[&str]) -> Result<usize, DecodeError> {
    let Value::String(s) = v else {
        return Err(DecodeError::expected(
            &format!("one of {}", names.join(", ")),
            v,
        ));
    };
    if let Some(i) = names.iter().position(|n| n == s) {
        return Ok(i);
    }
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    let expected = match quoted.as_slice() {
        [one] => one.clone(),
        [a, b] => format!("{a} or {b}"),
        _ => format!("one of {}", quoted.join(", ")),
    };
    Err(DecodeError::new(format!(
        "unknown variant `{s}`, expected {expected}"
    )))
}

/// An array, each item read with `read` (an item's error names its index).
pub fn read_array<T>(
    v: &Value,
    mut read: impl FnMut(&Value) -> Result<T, DecodeError>,
) -> Result<Vec<T>, DecodeError> {
    let mut out = Vec::new();
    read_each(v, &mut |item| read(item).map(|t| out.push(t)))?;
    Ok(out)
}

/// Hands each item of an array to `read` (an item's error names its index). Not generic, so
/// that the readers of many item types share it.
pub fn read_each(
    v: &Value,
    read: &mut dyn FnMut(&Value) -> Result<(), DecodeError>,
) -> Result<(), DecodeError> {
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                read(item).map_err(|e| e.in_index(i))?;
            }
            Ok(())
        }
        other => Err(DecodeError::expected("an array", other)),
    }
}

/// An array of strings.
pub fn read_strings(v: &Value) -> Result<Vec<String>, DecodeError> {
    read_array(v, read_string)
}

/// An object whose values are all strings, as (key, value) pairs sorted by key, each key once
/// (a repeated key keeps its last value).
pub fn read_string_map(v: &Value) -> Result<Vec<(String, String)>, DecodeError> {
    match v {
        Value::Object(entries) => {
            let mut map = Vec::with_capacity(entries.len());
            for (k, item) in entries {
                map.push((k.clone(), read_string(item).map_err(|e| e.in_key(k))?));
            }
            order::sort_by(&mut map, |a, b| a.0.cmp(&b.0));
            // A repeated key keeps its last value, as a map would (`dedup_by` passes the later
            // element first and removes it).
            map.dedup_by(|later, kept| {
                let same = later.0 == kept.0;
                if same {
                    std::mem::swap(&mut later.1, &mut kept.1);
                }
                same
            });
            Ok(map)
        }
        other => Err(DecodeError::expected("an object of strings", other)),
    }
}

/// Strings as a JSON array.
pub fn strings_value(items: &[String]) -> Value {
    Value::Array(items.iter().map(|s| Value::from(s.as_str())).collect())
}

/// Builds a JSON object in the order its fields are added.
#[derive(Default)]
pub struct ObjectBuilder(Vec<(String, Value)>);

impl ObjectBuilder {
    pub fn new() -> Self {
        ObjectBuilder(Vec::new())
    }
    /// Adds a field.
    pub fn field(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.0.push((key.to_string(), value.into()));
        self
    }
    /// Adds a field only when there is a value (serde's `skip_serializing_if = "Option::is_none"`).
    pub fn some(self, key: &str, value: Option<impl Into<Value>>) -> Self {
        match value {
            Some(v) => self.field(key, v),
            None => self,
        }
    }
    /// Adds a field only when `keep` is true.
    pub fn when(self, keep: bool, key: &str, value: impl FnOnce() -> Value) -> Self {
        if keep {
            self.field(key, value())
        } else {
            self
        }
    }
    pub fn build(self) -> Value {
        Value::Object(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Value {
        match parse(text) {
            Ok(v) => v,
            Err(e) => panic!("{text:?} should parse: {e}"),
        }
    }

    #[test]
    fn a_string_map_is_sorted_by_key_and_a_repeated_key_keeps_its_last_value() {
        let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
            v.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        let m = read_string_map(&ok(r#"{"b": "1", "a": "2", "b": "3", "c": "4", "b": "5"}"#));
        assert_eq!(m, Ok(pairs(&[("a", "2"), ("b", "5"), ("c", "4")])));
        let e = read_string_map(&ok(r#"{"a": "1", "b": 2}"#)).unwrap_err();
        assert_eq!(e.path_string(), "b");
    }

    fn err(text: &str) -> ParseError {
        match parse(text) {
            Ok(v) => panic!("{text:?} should not parse, got {v:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn reads_every_kind_of_value() {
        let v = ok(r#" {"a": [1, -2.5e3, true, false, null], "b": {"c": "d"}, "e": {}, "f": []} "#);
        assert_eq!(v.get("a").and_then(|a| a.as_array()).map(Vec::len), Some(5));
        assert_eq!(
            v.get("a")
                .and_then(|a| a.as_array())
                .and_then(|a| a[0].as_u64()),
            Some(1)
        );
        assert_eq!(
            v.get("a")
                .and_then(|a| a.as_array())
                .and_then(|a| a[1].as_f64()),
            Some(-2500.0)
        );
        assert_eq!(
            v.get("b").and_then(|b| b.get("c")).and_then(Value::as_str),
            Some("d")
        );
        assert_eq!(v.get("e").and_then(Value::as_object).map(Vec::len), Some(0));
        assert!(v.get("zz").is_none());
        assert_eq!(ok("true").as_bool(), Some(true));
        assert!(ok(" null ").is_null());
    }

    #[test]
    fn integers_keep_every_digit() {
        assert_eq!(ok("18446744073709551615").as_u64(), Some(u64::MAX));
        assert_eq!(ok("-9223372036854775808").as_i64(), Some(i64::MIN));
        assert_eq!(ok("4294967295").as_u64(), Some(4_294_967_295));
        assert_eq!(ok("7.5").as_u64(), None);
        assert_eq!(ok("1e2").as_u64(), None);
        assert_eq!(ok("-5").as_u64(), None);
        let big = "123456789012345678901234567890";
        assert_eq!(ok(big).to_string(), big);
        assert_eq!(Value::from(u32::MAX).to_string(), "4294967295");
        assert_eq!(Value::from(1.0).to_string(), "1.0");
        assert_eq!(Value::from(f64::NAN), Value::Null);
        assert_eq!(ok("1e400").as_f64(), Some(f64::INFINITY));
    }

    #[test]
    fn string_escapes_are_decoded() {
        let v = ok(r#""a\"b\\c\/d\b\f\n\r\t\u00e9\u20AC\ud83d\ude00""#);
        assert_eq!(v.as_str(), Some("a\"b\\c/d\u{8}\u{c}\n\r\té€😀"));
        assert_eq!(ok("\"héllo 😀\"").as_str(), Some("héllo 😀"));
    }

    #[test]
    fn bad_strings_are_rejected() {
        for bad in [
            r#""\ud83d""#,
            r#""\ud83d\u0041""#,
            r#""\ude00""#,
            r#""\x""#,
            r#""\u12""#,
            r#""\u12g4""#,
            "\"a\nb\"",
            "\"tab\there\"",
            "\"open",
            "\"ends in escape\\",
        ] {
            err(bad);
        }
    }

    #[test]
    fn invalid_documents_are_rejected() {
        for bad in [
            "",
            "   ",
            "[1,]",
            "{\"a\":1,}",
            "[1 2]",
            "{\"a\" 1}",
            "{a:1}",
            "{\"a\":}",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "+1",
            "tru",
            "nul",
            "[",
            "{",
            "[1",
            "{\"a\":1",
            "1 2",
            "{}x",
            "NaN",
            "Infinity",
            "[1,,2]",
            "//c\n1",
            "'a'",
            "{\"a\":1,,}",
            "[,]",
            "{,}",
        ] {
            err(bad);
        }
    }

    #[test]
    fn errors_name_line_column_and_offset() {
        let e = err("{\n  \"format\": 1,\n  \"document\": ]\n}");
        assert_eq!((e.line, e.column), (3, 15));
        assert_eq!(e.offset, 31);
        assert_eq!(e.message, "expected value");
        assert_eq!(e.to_string(), "expected value at line 3 column 15");
        // Columns count characters, not bytes.
        let e = err("[\"é😀\", x]");
        assert_eq!((e.line, e.column), (1, 8));
        assert_eq!(e.offset, "[\"é😀\", ".len());
        let e = err("[1,\n2,\n]");
        assert_eq!(
            (e.line, e.column, e.message.as_str()),
            (3, 1, "trailing comma")
        );
        let e = err("{\"a\": 1");
        assert!(e.is_eof());
        assert_eq!(e.offset, 7);
        assert_eq!(err("[1] [").message, "trailing characters");
    }

    /// The path names the member the error is in: its `:`, its value or what follows it.
    #[test]
    fn errors_name_the_path_of_the_member_they_are_in() {
        let path = |text: &str| path_string(&err(text).path);
        assert_eq!(path(r#"{"rules": [{"id": "a"}, {"id": x}]}"#), "rules[1].id");
        assert_eq!(path(r#"{"rules": [{"id": "a" "clause": "5.1"}]}"#), "rules[0].id", "a missing comma");
        assert_eq!(path(r#"{"a": {"b" 1}}"#), "a.b", "a missing colon");
        assert_eq!(path(r#"{"a": [1, 2 3]}"#), "a[1]");
        assert_eq!(path(r#"{"a": [1, 2,]}"#), "a[2]", "a trailing comma, where the next item would be");
        assert_eq!(path(r#"{"a": {"b": 1,}}"#), "a", "before a key: the enclosing object");
        assert_eq!(path(r#"{"a": {"b\q": 1}}"#), "a", "inside a key: the enclosing object");
        assert_eq!(path(r#"{"a": "x\q"}"#), "a");
        assert_eq!(path("x"), "");
        assert_eq!(path("[1] [").len(), 0, "after the document");
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert_eq!(err(&deep).path.len(), MAX_DEPTH);
    }

    #[test]
    fn deep_nesting_is_rejected_without_overflowing() {
        let ok_depth = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok_depth).is_ok());
        let too_deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert!(err(&too_deep).message.contains("nesting"));
        let hostile = "[{\"a\":".repeat(100_000);
        assert!(err(&hostile).message.contains("nesting"));
        assert!(locate(&hostile, &[Seg::Index(0)]).is_some());
    }

    #[test]
    fn compact_and_pretty_writers_match_serde_json_layout() {
        let v = ok(r#"{"a": [1, {"b": null}], "e": {}, "f": [], "s": "x"}"#);
        assert_eq!(
            v.to_string(),
            r#"{"a":[1,{"b":null}],"e":{},"f":[],"s":"x"}"#
        );
        assert_eq!(
            v.to_json_pretty(),
            "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"e\": {},\n  \"f\": [],\n  \"s\": \"x\"\n}"
        );
        assert_eq!(ok("[]").to_json_pretty(), "[]");
        assert_eq!(ok("\"x\"").to_json_pretty(), "\"x\"");
    }

    #[test]
    fn strings_are_escaped_like_serde_json() {
        let s = "q\" b\\ n\n r\r t\t b\u{8} f\u{c} nul\u{0} us\u{1f} del\u{7f} / é 😀";
        let written = Value::from(s).to_string();
        assert_eq!(
            written,
            "\"q\\\" b\\\\ n\\n r\\r t\\t b\\b f\\f nul\\u0000 us\\u001f del\u{7f} / é 😀\""
        );
        assert_eq!(ok(&written).as_str(), Some(s));
    }

    #[test]
    fn documents_round_trip() {
        for text in [
            r#"{"k":[1,-0,2.50,1E+3,"\u0001"],"k":{"x":true,"y":false},"z":null}"#,
            r#"[[],{},[{}],""]"#,
            r#""plain""#,
        ] {
            let v = ok(text);
            assert_eq!(ok(&v.to_string()), v);
            assert_eq!(ok(&v.to_json_pretty()), v);
        }
        // A repeated key is kept; `get` reads the last one.
        let v = ok(r#"{"a":1,"a":2}"#);
        assert_eq!(v.get("a").and_then(Value::as_u64), Some(2));
        assert_eq!(v.to_string(), r#"{"a":1,"a":2}"#);
    }

    #[test]
    fn insert_replaces_or_appends() {
        let mut v = ok(r#"{"a":1}"#);
        assert!(v.insert("a", Value::from(2u32)));
        assert!(v.insert("b", Value::from("x")));
        assert_eq!(v.to_string(), r#"{"a":2,"b":"x"}"#);
        assert!(!Value::Null.insert("a", Value::Null));
    }

    #[test]
    fn locate_finds_the_value_at_a_path() {
        let text = "{\"a\": {\"b\": [10, {\"c\": \"x\"}]}, \"d\": 1}";
        let at = locate(
            text,
            &[
                Seg::Key("a".into()),
                Seg::Key("b".into()),
                Seg::Index(1),
                Seg::Key("c".into()),
            ],
        );
        assert_eq!(at.map(|i| &text[i..i + 3]), Some("\"x\""));
        assert_eq!(
            locate(text, &[Seg::Key("d".into())]).map(|i| &text[i..i + 1]),
            Some("1")
        );
        assert_eq!(locate(text, &[Seg::Key("zz".into())]), None);
        assert_eq!(locate(text, &[Seg::Index(0)]), None);
        assert_eq!(locate(text, &[]), Some(0));
        assert_eq!(line_col("ab\ncé\nx", 7), (3, 1));
        assert_eq!(line_col("ab\ncé\nx", 6), (2, 3));
    }

    #[test]
    fn fields_read_structs_with_paths_in_errors() {
        let v = ok(r#"{"n": 5, "list": ["a", 2], "extra": 1, "dup": 1, "dup": 2, "no": null}"#);
        let f = match Fields::of(&v, "an object") {
            Ok(f) => f,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(f.required("n", read_u32), Ok(5));
        let e = f.required("list", read_strings).unwrap_err();
        assert_eq!(e.path_string(), "list[1]");
        assert_eq!(e.message, "invalid type: number `2`, expected a string");
        assert_eq!(
            f.required("missing", read_u32).unwrap_err().message,
            "missing field `missing`"
        );
        assert_eq!(f.or_default("missing", read_u32), Ok(0));
        assert_eq!(f.optional("no", read_u32), Ok(None));
        assert_eq!(f.get("dup").unwrap_err().message, "duplicate field `dup`");
        let e = f.only(&["n", "list"]).err().unwrap();
        assert_eq!(e.path_string(), "extra");
        assert_eq!(
            e.message,
            "unknown field `extra`, expected one of `n`, `list`"
        );
        let e = read_u32(&ok("-1")).unwrap_err();
        assert_eq!(
            e.message,
            "invalid value: number `-1`, expected a whole number from 0 to 4294967295"
        );
        assert!(Fields::of(&ok("[]"), "a rule").is_err());
    }

    #[test]
    fn variants_are_read_by_name() {
        let all = [1u8, 2];
        let name = |n: u8| if n == 1 { "one" } else { "two" };
        assert_eq!(read_variant(&Value::from("two"), &all, name), Ok(2));
        assert_eq!(
            read_variant(&Value::from("three"), &all, name).map_err(|e| e.message),
            Err("unknown variant `three`, expected `one` or `two`".to_string())
        );
        assert_eq!(
            read_variant(&Value::from(1u32), &all, name).map_err(|e| e.message),
            Err("invalid type: number `1`, expected one of one, two".to_string())
        );
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let alphabet: Vec<char> = "{}[]\",:\\u0123456789abcdefEtrnl-+. \n\té😀"
            .chars()
            .collect();
        for _ in 0..3000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 40) as usize;
            let text: String = (0..len)
                .map(|i| {
                    let k = (seed.rotate_left(i as u32 * 5) % alphabet.len() as u64) as usize;
                    alphabet[k]
                })
                .collect();
            if let Ok(v) = parse(&text) {
                assert_eq!(parse(&v.to_string()).ok(), Some(v));
            }
            let _ = locate(&text, &[Seg::Index(1), Seg::Key("a".into())]);
        }
    }
}
