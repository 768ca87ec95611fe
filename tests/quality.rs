//! The quality bar, measured on the labelled dev cases (`../shared/cases/dev.jsonl`) and on our
//! own extra cases (`tests/fixtures/engine_extra.jsonl`), with `review` counted as "reply":
//! no-reply recall >= 0.85, false-OOT rate <= 0.02, note exact on >= 0.98 of the detected
//! no-reply messages, review on <= 15% of messages. Prints the figures; `oot-triage score`
//! shows the full table and every mistake.

use oot_triage::engine::rulebook::Rulebook;
use oot_triage::engine::score::{render, score_jsonl, Report};

fn score_file(path: &str) -> Report {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    score_jsonl(&Rulebook::builtin(), &text)
}

#[track_caller]
fn assert_meets_the_bar(name: &str, r: &Report) {
    let f = &r.figures;
    println!("== {name}\n{}", render(r));
    assert!(
        r.errors.is_empty(),
        "{name}: unreadable lines {:?}",
        r.errors
    );
    assert!(
        f.messages > 50,
        "{name}: too few labelled messages ({})",
        f.messages
    );
    assert!(
        f.recall() >= 0.85,
        "{name}: no-reply recall {:.3} < 0.85",
        f.recall()
    );
    assert!(
        f.false_oot_rate() <= 0.02,
        "{name}: false-OOT rate {:.3} > 0.02",
        f.false_oot_rate()
    );
    assert!(
        f.note_exactness() >= 0.98,
        "{name}: note exactness {:.3} < 0.98",
        f.note_exactness()
    );
    assert!(
        f.review_share() <= 0.15,
        "{name}: review share {:.3} > 0.15",
        f.review_share()
    );
}

#[test]
fn dev_cases_meet_the_quality_bar() {
    let r = score_file(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/cases/dev.jsonl"
    ));
    assert_meets_the_bar("dev.jsonl", &r);
}

#[test]
fn extra_cases_meet_the_quality_bar() {
    let r = score_file(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/engine_extra.jsonl"
    ));
    assert_meets_the_bar("engine_extra.jsonl", &r);
}
