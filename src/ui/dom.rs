//! Small browser helpers shared by the views: writing to the clipboard (with a fallback for
//! browsers or contexts without the async Clipboard API), focusing and scrolling to elements,
//! and reading the clock. Everything here fails softly: a missing API gives an `Err` or does
//! nothing, never a panic, because a panic in WebAssembly kills the whole page. No view logic
//! and no engine calls live here.
use wasm_bindgen::{JsCast, JsValue};

/// Seconds since the epoch, from the browser clock (the engine takes `now` as a parameter).
pub fn now_secs() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// Copies `text` to the clipboard. Tries `navigator.clipboard.writeText` first; when that API is
/// missing or refuses (insecure context, permission denied), falls back to selecting the text in
/// a hidden textarea and `document.execCommand("copy")`. `Err` means both ways failed.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let async_result = match clipboard() {
        Some(clip) => {
            let promise = clip.write_text(text);
            wasm_bindgen_futures::JsFuture::from(promise)
                .await
                .map(|_| ())
                .map_err(describe)
        }
        None => Err("navigator.clipboard is not available".to_string()),
    };
    match async_result {
        Ok(()) => Ok(()),
        Err(first) => copy_with_exec_command(text).map_err(|second| format!("{first}; {second}")),
    }
}

/// `navigator.clipboard`, or `None` where it does not exist (reading the property through
/// `Reflect` first, because calling a method on `undefined` would throw through the wasm frames).
fn clipboard() -> Option<web_sys::Clipboard> {
    let navigator = web_sys::window()?.navigator();
    let value = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")).ok()?;
    if value.is_undefined() || value.is_null() {
        return None;
    }
    value.dyn_into::<web_sys::Clipboard>().ok()
}

/// The old way: put the text in an off-screen textarea, select it and run the "copy" command.
/// Focus goes back to where it was so keyboard users do not lose their place.
fn copy_with_exec_command(text: &str) -> Result<(), String> {
    let doc = document().ok_or("no document")?;
    let body = doc.body().ok_or("no body")?;
    let previous = doc.active_element();
    let area = doc
        .create_element("textarea")
        .map_err(describe)?
        .dyn_into::<web_sys::HtmlTextAreaElement>()
        .map_err(|_| "not a textarea".to_string())?;
    area.set_value(text);
    let _ = area.set_attribute("readonly", "");
    let _ = area.set_attribute("aria-hidden", "true");
    let _ = area.set_attribute("style", "position:fixed;top:0;left:-9999px;opacity:0;");
    body.append_child(&area).map_err(describe)?;
    area.select();
    let exec = js_sys::Reflect::get(&doc, &JsValue::from_str("execCommand"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let copied = match exec {
        Some(f) => f
            .call1(&doc, &JsValue::from_str("copy"))
            .map(|v| v.as_bool().unwrap_or(false))
            .unwrap_or(false),
        None => false,
    };
    let _ = body.remove_child(&area);
    if let Some(el) = previous.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
    if copied {
        Ok(())
    } else {
        Err("document.execCommand(\"copy\") failed".to_string())
    }
}

fn describe(value: JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "unknown error".to_string())
}

/// Focuses the element with this id (if it exists and can take focus).
pub fn focus_id(id: &str) {
    if let Some(el) = document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Scrolls the element with this id into view and focuses it (it should have `tabindex="-1"`),
/// so a link into the procedure lands keyboard and screen-reader users on the clause too.
/// Returns false when no such element exists.
pub fn reveal_id(id: &str) -> bool {
    let Some(el) = document().and_then(|d| d.get_element_by_id(id)) else {
        return false;
    };
    el.scroll_into_view_with_bool(true);
    if let Ok(html) = el.dyn_into::<web_sys::HtmlElement>() {
        let _ = html.focus();
    }
    true
}

/// True when the keyboard focus is in a place where a plain key types text (an input, a
/// textarea, a select or an editable element), so single-key shortcuts must stay out of the way.
pub fn focus_is_in_text_field() -> bool {
    let Some(el) = document().and_then(|d| d.active_element()) else {
        return false;
    };
    let tag = el.tag_name().to_ascii_lowercase();
    matches!(tag.as_str(), "input" | "textarea" | "select")
        || el
            .dyn_ref::<web_sys::HtmlElement>()
            .map(|h| h.is_content_editable())
            .unwrap_or(false)
}
