//! History: bounded to 50 newest-first entries, add/dedupe/delete/clear, and the stored round
//! trip with recovery entry by entry.
use oot_triage::engine::check::Overall;
use oot_triage::engine::{Category, Channel, Decision};
use oot_triage::history::{History, HISTORY_LIMIT};

fn reply() -> Overall {
    Overall {
        decision: Decision::Reply,
        category: None,
        note: None,
    }
}

fn troll() -> Overall {
    Overall {
        decision: Decision::NoReply,
        category: Some(Category::Troll),
        note: Some("[Troll/Iseng]".into()),
    }
}

#[test]
fn add_puts_newest_first_with_its_verdict() {
    let mut h = History::default();
    assert!(h.add("indihome mati", 1_000, &reply(), None));
    assert!(h.add("min minta pin bb dong", 2_000, &troll(), Some(Channel::Facebook)));
    assert_eq!(h.entries.len(), 2);
    assert_eq!(h.entries[0].text, "min minta pin bb dong");
    assert_eq!(h.entries[0].decision, Decision::NoReply);
    assert_eq!(h.entries[0].note.as_deref(), Some("[Troll/Iseng]"));
    assert_eq!(h.entries[0].channel, Some(Channel::Facebook));
    assert_eq!(h.entries[1].time_ms, 1_000);
}

#[test]
fn history_keeps_only_the_newest_fifty() {
    let mut h = History::default();
    for i in 0..(HISTORY_LIMIT + 7) {
        h.add(&format!("case {i}"), i as i64, &reply(), None);
    }
    assert_eq!(h.entries.len(), HISTORY_LIMIT);
    assert_eq!(h.entries[0].text, format!("case {}", HISTORY_LIMIT + 6));
    assert_eq!(h.entries.last().unwrap().text, "case 7");
}

#[test]
fn repeating_the_newest_text_refreshes_it_instead_of_adding() {
    let mut h = History::default();
    h.add("indihome mati", 1_000, &reply(), None);
    assert!(!h.add("indihome mati", 5_000, &troll(), None));
    assert_eq!(h.entries.len(), 1);
    assert_eq!(h.entries[0].time_ms, 5_000);
    assert_eq!(h.entries[0].decision, Decision::NoReply);
    // The same text after a different one is a new check and is kept.
    h.add("lain", 6_000, &reply(), None);
    assert!(h.add("indihome mati", 7_000, &reply(), None));
    assert_eq!(h.entries.len(), 3);
}

#[test]
fn blank_text_and_context_only_cases_are_not_recorded() {
    let mut h = History::default();
    assert!(!h.add("   \n", 1, &reply(), None));
    let context = Overall {
        decision: Decision::Context,
        category: None,
        note: None,
    };
    assert!(!h.add("@IndiHomeCare: Halo kak", 1, &context, None));
    assert!(h.entries.is_empty());
}

#[test]
fn delete_removes_one_entry_and_ids_stay_unique() {
    let mut h = History::default();
    h.add("a", 1, &reply(), None);
    h.add("b", 2, &reply(), None);
    h.add("c", 3, &reply(), None);
    let b = h.entries[1].id;
    assert!(h.delete(b));
    assert!(!h.delete(b));
    assert_eq!(
        h.entries.iter().map(|e| e.text.as_str()).collect::<Vec<_>>(),
        ["c", "a"]
    );
    h.add("d", 4, &reply(), None);
    let mut ids: Vec<u64> = h.entries.iter().map(|e| e.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 3);
}

#[test]
fn clear_empties_the_history() {
    let mut h = History::default();
    h.add("a", 1, &reply(), None);
    h.clear();
    assert!(h.entries.is_empty());
}

#[test]
fn stored_history_round_trips() {
    let mut h = History::default();
    h.add("indihome mati\nsejak pagi \"parah\"", 1_700_000_000_000, &reply(), None);
    h.add("min minta pin bb", 1_700_000_100_000, &troll(), Some(Channel::Twitter));
    let (back, notices) = History::from_stored(&h.to_stored());
    assert_eq!(back, h);
    assert!(notices.is_empty());
}

#[test]
fn corrupt_history_text_is_emptied_with_a_notice() {
    let (h, notices) = History::from_stored("not json at all");
    assert!(h.entries.is_empty());
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].subject, "history");
}

#[test]
fn one_corrupt_entry_is_dropped_and_the_rest_kept() {
    let text = r#"{"version":1,"entries":[
        {"id":3,"time_ms":3,"text":"c","decision":"reply"},
        {"id":2,"time_ms":"yesterday","text":"b","decision":"reply"},
        {"id":1,"time_ms":1,"text":"a","decision":"no_reply","category":"promo","note":"[Promo]"},
        {"id":1,"time_ms":0,"text":"dup id","decision":"reply"},
        42
    ]}"#;
    let (h, notices) = History::from_stored(text);
    assert_eq!(
        h.entries.iter().map(|e| e.text.as_str()).collect::<Vec<_>>(),
        ["c", "a"]
    );
    assert_eq!(h.entries[1].category, Some(Category::Promo));
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].subject, "history.entries");
    assert!(notices[0].en.contains("2, 4, 5"), "{}", notices[0].en);
}

#[test]
fn bare_array_of_an_older_shape_is_accepted() {
    let (h, notices) = History::from_stored(r#"[{"id":1,"time_ms":1,"text":"a","decision":"review"}]"#);
    assert_eq!(h.entries.len(), 1);
    assert_eq!(h.entries[0].decision, Decision::Review);
    assert!(notices.is_empty());
}

#[test]
fn wrong_shape_is_emptied_with_a_notice() {
    let (h, notices) = History::from_stored(r#"{"version":1,"entries":"lots"}"#);
    assert!(h.entries.is_empty());
    assert_eq!(notices.len(), 1);
}

#[test]
fn overlong_stored_history_is_cut_to_the_limit() {
    let entries: Vec<String> = (0..80)
        .map(|i| format!(r#"{{"id":{},"time_ms":{i},"text":"t{i}","decision":"reply"}}"#, i + 1))
        .collect();
    let (h, _) = History::from_stored(&format!(r#"{{"version":1,"entries":[{}]}}"#, entries.join(",")));
    assert_eq!(h.entries.len(), HISTORY_LIMIT);
    assert_eq!(h.entries[0].text, "t0");
}

#[test]
fn newest_keeps_the_top_entries() {
    let mut h = History::default();
    for i in 0..5 {
        h.add(&format!("t{i}"), i, &reply(), None);
    }
    let top = h.newest(2);
    assert_eq!(
        top.entries.iter().map(|e| e.text.as_str()).collect::<Vec<_>>(),
        ["t4", "t3"]
    );
}
