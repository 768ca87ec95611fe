//! The trainer's example library (data checks), grading, the practice-round summary and the
//! round picker. `every_example_matches_the_engine_with_real_engine` needs the real rule engine.

use oot_triage::engine::rulebook::Rulebook;
use oot_triage::engine::training::*;
use oot_triage::engine::{Category, Channel, Decision};
use std::collections::BTreeSet;

fn lib() -> Library {
    Library::builtin().expect("the built-in library parses")
}

fn answer(reply: bool, category: Option<Category>, note: &str) -> Answer {
    Answer {
        reply,
        category,
        note: note.to_string(),
    }
}

#[test]
fn builtin_library_is_sound_data() {
    let l = lib();
    assert_eq!(l.validate(), Vec::<String>::new());
    assert!(l.examples.len() >= 30, "{} examples", l.examples.len());
    assert!(l.w21.contains("W-21"));
}

#[test]
fn every_group_has_several_examples_and_both_channels_appear() {
    let l = lib();
    for g in Group::ALL {
        let n = l.examples.iter().filter(|e| e.group == g).count();
        assert!(n >= 5, "group {} has {n} examples", g.as_str());
    }
    for ch in [Channel::Twitter, Channel::Facebook] {
        for g in [
            Group::Troll,
            Group::Multi,
            Group::Kuis,
            Group::Promo,
            Group::Reply,
        ] {
            assert!(
                l.examples.iter().any(|e| e.group == g && e.channel == ch),
                "{} on {}",
                g.as_str(),
                ch.as_str()
            );
        }
    }
}

#[test]
fn lookalikes_named_by_the_issue_are_in_the_library() {
    let l = lib();
    let tags: BTreeSet<&str> = l
        .examples
        .iter()
        .flat_map(|e| e.tags.iter().map(String::as_str))
        .collect();
    for t in [
        "insult-with-outage",
        "promo-question",
        "competitor-with-complaint",
        "after-brand-reply",
        "outside-window",
    ] {
        assert!(tags.contains(t), "missing lookalike {t}");
    }
    for e in l.examples.iter().filter(|e| !e.tags.is_empty()) {
        assert!(
            e.expected_answer().reply,
            "{} is a lookalike and must need a reply",
            e.id
        );
    }
}

#[test]
fn explanations_cite_their_clause_in_both_languages() {
    for e in &lib().examples {
        let cite = format!("§{}", e.clause);
        assert!(
            e.explanation.id.contains(&cite),
            "{}: Indonesian explanation does not cite {cite}",
            e.id
        );
        assert!(
            e.explanation.en.contains(&cite),
            "{}: English explanation does not cite {cite}",
            e.id
        );
    }
}

#[test]
fn multi_examples_ask_about_a_later_message_with_the_channel_note() {
    let l = lib();
    for e in l.examples.iter().filter(|e| e.group == Group::Multi) {
        assert!(e.thread().len() >= 2, "{} is a burst", e.id);
        let want = e.expected_answer();
        if !want.reply {
            assert_eq!(want.note, Category::Multi.note(e.channel), "{}", e.id);
            assert!(
                e.ask_index().unwrap_or(0) > 0,
                "{}: the earliest message of a burst needs a reply",
                e.id
            );
        }
    }
}

#[test]
fn validate_catches_broken_examples() {
    let mut l = lib();
    let fb = l
        .examples
        .iter()
        .position(|e| e.id == "multi-facebook-posts")
        .expect("example");
    l.examples[fb].expect.get_mut("2").expect("msg 2").note = Some("[Multi tweet]".into());
    l.examples[fb].ask = "9".into();
    let dup = l.examples[0].clone();
    l.examples.push(dup);
    let problems = l.validate().join("\n");
    assert!(
        problems.contains("[Multi tweet] is not a W-21 note on facebook"),
        "{problems}"
    );
    assert!(
        problems.contains("asked message 9 has no expectation"),
        "{problems}"
    );
    assert!(problems.contains("duplicate id"), "{problems}");
}

#[test]
fn right_answers_grade_correct() {
    let l = lib();
    for e in &l.examples {
        let want = e.expected_answer();
        let g = grade(e, &want);
        assert!(g.correct(), "{}: {:?}", e.id, g);
    }
}

#[test]
fn no_reply_to_a_real_case_is_a_missed_reply() {
    let l = lib();
    let e = l.get("reply-insult-with-outage").expect("example");
    let g = grade(e, &answer(false, Some(Category::Troll), "[Troll/Iseng]"));
    assert_eq!(g.mistakes, vec![Mistake::MissedReply]);
    assert!(!g.decision_ok);
}

#[test]
fn reply_to_a_troll_is_a_needless_reply() {
    let l = lib();
    let e = l.get("troll-pin-bbm").expect("example");
    assert_eq!(
        grade(e, &answer(true, None, "")).mistakes,
        vec![Mistake::NeedlessReply]
    );
}

#[test]
fn wrong_category_and_wrong_note_are_both_reported() {
    let l = lib();
    let e = l.get("kuis-answer").expect("example");
    let g = grade(e, &answer(false, Some(Category::Promo), "[Promo]"));
    assert!(g.decision_ok && !g.category_ok && !g.note_ok);
    assert_eq!(
        g.mistakes[0],
        Mistake::WrongCategory {
            expected: Some(Category::Kuis),
            given: Some(Category::Promo)
        }
    );
    assert!(matches!(
        &g.mistakes[1],
        Mistake::WrongNote { close: false, .. }
    ));
}

#[test]
fn a_note_off_by_case_or_channel_is_a_close_miss() {
    let l = lib();
    let fb = l.get("multi-facebook-posts").expect("example");
    let g = grade(fb, &answer(false, Some(Category::Multi), "[Multi tweet]"));
    assert!(g.category_ok && !g.note_ok);
    assert_eq!(
        g.mistakes,
        vec![Mistake::WrongNote {
            expected: "[Multi Post]".into(),
            given: "[Multi tweet]".into(),
            close: true
        }]
    );
    let tw = l.get("troll-flirting").expect("example");
    assert!(matches!(
        grade(tw, &answer(false, Some(Category::Troll), "[troll/iseng]")).mistakes[..],
        [Mistake::WrongNote { close: true, .. }]
    ));
    assert!(matches!(
        grade(tw, &answer(false, Some(Category::Troll), "")).mistakes[..],
        [Mistake::WrongNote { close: false, .. }]
    ));
    assert!(
        grade(
            tw,
            &answer(false, Some(Category::Troll), "  [Troll/Iseng] ")
        )
        .correct(),
        "surrounding spaces are forgiven"
    );
}

#[test]
fn summary_tallies_per_group_and_puts_missed_replies_first() {
    let l = lib();
    let mut card = Scorecard::default();
    let ask = |id: &str, a: Answer, card: &mut Scorecard| {
        let e = l.get(id).expect(id);
        card.record(e, grade(e, &a));
    };
    ask(
        "troll-pin-bbm",
        answer(false, Some(Category::Troll), "[Troll/Iseng]"),
        &mut card,
    );
    ask("troll-flirting", answer(true, None, ""), &mut card);
    ask(
        "multi-facebook-posts",
        answer(false, Some(Category::Multi), "[Multi tweet]"),
        &mut card,
    );
    ask(
        "reply-promo-question",
        answer(false, Some(Category::Promo), "[Promo]"),
        &mut card,
    );
    ask(
        "kuis-answer",
        answer(false, Some(Category::Kuis), "[Kuis]"),
        &mut card,
    );
    let s = card.summary(&l);
    assert_eq!((s.asked, s.correct), (5, 2));
    let troll = card.tally(Group::Troll);
    assert_eq!((troll.asked, troll.correct, troll.decision_ok), (2, 1, 1));
    assert_eq!(
        s.per_group.iter().map(|(g, _)| *g).collect::<Vec<_>>(),
        vec![Group::Troll, Group::Multi, Group::Kuis, Group::Reply]
    );
    let order: Vec<Group> = s.review.iter().map(|r| r.group).collect();
    assert_eq!(order, vec![Group::Reply, Group::Multi, Group::Troll]);
    assert_eq!(s.review[0].missed_replies, 1);
    assert_eq!(s.review[0].examples, vec!["reply-promo-question"]);
    assert!(s.review[1].notes_only, "the multi error was only the note");
    assert_eq!(s.review[1].clause, "5.3");
    assert!(!s.review[0].text.id.is_empty() && !s.review[0].text.en.is_empty());
}

#[test]
fn rounds_are_seeded_distinct_and_cover_every_group_early() {
    let l = lib();
    let a = l.round(&[], 42, 10);
    assert_eq!(a, l.round(&[], 42, 10), "same seed, same round");
    assert_ne!(a, l.round(&[], 43, 10));
    assert_eq!(a.len(), 10);
    assert_eq!(
        a.iter().collect::<BTreeSet<_>>().len(),
        10,
        "no example twice"
    );
    let first: BTreeSet<Group> = a[..5].iter().map(|&i| l.examples[i].group).collect();
    assert_eq!(first.len(), 5, "the first five cover all groups");
    let all = l.round(&[], 7, 0);
    assert_eq!(all.len(), l.examples.len());
    let only = l.round(&[Group::Kuis, Group::Reply], 1, 0);
    assert!(only
        .iter()
        .all(|&i| matches!(l.examples[i].group, Group::Kuis | Group::Reply)));
}

#[test]
fn every_example_becomes_a_case_with_its_expectations() {
    for e in &lib().examples {
        let case = e.to_case();
        assert_eq!(case.channel, Some(e.channel));
        assert_eq!(case.messages.len(), e.thread().len());
        assert!(
            case.messages
                .iter()
                .all(|m| !m.id.is_empty() && !m.text.is_empty()),
            "{}",
            e.id
        );
        assert_eq!(case.expect.as_ref(), Some(&e.expect));
    }
}

/// Needs the real rule engine: the skeleton answers "reply" to every message. Where the engine
/// and an example disagree, the example follows SPEC.md; report it rather than weaken it. A
/// manual review where a reply is expected is allowed by SPEC.md ("conservative") and only
/// printed (run with `--nocapture` to see it).
#[test]
fn every_example_matches_the_engine_with_real_engine() {
    let book = Rulebook::builtin();
    let l = lib();
    let all: Vec<Disagreement> = l
        .examples
        .iter()
        .flat_map(|e| e.disagreements(&book))
        .collect();
    for d in all.iter().filter(|d| d.conservative) {
        eprintln!("note: {d}");
    }
    let wrong: Vec<String> = all
        .iter()
        .filter(|d| !d.conservative)
        .map(|d| d.to_string())
        .collect();
    assert!(
        wrong.is_empty(),
        "{} disagreement(s):\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    for e in &l.examples {
        let v = e
            .tool_verdict(&book)
            .expect("a verdict for the asked message");
        assert_ne!(v.decision, Decision::Context, "{}", e.id);
    }
}
