//! The rulebook as a whole and rule by rule: the built-in book parses and validates, every
//! rule's examples behave, `from_json` rejects bad books with a message that says where, and
//! edits made on a clone take effect.

use oot_triage::engine::classify::classify_thread;
use oot_triage::engine::rulebook::{Example, Rulebook, BUILTIN_JSON, BUILTIN_RULE_IDS, LIST_NAMES};
use oot_triage::engine::{Category, Channel, Decision};
use std::collections::HashSet;

mod common;
use common::message as msg;

fn edited(f: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v: serde_json::Value =
        serde_json::from_str(BUILTIN_JSON).expect("built-in JSON parses");
    f(&mut v);
    serde_json::to_string_pretty(&v).expect("serialises")
}

/// The binaries carry the built-in book without its layout (`build.rs`): the same JSON value as
/// the file people edit, and the file itself parses and validates with its own line numbers.
#[test]
fn builtin_json_is_the_source_file_without_its_layout() {
    let source = include_str!("../src/engine/rulebook.json");
    let a: serde_json::Value = serde_json::from_str(source).expect("src/engine/rulebook.json parses");
    let b: serde_json::Value = serde_json::from_str(BUILTIN_JSON).expect("built-in JSON parses");
    assert_eq!(a, b);
    assert!(BUILTIN_JSON.len() < source.len() * 9 / 10, "the layout was not removed");
    if let Err(e) = Rulebook::from_json(source) {
        panic!("src/engine/rulebook.json: {e}");
    }
}

#[test]
fn builtin_book_names_the_document_it_implements() {
    let book = Rulebook::builtin();
    assert_eq!(book.document.code, "IN.OCC.TELK.W-21");
    assert_eq!(book.document.revision, "00");
    assert_eq!(book.document_label(), "IN.OCC.TELK.W-21 rev 00");
    assert_eq!(book.multi_window_minutes, 10);
}

#[test]
fn every_rule_example_behaves() {
    let book = Rulebook::builtin();
    let failures = book.check_examples();
    for f in &failures {
        eprintln!(
            "{} ({}): {}\n    got {}",
            f.rule,
            if f.expected_match {
                "must match"
            } else {
                "must not match"
            },
            f.example,
            f.got
        );
    }
    assert!(
        failures.is_empty(),
        "{} rule examples misbehave",
        failures.len()
    );
}

#[test]
fn book_has_unique_ids_both_kinds_of_example_and_known_clauses() {
    let book = Rulebook::builtin();
    let clauses: HashSet<&str> = book.clauses.iter().map(|c| c.id.as_str()).collect();
    let mut ids = HashSet::new();
    for r in &book.rules {
        assert!(ids.insert(r.id.as_str()), "duplicate rule id {}", r.id);
        assert!(
            clauses.contains(r.clause.as_str()),
            "{} cites unknown clause {}",
            r.id,
            r.clause
        );
        assert!(
            !r.examples.must_match.is_empty(),
            "{} has no must-match example",
            r.id
        );
        assert!(
            !r.examples.no_match.is_empty(),
            "{} has no must-not-match example",
            r.id
        );
        assert!(
            !r.why_id.is_empty() && !r.why_en.is_empty(),
            "{} lacks an explanation",
            r.id
        );
        for u in &r.uses {
            assert!(
                LIST_NAMES.contains(&u.as_str()),
                "{} uses unknown list {}",
                r.id,
                u
            );
        }
    }
    for id in BUILTIN_RULE_IDS {
        assert!(ids.contains(id), "built-in rule {id} missing from the book");
    }
    for c in ["5.1", "5.2", "5.3"] {
        assert!(clauses.contains(c), "clause {c} missing");
    }
}

#[test]
fn every_category_is_decided_by_some_rule() {
    let book = Rulebook::builtin();
    for cat in Category::ALL {
        assert!(
            book.rules.iter().any(|r| r.category == Some(cat)),
            "no rule decides {cat:?}"
        );
    }
}

#[test]
fn book_survives_a_round_trip_through_json() {
    let book = Rulebook::builtin();
    let again = Rulebook::from_json(&book.to_json_pretty()).expect("round trip parses");
    assert_eq!(again, book);
}

#[test]
fn unknown_field_is_rejected_with_its_path() {
    let text = edited(|v| {
        v["rules"][3]["colour"] = serde_json::json!("red");
    });
    let err = Rulebook::from_json(&text).expect_err("unknown field must be rejected");
    assert!(err.path.starts_with("rules[3]"), "{err}");
    assert!(err.message.contains("colour"), "{err}");
    assert!(err.line.is_some() && err.column.is_some());
    assert!(err.to_string().contains("rules[3]"));
}

#[test]
fn unknown_field_inside_an_example_object_is_rejected_with_its_path() {
    let text = edited(|v| {
        v["rules"][0]["examples"]["match"][0]["targt"] = serde_json::json!("2");
    });
    let err = Rulebook::from_json(&text).expect_err("unknown example field must be rejected");
    assert!(err.path.starts_with("rules[0].examples.match[0]"), "{err}");
    assert!(err.message.contains("targt"), "{err}");
}

#[test]
fn a_value_of_the_wrong_type_is_rejected_with_its_path_and_line() {
    let text = edited(|v| v["rules"][3]["threshold"] = serde_json::json!("high"));
    let err = Rulebook::from_json(&text).expect_err("wrong type must be rejected");
    assert_eq!(err.path, "rules[3].threshold");
    assert!(
        err.message.contains("whole number") && err.message.contains("\"high\""),
        "{err}"
    );
    let line = err.line.expect("line of the value");
    let column = err.column.expect("column of the value");
    let at_line = text.lines().nth(line - 1).unwrap_or_default();
    assert!(
        at_line
            .chars()
            .skip(column - 1)
            .collect::<String>()
            .starts_with("\"high\""),
        "{err}"
    );
}

#[test]
fn a_missing_field_is_named_with_the_object_it_is_missing_from() {
    let text = edited(|v| {
        if let Some(rule) = v["rules"][2].as_object_mut() {
            rule.remove("why_en");
        }
    });
    let err = Rulebook::from_json(&text).expect_err("missing field must be rejected");
    assert_eq!(err.path, "rules[2]");
    assert!(err.message.contains("missing field `why_en`"), "{err}");
}

#[test]
fn window_outside_one_to_sixty_minutes_is_rejected() {
    for bad in [0, 61, 600] {
        let text = edited(|v| v["multi_window_minutes"] = serde_json::json!(bad));
        let err = Rulebook::from_json(&text).expect_err("window out of range");
        assert_eq!(err.path, "multi_window_minutes");
        assert!(err.message.contains("between 1 and 60"), "{err}");
    }
    let ok = edited(|v| v["multi_window_minutes"] = serde_json::json!(60));
    assert_eq!(
        Rulebook::from_json(&ok).map(|b| b.multi_window_minutes),
        Ok(60)
    );
}

#[test]
fn duplicate_rule_id_is_rejected() {
    let text = edited(|v| {
        let first = v["rules"][0]["id"].clone();
        v["rules"][1]["id"] = first;
    });
    let err = Rulebook::from_json(&text).expect_err("duplicate id");
    assert_eq!(err.path, "rules[1].id");
    assert!(err.message.contains("duplicate"), "{err}");
}

#[test]
fn rule_without_a_no_match_example_is_rejected() {
    let text = edited(|v| v["rules"][5]["examples"]["no_match"] = serde_json::json!([]));
    let err = Rulebook::from_json(&text).expect_err("missing examples");
    assert_eq!(err.path, "rules[5].examples.no_match");
}

#[test]
fn rule_citing_an_unknown_clause_is_rejected() {
    let text = edited(|v| v["rules"][2]["clause"] = serde_json::json!("9.9"));
    let err = Rulebook::from_json(&text).expect_err("unknown clause");
    assert_eq!(err.path, "rules[2].clause");
    assert!(err.message.contains("9.9"));
}

#[test]
fn a_built_in_rule_missing_from_a_saved_book_is_restored_and_disabling_it_works() {
    let removed = edited(|v| {
        let rules = v["rules"].as_array_mut().expect("rules array");
        rules.retain(|r| r["id"] != "troll.flirting");
    });
    let book = Rulebook::from_json(&removed).expect("an older saved book still loads");
    let r = book
        .rule("troll.flirting")
        .expect("restored from the built-in book");
    assert!(r.enabled);
    assert_eq!(
        r,
        Rulebook::builtin()
            .rule("troll.flirting")
            .expect("built-in")
    );

    let disabled = edited(|v| {
        for r in v["rules"].as_array_mut().expect("rules array") {
            if r["id"] == "troll.flirting" {
                r["enabled"] = serde_json::json!(false);
            }
        }
    });
    let book = Rulebook::from_json(&disabled).expect("disabled rule is fine");
    let v = classify_thread(
        &book,
        Channel::Twitter,
        &[msg(
            "1",
            None,
            None,
            "teknisi indihome yang pasang tadi ganteng parah",
        )],
    );
    assert!(
        v[0].reasons.iter().all(|r| r.rule != "troll.flirting"),
        "a switched-off rule never fires"
    );
}

#[test]
fn a_book_built_in_code_without_a_built_in_rule_fails_validation() {
    let mut book = Rulebook::builtin();
    book.rules.retain(|r| r.id != "troll.flirting");
    let err = book.validate().expect_err("missing built-in rule");
    assert!(
        err.message.contains("troll.flirting") && err.message.contains("enabled"),
        "{err}"
    );
}

#[test]
fn malformed_json_reports_line_and_column() {
    let err =
        Rulebook::from_json("{\n  \"format\": 1,\n  \"document\": ]\n}").expect_err("malformed");
    assert_eq!(err.line, Some(3));
    assert!(err.column.is_some());
}

#[test]
fn unknown_built_in_id_needs_the_phrases_detector() {
    let text = edited(|v| v["rules"][0]["id"] = serde_json::json!("troll.my-own"));
    let err = Rulebook::from_json(&text).expect_err("unknown built-in");
    assert!(err.message.contains("phrases"), "{err}");
}

#[test]
fn a_phrase_rule_of_your_own_fires_and_decides_its_category() {
    let text = edited(|v| {
        v["rules"].as_array_mut().expect("rules").push(serde_json::json!({
            "id": "troll.crypto", "clause": "5.1", "category": "troll", "detector": "phrases",
            "why_id": "Ajakan kripto.", "why_en": "Crypto pitch.",
            "patterns": ["airdrop koin"],
            "examples": {"match": ["@IndiHome ada airdrop koin gratis nih"], "no_match": ["@IndiHome internet mati"]}
        }));
    });
    let book = Rulebook::from_json(&text).expect("own rule parses");
    assert!(
        book.check_examples().is_empty(),
        "{:?}",
        book.check_examples()
    );
    let v = classify_thread(
        &book,
        Channel::Twitter,
        &[msg("1", None, None, "@TelkomCare ada AIRDROP koin nih min")],
    );
    assert_eq!(v[0].decision, Decision::NoReply);
    assert_eq!(v[0].category, Some(Category::Troll));
    let r = v[0]
        .reasons
        .iter()
        .find(|r| r.rule == "troll.crypto")
        .expect("own rule fired");
    assert!(r.decisive);
    assert_eq!(
        &"@TelkomCare ada AIRDROP koin nih min"[r.evidence[0].start..r.evidence[0].end],
        "AIRDROP koin"
    );
}

#[test]
fn check_examples_reports_an_example_that_does_not_behave() {
    let mut book = Rulebook::builtin();
    let r = book
        .rules
        .iter_mut()
        .find(|r| r.id == "troll.personal-contact")
        .expect("rule");
    r.examples
        .must_match
        .push(Example::Text("@IndiHome internet mati dari pagi".into()));
    let failures = book.check_examples();
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0].rule, "troll.personal-contact");
    assert!(failures[0].expected_match);
    assert!(failures[0].got.starts_with("reply"), "{}", failures[0].got);
}

#[test]
fn brand_authors_are_recognised_in_any_case_with_or_without_at() {
    let book = Rulebook::builtin();
    for a in [
        "@IndiHomeCare",
        "indihomecare",
        "@TELKOMCARE",
        " @Telkomsel ",
        "@IndihomeJTD",
        "IndiHome",
        "Telkom Indonesia",
        "telkom  indonesia",
    ] {
        assert!(book.is_brand_author(a), "{a} is a brand");
    }
    for a in [
        "@pelanggan1",
        "@budi_s",
        "Rudi Hartono",
        "",
        "@",
        "@_pln_id",
    ] {
        assert!(!book.is_brand_author(a), "{a} is not a brand");
    }
}

#[test]
fn agent_signature_needs_a_courteous_agent_text() {
    let book = Rulebook::builtin();
    assert!(
        book.has_agent_signature("@dina_k Mohon maaf kak, boleh info nomor speedy via DM? -Sari")
    );
    assert!(book.has_agent_signature("Baik kak, kami bantu cek ya ^RA"));
    assert!(!book.has_agent_signature("@IndiHome internet saya mati dari pagi. -Budi"));
    assert!(!book.has_agent_signature("kirim e-mail ke saya"));
    assert!(!book.has_agent_signature(""));
}

#[test]
fn editing_a_list_on_a_clone_takes_effect_immediately() {
    let base = Rulebook::builtin();
    let text = "@TelkomCare min wanrid di rumah saya gak bisa internetan";
    let before = classify_thread(&base, Channel::Twitter, &[msg("1", None, None, text)]);
    assert_eq!(before[0].decision, Decision::Reply);
    let mut book = base.clone();
    book.lists.other_providers.push("wanrid".into());
    let after = classify_thread(&book, Channel::Twitter, &[msg("1", None, None, text)]);
    assert_eq!(
        after[0].category,
        Some(Category::Troll),
        "{:?}",
        after[0].reasons
    );
    // The original book is untouched by the clone's edit.
    let again = classify_thread(&base, Channel::Twitter, &[msg("1", None, None, text)]);
    assert_eq!(again[0].decision, Decision::Reply);
}

#[test]
fn adding_a_brand_handle_makes_its_messages_context() {
    let mut book = Rulebook::builtin();
    let thread = [
        msg("1", Some("@warga1"), None, "@IndiHome internet mati"),
        msg("2", Some("@CSRegional7"), None, "@warga1 sudah kami cek ya"),
    ];
    assert_ne!(
        classify_thread(&book, Channel::Twitter, &thread)[1].decision,
        Decision::Context
    );
    book.lists.brand_handles.push("csregional7".into());
    assert_eq!(
        classify_thread(&book, Channel::Twitter, &thread)[1].decision,
        Decision::Context
    );
}

#[test]
fn multi_window_set_on_a_clone_changes_bursts() {
    let thread = [
        msg(
            "1",
            Some("@andi"),
            Some("2025-01-01T08:00:00Z"),
            "@IndiHome internet mati dari pagi",
        ),
        msg(
            "2",
            Some("@andi"),
            Some("2025-01-01T08:15:00Z"),
            "@IndiHome halo min??",
        ),
    ];
    let book = Rulebook::builtin();
    assert_eq!(
        classify_thread(&book, Channel::Twitter, &thread)[1].decision,
        Decision::Reply
    );
    let mut wide = book.clone();
    wide.multi_window_minutes = 20;
    assert_eq!(
        classify_thread(&wide, Channel::Twitter, &thread)[1].category,
        Some(Category::Multi)
    );
    // Out-of-range values set in code are clamped rather than trusted.
    let mut silly = book.clone();
    silly.multi_window_minutes = 0;
    assert_eq!(silly.window_minutes(), 1);
}

#[test]
fn rule_summaries_list_every_rule_with_its_examples() {
    let book = Rulebook::builtin();
    let s = book.rule_summaries();
    assert_eq!(s.len(), book.rules.len());
    let burst = s
        .iter()
        .find(|r| r.id == "multi.burst")
        .expect("multi.burst listed");
    assert_eq!(burst.category, Some(Category::Multi));
    assert!(
        burst.must_match[0].contains('»'),
        "thread examples mark the target: {}",
        burst.must_match[0]
    );
}
