//! The rulebook's JSON shape, read and written with the small `json` module instead of serde:
//! which fields each object has, which may be left out (and their defaults), which are left out
//! when writing (empty lists, `null`s, `"enabled": true`), and the names of the categories and
//! channels. Unknown fields are rejected with the list of allowed ones; every error carries the
//! path of the value it is about. `Message` (a thread example's messages) is read leniently, as
//! the case format reads it: unknown fields are ignored.

use super::{
    Clause, CompiledCache, DocumentInfo, Example, ExampleCase, Examples, Lists, Rule, Rulebook,
    Tracked, LIST_NAMES,
};
use crate::engine::json::{
    self, read_array, read_bool, read_string, read_strings, read_u32, read_variant, DecodeError,
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

fn read_category(v: &Value) -> Result<Category, DecodeError> {
    read_variant(v, &CATEGORIES, Category::as_str)
}

fn read_channel(v: &Value) -> Result<Channel, DecodeError> {
    read_variant(v, &Channel::ALL, Channel::as_str)
}

/// Reads the whole book (no validation; the cache starts empty).
pub(super) fn read_rulebook(v: &Value) -> Result<Rulebook, DecodeError> {
    let f = Fields::of(v, "a rulebook object")?.only(&[
        "format",
        "document",
        "edition",
        "multi_window_minutes",
        "clauses",
        "lists",
        "rules",
    ])?;
    Ok(Rulebook {
        format: f.required("format", read_u32)?,
        document: f.required("document", read_document)?,
        edition: f.required("edition", read_u32)?,
        multi_window_minutes: f.required("multi_window_minutes", read_u32)?,
        clauses: f.required("clauses", |v| read_array(v, read_clause))?,
        lists: Tracked::new(f.required("lists", read_lists)?),
        rules: f.required("rules", |v| read_array(v, read_rule))?,
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

fn read_document(v: &Value) -> Result<DocumentInfo, DecodeError> {
    let f =
        Fields::of(v, "a document object")?.only(&["code", "revision", "title", "effective"])?;
    Ok(DocumentInfo {
        code: f.required("code", read_string)?,
        revision: f.required("revision", read_string)?,
        title: f.required("title", read_string)?,
        effective: f.required("effective", read_string)?,
    })
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
    let f = Fields::of(v, "a clause object")?
        .only(&["id", "title_id", "title_en", "text_id", "text_en"])?;
    Ok(Clause {
        id: f.required("id", read_string)?,
        title_id: f.required("title_id", read_string)?,
        title_en: f.required("title_en", read_string)?,
        text_id: f.required("text_id", read_string)?,
        text_en: f.required("text_en", read_string)?,
    })
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

/// Reads and writes the word lists; every one is a list of strings except `abbreviations`.
macro_rules! word_lists {
    ($($name:ident),* $(,)?) => {
        fn read_lists(v: &Value) -> Result<Lists, DecodeError> {
            let f = Fields::of(v, "an object of lists")?.only(LIST_NAMES)?;
            Ok(Lists {
                $($name: f.required(stringify!($name), read_strings)?,)*
                abbreviations: f.required("abbreviations", json::read_string_map)?,
            })
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
    let f = Fields::of(v, "a rule object")?.only(&[
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
    ])?;
    Ok(Rule {
        id: f.required("id", read_string)?,
        clause: f.required("clause", read_string)?,
        category: f.optional("category", read_category)?,
        why_id: f.required("why_id", read_string)?,
        why_en: f.required("why_en", read_string)?,
        detector: f.optional("detector", read_string)?,
        patterns: f.or_default("patterns", read_strings)?,
        threshold: f.optional("threshold", read_u32)?,
        uses: f.or_default("uses", read_strings)?,
        enabled: f.or("enabled", true, read_bool)?,
        examples: f.required("examples", read_examples)?,
    })
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

fn read_examples(v: &Value) -> Result<Examples, DecodeError> {
    let f = Fields::of(v, "an examples object")?.only(&["match", "no_match"])?;
    Ok(Examples {
        must_match: f.required("match", |v| read_array(v, read_example))?,
        no_match: f.required("no_match", |v| read_array(v, read_example))?,
    })
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
            let f = Fields::of(v, "an example object")?
                .only(&["channel", "text", "thread", "target"])?;
            Ok(Example::Case(ExampleCase {
                channel: f.optional("channel", read_channel)?,
                text: f.optional("text", read_string)?,
                thread: f.or_default("thread", |v| read_array(v, read_message))?,
                target: f.optional("target", read_string)?,
            }))
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
    let f = Fields::of(v, "a message object")?;
    Ok(Message {
        id: f.or_default("id", read_string)?,
        author: f.optional("author", read_string)?,
        time: f.optional("time", read_string)?,
        text: f.or_default("text", read_string)?,
        conversation: f.optional("conversation", read_string)?,
    })
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
