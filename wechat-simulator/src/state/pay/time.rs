//! Times and identifiers as WeChat Pay writes them: RFC 3339 in Beijing time (`+08:00`),
//! `YYYY-MM-DD` bill dates, and the digit strings of its order and bill numbers.

use rand::Rng;

/// Beijing time is UTC+8, all year.
const BEIJING_OFFSET: i64 = 8 * 3600;

const DAY: i64 = 86_400;

/// The civil date of a count of days since 1970-01-01 (proleptic Gregorian).
fn date_of_day(days: i64) -> (i64, u32, u32) {
    // Shift the epoch to 0000-03-01 so that leap days end each 400-year era.
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month as u32, day as u32)
}

/// Days since 1970-01-01 of a civil date (the inverse of [`date_of_day`]).
fn day_of_date(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = i64::from((month + 9) % 12);
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The Beijing day (days since 1970-01-01) a unix time falls on.
pub(crate) fn beijing_day(unix: i64) -> i64 {
    (unix + BEIJING_OFFSET).div_euclid(DAY)
}

/// `2026-11-27T16:42:31+08:00`.
pub(crate) fn rfc3339(unix: i64) -> String {
    let local = unix + BEIJING_OFFSET;
    let (year, month, day) = date_of_day(local.div_euclid(DAY));
    let secs = local.rem_euclid(DAY);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}+08:00",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// `YYYYMMDD` of the Beijing day of `unix`.
pub(crate) fn compact_date(unix: i64) -> String {
    let (year, month, day) = date_of_day(beijing_day(unix));
    format!("{year:04}{month:02}{day:02}")
}

/// `YYYYMMDDHHMMSS` in Beijing time.
pub(crate) fn compact_time(unix: i64) -> String {
    let local = unix + BEIJING_OFFSET;
    let secs = local.rem_euclid(DAY);
    format!(
        "{}{:02}{:02}{:02}",
        compact_date(unix),
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// `2026-11-27 16:42:31`, as the bills write times.
pub(crate) fn bill_time(unix: i64) -> String {
    let stamp = rfc3339(unix);
    format!("{} {}", &stamp[..10], &stamp[11..19])
}

/// The day of a `YYYY-MM-DD` bill date, if it is one.
pub(crate) fn parse_bill_date(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year: i64 = text[..4].parse().ok()?;
    let month: u32 = text[5..7].parse().ok()?;
    let day: u32 = text[8..].parse().ok()?;
    if !(1..=12).contains(&month) || day == 0 {
        return None;
    }
    let days = day_of_date(year, month, day);
    // 2026-02-30 would land on March 2nd: refuse dates that do not round-trip.
    (date_of_day(days) == (year, month, day)).then_some(days)
}

/// `len` random decimal digits.
pub(crate) fn digits(len: usize) -> String {
    let mut rng = rand::thread_rng();
    (0..len)
        .map(|_| char::from(b'0' + rng.gen_range(0..10u8)))
        .collect()
}

/// `len` random lowercase hex digits.
pub(crate) fn hex(len: usize) -> String {
    let mut rng = rand::thread_rng();
    (0..len)
        .map(|_| char::from_digit(rng.gen_range(0..16), 16).unwrap_or('0'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beijing_times() {
        // 2026-11-27T16:42:31Z
        let unix = 1_795_797_751;
        assert_eq!(rfc3339(unix), "2026-11-28T00:42:31+08:00");
        assert_eq!(compact_date(unix), "20261128");
        assert_eq!(compact_time(unix), "20261128004231");
        assert_eq!(bill_time(unix), "2026-11-28 00:42:31");
        assert_eq!(rfc3339(0), "1970-01-01T08:00:00+08:00");
    }

    #[test]
    fn bill_dates() {
        assert_eq!(parse_bill_date("1970-01-01"), Some(0));
        assert_eq!(parse_bill_date("2024-02-29"), Some(19_782));
        assert_eq!(parse_bill_date("2026-02-29"), None);
        assert_eq!(parse_bill_date("2026-13-01"), None);
        assert_eq!(parse_bill_date("20261127"), None);
        let day = parse_bill_date("2026-11-28").unwrap();
        assert_eq!(beijing_day(1_795_797_751), day);
    }
}
