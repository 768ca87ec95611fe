//! The rulebook test bench: refusals say what and where, and accepted candidates list exactly the
//! decisions that change against the book in force.
use oot_triage::engine::rulebook::Rulebook;
use oot_triage::engine::testbench::{bench_cases, compare, evaluate, labelled_cases, Refusal, Source};
use oot_triage::engine::{Case, Category, Channel, Decision, Message};
use serde_json::Value;

fn builtin_value() -> Value {
    serde_json::from_str(&Rulebook::builtin().to_json_pretty()).expect("built-in book is JSON")
}

fn rule_index(book: &Value, id: &str) -> usize {
    book["rules"]
        .as_array()
        .unwrap()
        .iter()
        .position(|r| r["id"] == id)
        .unwrap()
}

#[test]
fn builtin_against_itself_changes_nothing() {
    let book = Rulebook::builtin();
    let (candidate, report) = evaluate(&book, &book.to_json_pretty(), &[]).expect("built-in book is accepted");
    assert_eq!(candidate, book);
    assert!(report.changes.is_empty(), "{:?}", report.changes);
    // Every example of every rule is on the bench.
    let examples: usize = book
        .rules
        .iter()
        .map(|r| r.examples.must_match.len() + r.examples.no_match.len())
        .sum();
    assert!(
        report.cases_run >= examples.min(1) && report.cases_run <= examples,
        "{} of {examples}",
        report.cases_run
    );
    assert!(report.messages_compared >= report.cases_run);
}

#[test]
fn invalid_json_is_refused_with_line_and_column() {
    let err = evaluate(&Rulebook::builtin(), "{\n  \"format\": 1,\n  \"edition\": oops\n}", &[]).unwrap_err();
    let Refusal::Invalid(e) = &err else {
        panic!("expected Invalid, got {err:?}")
    };
    assert_eq!(e.line, Some(3));
    assert!(e.column.is_some());
    assert!(err.to_string().contains("line 3"), "{err}");
}

#[test]
fn unknown_field_is_refused_with_its_path() {
    let mut v = builtin_value();
    v["lists"]["brand_handlez"] = serde_json::json!(["@x"]);
    let err = evaluate(&Rulebook::builtin(), &v.to_string(), &[]).unwrap_err();
    let Refusal::Invalid(e) = &err else {
        panic!("expected Invalid, got {err:?}")
    };
    assert!(e.message.contains("brand_handlez"), "{e}");
    assert!(e.path.starts_with("lists"), "path was {:?}", e.path);
}

#[test]
fn window_outside_range_is_refused_at_its_field() {
    let mut v = builtin_value();
    v["multi_window_minutes"] = serde_json::json!(0);
    let err = evaluate(&Rulebook::builtin(), &v.to_string(), &[]).unwrap_err();
    let Refusal::Invalid(e) = &err else {
        panic!("expected Invalid, got {err:?}")
    };
    assert_eq!(e.path, "multi_window_minutes");
}

#[test]
fn book_breaking_its_own_examples_is_refused_with_the_example_path() {
    // Without its phrases, the personal-contact rule no longer fires on its own examples.
    let mut v = builtin_value();
    v["lists"]["personal_request_phrases"] = serde_json::json!([]);
    let i = rule_index(&v, "troll.personal-contact");
    let err = evaluate(&Rulebook::builtin(), &v.to_string(), &[]).unwrap_err();
    let Refusal::BrokenExamples(broken) = &err else {
        panic!("expected BrokenExamples, got {err:?}")
    };
    let mine: Vec<_> = broken
        .iter()
        .filter(|b| b.failure.rule == "troll.personal-contact")
        .collect();
    assert!(!mine.is_empty(), "{broken:?}");
    assert!(
        mine.iter()
            .all(|b| b.path.starts_with(&format!("rules[{i}].examples.match["))),
        "{mine:?}"
    );
    assert!(mine.iter().all(|b| b.failure.expected_match));
    let text = err.to_string();
    assert!(
        text.contains("troll.personal-contact") && text.contains("must match"),
        "{text}"
    );
}

#[test]
fn switching_a_rule_off_lists_the_decisions_that_change() {
    let mut v = builtin_value();
    let i = rule_index(&v, "kuis.hashtag");
    v["rules"][i]["enabled"] = serde_json::json!(false);
    let current = Rulebook::builtin();
    let (candidate, report) =
        evaluate(&current, &v.to_string(), &[]).expect("a switched-off rule is still a valid book");
    assert!(!candidate.rules[i].enabled);
    let kuis_changes: Vec<_> = report
        .changes
        .iter()
        .filter(|c| matches!(&c.source, Source::RuleExample { rule, must_match: true, .. } if rule == "kuis.hashtag"))
        .collect();
    assert!(!kuis_changes.is_empty(), "{:?}", report.changes);
    for c in kuis_changes {
        let before = c.before.as_ref().unwrap();
        assert_eq!(
            (before.decision, before.category),
            (Decision::NoReply, Some(Category::Kuis)),
            "{c:?}"
        );
        let after = c.after.as_ref().unwrap();
        assert_ne!(
            (after.decision, after.category),
            (Decision::NoReply, Some(Category::Kuis)),
            "{c:?}"
        );
    }
}

#[test]
fn bench_includes_each_distinct_thread_once() {
    let book = Rulebook::builtin();
    let once = bench_cases(&book, &book, &[]);
    let examples: usize = book
        .rules
        .iter()
        .map(|r| r.examples.must_match.len() + r.examples.no_match.len())
        .sum();
    assert!(once.len() <= examples);
    let mut seen = std::collections::HashSet::new();
    for c in &once {
        let key = (
            c.channel,
            c.thread.iter().map(|m| m.text.clone()).collect::<Vec<_>>(),
            c.target.clone(),
        );
        assert!(seen.insert(key), "duplicate bench case {:?}", c.source);
    }
}

#[test]
fn labelled_cases_compare_every_message_and_skip_paste_only_cases() {
    let case = Case {
        id: "t1".into(),
        channel: Some(Channel::Facebook),
        messages: vec![
            Message {
                text: "indihome mati dari pagi".into(),
                ..Default::default()
            },
            Message {
                text: "min??".into(),
                ..Default::default()
            },
        ],
        ..Default::default()
    };
    let paste_only = Case {
        id: "p".into(),
        paste: Some("halo".into()),
        ..Default::default()
    };
    let bench = labelled_cases(&[case, paste_only]);
    assert_eq!(bench.len(), 1);
    assert_eq!(bench[0].target, None);
    assert_eq!(
        bench[0].thread.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(),
        ["1", "2"]
    );
    let book = Rulebook::builtin();
    let report = compare(&book, &book, &bench);
    assert_eq!(report.messages_compared, 2);
    assert!(report.changes.is_empty());
}

#[test]
fn admit_takes_the_builtin_book_and_refuses_a_broken_one() {
    assert!(oot_triage::engine::testbench::admit(&Rulebook::builtin().to_json_pretty()).is_ok());
    let mut v = builtin_value();
    v["lists"]["personal_request_phrases"] = serde_json::json!([]);
    assert!(matches!(
        oot_triage::engine::testbench::admit(&v.to_string()),
        Err(Refusal::BrokenExamples(_))
    ));
    assert!(matches!(
        oot_triage::engine::testbench::admit("[]"),
        Err(Refusal::Invalid(_))
    ));
}
