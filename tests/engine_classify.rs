//! One message at a time: what the engine decides and why, stated as behaviour. Texts here are
//! written for these tests (not copied from the dev cases).

use oot_triage::engine::classify::classify_thread;
use oot_triage::engine::rulebook::Rulebook;
use oot_triage::engine::{Category, Channel, Decision, Message, Sociomedia, Verdict};

fn verdict_on(channel: Channel, text: &str) -> Verdict {
    let book = Rulebook::builtin();
    let m = Message {
        id: "1".into(),
        text: text.into(),
        ..Default::default()
    };
    let mut v = classify_thread(&book, channel, &[m]);
    assert_eq!(v.len(), 1);
    v.remove(0)
}

fn verdict(text: &str) -> Verdict {
    verdict_on(Channel::Twitter, text)
}

fn fired(v: &Verdict) -> Vec<&str> {
    v.reasons.iter().map(|r| r.rule.as_str()).collect()
}

fn decisive(v: &Verdict) -> &str {
    v.reasons
        .iter()
        .find(|r| r.decisive)
        .map(|r| r.rule.as_str())
        .unwrap_or("")
}

#[track_caller]
fn assert_reply(text: &str) -> Verdict {
    let v = verdict(text);
    assert_eq!(v.decision, Decision::Reply, "{text}: {:?}", fired(&v));
    v
}

#[track_caller]
fn assert_no_reply(text: &str, cat: Category) -> Verdict {
    let v = verdict(text);
    assert_eq!(
        (v.decision, v.category),
        (Decision::NoReply, Some(cat)),
        "{text}: {:?}",
        fired(&v)
    );
    v
}

#[test]
fn insult_with_outage_needs_reply() {
    let v = assert_reply("indihome lemot banget anjir dari tadi");
    assert_eq!(decisive(&v), "reply.product-problem");
    assert_reply("@IndiHome goblok, wifi mati 2 hari teknisi gak dateng2");
}

#[test]
fn insult_at_admins_without_product_issue_is_troll() {
    let v = assert_no_reply("@TelkomCare adminnya goblok semua wkwk", Category::Troll);
    assert_eq!(decisive(&v), "troll.insult-only");
}

#[test]
fn asking_an_agents_personal_contact_is_troll() {
    let v = assert_no_reply(
        "@TelkomCare min bagi pin bbm mbak yang jaga dong",
        Category::Troll,
    );
    assert_eq!(decisive(&v), "troll.personal-contact");
    assert_no_reply(
        "@IndiHome admin boleh kenalan ga? udah punya pacar?",
        Category::Troll,
    );
}

#[test]
fn asking_for_a_service_number_is_not_personal() {
    assert_reply("@IndiHome minta nomor wa cs buat lapor gangguan dong");
    assert_reply("@IndiHome minta nomor tiket laporan saya min");
}

#[test]
fn personal_remark_with_an_outage_goes_to_review_naming_both_signals() {
    let v = verdict("@IndiHome admin udah punya pacar belum? btw internet di rumah mati dari pagi");
    assert_eq!(v.decision, Decision::Review, "{:?}", fired(&v));
    let r = v
        .reasons
        .iter()
        .find(|r| r.decisive)
        .expect("decisive reason");
    assert_eq!(r.rule, "review.conflict");
    assert!(
        r.why.contains("troll.personal-contact") && r.why.contains("reply.product-problem"),
        "{}",
        r.why
    );
    assert_eq!(
        r.conflicts,
        ["troll.personal-contact", "reply.product-problem"]
    );
    assert!(v.note.is_none() && v.sociomedia.is_none());
}

#[test]
fn other_provider_question_is_troll() {
    let v = assert_no_reply(
        "@TelkomCare min sinyal XL saya hilang dari pagi kenapa ya",
        Category::Troll,
    );
    assert_eq!(decisive(&v), "troll.other-provider");
    assert_no_reply(
        "@IndiHome paket smartfren saya habis padahal baru beli",
        Category::Troll,
    );
}

#[test]
fn complaint_mentioning_a_competitor_needs_reply() {
    let v = assert_reply("@TelkomCare indihome putus putus terus, mending pasang biznet aja");
    assert!(
        fired(&v).contains(&"reply.competitor-mention"),
        "{:?}",
        fired(&v)
    );
    assert_reply("@IndiHome mau pindah dari first media ke indihome, bisa pasang minggu ini?");
}

#[test]
fn customer_asking_about_a_promo_needs_reply() {
    assert_reply("@IndiHome min promo akhir tahun masih berlaku ga? mau upgrade");
    assert_reply("@IndiHome katanya gratis biaya pasang, kok tagihan saya ada biaya 300rb?");
}

#[test]
fn reseller_advert_spam_and_shared_promo_are_promo() {
    assert_no_reply(
        "Pasang baru IndiHome gratis instalasi! Hubungi 0812-3456-7890 #indihome #wifi #promo",
        Category::Promo,
    );
    let v = assert_no_reply(
        "nonton video viral terbaru di sini s.id/xyz @IndiHome",
        Category::Promo,
    );
    assert_eq!(decisive(&v), "promo.spam");
    let v = assert_no_reply(
        "RT @Telkomsel: Nikmati diskon 25% paket IndiHome untuk pelanggan baru!",
        Category::Promo,
    );
    assert_eq!(decisive(&v), "promo.shared-post");
}

#[test]
fn quiz_answer_is_kuis_even_when_posted_to_another_brand() {
    let v = assert_no_reply(
        "@_pln_id Jawaban: Speedy #QuizKamisDigimin ikutan yuk @tika @rudi",
        Category::Kuis,
    );
    assert_eq!(v.note.as_deref(), Some("[Kuis]"));
    assert_no_reply(
        "@TelkomCare min pemenang kuis kemarin kapan diumumin?",
        Category::Kuis,
    );
}

#[test]
fn kuis_takes_precedence_over_troll_and_both_are_shown() {
    let v = assert_no_reply(
        "@TelkomCare Jawaban: B #KuisTelkomCare adminnya cantik deh",
        Category::Kuis,
    );
    assert!(fired(&v).contains(&"troll.flirting"), "{:?}", fired(&v));
    assert!(decisive(&v).starts_with("kuis."));
}

#[test]
fn reply_to_another_user_without_own_problem_is_troll() {
    let v = assert_no_reply(
        "@sari_w kamu pakai indihome yang paket berapa?",
        Category::Troll,
    );
    assert_eq!(decisive(&v), "troll.peer-chatter");
    assert_no_reply(
        "@bayu_k @IndiHome coba telpon 147 aja kak biasanya cepet",
        Category::Troll,
    );
}

#[test]
fn reply_to_another_user_reporting_own_outage_needs_reply() {
    assert_reply("@tetangga_sebelah indihome di rumahku juga mati dari tadi, gangguan massal ya?");
}

#[test]
fn brand_named_again_after_the_leading_chain_is_addressed() {
    let v = assert_reply("@rudi_h @IndiHome ini gimana sih lama banget @IndiHome");
    assert!(fired(&v).contains(&"reply.addressed-to-brand"));
}

#[test]
fn figure_of_speech_and_news_mentions_are_troll() {
    let v = assert_no_reply("hidupku serasa indihome, putus nyambung", Category::Troll);
    assert_eq!(decisive(&v), "troll.passing-mention");
    assert_no_reply(
        "Nobar final bareng keluarga #IndiHome #Timnas",
        Category::Troll,
    );
}

#[test]
fn unaddressed_short_rude_complaint_needs_reply() {
    assert_reply("indihome bapuk anjir");
    assert_reply("INDIHOMEEE LEMOOOTTT");
    assert_reply("indihome kapan sih normal lagi");
}

#[test]
fn informal_spelling_is_normalised_before_matching() {
    assert_reply("tlg dong gmn ini inet gbs dipake udh dr pagi @IndiHome");
    assert_reply("@IndiHome internet e mati terus sak minggu iki, piye iki");
    assert_reply("@IndiHome ti enjing internet teu tiasa, kumaha ieu");
}

#[test]
fn lone_follow_up_ping_needs_reply() {
    let v = assert_reply("@IndiHome cek dm min");
    assert!(fired(&v).contains(&"reply.follow-up"));
    assert!(v.primary);
    assert_reply("@IndiHome halo??");
}

#[test]
fn off_topic_question_to_the_brand_is_troll() {
    let v = assert_no_reply(
        "@TelkomCare min skor bola tadi malam berapa?",
        Category::Troll,
    );
    assert_eq!(decisive(&v), "troll.off-topic");
}

#[test]
fn no_reply_carries_the_exact_sociomedia_fields_and_note() {
    let v = assert_no_reply("@TelkomCare minta pin bbm admin dong", Category::Troll);
    assert_eq!(v.note.as_deref(), Some("[Troll/Iseng]"));
    let s = v.sociomedia.clone().expect("fields");
    assert_eq!(s, Sociomedia::oot());
    assert_eq!(
        (
            s.category.as_str(),
            s.product.as_str(),
            s.sub_product.as_str(),
            s.reply_type.as_str()
        ),
        ("Lainnya", "Out Of Topic", "Out Of Topic", "OOT Reply")
    );
    assert!(!v.primary, "nothing to answer");
}

#[test]
fn facebook_posts_are_read_as_addressed_to_the_page() {
    let v = verdict_on(
        Channel::Facebook,
        "Internet saya mati dari kemarin, tolong dibantu",
    );
    assert_eq!(v.decision, Decision::Reply);
    let v = verdict_on(
        Channel::Facebook,
        "Admin telkom cantik banget, minta nomor wa nya buat kenalan",
    );
    assert_eq!(v.note.as_deref(), Some("[Troll/Iseng]"));
}

#[test]
fn evidence_offsets_point_at_the_trigger_words_in_the_original_text() {
    let text = "Pagi2 INDIHOME lemooottt 😡 bgt";
    let v = verdict(text);
    let r = v
        .reasons
        .iter()
        .find(|r| r.rule == "reply.product-problem")
        .expect("problem reason");
    let words: Vec<&str> = r.evidence.iter().map(|s| &text[s.start..s.end]).collect();
    assert_eq!(words, vec!["lemooottt"]);
}

#[test]
fn every_verdict_explains_itself_with_one_deciding_reason() {
    let book = Rulebook::builtin();
    for text in [
        "@IndiHome halo",
        "serasa indihome",
        "mantap",
        "@TelkomCare minta pin bbm",
        "indihome lemot",
        "Jawaban: A #KuisTelkom",
    ] {
        let v = verdict(text);
        let deciding: Vec<_> = v.reasons.iter().filter(|r| r.decisive).collect();
        assert_eq!(deciding.len(), 1, "{text}: {:?}", fired(&v));
        for r in &v.reasons {
            let rule = book.rule(&r.rule).expect("reason cites a rule of the book");
            assert_eq!(r.clause, rule.clause);
            assert!(!r.why.is_empty() && !r.why_en.is_empty());
            for s in &r.evidence {
                assert!(
                    s.start < s.end
                        && s.end <= text.len()
                        && text.is_char_boundary(s.start)
                        && text.is_char_boundary(s.end)
                );
            }
        }
    }
}

#[test]
fn empty_and_symbol_only_messages_need_reply_by_default() {
    for text in ["", "   ", "🙏🙏🙏", "...", "@"] {
        let v = verdict(text);
        assert_eq!(v.decision, Decision::Reply, "{text:?}");
        assert_eq!(decisive(&v), "reply.default");
    }
}

#[test]
fn chatting_with_the_admin_is_troll_but_a_greeting_opens_a_case() {
    let v = assert_no_reply(
        "@IndiHome semangat terus min, sukses selalu",
        Category::Troll,
    );
    assert_eq!(decisive(&v), "troll.chitchat");
    assert_reply("@IndiHome selamat pagi min");
    assert_reply("@IndiHome mantap min, internet mati 3 hari");
}

#[test]
fn customer_giving_their_own_phone_number_is_not_promo() {
    assert_reply("@IndiHome mohon hubungi saya di 081234567890 untuk jadwal pemasangan");
    assert_reply("Nomor saya 081234567890 atas nama Budi, mohon dihubungi untuk pasang baru");
    assert_no_reply(
        "Pasang IndiHome area Bekasi, hubungi kami di 081234567890 #indihome",
        Category::Promo,
    );
}

#[test]
fn another_provider_used_as_a_workaround_does_not_hide_an_outage() {
    assert_reply("@IndiHome wifi di rumah mati, sekarang terpaksa pake kuota XL");
    assert_no_reply(
        "@TelkomCare min kartu XL saya gak bisa internetan dari pagi",
        Category::Troll,
    );
}

#[test]
fn an_answer_that_reports_a_fault_is_not_a_quiz_entry() {
    assert_reply("@IndiHome jawaban: belum ada teknisi datang dari kemarin");
}
