//! Browser plumbing for the batch audit: reading an uploaded file, running an `Audit` in short
//! time slices so the page keeps answering input, and saving the results as a download. The
//! audit itself (parsing, grouping, verdicts, export) is `engine::audit`; nothing here decides
//! anything about a message. Every browser call fails softly with an `Err`, never a panic.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How long one slice of work may run before the page gets the event loop back. Input waits at
/// most about this long (plus the browser's own work), far below the 100 ms the issue allows.
pub const SLICE_MS: f64 = 12.0;

/// Units of work per `Audit::step` call; small enough that a slice never overshoots by much.
pub const STEP_BUDGET: usize = 64;

/// A monotonic clock in milliseconds (performance.now, or Date.now where that is missing).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_else(js_sys::Date::now)
}

/// Gives the event loop back to the browser (input, rendering, timers) and resumes soon after.
/// `scheduler.postTask` at the default "user-visible" priority queues the rest of the batch
/// fairly behind whatever else is waiting, without the 4 ms clamp that nested zero timeouts
/// get. (`scheduler.yield()` is not used: its continuations outrank timers and would starve
/// them for the whole batch.) Where `postTask` does not exist, a zero timeout does the job.
pub async fn yield_to_browser() {
    if let Some(promise) = post_task() {
        if JsFuture::from(promise).await.is_ok() {
            return;
        }
    }
    gloo_timers::future::TimeoutFuture::new(0).await;
}

fn post_task() -> Option<js_sys::Promise> {
    let global = js_sys::global();
    let scheduler = js_sys::Reflect::get(&global, &JsValue::from_str("scheduler")).ok()?;
    if scheduler.is_undefined() || scheduler.is_null() {
        return None;
    }
    let post = js_sys::Reflect::get(&scheduler, &JsValue::from_str("postTask"))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let noop = wasm_bindgen::closure::Closure::once_into_js(|| {});
    post.call1(&scheduler, &noop)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()
}

/// Reads a file the user picked as text. The bytes are copied into wasm memory in pieces with
/// a yield between, then decoded here (going through a JavaScript string instead took a third
/// of a second on the main thread for 15 MB). Bytes that are not UTF-8 (an export saved as
/// Windows-1252, say) become U+FFFD instead of failing the whole file.
pub async fn read_file(file: &web_sys::File) -> Result<String, String> {
    const PIECE: usize = 2 << 20;
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(describe)?;
    let source = js_sys::Uint8Array::new(&buffer);
    let len = source.length() as usize;
    let mut bytes = vec![0u8; len];
    let mut at = 0;
    while at < len {
        let end = (at + PIECE).min(len);
        source
            .subarray(at as u32, end as u32)
            .copy_to(&mut bytes[at..end]);
        at = end;
        yield_to_browser().await;
    }
    Ok(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// Offers `text` as a CSV download named `name`. A byte-order mark goes first so Excel reads
/// the UTF-8 (Indonesian text, emoji) correctly.
pub fn download_csv(name: &str, text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys::Array::new();
    parts.push(&JsValue::from_str("\u{feff}"));
    parts.push(&JsValue::from_str(text));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type("text/csv;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag).map_err(describe)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(describe)?;
    let anchor = document
        .create_element("a")
        .map_err(describe)?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| "not an anchor")?;
    anchor.set_href(&url);
    anchor.set_download(name);
    let _ = anchor.set_attribute("style", "display:none");
    let body = document.body().ok_or("no body")?;
    body.append_child(&anchor).map_err(describe)?;
    anchor.click();
    let _ = body.remove_child(&anchor);
    // The browser has taken the blob once the click is handled; free it a little later.
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// The download name for the results of `source` ("day.csv" gives "day-audit.csv").
pub fn result_name(source: &str) -> String {
    let stem = source
        .rsplit_once('.')
        .map(|(s, _)| s)
        .unwrap_or(source)
        .trim();
    if stem.is_empty() {
        "audit-w21.csv".to_string()
    } else {
        format!("{stem}-audit.csv")
    }
}

fn describe(value: JsValue) -> String {
    value
        .as_string()
        .or_else(|| {
            value
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{value:?}"))
}
