//! The batch audit: reading CSV and case JSONL, grouping rows into threads, comparing the rules
//! with the agents' tags, and the CSV export. Most tests hold whatever the engine decides (they
//! check structure, line numbers and consistency); the tests named `..._with_real_engine` pin
//! verdicts and need the real rule engine.

use oot_triage::engine::audit::*;
use oot_triage::engine::csv::read_records;
use oot_triage::engine::rulebook::Rulebook;
use oot_triage::engine::{Case, Category, Channel, Decision};

const DAY_CSV: &str = include_str!("fixtures/audit/day.csv");
const DAY_JSONL: &str = include_str!("fixtures/audit/day.jsonl");

fn run(text: &str) -> Audit {
    let mut a = Audit::new(text.to_string(), AuditOptions::default()).expect("audit starts");
    a.run(&Rulebook::builtin());
    a
}

fn row_by_id<'a>(a: &'a Audit, id: &str) -> &'a AuditRow {
    let col = a.columns.id.expect("id column");
    a.rows
        .iter()
        .find(|r| r.fields.get(col).map(String::as_str) == Some(id))
        .unwrap_or_else(|| panic!("row {id}"))
}

fn thread_ids(a: &Audit, id: &str) -> Vec<String> {
    let col = a.columns.id.expect("id column");
    let t = row_by_id(a, id).thread.expect("row has a thread");
    a.threads[t as usize]
        .iter()
        .map(|&i| a.rows[i as usize].fields[col].clone())
        .collect()
}

#[test]
fn header_aliases_map_english_and_indonesian_names() {
    let h: Vec<String> = [
        "Pengirim",
        "Waktu",
        "Pesan",
        "Catatan",
        "Reply Type",
        "Kanal",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let c = map_header(&h).expect("maps");
    assert_eq!(
        (c.author, c.time, c.text, c.note, c.reply_type, c.channel),
        (Some(0), Some(1), 2, Some(3), Some(4), Some(5))
    );
    let err = map_header(&["author".to_string(), "time".to_string()]).unwrap_err();
    assert!(matches!(err, ProblemKind::NoTextColumn { .. }));
}

#[test]
fn csv_without_text_column_is_refused_on_line_one() {
    let err = Audit::new(
        "author,time\n@a,2017-06-05 10:00\n".into(),
        AuditOptions::default(),
    )
    .unwrap_err();
    assert_eq!(err.line, 1);
    assert!(err.kind.message(false).contains("text"));
    let empty = Audit::new(" \n\n".into(), AuditOptions::default()).unwrap_err();
    assert_eq!(empty.kind, ProblemKind::Empty);
}

#[test]
fn every_good_csv_row_gets_a_result_and_bad_rows_are_reported_by_line() {
    let a = run(DAY_CSV);
    assert_eq!(a.rows.len(), 18, "one row per record");
    let classified = a.rows.iter().filter(|r| r.result.is_some()).count();
    assert_eq!(classified, 16);
    let skipped: Vec<(usize, &ProblemKind)> = a
        .problems
        .iter()
        .filter(|p| p.kind.skips_row())
        .map(|p| (p.line, &p.kind))
        .collect();
    assert_eq!(
        skipped,
        vec![
            (
                11,
                &ProblemKind::FieldCount {
                    expected: 8,
                    found: 3
                }
            ),
            (19, &ProblemKind::EmptyText)
        ],
        "the multi-line quoted row before them must not shift the line numbers"
    );
    let warnings: Vec<usize> = a
        .problems
        .iter()
        .filter(|p| !p.kind.skips_row())
        .map(|p| p.line)
        .collect();
    assert_eq!(warnings, vec![18], "the unreadable time is a warning");
    assert!(
        row_by_id(&a, "i1").result.is_some(),
        "a row with a bad time is still classified"
    );
    let p = a.progress();
    assert_eq!((p.done, p.total, p.phase), (18, 18, Phase::Done));
}

#[test]
fn quoted_fields_keep_commas_quotes_and_newlines() {
    let a = run(DAY_CSV);
    let g = row_by_id(&a, "g1");
    assert_eq!(
        a.text(g),
        "Halo min,\ntagihan saya naik \"50rb\" bulan ini, kenapa ya?"
    );
    assert_eq!(g.line, 9);
}

#[test]
fn same_author_within_window_is_one_thread_in_time_order() {
    let a = run(DAY_CSV);
    assert_eq!(thread_ids(&a, "a2"), vec!["a1", "a2", "a3"]);
    assert_eq!(
        thread_ids(&a, "a4"),
        vec!["a4"],
        "35 minutes after a3 is beyond the 10-minute window"
    );
    assert_eq!(thread_ids(&a, "f2"), vec!["f1", "f2"]);
    assert_eq!(row_by_id(&a, "f1").channel, Channel::Facebook);
    assert_eq!(
        thread_ids(&a, "n1"),
        vec!["n1"],
        "a row without author or time stands alone"
    );
    assert_eq!(
        thread_ids(&a, "i1"),
        vec!["i1"],
        "a row with an unreadable time stands alone"
    );
}

#[test]
fn brand_reply_inside_a_customer_thread_is_context_in_it() {
    let a = run(DAY_CSV);
    assert_eq!(thread_ids(&a, "h3"), vec!["h1", "h2", "h3"]);
    assert_eq!(
        thread_ids(&a, "h2"),
        vec!["h1", "h2", "h3"],
        "the brand row belongs to that thread"
    );
}

#[test]
fn a_wider_window_joins_what_a_narrow_one_splits() {
    let opts = AuditOptions {
        window_minutes: 60,
        ..AuditOptions::default()
    };
    let mut a = Audit::new(DAY_CSV.to_string(), opts).expect("starts");
    a.run(&Rulebook::builtin());
    assert_eq!(thread_ids(&a, "a4"), vec!["a1", "a2", "a3", "a4"]);
}

#[test]
fn long_runs_of_one_author_are_cut_at_max_thread() {
    let mut csv = String::from("author,time,text\n");
    for i in 0..25 {
        csv.push_str(&format!(
            "@bot,2017-06-05T10:{:02}:00Z,jual followers murah {i}\n",
            i
        ));
    }
    let opts = AuditOptions {
        max_thread: 10,
        ..AuditOptions::default()
    };
    let mut a = Audit::new(csv, opts).expect("starts");
    a.run(&Rulebook::builtin());
    let sizes: Vec<usize> = a.threads.iter().map(Vec::len).collect();
    assert_eq!(sizes, vec![10, 10, 5]);
}

#[test]
fn tiny_steps_give_the_same_result_as_one_run() {
    let whole = run(DAY_CSV);
    let mut a = Audit::new(DAY_CSV.to_string(), AuditOptions::default()).expect("starts");
    let mut steps = 0;
    let mut last_done = 0;
    while !a.step(&Rulebook::builtin(), 1) {
        let p = a.progress();
        assert!(p.done >= last_done, "progress never goes back");
        assert!(
            p.done < p.total || p.phase == Phase::Done,
            "done reaches total only at the end: {p:?}"
        );
        last_done = p.done;
        steps += 1;
        assert!(steps < 1000);
    }
    assert!(steps > 10, "budget 1 really is incremental");
    assert_eq!(a.rows, whole.rows);
    assert_eq!(a.problems, whole.problems);
    assert_eq!(a.threads, whole.threads);
}

#[test]
fn semicolon_and_tab_delimited_exports_are_read() {
    let a = run("author;time;text\n@a;2017-06-05 10:00;halo; min\n@b;2017-06-05 10:01;\"a;b\"\n");
    // "halo; min" splits into two fields under `;`: reported, not misread.
    assert_eq!(
        a.problems.iter().map(|p| p.line).collect::<Vec<_>>(),
        vec![2]
    );
    assert_eq!(a.text(&a.rows[1]), "a;b");
    let t = run("author\ttext\n@a\tinternet mati\n");
    assert_eq!(t.text(&t.rows[0]), "internet mati");
}

#[test]
fn unterminated_quote_is_reported_and_earlier_rows_survive() {
    let a = run("author,text\n@a,internet mati\n@b,\"never closed\n@c,halo\n");
    assert!(a.rows[0].result.is_some());
    assert_eq!(a.problems.len(), 1);
    assert_eq!(
        (a.problems[0].line, &a.problems[0].kind),
        (3, &ProblemKind::UnterminatedQuote)
    );
}

#[test]
fn agent_tags_read_reply_type_and_notes() {
    use AgentTag::*;
    assert_eq!(agent_tag(None, None, Channel::Twitter), None);
    assert_eq!(
        agent_tag(Some(""), Some("Public Reply"), Channel::Twitter),
        Some(Reply)
    );
    assert_eq!(
        agent_tag(Some(""), None, Channel::Twitter),
        Some(Reply),
        "a blank note column means not tagged OOT"
    );
    assert_eq!(
        agent_tag(Some("[multi tweet]"), Some("OOT Reply"), Channel::Twitter),
        Some(Oot {
            category: Some(Category::Multi),
            note: "[multi tweet]".into()
        })
    );
    assert_eq!(
        agent_tag(Some(""), Some("oot reply"), Channel::Facebook),
        Some(Oot {
            category: None,
            note: String::new()
        })
    );
    assert_eq!(
        agent_tag(Some("Troll / Iseng"), None, Channel::Twitter),
        Some(Oot {
            category: Some(Category::Troll),
            note: "Troll / Iseng".into()
        })
    );
}

#[test]
fn notes_are_exact_only_when_they_match_the_channel() {
    assert_eq!(
        parse_note("[Multi tweet]", Channel::Twitter),
        Some((Category::Multi, true))
    );
    assert_eq!(
        parse_note("[Multi tweet]", Channel::Facebook),
        Some((Category::Multi, false))
    );
    assert_eq!(
        parse_note("[Multi Post]", Channel::Facebook),
        Some((Category::Multi, true))
    );
    assert_eq!(
        parse_note("[promo]", Channel::Twitter),
        Some((Category::Promo, false))
    );
    assert_eq!(
        parse_note("[Kuis]", Channel::Facebook),
        Some((Category::Kuis, true))
    );
    assert_eq!(parse_note("sudah dibalas via DM", Channel::Twitter), None);
}

#[test]
fn comparison_ranks_an_ignored_customer_worst() {
    use AgentTag::*;
    let oot = |c: Category, n: &str| Oot {
        category: Some(c),
        note: n.to_string(),
    };
    let multi = Some(Category::Multi);
    assert_eq!(
        compare(
            Decision::Reply,
            None,
            None,
            Some(&oot(Category::Troll, "[Troll/Iseng]"))
        ),
        Agreement::AgentOotRulesReply
    );
    assert_eq!(
        compare(
            Decision::NoReply,
            multi,
            Some("[Multi tweet]"),
            Some(&Reply)
        ),
        Agreement::AgentReplyRulesOot
    );
    assert_eq!(
        compare(
            Decision::NoReply,
            multi,
            Some("[Multi tweet]"),
            Some(&oot(Category::Promo, "[Promo]"))
        ),
        Agreement::CategoryDiffers
    );
    assert_eq!(
        compare(
            Decision::NoReply,
            multi,
            Some("[Multi tweet]"),
            Some(&oot(Category::Multi, "[multi tweet]"))
        ),
        Agreement::NoteNotExact
    );
    assert_eq!(
        compare(
            Decision::NoReply,
            multi,
            Some("[Multi tweet]"),
            Some(&oot(Category::Multi, "[Multi tweet]"))
        ),
        Agreement::Agree
    );
    assert_eq!(
        compare(Decision::Reply, None, None, Some(&Reply)),
        Agreement::Agree
    );
    assert_eq!(compare(Decision::Reply, None, None, None), Agreement::NoTag);
    assert_eq!(
        compare(Decision::Review, None, None, Some(&Reply)),
        Agreement::Review
    );
    assert_eq!(
        compare(Decision::Context, None, None, Some(&Reply)),
        Agreement::Context
    );
    for (i, a) in Agreement::ALL.into_iter().enumerate() {
        assert_eq!(
            a as usize, i,
            "ALL lists the agreements in declaration (rank) order"
        );
    }
    let mut sorted = Agreement::ALL.to_vec();
    sorted.sort();
    assert_eq!(sorted[0], Agreement::AgentOotRulesReply);
    assert_eq!(sorted[1], Agreement::AgentReplyRulesOot);
}

#[test]
fn results_agree_with_compare_and_the_view_puts_disagreements_first() {
    let a = run(DAY_CSV);
    for row in &a.rows {
        let Some(r) = &row.result else { continue };
        assert_eq!(
            r.agreement,
            compare(
                r.decision,
                r.category,
                r.note.as_deref(),
                row.agent.as_ref()
            ),
            "line {}",
            row.line
        );
    }
    let all = a.view(&Filter::default());
    assert_eq!(all.len(), 16);
    let ranks: Vec<Agreement> = all
        .iter()
        .map(|&i| a.rows[i as usize].result.as_ref().unwrap().agreement)
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
    let dis = a.view(&Filter {
        agreement: AgreementFilter::Disagreements,
        ..Filter::default()
    });
    assert!(dis.iter().all(|&i| a.rows[i as usize]
        .result
        .as_ref()
        .unwrap()
        .agreement
        .is_disagreement()));
    assert_eq!(
        &all[..dis.len()],
        &dis[..],
        "disagreements lead the full view"
    );
    let reply_only = a.view(&Filter {
        bucket: Some("reply".into()),
        ..Filter::default()
    });
    assert!(reply_only
        .iter()
        .all(|&i| a.rows[i as usize].result.as_ref().unwrap().decision == Decision::Reply));
}

#[test]
fn counts_add_up_to_the_rows() {
    let a = run(DAY_CSV);
    let c = a.counts();
    assert_eq!(c.errors, 2);
    assert_eq!(c.rules.values().sum::<usize>(), 16);
    assert_eq!(c.agreement.values().sum::<usize>(), 16);
    let tagged = a
        .rows
        .iter()
        .filter(|r| {
            r.agent.is_some()
                && r.result
                    .as_ref()
                    .is_some_and(|x| x.decision != Decision::Context)
        })
        .count();
    assert_eq!(c.agent.values().sum::<usize>(), tagged);
    // The rules column counts exactly what `bucket` names for each classified row.
    let mut direct = std::collections::BTreeMap::new();
    for r in a.rows.iter().filter_map(|r| r.result.as_ref()) {
        *direct
            .entry(bucket(r.decision, r.category).to_string())
            .or_insert(0usize) += 1;
    }
    assert_eq!(c.rules, direct);
}

#[test]
fn export_keeps_original_columns_adds_results_and_keeps_bad_rows() {
    let a = run(DAY_CSV);
    let out = a.to_csv();
    assert!(out.ends_with("\r\n"));
    let recs = read_records(&out, ',');
    assert_eq!(recs.len(), 1 + 18);
    assert_eq!(
        recs[0].fields,
        vec![
            "id",
            "author",
            "time",
            "channel",
            "conversation",
            "text",
            "note",
            "reply_type",
            "decision",
            "category",
            "rules_note",
            "reasons",
            "agreement"
        ]
    );
    assert!(
        recs.iter().all(|r| r.fields.len() == 13),
        "every line has the same width"
    );
    let g = recs
        .iter()
        .find(|r| r.fields[0] == "g1")
        .expect("g1 exported");
    assert_eq!(
        g.fields[5],
        "Halo min,\ntagihan saya naik \"50rb\" bulan ini, kenapa ya?"
    );
    let m = recs
        .iter()
        .find(|r| r.fields[0] == "m1")
        .expect("the malformed row is kept");
    assert_eq!(m.fields[8], "error");
    assert!(m.fields[11].contains("line 11"), "{:?}", m.fields[11]);
    for r in &recs[1..] {
        assert!(
            ["reply", "no_reply", "review", "context", "error"].contains(&r.fields[8].as_str()),
            "{:?}",
            r.fields
        );
        if r.fields[8] == "no_reply" {
            assert!(Category::ALL.iter().any(|c| c.as_str() == r.fields[9]));
            assert!(r.fields[10].starts_with('['));
        }
    }
}

#[test]
fn export_without_agent_columns_has_no_agreement_column() {
    let a = run("text\ninternet mati\n");
    let recs = read_records(&a.to_csv(), ',');
    assert_eq!(
        recs[0].fields,
        vec!["text", "decision", "category", "note", "reasons"]
    );
}

#[test]
fn jsonl_cases_stay_threads_and_expect_is_the_recorded_tag() {
    let a = run(DAY_JSONL);
    assert_eq!(a.format, InputFormat::Jsonl);
    let lines: Vec<(usize, bool)> = a
        .problems
        .iter()
        .map(|p| (p.line, p.kind.skips_row()))
        .collect();
    assert_eq!(lines, vec![(5, true), (6, true)], "{:?}", a.problems);
    assert!(matches!(a.problems[0].kind, ProblemKind::BadJson { .. }));
    assert_eq!(a.problems[1].kind, ProblemKind::NoMessages);
    let classified: Vec<&AuditRow> = a.rows.iter().filter(|r| r.result.is_some()).collect();
    assert_eq!(
        classified.len(),
        5,
        "2 + 1 + 1 messages, and the paste case"
    );
    assert_eq!(a.threads[0].len(), 2, "case j-1 is one thread");
    assert_eq!(
        classified[1].agent,
        Some(AgentTag::Oot {
            category: Some(Category::Multi),
            note: "[Multi tweet]".into()
        })
    );
    assert_eq!(classified[0].agent, Some(AgentTag::Reply));
    assert_eq!(classified[3].agent, None, "j-3 has no expect");
    assert_eq!(classified[3].channel, Channel::Facebook);
    assert_eq!(
        a.text(classified[4]),
        "min prediksi skor timnas nanti malam berapa?"
    );
}

#[test]
fn a_json_array_of_cases_is_read_too() {
    let a = run(
        r#"[{"id":"x","channel":"twitter","messages":[{"text":"internet mati"}]},{"id":"y","messages":[{"text":"halo"}]}]"#,
    );
    assert_eq!(a.rows.iter().filter(|r| r.result.is_some()).count(), 2);
    let b = run("[not json");
    assert_eq!(b.problems.len(), 1);
    assert!(matches!(b.problems[0].kind, ProblemKind::BadJson { .. }));
}

#[test]
fn paste_for_a_row_is_its_thread() {
    let a = run(DAY_CSV);
    let idx = a.rows.iter().position(|r| r.fields[0] == "a3").expect("a3");
    let (text, channel) = a.paste_for(idx).expect("pasteable");
    assert_eq!(channel, Channel::Twitter);
    let case: Case = serde_json::from_str(&text).expect("a JSON case");
    assert_eq!(case.messages.len(), 3);
    assert_eq!(case.messages[2].text, "@IndiHomeCare min?? tolong dibalas");
    assert_eq!(case.messages[0].author.as_deref(), Some("@pelanggan_a"));
    let lone = run("text\nmin prediksi skor timnas nanti malam berapa?\n");
    assert_eq!(
        lone.paste_for(0),
        Some((
            "min prediksi skor timnas nanti malam berapa?".to_string(),
            Channel::Twitter
        ))
    );
    let bad = a
        .rows
        .iter()
        .position(|r| r.error.is_some())
        .expect("a bad row");
    assert_eq!(a.paste_for(bad), None);
}

#[test]
fn a_large_batch_runs_in_bounded_steps() {
    const N: usize = 6_000;
    let mut csv = String::from("author,time,text,note\n");
    for i in 0..N {
        csv.push_str(&format!(
            "@p{},2017-06-05T{:02}:{:02}:00Z,\"internet mati, no {i}\",\n",
            i % 1000,
            (i / 60) % 24,
            i % 60
        ));
    }
    let book = Rulebook::builtin();
    let mut a = Audit::new(csv, AuditOptions::default()).expect("starts");
    let mut steps = 0;
    while !a.step(&book, 200) {
        steps += 1;
    }
    assert_eq!(a.rows.iter().filter(|r| r.result.is_some()).count(), N);
    assert!(
        steps >= N * 2 / 200,
        "reading, grouping and classifying each take many steps ({steps})"
    );
}

/// Pins the verdicts of the fixture day; needs the real rule engine (the skeleton answers
/// "reply" to everything).
#[test]
fn fixture_day_disagreements_with_real_engine() {
    let a = run(DAY_CSV);
    let agreement = |id: &str| row_by_id(&a, id).result.as_ref().map(|r| r.agreement);
    assert_eq!(
        agreement("c1"),
        Some(Agreement::AgentOotRulesReply),
        "insult with an outage needs a reply"
    );
    assert_eq!(
        agreement("d1"),
        Some(Agreement::AgentReplyRulesOot),
        "a reseller ad is Promo"
    );
    assert_eq!(
        agreement("a3"),
        Some(Agreement::NoteNotExact),
        "[multi tweet] is not the exact note"
    );
    assert_eq!(agreement("a2"), Some(Agreement::Agree));
    assert_eq!(agreement("f2"), Some(Agreement::Agree));
    assert_eq!(agreement("b1"), Some(Agreement::Agree));
    assert_eq!(agreement("e1"), Some(Agreement::Agree));
    assert_eq!(
        agreement("h3"),
        Some(Agreement::Agree),
        "after a brand reply it is the next turn, not multi"
    );
    assert_eq!(agreement("h2"), Some(Agreement::Context));
    assert_eq!(
        agreement("a4"),
        Some(Agreement::Agree),
        "40 minutes later is its own case"
    );
    let first = a.view(&Filter::default());
    assert_eq!(
        a.rows[first[0] as usize].fields[0], "c1",
        "the ignored customer leads the table"
    );
}
