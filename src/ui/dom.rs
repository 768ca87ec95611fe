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

/// The element with this id.
pub fn by_id(id: &str) -> Option<web_sys::Element> {
    document()?.get_element_by_id(id)
}

/// Replaces `holder`'s content with `html` (fixed markup from `crate::markup`, never user
/// text), keeping the keyboard focus on the element with the same id, so switching the
/// language from a control in the markup leaves the focus on that control.
pub fn set_html(holder: &web_sys::Element, html: &str) {
    let focused = document().and_then(|d| d.active_element()).map(|e| e.id());
    holder.set_inner_html(html);
    if let Some(id) = focused.filter(|id| !id.is_empty()) {
        focus_id(&id);
    }
}

/// Sets `holder`'s markup to `html()` (see [`set_html`]) unless it already shows the language
/// `lang`, which it records in its `data-lang`: a view's fixed markup is set once per
/// language. True when it was set.
pub fn set_html_in(holder: &web_sys::Element, lang: &str, html: impl FnOnce() -> String) -> bool {
    if holder.get_attribute("data-lang").as_deref() == Some(lang) {
        return false;
    }
    set_html(holder, &html());
    let _ = holder.set_attribute("data-lang", lang);
    true
}

/// Sets a property of the element with this id, such as a field's `value` or a checkbox's
/// `checked` (the property, which is what the user sees, not the attribute).
pub fn set_prop(id: &str, name: &str, value: JsValue) {
    if let Some(el) = by_id(id) {
        let _ = js_sys::Reflect::set(&el, &JsValue::from_str(name), &value);
    }
}

/// Shows or hides the element with this id (the `hidden` attribute).
pub fn show_id(id: &str, shown: bool) {
    if let Some(el) = by_id(id) {
        let _ = el.toggle_attribute_with_force("hidden", !shown);
    }
}

/// A button that asks before it acts: while `asking`, the group `question` (the question, "yes"
/// and `cancel`) takes the place of `button`. The focus moves to what is shown, so keyboard
/// users keep their place.
pub fn ask_in_place(button: &str, question: &str, cancel: &str, asking: bool) {
    show_id(button, !asking);
    show_id(question, asking);
    focus_id(if asking { cancel } else { button });
}

/// Removes the parts of `root` marked `data-when="..."` whose mark is not in `keep`: markup
/// written with every variant of a text keeps only the one that applies.
pub fn keep_when(root: &web_sys::Element, keep: &[&str]) {
    let mut others = String::from("[data-when]");
    for mark in keep {
        others.push_str(&format!(":not([data-when=\"{mark}\"])"));
    }
    while let Ok(Some(el)) = root.query_selector(&others) {
        el.remove();
    }
}

/// The element an event happened on.
pub fn target(e: &web_sys::Event) -> Option<web_sys::Element> {
    e.target()?.dyn_into::<web_sys::Element>().ok()
}

/// The `data-action` of the nearest element around an event's target that has one, and that
/// element: how a view wires the buttons of its markup with one click handler.
pub fn action_of(e: &web_sys::Event) -> Option<(String, web_sys::Element)> {
    let el = target(e)?.closest("[data-action]").ok()??;
    Some((el.get_attribute("data-action")?, el))
}
