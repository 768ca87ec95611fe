//! Settings: the stored round trip, and recovery from corrupt, old-format and newer-format values
//! field by field (what is readable is kept; each reset says what and why).
use oot_triage::engine::json;
use oot_triage::engine::Channel;
use oot_triage::settings::{Lang, Settings, SETTINGS_VERSION};

fn subjects(notices: &[oot_triage::settings::Notice]) -> Vec<&str> {
    notices.iter().map(|n| n.subject.as_str()).collect()
}

#[test]
fn stored_settings_round_trip_without_notices() {
    let s = Settings {
        version: SETTINGS_VERSION,
        lang: Lang::En,
        default_channel: Channel::Facebook,
        multi_window_minutes: 25,
        keep_history: false,
    };
    let (back, notices) = Settings::from_stored(&s.to_stored());
    assert_eq!(back, s);
    assert!(notices.is_empty(), "{notices:?}");
}

#[test]
fn default_settings_round_trip() {
    let (back, notices) = Settings::from_stored(&Settings::default().to_stored());
    assert_eq!(back, Settings::default());
    assert!(notices.is_empty());
}

#[test]
fn non_json_resets_everything_with_one_notice() {
    let (s, notices) = Settings::from_stored("{lang: en, oops");
    assert_eq!(s, Settings::default());
    assert_eq!(subjects(&notices), ["settings"]);
    assert!(notices[0].en.contains("not JSON"));
    assert!(notices[0].id.contains("bukan JSON"));
}

#[test]
fn non_object_json_resets_everything() {
    let (s, notices) = Settings::from_stored("[1,2,3]");
    assert_eq!(s, Settings::default());
    assert_eq!(subjects(&notices), ["settings"]);
}

#[test]
fn one_bad_field_is_reset_and_the_others_kept() {
    let text =
        r#"{"version":1,"lang":"en","default_channel":"facebook","multi_window_minutes":"ten","keep_history":false}"#;
    let (s, notices) = Settings::from_stored(text);
    assert_eq!(s.lang, Lang::En);
    assert_eq!(s.default_channel, Channel::Facebook);
    assert!(!s.keep_history);
    assert_eq!(s.multi_window_minutes, 10);
    assert_eq!(subjects(&notices), ["settings.multi_window_minutes"]);
    assert!(
        notices[0].en.contains("\"ten\""),
        "notice shows the bad value: {}",
        notices[0].en
    );
}

#[test]
fn window_outside_one_to_sixty_is_reset() {
    for bad in ["0", "61", "-5", "7.5", "null"] {
        let text = format!(
            r#"{{"version":1,"lang":"id","default_channel":"twitter","multi_window_minutes":{bad},"keep_history":true}}"#
        );
        let (s, notices) = Settings::from_stored(&text);
        assert_eq!(s.multi_window_minutes, 10, "{bad}");
        assert_eq!(subjects(&notices), ["settings.multi_window_minutes"], "{bad}");
    }
    let ok = r#"{"version":1,"lang":"id","default_channel":"twitter","multi_window_minutes":60,"keep_history":true}"#;
    assert_eq!(Settings::from_stored(ok).0.multi_window_minutes, 60);
}

#[test]
fn every_invalid_field_gets_its_own_notice() {
    let text =
        r#"{"version":1,"lang":"fr","default_channel":"myspace","multi_window_minutes":99,"keep_history":"yes"}"#;
    let (s, notices) = Settings::from_stored(text);
    assert_eq!(s, Settings::default());
    assert_eq!(
        subjects(&notices),
        [
            "settings.lang",
            "settings.default_channel",
            "settings.multi_window_minutes",
            "settings.keep_history"
        ]
    );
}

#[test]
fn missing_field_in_current_version_is_reported() {
    let (s, notices) =
        Settings::from_stored(r#"{"version":1,"lang":"en","default_channel":"facebook","keep_history":false}"#);
    assert_eq!(s.lang, Lang::En);
    assert_eq!(s.multi_window_minutes, 10);
    assert_eq!(subjects(&notices), ["settings.multi_window_minutes"]);
}

#[test]
fn old_format_without_version_keeps_readable_fields_with_one_notice() {
    // An older build stored no version and no window; its language and channel still apply.
    let (s, notices) = Settings::from_stored(r#"{"lang":"EN","default_channel":"fb"}"#);
    assert_eq!(s.lang, Lang::En);
    assert_eq!(s.default_channel, Channel::Facebook);
    assert_eq!(s.multi_window_minutes, 10);
    assert!(s.keep_history);
    assert_eq!(s.version, SETTINGS_VERSION);
    assert_eq!(subjects(&notices), ["settings.version"]);
}

#[test]
fn newer_format_is_read_as_far_as_possible() {
    let text = r#"{"version":7,"lang":"en","default_channel":"twitter","multi_window_minutes":5,"keep_history":true,"theme":"dark"}"#;
    let (s, notices) = Settings::from_stored(text);
    assert_eq!(s.lang, Lang::En);
    assert_eq!(s.multi_window_minutes, 5);
    assert_eq!(s.version, SETTINGS_VERSION);
    assert_eq!(subjects(&notices), ["settings.version"]);
    assert!(notices[0].en.contains("version 7"));
}

#[test]
fn unknown_fields_are_ignored_quietly() {
    let mut v = json::parse(&Settings::default().to_stored()).unwrap();
    assert!(v.insert("extra", json::parse(r#"{"x": 1}"#).unwrap()));
    let (s, notices) = Settings::from_value(&v);
    assert_eq!(s, Settings::default());
    assert!(notices.is_empty());
}

#[test]
fn huge_corrupt_value_is_shortened_in_the_notice() {
    let long = "x".repeat(5000);
    let text = format!(
        r#"{{"version":1,"lang":"{long}","default_channel":"twitter","multi_window_minutes":10,"keep_history":true}}"#
    );
    let (_, notices) = Settings::from_stored(&text);
    assert_eq!(notices.len(), 1);
    assert!(notices[0].en.len() < 200, "{}", notices[0].en.len());
}

#[test]
fn lang_parse_accepts_region_codes() {
    assert_eq!(Lang::parse("en-US"), Some(Lang::En));
    assert_eq!(Lang::parse("ID"), Some(Lang::Id));
    assert_eq!(Lang::parse("de"), None);
}
