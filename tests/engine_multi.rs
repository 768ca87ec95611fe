//! Threads: Multi Tweet / Multi Post bursts, brand messages as context, and how missing
//! authors and times are treated.

use oot_triage::engine::classify::classify_thread;
use oot_triage::engine::rulebook::Rulebook;
use oot_triage::engine::{Channel, Decision, Message, Verdict};

mod common;
use common::message as m;

fn at(min: u32) -> Option<String> {
    Some(format!("2025-02-03T08:{:02}:00Z", min))
}

fn tw(author: &str, min: u32, text: &str) -> Message {
    Message {
        id: String::new(),
        author: Some(author.into()),
        time: at(min),
        text: text.into(),
        conversation: None,
    }
}

fn run(channel: Channel, mut msgs: Vec<Message>) -> Vec<Verdict> {
    for (i, x) in msgs.iter_mut().enumerate() {
        if x.id.is_empty() {
            x.id = (i + 1).to_string();
        }
    }
    let v = classify_thread(&Rulebook::builtin(), channel, &msgs);
    assert_eq!(v.len(), msgs.len(), "one verdict per message");
    for (x, y) in v.iter().zip(&msgs) {
        assert_eq!(x.message, y.id, "verdicts keep the message order");
    }
    v
}

fn labels(v: &[Verdict]) -> Vec<String> {
    v.iter()
        .map(|x| match x.decision {
            Decision::NoReply => x.note.clone().unwrap_or_default(),
            d => d.as_str().to_string(),
        })
        .collect()
}

#[test]
fn burst_marks_later_messages_multi_and_the_first_primary() {
    let v = run(
        Channel::Twitter,
        vec![
            tw("@andi", 0, "@IndiHome internet mati total dari subuh"),
            tw("@andi", 2, "@IndiHome halo min??"),
            tw("@andi", 9, "@IndiHome tolong dibalas dong"),
        ],
    );
    assert_eq!(labels(&v), ["reply", "[Multi tweet]", "[Multi tweet]"]);
    assert_eq!(
        v.iter().map(|x| x.primary).collect::<Vec<_>>(),
        [true, false, false]
    );
    let r = v[1].reasons.iter().find(|r| r.decisive).expect("decisive");
    assert_eq!(r.rule, "multi.burst");
    assert!(r.why.contains("pesan 1"), "{}", r.why);
    assert_eq!(r.related.as_deref(), Some("1"));
    assert_eq!(
        v[2].reasons[0].related.as_deref(),
        Some("1"),
        "every later message points at the first"
    );
}

#[test]
fn window_chains_from_the_previous_message_of_the_burst() {
    let v = run(
        Channel::Twitter,
        vec![
            tw("@andi", 0, "@IndiHome internet mati"),
            tw("@andi", 8, "@IndiHome cek dm min"),
            tw("@andi", 17, "@IndiHome gimana min"),
        ],
    );
    assert_eq!(labels(&v), ["reply", "[Multi tweet]", "[Multi tweet]"]);
}

#[test]
fn burst_breaks_at_brand_reply() {
    let v = run(
        Channel::Twitter,
        vec![
            tw(
                "@dina",
                0,
                "@TelkomCare speedy saya putus-putus dari semalam",
            ),
            tw(
                "@TelkomCare",
                2,
                "@dina Mohon maaf kak, boleh info nomor via DM? -Sari",
            ),
            tw("@dina", 4, "@TelkomCare sudah saya DM ya min"),
        ],
    );
    assert_eq!(labels(&v), ["reply", "context", "reply"]);
    assert!(v[2].primary);
    assert!(v[2]
        .reasons
        .iter()
        .any(|r| r.rule == "reply.after-brand-reply"));
    assert!(!v[1].primary);
}

#[test]
fn brand_reply_to_another_customer_does_not_break_a_burst() {
    let v = run(
        Channel::Twitter,
        vec![
            tw("@dina", 0, "@IndiHome internet mati dari pagi"),
            tw(
                "@IndiHomeCare",
                1,
                "@budi Baik kak, kami bantu cek ya -Rara",
            ),
            tw("@dina", 3, "@IndiHome halo min?"),
        ],
    );
    assert_eq!(labels(&v), ["reply", "context", "[Multi tweet]"]);
}

#[test]
fn gap_longer_than_the_window_starts_a_new_case() {
    let v = run(
        Channel::Twitter,
        vec![
            tw("@andi", 0, "@IndiHome internet mati"),
            tw("@andi", 25, "@IndiHome halo min??"),
        ],
    );
    assert_eq!(labels(&v), ["reply", "reply"]);
    assert!(v[1].primary);
}

#[test]
fn unrelated_topic_within_the_window_is_a_new_case() {
    let v = run(
        Channel::Twitter,
        vec![
            tw(
                "@agus",
                0,
                "@TelkomCare tagihan bulan ini naik 100rb tanpa pemberitahuan",
            ),
            tw(
                "@agus",
                4,
                "@TelkomCare oh iya min, sekalian tanya cara ganti password wifi gimana?",
            ),
        ],
    );
    assert_eq!(labels(&v), ["reply", "reply"]);
    assert!(v[1].reasons.iter().any(|r| r.rule == "reply.new-topic"));
    assert!(v[0].primary && v[1].primary);
}

#[test]
fn same_reference_number_correlates_messages() {
    let v = run(
        Channel::Twitter,
        vec![
            tw(
                "@wulan",
                0,
                "@IndiHome paket saya berubah sendiri, no internet 131122334455",
            ),
            tw("@wulan", 3, "@IndiHomeCare 131122334455 mohon segera"),
        ],
    );
    assert_eq!(labels(&v), ["reply", "[Multi tweet]"]);
    let r = v[1]
        .reasons
        .iter()
        .find(|r| r.rule == "multi.burst")
        .expect("multi");
    assert_eq!(
        &"@IndiHomeCare 131122334455 mohon segera"[r.evidence[0].start..r.evidence[0].end],
        "131122334455"
    );
}

#[test]
fn same_complaint_reposted_to_several_brands_is_one_case() {
    let text = "indihome saya los merah dari semalam belum ada teknisi";
    let v = run(
        Channel::Twitter,
        vec![
            tw("@ratna", 0, &format!("@Telkomsel {text}")),
            tw("@ratna", 1, &format!("@IndiHome {text}")),
            tw("@ratna", 1, &format!("@IndiHomeCare {text}")),
        ],
    );
    assert_eq!(labels(&v), ["reply", "[Multi tweet]", "[Multi tweet]"]);
}

#[test]
fn facebook_burst_note_is_multi_post() {
    let v = run(
        Channel::Facebook,
        vec![
            m(
                "1",
                Some("Sinta Dewi"),
                Some("2025-02-03T09:00:00+07:00"),
                "Modem saya lampu LOS merah dari pagi",
            ),
            m(
                "2",
                Some("Sinta Dewi"),
                Some("2025-02-03T09:02:00+07:00"),
                "Nomor internet 122334455667 atas nama Sinta",
            ),
        ],
    );
    assert_eq!(labels(&v), ["reply", "[Multi Post]"]);
}

#[test]
fn later_message_that_is_a_quiz_entry_keeps_its_own_note() {
    let v = run(
        Channel::Twitter,
        vec![
            tw("@nina", 0, "@IndiHome internet lemot dari pagi"),
            tw(
                "@nina",
                2,
                "@TelkomIndonesia Jawaban: IndiHome #QuizKamisDigimin @a_1 @b_2",
            ),
        ],
    );
    assert_eq!(labels(&v), ["reply", "[Kuis]"]);
}

#[test]
fn chatter_repeated_to_several_friends_stays_troll() {
    let v = run(
        Channel::Twitter,
        vec![
            tw("@yogi", 0, "@budi_s wkwk indihome emang gitu"),
            tw("@yogi", 1, "@cika_a wkwk indihome emang gitu"),
        ],
    );
    assert_eq!(labels(&v), ["[Troll/Iseng]", "[Troll/Iseng]"]);
    assert!(!v[0].primary && !v[1].primary);
}

#[test]
fn reply_to_a_friend_inside_the_authors_own_complaint_burst_is_multi() {
    let mut a = tw(
        "@opi",
        0,
        "ini indihome yang lemot atau hp aku yang rusak sih",
    );
    a.conversation = Some("c9".into());
    let mut b = tw(
        "@opi",
        2,
        "@teman_opi iya ganti data jadi lancar, gak jelas emang nih indihome",
    );
    b.conversation = Some("c9".into());
    let v = run(Channel::Twitter, vec![a, b]);
    assert_eq!(labels(&v), ["reply", "[Multi tweet]"]);
    // The chatter rule still shows as matched, but the burst decided.
    assert!(v[1]
        .reasons
        .iter()
        .any(|r| r.rule == "troll.peer-chatter" && !r.decisive));
}

#[test]
fn a_thread_where_no_message_has_an_author_is_one_customer() {
    let v = run(
        Channel::Twitter,
        vec![
            m(
                "1",
                None,
                None,
                "indihome mati total dari subuh @TelkomCare",
            ),
            m("2", None, None, "halo min??"),
            m("3", None, None, "tolong dicek ya"),
        ],
    );
    assert_eq!(labels(&v), ["reply", "[Multi tweet]", "[Multi tweet]"]);
}

#[test]
fn author_less_messages_among_known_authors_never_join_a_burst() {
    let v = run(
        Channel::Twitter,
        vec![
            m(
                "1",
                Some("@andi"),
                at(0).as_deref(),
                "@IndiHome internet mati",
            ),
            m("2", None, at(1).as_deref(), "@IndiHome halo min??"),
        ],
    );
    assert_eq!(labels(&v), ["reply", "reply"]);
}

#[test]
fn missing_times_do_not_break_a_burst() {
    let v = run(
        Channel::Twitter,
        vec![
            m(
                "1",
                Some("@andi"),
                None,
                "@IndiHome internet mati dari pagi",
            ),
            m("2", Some("@andi"), None, "@IndiHome cek dm min"),
        ],
    );
    assert_eq!(labels(&v), ["reply", "[Multi tweet]"]);
}

#[test]
fn different_authors_are_never_one_burst() {
    let v = run(
        Channel::Twitter,
        vec![
            tw("@andi", 0, "@IndiHome internet mati"),
            tw("@budi", 1, "@IndiHome internet mati juga"),
        ],
    );
    assert_eq!(labels(&v), ["reply", "reply"]);
}

#[test]
fn signed_agent_reply_without_an_author_is_context() {
    let v = run(
        Channel::Twitter,
        vec![
            m("1", None, None, "@TelkomCare internet saya mati dari pagi"),
            m(
                "2",
                None,
                None,
                "Mohon maaf atas ketidaknyamanannya kak, silakan DM nomor internet ya. -Sari",
            ),
            m("3", None, None, "@TelkomCare sudah DM min"),
        ],
    );
    assert_eq!(labels(&v), ["reply", "context", "reply"]);
    assert_eq!(v[1].reasons[0].rule, "context.agent-signature");
}

#[test]
fn a_thread_of_only_brand_messages_has_nothing_to_answer() {
    let v = run(
        Channel::Twitter,
        vec![
            tw("@IndiHome", 0, "Promo hari ini!"),
            tw("@IndiHomeCare", 1, "Halo kak"),
        ],
    );
    assert_eq!(labels(&v), ["context", "context"]);
    assert!(v.iter().all(|x| !x.primary && x.note.is_none()));
}
