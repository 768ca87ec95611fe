//! The procedure view (`#/prosedur`): IN.OCC.TELK.W-21 in our words, clause by clause, with the
//! interpretations the app uses. Reasons on the check screen link here with anchors such as
//! `#/prosedur/5.1` or `#/prosedur/5.1-troll`; this view scrolls to and focuses that clause.
//! It only explains; it must not decide anything (the engine and the rulebook do).
use crate::engine::rulebook::RuleSummary;
use crate::engine::Category;
use crate::settings::Lang;
use crate::ui::dom;
use crate::ui::state::use_state;
use leptos::prelude::*;

/// The anchor part of a hash such as `#/prosedur/5.1-troll` (`5.1-troll`), or "" for none.
pub fn anchor_from_hash(hash: &str) -> String {
    let path = hash.trim_start_matches('#').trim_start_matches('/');
    let mut parts = path.splitn(2, '/');
    let _view = parts.next();
    parts.next().unwrap_or("").trim_matches('/').to_string()
}

/// The element id of a clause anchor.
fn element_id(anchor: &str) -> String {
    format!("w21-{anchor}")
}

/// Scrolls to the clause for `anchor`, or to its nearest parent (`5.1-x` → `5.1` → `5`) when
/// there is no section for it, so an unknown rule clause still lands somewhere sensible.
/// Returns the anchor actually shown.
fn reveal(anchor: &str) -> Option<String> {
    let mut candidate = anchor.to_string();
    loop {
        if candidate.is_empty() {
            return None;
        }
        if dom::reveal_id(&element_id(&candidate)) {
            return Some(candidate);
        }
        match candidate.rfind(['-', '.']) {
            Some(i) => candidate.truncate(i),
            None => return None,
        }
    }
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

#[component]
pub fn ProcedureView() -> impl IntoView {
    let state = use_state();
    let active = RwSignal::new(String::new());

    let go = move || {
        let anchor = anchor_from_hash(&current_hash());
        // Wait a frame so the sections exist before scrolling to one.
        request_animation_frame(move || {
            let shown = reveal(&anchor);
            if shown.is_none() {
                if let Some(w) = web_sys::window() {
                    w.scroll_to_with_x_and_y(0.0, 0.0);
                }
            }
            let _ = active.try_set(shown.unwrap_or_default());
        });
    };
    go();
    let handle = window_event_listener(leptos::ev::hashchange, move |_| go());
    on_cleanup(move || handle.remove());

    move || {
        let lang = state.lang();
        let rules = state.rulebook.with(|b| b.rule_summaries());
        let sec = move |anchor: &'static str| move || active.with(|a| a == anchor);
        let p = |id: &'static str, en: &'static str| lang.pick(id, en);
        view! {
            <article class="procedure">
                <header class="procedure-head">
                    <p class="eyebrow">"IN.OCC.TELK.W-21 · rev 00 · " {p("berlaku 5 Juni 2017", "in force since 5 June 2017")}</p>
                    <h1>{p("Penanganan case yang tidak perlu dijawab", "Handling cases that need no reply")}</h1>
                    <p class="lead">
                        {p(
                            "Instruksi kerja W-21 dengan kata-kata kami, pasal demi pasal, beserta tafsiran yang dipakai aplikasi ini. Bila ada perbedaan, yang berlaku dokumen aslinya.",
                            "Work instruction W-21 in our own words, clause by clause, with the interpretations this app uses. Where they differ, the original document prevails.",
                        )}
                    </p>
                </header>

                <nav class="toc" aria-label=p("Daftar isi prosedur", "Procedure contents")>
                    <ol>
                        <li><a href="#/prosedur/1">{p("1 Rujukan", "1 Reference")}</a></li>
                        <li><a href="#/prosedur/2">{p("2 Tujuan", "2 Purpose")}</a></li>
                        <li><a href="#/prosedur/3">{p("3 Ruang lingkup", "3 Scope")}</a></li>
                        <li><a href="#/prosedur/4">{p("4 Indikator kinerja", "4 Performance indicator")}</a></li>
                        <li><a href="#/prosedur/5.1">{p("5.1 Empat kategori", "5.1 The four categories")}</a></li>
                        <li><a href="#/prosedur/5.2">{p("5.2 Kolom Sociomedia", "5.2 Sociomedia fields")}</a></li>
                        <li><a href="#/prosedur/5.3">{p("5.3 Note", "5.3 Notes")}</a></li>
                        <li><a href="#/prosedur/catatan">{p("Tafsiran kami", "Our interpretations")}</a></li>
                        <li><a href="#/prosedur/aturan">{p("Aturan aplikasi", "The app's rules")}</a></li>
                    </ol>
                </nav>

                <section id="w21-1" tabindex="-1" class="clause" class:is-target=sec("1")>
                    <h2><span class="clause-no">"1"</span>{p("Rujukan", "Reference")}</h2>
                    <p id="w21-1.1" tabindex="-1" class:is-target=sec("1.1")>{p(
                        "W-21 merujuk ke IN.OCC.TELK.P-01 Customer Handling. Case yang perlu dijawab ditangani menurut P-01; aplikasi ini hanya menyatakan «Perlu dijawab».",
                        "W-21 refers to IN.OCC.TELK.P-01 Customer Handling. Cases that need a reply are handled under P-01; this app only says \"Needs a reply\".",
                    )}</p>
                </section>

                <section id="w21-2" tabindex="-1" class="clause" class:is-target=sec("2")>
                    <h2><span class="clause-no">"2"</span>{p("Tujuan", "Purpose")}</h2>
                    <ol class="numbered">
                        <li id="w21-2.1" tabindex="-1" class:is-target=sec("2.1")><span class="clause-no">"2.1"</span>{p("Menjadi panduan agent dalam menangani case yang tidak perlu dijawab.", "To guide agents in handling cases that need no reply.")}</li>
                        <li id="w21-2.2" tabindex="-1" class:is-target=sec("2.2")><span class="clause-no">"2.2"</span>{p("Agar agent tidak salah memberi jawaban pada sebuah case.", "So agents do not give a wrong answer to a case.")}</li>
                        <li id="w21-2.3" tabindex="-1" class:is-target=sec("2.3")><span class="clause-no">"2.3"</span>{p("Agar agent tidak terpancing oleh pelanggan yang iseng.", "So agents are not provoked by pranksters.")}</li>
                        <li id="w21-2.4" tabindex="-1" class:is-target=sec("2.4")><span class="clause-no">"2.4"</span>{p("Agar histori percakapan pelanggan tidak tumpang tindih (karena itu rentetan tweet dijawab sekali).", "So the customer's conversation history does not overlap (which is why a burst of tweets is answered once).")}</li>
                        <li id="w21-2.5" tabindex="-1" class:is-target=sec("2.5")><span class="clause-no">"2.5"</span>{p("Menghindari kesan berdebat dengan pelanggan.", "To avoid looking as if we argue with customers.")}</li>
                    </ol>
                </section>

                <section id="w21-3" tabindex="-1" class="clause" class:is-target=sec("3")>
                    <h2><span class="clause-no">"3"</span>{p("Ruang lingkup", "Scope")}</h2>
                    <p>{p(
                        "Instruksi ini mencakup case troll/iseng dan multi tweet/multi post; rinciannya di §5 juga memuat kuis dan promo.",
                        "The instruction covers troll/prank cases and multi tweet/multi post; its details in §5 also cover quizzes and promotions.",
                    )}</p>
                </section>

                <section id="w21-4" tabindex="-1" class="clause" class:is-target=sec("4")>
                    <h2><span class="clause-no">"4"</span>{p("Indikator kinerja", "Performance indicator")}</h2>
                    <p id="w21-4.1" tabindex="-1" class:is-target=sec("4.1")>{p(
                        "Case yang tidak perlu dijawab ditangani sesuai parameter dan standar layanan: tidak dibalas, dan kolom serta note di Sociomedia diisi persis.",
                        "Cases that need no reply are handled to the service parameters and standards: no reply is sent, and the Sociomedia fields and note are filled in exactly.",
                    )}</p>
                </section>

                <section id="w21-5.1" tabindex="-1" class="clause" class:is-target=sec("5.1")>
                    <h2><span class="clause-no">"5.1"</span>{p("Empat kategori case yang tidak perlu dijawab", "The four categories of cases that need no reply")}</h2>
                    <aside class="remark" aria-label=p("Catatan tentang jumlah kategori", "Remark on the number of categories")>
                        <strong>{p("Catatan: 4 kategori, 3 yang disebut. ", "Remark: 4 categories, 3 named. ")}</strong>
                        {p(
                            "§5.1 menyebut «4 kategori» tetapi hanya menamai tiga: Troll/Iseng, Multi Tweet/Multi Post dan Kuis. Daftar note di §5.3 menambahkan [Promo], jadi aplikasi ini memperlakukan Promo sebagai kategori keempat.",
                            "§5.1 says \"4 categories\" but names only three: Troll/Iseng, Multi Tweet/Multi Post and Kuis. The note list in §5.3 adds [Promo], so this app treats Promo as the fourth category.",
                        )}
                    </aside>
                    <p>{p(
                        "Bila beberapa kategori cocok dengan satu pesan, urutannya: Kuis, lalu Promo, lalu Troll/Iseng, lalu Multi. Aplikasi menampilkan semua aturan yang cocok dan menandai yang menentukan (★).",
                        "When several categories match one message, the order is: Kuis, then Promo, then Troll/Iseng, then Multi. The app shows every rule that matched and marks the one that decided (★).",
                    )}</p>

                    <section id="w21-5.1-troll" tabindex="-1" class="category" class:is-target=sec("5.1-troll")>
                        <h3>"Troll/Iseng" <code class="note-chip">"[Troll/Iseng]"</code></h3>
                        <p>{p(
                            "Pesan yang bukan tentang produk atau layanan Telkom: meminta kontak pribadi agent (contoh di W-21: PIN BBM agent), menggoda atau mengajak ngobrol admin, pelanggan provider lain yang bertanya tentang provider itu, atau hal lain yang tidak berkaitan dengan produk Telkom.",
                            "A message that is not about a Telkom product or service: asking for an agent's personal contact (W-21's example: an agent's BBM PIN), flirting or chatting with the admin, a customer of another provider asking about that provider, or anything else unrelated to Telkom's products.",
                        )}</p>
                        <div class="examples-grid">
                            <div class="ex ex-yes">
                                <h4>{p("⊘ Tidak perlu dijawab", "⊘ No reply needed")}</h4>
                                <ul>
                                    <li>"min, boleh minta pin bbm nya?"</li>
                                    <li>"admin udah punya pacar belum? 😁"</li>
                                    <li>"kartu XL saya kok gak ada sinyal ya"</li>
                                </ul>
                            </div>
                            <div class="ex ex-no">
                                <h4>{p("↩ Tetap perlu dijawab", "↩ Still needs a reply")}</h4>
                                <ul>
                                    <li>"indihome lemot banget anjir"</li>
                                    <li>"mending pindah ke Biznet, indihome mati terus"</li>
                                </ul>
                            </div>
                        </div>
                    </section>

                    <section id="w21-5.1-multi" tabindex="-1" class="category" class:is-target=sec("5.1-multi")>
                        <h3>"Multi Tweet / Multi Post" <code class="note-chip">"[Multi tweet]"</code>" "<code class="note-chip">"[Multi Post]"</code></h3>
                        <p>{p(
                            "Pelanggan yang sama mengirim lebih dari satu tweet/post pada waktu yang hampir bersamaan dan pesan berikutnya masih berkaitan dengan yang sebelumnya. Case dijawab sekali: pesan paling awal yang dijawab (baca seluruh rentetannya dulu), pesan berikutnya diberi note multi.",
                            "The same customer sends more than one tweet/post at nearly the same time and the later ones still relate to the earlier one. The case is answered once: the earliest message is the one to answer (read the whole burst first), the later ones get the multi note.",
                        )}</p>
                        <p>{p(
                            "«Hampir bersamaan» = paling lama 10 menit antar pesan (bisa diubah di Pengaturan, 1–60). «Berkaitan» = percakapan/rantai balasan yang sama, nomor internet atau tiket yang sama, kata-kata yang sama, atau colekan singkat seperti «min?», «halo??», «tolong dibalas», «cek dm».",
                            "\"Nearly the same time\" = at most 10 minutes between messages (a setting, 1–60). \"Related\" = the same conversation/reply chain, the same internet number or ticket, shared words, or a bare ping such as \"min?\", \"halo??\", \"tolong dibalas\", \"cek dm\".",
                        )}</p>
                        <div class="examples-grid">
                            <div class="ex ex-yes">
                                <h4>{p("⊘ Pesan ke-2 dan ke-3: note multi", "⊘ Messages 2 and 3: multi note")}</h4>
                                <ul>
                                    <li>"10:01 internet mati dari pagi min"</li>
                                    <li>"10:03 min??"</li>
                                    <li>"10:04 tolong dibalas"</li>
                                </ul>
                            </div>
                            <div class="ex ex-no">
                                <h4>{p("↩ Case baru, tetap dijawab", "↩ A new case, still answered")}</h4>
                                <ul>
                                    <li>{p("pesan berikutnya tentang topik lain", "a later message on an unrelated topic")}</li>
                                    <li>{p("pesan sesudah balasan brand/agent (giliran percakapan berikutnya)", "a message after a brand/agent reply (the next turn)")}</li>
                                </ul>
                            </div>
                        </div>
                        <p>{p("Note: [Multi tweet] di Twitter, [Multi Post] di Facebook.", "Note: [Multi tweet] on Twitter, [Multi Post] on Facebook.")}</p>
                    </section>

                    <section id="w21-5.1-kuis" tabindex="-1" class="category" class:is-target=sec("5.1-kuis")>
                        <h3>"Kuis" <code class="note-chip">"[Kuis]"</code></h3>
                        <p>{p(
                            "Pelanggan ikut (atau bertanya tentang) kuis yang diselenggarakan akun brand; kuis punya admin sendiri.",
                            "The customer takes part in (or asks about) a quiz run by the brand account; quizzes have their own admin.",
                        )}</p>
                        <div class="examples-grid">
                            <div class="ex ex-yes">
                                <h4>{p("⊘ Tidak perlu dijawab", "⊘ No reply needed")}</h4>
                                <ul>
                                    <li>"#KuisTelkomCare jawabannya C min"</li>
                                    <li>"kapan pengumuman pemenang kuisnya?"</li>
                                </ul>
                            </div>
                        </div>
                    </section>

                    <section id="w21-5.1-promo" tabindex="-1" class="category" class:is-target=sec("5.1-promo")>
                        <h3>"Promo" <code class="note-chip">"[Promo]"</code></h3>
                        <p>{p(
                            "Konten promosi: orang yang beriklan atau berjualan (termasuk reseller yang mengiklankan pasang IndiHome), spam, atau membagikan postingan promo tanpa pertanyaan atau keluhan.",
                            "Promotional content: someone advertising or selling (including resellers advertising IndiHome installation), spam, or sharing a promo post with no question or complaint.",
                        )}</p>
                        <div class="examples-grid">
                            <div class="ex ex-yes">
                                <h4>{p("⊘ Tidak perlu dijawab", "⊘ No reply needed")}</h4>
                                <ul>
                                    <li>"Pasang IndiHome proses cepat, hubungi WA 0812xxxx"</li>
                                    <li>"jual followers murah, cek bio"</li>
                                </ul>
                            </div>
                            <div class="ex ex-no">
                                <h4>{p("↩ Tetap perlu dijawab", "↩ Still needs a reply")}</h4>
                                <ul>
                                    <li>"promo 50 Mbps yang di iklan masih berlaku? saya mau pasang"</li>
                                </ul>
                            </div>
                        </div>
                    </section>
                </section>

                <section id="w21-5.2" tabindex="-1" class="clause" class:is-target=sec("5.2")>
                    <h2><span class="clause-no">"5.2"</span>{p("Kolom di Sociomedia", "Fields in Sociomedia")}</h2>
                    <p>{p(
                        "Untuk setiap case yang tidak perlu dijawab, isinya selalu sama dan harus persis:",
                        "For every case that needs no reply the values are always the same and must be exact:",
                    )}</p>
                    <table class="facts">
                        <thead><tr><th scope="col">{p("Kolom", "Field")}</th><th scope="col">{p("Isi", "Value")}</th></tr></thead>
                        <tbody>
                            <tr><th scope="row">"Category"</th><td><code>"Lainnya"</code></td></tr>
                            <tr><th scope="row">"Product"</th><td><code>"Out Of Topic"</code></td></tr>
                            <tr><th scope="row">"Sub Product"</th><td><code>"Out Of Topic"</code></td></tr>
                            <tr><th scope="row">"Reply Type"</th><td><code>"OOT Reply"</code></td></tr>
                        </tbody>
                    </table>
                </section>

                <section id="w21-5.3" tabindex="-1" class="clause" class:is-target=sec("5.3")>
                    <h2><span class="clause-no">"5.3"</span>{p("Note di Sociomedia", "The note in Sociomedia")}</h2>
                    <p>{p(
                        "Note ditulis sesuai case pelanggan, persis dengan huruf besar-kecil dan kurung sikunya:",
                        "The note follows the customer's case, exactly, including capitals and square brackets:",
                    )}</p>
                    <table class="facts">
                        <thead><tr><th scope="col">"Note"</th><th scope="col">{p("Kapan", "When")}</th></tr></thead>
                        <tbody>
                            <tr><th scope="row"><code>"[Multi tweet]"</code></th><td>{p("Multi, di Twitter", "Multi, on Twitter")}</td></tr>
                            <tr><th scope="row"><code>"[Multi Post]"</code></th><td>{p("Multi, di Facebook", "Multi, on Facebook")}</td></tr>
                            <tr><th scope="row"><code>"[Promo]"</code></th><td>"Promo"</td></tr>
                            <tr><th scope="row"><code>"[Troll/Iseng]"</code></th><td>"Troll/Iseng"</td></tr>
                            <tr><th scope="row"><code>"[Kuis]"</code></th><td>"Kuis"</td></tr>
                        </tbody>
                    </table>
                </section>

                <section id="w21-catatan" tabindex="-1" class="clause" class:is-target=sec("catatan")>
                    <h2>{p("Tafsiran yang kami pakai", "Interpretations we use")}</h2>
                    <p>{p("Semua bisa diubah di buku aturan.", "All of them can be changed in the rulebook.")}</p>
                    <ul class="notes-list">
                        <li>
                            <strong>{p("Produk Telkom: ", "Telkom products: ")}</strong>
                            {p(
                                "IndiHome (internet, TV/UseeTV, telepon rumah), Telkom, Speedy, WiFi.id, Indibiz, aplikasi MyIndiHome, 147/188, Plasa/GraPARI, tagihan, pasang baru (PSB), teknisi, modem/ONT/router, gangguan (lemot, LOS). Telkomsel dan by.U juga termasuk: sejak 2023 IndiHome dijual lewat Telkomsel.",
                                "IndiHome (internet, TV/UseeTV, home phone), Telkom, Speedy, WiFi.id, Indibiz, the MyIndiHome app, 147/188, Plasa/GraPARI, billing, new installation (PSB), technicians, modem/ONT/router, outages (slow, LOS). Telkomsel and by.U count too: since 2023 IndiHome is sold through Telkomsel.",
                            )}
                        </li>
                        <li>
                            <strong>{p("Provider lain: ", "Other providers: ")}</strong>
                            {p(
                                "XL, Axis, Indosat/IM3, Tri, Smartfren, Biznet, First Media, MyRepublic, MNC Play, CBN, Iconnet, Oxygen, Starlink, dan sejenisnya. Bertanya tentang layanan mereka = Troll/Iseng; mengeluh tentang IndiHome sambil menyebut pesaing tetap case nyata.",
                                "XL, Axis, Indosat/IM3, Tri, Smartfren, Biznet, First Media, MyRepublic, MNC Play, CBN, Iconnet, Oxygen, Starlink and the like. Asking about their service = Troll/Iseng; complaining about IndiHome while naming a competitor is still a real case.",
                            )}
                        </li>
                        <li>
                            <strong>{p("Kata kasar + keluhan = case nyata. ", "Abuse with a complaint is a real case. ")}</strong>
                            {p(
                                "Hanya makian tanpa masalah produk yang Troll/Iseng.",
                                "Only insults with no product problem are Troll/Iseng.",
                            )}
                        </li>
                        <li>
                            <strong>{p("Pesan akun brand/agent ", "Brand/agent messages ")}</strong>
                            {p(
                                "(@TelkomCare, @IndiHome, @IndiHomeCare, balasan bertanda «-Nama») dalam thread adalah konteks, bukan case.",
                                "(@TelkomCare, @IndiHome, @IndiHomeCare, replies signed \"-Name\") inside a thread are context, not cases.",
                            )}
                        </li>
                        <li>
                            <strong>{p("Bila ragu, jawab. ", "When in doubt, reply. ")}</strong>
                            {p(
                                "Menandai keluhan asli sebagai «tidak perlu dijawab» membuat pelanggan terabaikan: kesalahan terburuk. Karena itu, bila sinyal bertentangan aplikasi menjawab «Perlu dijawab» atau «Periksa manual» dan menyebut sinyal yang bertentangan.",
                                "Marking a real complaint \"no reply\" leaves a customer ignored: the worst error. So when signals conflict the app says \"Needs a reply\" or \"Check manually\" and names the conflicting signals.",
                            )}
                        </li>
                    </ul>
                </section>
                {rules_section(&rules, lang, active)}
                <p class="back"><a href="#/">{p("← Kembali ke pemeriksaan", "← Back to checking")}</a></p>
            </article>
        }
    }
}

/// The rules of the rulebook in force, clause by clause, as the check screen's reasons cite
/// them (each rule has the anchor `#/prosedur/rule-<id>`).
fn rules_section(rules: &[RuleSummary], lang: Lang, active: RwSignal<String>) -> impl IntoView {
    let items = rules
        .iter()
        .map(|r| {
            let anchor = format!("rule-{}", r.id);
            let target = {
                let anchor = anchor.clone();
                move || active.with(|a| *a == anchor)
            };
            let why = match lang {
                Lang::En if !r.why_en.trim().is_empty() => r.why_en.clone(),
                _ => r.why_id.clone(),
            };
            let category = r.category.map(|c| match c {
                Category::Troll => "[Troll/Iseng]",
                Category::Multi => "[Multi tweet] / [Multi Post]",
                Category::Kuis => "[Kuis]",
                Category::Promo => "[Promo]",
            });
            let examples = |list: &[String]| {
                list.iter()
                    .take(3)
                    .map(|e| view! { <li>{e.clone()}</li> })
                    .collect_view()
            };
            let (yes, no) = (examples(&r.must_match), examples(&r.no_match));
            let clause_href = format!("#/prosedur/{}", r.clause);
            view! {
                <article id=format!("w21-{anchor}") tabindex="-1" class="rule-entry" class:is-target=target class:is-off=!r.enabled>
                    <h3>
                        <code>{r.id.clone()}</code>
                        " "
                        <a href=clause_href>{format!("§{}", r.clause)}</a>
                        {category.map(|c| view! { " " <code class="note-chip">{c}</code> })}
                        {(!r.enabled).then(|| view! { " " <span class="badge">{lang.pick("nonaktif", "disabled")}</span> })}
                    </h3>
                    <p>{why}</p>
                    <div class="examples-grid">
                        <div class="ex ex-rule-yes">
                            <h4>{lang.pick("✓ Cocok, misalnya", "✓ Matches, e.g.")}</h4>
                            <ul>{yes}</ul>
                        </div>
                        <div class="ex ex-rule-no">
                            <h4>{lang.pick("✗ Tidak cocok, misalnya", "✗ Does not match, e.g.")}</h4>
                            <ul>{no}</ul>
                        </div>
                    </div>
                </article>
            }
        })
        .collect_view();
    let is_target = move || active.with(|a| a == "aturan");
    view! {
        <section id="w21-aturan" tabindex="-1" class="clause" class:is-target=is_target>
            <h2>{lang.pick("Aturan yang dipakai aplikasi", "The rules the app applies")}</h2>
            <p>{lang.pick(
                "Dari buku aturan yang berlaku (bisa diubah di menu Aturan). Alasan di layar Periksa menunjuk ke sini.",
                "From the rulebook in force (editable under Rulebook). The reasons on the Check screen point here.",
            )}</p>
            {items}
        </section>
    }
}
