//! The rulebook's JSON shape, read and written with the small `json` module instead of serde:
//! which fields each object has, which may be left out (and their defaults), which are left out
//! when writing (empty lists, `null`s, `"enabled": true`), and the names of the categories and
//! channels. Unknown fields are rejected with the list of allowed ones; every error carries the
//! path of the value it is about. `Message` (a thread example's messages) is read leniently, as
//! the case format reads it: unknown fields are ignored.
//!
//! Each object is read from a table of its fields (name, whether it may be left out, and the
//! slot its value goes into) by one non-generic function, [`read_object`], rather than by a
//! generic reader per field: the web bundle carries one copy of the field logic instead of one
//! per field type and struct.

use super::{
    Clause, CompiledCache, DocumentInfo, Example, ExampleCase, Examples, Lists, Rule, Rulebook,
    Tracked, LIST_NAMES,
};
use crate::engine::json::{
    self, read_bool, read_each, read_string, read_strings, read_u32, read_variant, DecodeError,
    Fields, ObjectBuilder, Value,
};
use crate::engine::model::{Category, Channel, Message};

/// The categories in the order the rulebook format declares them (for error messages).
const CATEGORIES: [Category; 4] = [
    Category::Troll,
    Category::Multi,
    Category::Kuis,
    Category::Promo,
];

/// Where a field's value goes, and so how it is read and whether it may be left out: a
/// `…Or` slot keeps its default when the field is absent (a `null` is read like any other
/// value, so it is rejected), a `Maybe…` slot stays `None` when it is absent or `null`, and the
/// others are required (`missing field` otherwise).
enum Slot<'s> {
    Text(&'s mut String),
    TextOr(&'s mut String),
    MaybeText(&'s mut Option<String>),
    Texts(&'s mut Vec<String>),
    TextsOr(&'s mut Vec<String>),
    Number(&'s mut u32),
    MaybeNumber(&'s mut Option<u32>),
    FlagOr(&'s mut bool),
    /// Anything else: the value is handed to the function.
    With(&'s mut dyn FnMut(&Value) -> Result<(), DecodeError>),
    MaybeWith(&'s mut dyn FnMut(&Value) -> Result<(), DecodeError>),
    /// An array: each item is handed to the function (an item's error names its index).
    Each(&'s mut dyn FnMut(&Value) -> Result<(), DecodeError>),
    EachOr(&'s mut dyn FnMut(&Value) -> Result<(), DecodeError>),
}
use Slot::*;

/// Whether fields other than the listed ones are rejected.
#[derive(Clone, Copy, PartialEq)]
enum Unknown {
    Reject,
    Ignore,
}

/// Reads the object `v` (`what` names it when it is not an object) field by field: the field
/// `names[i]` into `slots[i]`, in that order (so the first bad field is the one reported).
fn read_object(
    v: &Value,
    what: &str,
    unknown: Unknown,
    names: &[&str],
    slots: &mut [Slot],
) -> Result<(), DecodeError> {
    debug_assert_eq!(names.len(), slots.len());
    let mut f = Fields::of(v, what)?;
    if unknown == Unknown::Reject {
        f = f.only(names)?;
    }
    for (key, slot) in names.iter().zip(slots) {
        let v = match (f.get(key)?, &*slot) {
            (None, Text(_) | Texts(_) | Number(_) | With(_) | Each(_)) => {
                return Err(DecodeError::new(format!("missing field `{key}`")))
            }
            (None, _) | (Some(Value::Null), MaybeText(_) | MaybeNumber(_) | MaybeWith(_)) => {
                continue
            }
            (Some(v), _) => v,
        };
        read_slot(v, slot).map_err(|e| e.in_key(key))?;
    }
    Ok(())
}

fn read_slot(v: &Value, slot: &mut Slot) -> Result<(), DecodeError> {
    match slot {
        Text(s) | TextOr(s) => **s = read_string(v)?,
        MaybeText(s) => **s = Some(read_string(v)?),
        Texts(s) | TextsOr(s) => **s = read_strings(v)?,
        Number(n) => **n = read_u32(v)?,
        MaybeNumber(n) => **n = Some(read_u32(v)?),
        FlagOr(b) => **b = read_bool(v)?,
        With(read) | MaybeWith(read) => read(v)?,
        Each(read) | EachOr(read) => read_each(v, *read)?,
    }
    Ok(())
}

/// Reads the whole book (no validation; the cache starts empty).
pub(super) fn read_rulebook(v: &Value) -> Result<Rulebook, DecodeError> {
    let (mut format, mut edition, mut multi_window_minutes) = (0, 0, 0);
    let mut document = DocumentInfo::default();
    let mut clauses = Vec::new();
    let mut lists = Lists::default();
    let mut rules = Vec::new();
    read_object(
        v,
        "a rulebook object",
        Unknown::Reject,
        &[
            "format",
            "document",
            "edition",
            "multi_window_minutes",
            "clauses",
            "lists",
            "rules",
        ],
        &mut [
            Number(&mut format),
            With(&mut |v| read_document(v, &mut document)),
            Number(&mut edition),
            Number(&mut multi_window_minutes),
            Each(&mut |v| read_clause(v).map(|c| clauses.push(c))),
            With(&mut |v| read_lists(v, &mut lists)),
            Each(&mut |v| read_rule(v).map(|r| rules.push(r))),
        ],
    )?;
    Ok(Rulebook {
        format,
        document,
        edition,
        multi_window_minutes,
        clauses,
        lists: Tracked::new(lists),
        rules,
        cache: CompiledCache::default(),
    })
}

/// The book as a JSON value, fields in the order of the format.
pub(super) fn rulebook_value(b: &Rulebook) -> Value {
    ObjectBuilder::new()
        .field("format", b.format)
        .field("document", document_value(&b.document))
        .field("edition", b.edition)
        .field("multi_window_minutes", b.multi_window_minutes)
        .field(
            "clauses",
            Value::Array(b.clauses.iter().map(clause_value).collect()),
        )
        .field("lists", lists_value(&b.lists))
        .field(
            "rules",
            Value::Array(b.rules.iter().map(rule_value).collect()),
        )
        .build()
}

fn read_document(v: &Value, d: &mut DocumentInfo) -> Result<(), DecodeError> {
    read_object(
        v,
        "a document object",
        Unknown::Reject,
        &["code", "revision", "title", "effective"],
        &mut [
            Text(&mut d.code),
            Text(&mut d.revision),
            Text(&mut d.title),
            Text(&mut d.effective),
        ],
    )
}

fn document_value(d: &DocumentInfo) -> Value {
    ObjectBuilder::new()
        .field("code", d.code.as_str())
        .field("revision", d.revision.as_str())
        .field("title", d.title.as_str())
        .field("effective", d.effective.as_str())
        .build()
}

fn read_clause(v: &Value) -> Result<Clause, DecodeError> {
    let mut c = Clause::default();
    read_object(
        v,
        "a clause object",
        Unknown::Reject,
        &["id", "title_id", "title_en", "text_id", "text_en"],
        &mut [
            Text(&mut c.id),
            Text(&mut c.title_id),
            Text(&mut c.title_en),
            Text(&mut c.text_id),
            Text(&mut c.text_en),
        ],
    )?;
    Ok(c)
}

fn clause_value(c: &Clause) -> Value {
    ObjectBuilder::new()
        .field("id", c.id.as_str())
        .field("title_id", c.title_id.as_str())
        .field("title_en", c.title_en.as_str())
        .field("text_id", c.text_id.as_str())
        .field("text_en", c.text_en.as_str())
        .build()
}

/// Reads and writes the word lists; every one is a list of strings except `abbreviations`. The
/// fields are those of `LIST_NAMES`, in its order.
macro_rules! word_lists {
    ($($name:ident),* $(,)?) => {
        fn read_lists(v: &Value, l: &mut Lists) -> Result<(), DecodeError> {
            read_object(
                v,
                "an object of lists",
                Unknown::Reject,
                LIST_NAMES,
                &mut [
                    $(Texts(&mut l.$name),)*
                    With(&mut |v| json::read_string_map(v).map(|m| l.abbreviations = m)),
                ],
            )
        }

        fn lists_value(l: &Lists) -> Value {
            let abbreviations = Value::Object(
                l.abbreviations
                    .iter()
                    .map(|(k, v)| (k.clone(), Value::from(v.as_str())))
                    .collect(),
            );
            ObjectBuilder::new()
                $(.field(stringify!($name), json::strings_value(&l.$name)))*
                .field("abbreviations", abbreviations)
                .build()
        }
    };
}

word_lists!(
    brand_handles,
    brand_handle_prefixes,
    brand_page_names,
    products_in_scope,
    service_objects,
    other_providers,
    personal_request_phrases,
    quiz_markers,
    quiz_hashtags,
    promo_markers,
    follow_up_pings,
    problem_words,
    negative_words,
    service_words,
    agent_words,
    first_person_words,
    figurative_words,
    presence_markers,
    pending_markers,
    question_words,
    chatter_markers,
    stop_words,
);

fn read_rule(v: &Value) -> Result<Rule, DecodeError> {
    let mut r = Rule {
        id: String::new(),
        clause: String::new(),
        category: None,
        why_id: String::new(),
        why_en: String::new(),
        detector: None,
        patterns: Vec::new(),
        threshold: None,
        uses: Vec::new(),
        enabled: true,
        examples: Examples::default(),
    };
    read_object(
        v,
        "a rule object",
        Unknown::Reject,
        &[
            "id",
            "clause",
            "category",
            "why_id",
            "why_en",
            "detector",
            "patterns",
            "threshold",
            "uses",
            "enabled",
            "examples",
        ],
        &mut [
            Text(&mut r.id),
            Text(&mut r.clause),
            MaybeWith(&mut |v| {
                read_variant(v, &CATEGORIES, Category::as_str).map(|c| r.category = Some(c))
            }),
            Text(&mut r.why_id),
            Text(&mut r.why_en),
            MaybeText(&mut r.detector),
            TextsOr(&mut r.patterns),
            MaybeNumber(&mut r.threshold),
            TextsOr(&mut r.uses),
            FlagOr(&mut r.enabled),
            With(&mut |v| read_examples(v, &mut r.examples)),
        ],
    )?;
    Ok(r)
}

fn rule_value(r: &Rule) -> Value {
    ObjectBuilder::new()
        .field("id", r.id.as_str())
        .field("clause", r.clause.as_str())
        .field("category", r.category.map(Category::as_str))
        .field("why_id", r.why_id.as_str())
        .field("why_en", r.why_en.as_str())
        .some("detector", r.detector.as_deref())
        .when(!r.patterns.is_empty(), "patterns", || {
            json::strings_value(&r.patterns)
        })
        .some("threshold", r.threshold)
        .when(!r.uses.is_empty(), "uses", || json::strings_value(&r.uses))
        .when(!r.enabled, "enabled", || Value::Bool(false))
        .field("examples", examples_value(&r.examples))
        .build()
}

fn read_examples(v: &Value, e: &mut Examples) -> Result<(), DecodeError> {
    read_object(
        v,
        "an examples object",
        Unknown::Reject,
        &["match", "no_match"],
        &mut [
            Each(&mut |v| read_example(v).map(|x| e.must_match.push(x))),
            Each(&mut |v| read_example(v).map(|x| e.no_match.push(x))),
        ],
    )
}

fn examples_value(e: &Examples) -> Value {
    let list = |items: &[Example]| Value::Array(items.iter().map(example_value).collect());
    ObjectBuilder::new()
        .field("match", list(&e.must_match))
        .field("no_match", list(&e.no_match))
        .build()
}

/// A plain string, or the object form (an error inside the object is reported as itself).
fn read_example(v: &Value) -> Result<Example, DecodeError> {
    match v {
        Value::String(s) => Ok(Example::Text(s.clone())),
        Value::Object(_) => {
            let mut c = ExampleCase::default();
            read_object(
                v,
                "an example object",
                Unknown::Reject,
                &["channel", "text", "thread", "target"],
                &mut [
                    MaybeWith(&mut |v| {
                        read_variant(v, &Channel::ALL, Channel::as_str).map(|x| c.channel = Some(x))
                    }),
                    MaybeText(&mut c.text),
                    EachOr(&mut |v| read_message(v).map(|m| c.thread.push(m))),
                    MaybeText(&mut c.target),
                ],
            )?;
            Ok(Example::Case(c))
        }
        other => Err(DecodeError::expected(
            "an example text, or an object with `text` or `thread`",
            other,
        )),
    }
}

fn example_value(e: &Example) -> Value {
    match e {
        Example::Text(t) => Value::from(t.as_str()),
        Example::Case(c) => ObjectBuilder::new()
            .some("channel", c.channel.map(Channel::as_str))
            .some("text", c.text.as_deref())
            .when(!c.thread.is_empty(), "thread", || {
                Value::Array(c.thread.iter().map(message_value).collect())
            })
            .some("target", c.target.as_deref())
            .build(),
    }
}

/// A message of a thread example, as the case format has it (unknown fields are ignored).
fn read_message(v: &Value) -> Result<Message, DecodeError> {
    let mut m = Message::default();
    read_object(
        v,
        "a message object",
        Unknown::Ignore,
        &["id", "author", "time", "text", "conversation"],
        &mut [
            TextOr(&mut m.id),
            MaybeText(&mut m.author),
            MaybeText(&mut m.time),
            TextOr(&mut m.text),
            MaybeText(&mut m.conversation),
        ],
    )?;
    Ok(m)
}

fn message_value(m: &Message) -> Value {
    ObjectBuilder::new()
        .field("id", m.id.as_str())
        .some("author", m.author.as_deref())
        .some("time", m.time.as_deref())
        .field("text", m.text.as_str())
        .some("conversation", m.conversation.as_deref())
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field, each word list in particular, lands in its own slot: the built-in book's
    /// lists write back as they were read, and the whole book reads back the same.
    #[test]
    fn fields_land_in_their_own_slots() {
        let value = json::parse(super::super::BUILTIN_JSON).expect("built-in JSON parses");
        let book = read_rulebook(&value).expect("built-in book reads");
        let written = rulebook_value(&book);
        let list = |v: &Value, name: &str| v.get("lists").and_then(|l| l.get(name)).cloned();
        for name in &LIST_NAMES[..LIST_NAMES.len() - 1] {
            assert!(list(&value, name).is_some_and(|l| l.as_array().is_some_and(|a| !a.is_empty())));
            assert_eq!(list(&written, name), list(&value, name), "{name}");
        }
        let abbreviations = list(&value, "abbreviations").expect("abbreviations");
        assert_eq!(
            json::read_string_map(&abbreviations).as_ref(),
            Ok(&book.lists.abbreviations)
        );
        assert_eq!(read_rulebook(&written), Ok(book));
    }
}
