//! Times as the device sees them. The offset of a local time depends on the date (daylight saving), so
//! it is asked of the browser's `Date` for that very moment, never assumed from "now".

use js_sys::{Date, Intl, Object, Reflect};
use spoc_core::zoned_time::format_local;
use spoc_core::ZonedTime;
use wasm_bindgen::JsValue;

/// The device's IANA zone (`Europe/Copenhagen`), or `UTC` if the browser will not say.
pub fn device_zone() -> String {
    let options = Intl::DateTimeFormat::new(&js_sys::Array::new(), &Object::new()).resolved_options();
    Reflect::get(&options, &JsValue::from_str("timeZone"))
        .ok()
        .and_then(|z| z.as_string())
        .unwrap_or_else(|| "UTC".into())
}

pub fn now_ms() -> f64 {
    Date::now()
}

/// Now, with the device's offset and zone.
pub fn now() -> ZonedTime {
    zoned_from_date(&Date::new_0())
}

/// The value of an `<input type="datetime-local">` (`2026-11-22T14:03`), read as the device's local
/// time. `None` for an empty or malformed value.
pub fn from_local_input(value: &str) -> Option<ZonedTime> {
    let date = Date::new(&JsValue::from_str(value));
    // `new Date("YYYY-MM-DDTHH:MM")` is local time by the ECMAScript spec; NaN when malformed.
    if value.len() < 16 || date.get_time().is_nan() {
        return None;
    }
    Some(zoned_from_date(&date))
}

/// The inverse, for showing a stored time in the input: the RFC 3339 text is already in the device's
/// offset, so its first 16 characters are the local wall-clock time.
pub fn to_local_input(time: &ZonedTime) -> String {
    time.at.get(..16).unwrap_or_default().to_string()
}

/// A stored time as people read it: `22.11.2026 14:03 (Europe/Copenhagen)`.
pub fn display(time: &ZonedTime) -> String {
    let at = &time.at;
    match (at.get(0..4), at.get(5..7), at.get(8..10), at.get(11..16)) {
        (Some(y), Some(m), Some(d), Some(hm)) => format!("{d}.{m}.{y} {hm} ({})", time.zone),
        _ => format!("{at} ({})", time.zone),
    }
}

fn zoned_from_date(date: &Date) -> ZonedTime {
    // getTimezoneOffset is minutes *behind* UTC; RFC 3339 offsets are ahead.
    let offset_minutes = -(date.get_timezone_offset() as i32);
    let at = format_local(date.get_time() as i64, offset_minutes).unwrap_or_default();
    ZonedTime::new(at, device_zone())
}

/// An instant (Unix ms) as the device's clocks show it, `30.05.2026 11:00 (Europe/Copenhagen)`: the
/// browser applies its zone rules for that date, so a daylight-saving change in between is honoured.
pub fn display_instant(unix_ms: f64) -> String {
    let d = Date::new(&JsValue::from_f64(unix_ms));
    format!(
        "{:02}.{:02}.{} {:02}:{:02} ({})",
        d.get_date(),
        d.get_month() + 1,
        d.get_full_year(),
        d.get_hours(),
        d.get_minutes(),
        device_zone()
    )
}

/// The wall-clock time of an instant on the device, `14:03` or with `seconds` `14:03:27`, for a line
/// that names the zone once ([`device_zone`]).
pub fn clock_time(unix_ms: f64, seconds: bool) -> String {
    let d = Date::new(&JsValue::from_f64(unix_ms));
    let hm = format!("{:02}:{:02}", d.get_hours(), d.get_minutes());
    if seconds {
        format!("{hm}:{:02}", d.get_seconds())
    } else {
        hm
    }
}

/// An RFC 3339 instant from the SPOC (`2026-12-01T09:22:03.513Z`) as the device's clocks show it;
/// the text itself if it is not a time.
pub fn display_rfc3339(at: &str) -> String {
    let ms = Date::parse(at);
    if ms.is_nan() {
        at.to_string()
    } else {
        display_instant(ms)
    }
}

/// Writes a Unix-ms time into a stored record as a whole number of milliseconds (`serialize_with`).
/// With no float ever written as text, the bundle carries no float-to-text code (serde_json's
/// shortest-float formatter and its 10 KB table). Read back as `f64` as before: serde_json reads
/// integers and the floats older builds wrote alike.
pub fn whole_ms<S: serde::Serializer>(ms: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_i64(ms.round() as i64)
}
