//! Local time in Europe/Paris, the time of every deadline of the program ("l'horodatage de la
//! plateforme fait foi"). France follows the EU summer-time rule: from the last Sunday of March at
//! 01:00 UTC to the last Sunday of October at 01:00 UTC the offset is +02:00, otherwise +01:00.
//! The rule is exact from 1996 on; earlier dates are refused.
//!
//! A local time that does not exist (the hour skipped in March) or exists twice (the hour repeated
//! in October) is refused: a deadline must name one instant.

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// Why a local time cannot be turned into an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LocalTimeError {
    /// The clocks jump from 02:00 to 03:00 that night: this time does not exist in Paris.
    #[error("this local time does not exist (the clocks go forward)")]
    Nonexistent,
    /// The clocks go back from 03:00 to 02:00 that night: this time happens twice.
    #[error("this local time happens twice (the clocks go back)")]
    Ambiguous,
    /// Before 1996 (another summer-time rule) or after 9999.
    #[error("out of the supported range")]
    OutOfRange,
}

const WINTER: UtcOffset = time::macros::offset!(+1);
const SUMMER: UtcOffset = time::macros::offset!(+2);

fn last_sunday(year: i32, month: Month) -> Option<Date> {
    let last_day = Date::from_calendar_date(year, month, time::util::days_in_month(month, year)).ok()?;
    let back = i64::from(last_day.weekday().number_days_from_sunday());
    last_day.checked_sub(time::Duration::days(back))
}

/// The instants (UTC) when summer time starts and ends in a year.
fn transitions(year: i32) -> Option<(OffsetDateTime, OffsetDateTime)> {
    let one = Time::from_hms(1, 0, 0).ok()?;
    let start = PrimitiveDateTime::new(last_sunday(year, Month::March)?, one).assume_utc();
    let end = PrimitiveDateTime::new(last_sunday(year, Month::October)?, one).assume_utc();
    Some((start, end))
}

/// The offset of Paris at an instant.
pub fn offset_at(t: OffsetDateTime) -> UtcOffset {
    let utc = t.to_offset(UtcOffset::UTC);
    match transitions(utc.year()) {
        Some((start, end)) if utc >= start && utc < end => SUMMER,
        _ => WINTER,
    }
}

/// An instant shown in Paris time.
pub fn to_local(t: OffsetDateTime) -> OffsetDateTime {
    t.to_offset(offset_at(t))
}

/// The instant a Paris wall-clock time names, or why it names none or two.
pub fn to_utc(local: PrimitiveDateTime) -> Result<OffsetDateTime, LocalTimeError> {
    if local.year() < 1996 || local.year() > 9998 {
        return Err(LocalTimeError::OutOfRange);
    }
    let as_winter = local.assume_offset(WINTER);
    let as_summer = local.assume_offset(SUMMER);
    let winter_ok = offset_at(as_winter) == WINTER;
    let summer_ok = offset_at(as_summer) == SUMMER;
    match (winter_ok, summer_ok) {
        (true, false) => Ok(as_winter.to_offset(UtcOffset::UTC)),
        (false, true) => Ok(as_summer.to_offset(UtcOffset::UTC)),
        (true, true) => Err(LocalTimeError::Ambiguous),
        (false, false) => Err(LocalTimeError::Nonexistent),
    }
}

/// An instant as people in Paris read it: `07/04/2021 23:59 (Europe/Paris)`.
pub fn label(t: OffsetDateTime) -> String {
    let l = to_local(t);
    format!("{:02}/{:02}/{} {:02}:{:02} (Europe/Paris)", l.day(), u8::from(l.month()), l.year(), l.hour(), l.minute())
}

/// An instant to the second with its offset, as receipts show it:
/// `07/04/2021 23:59:59 (Europe/Paris, UTC+2)`.
pub fn label_seconds(t: OffsetDateTime) -> String {
    let l = to_local(t);
    format!(
        "{:02}/{:02}/{} {:02}:{:02}:{:02} (Europe/Paris, UTC+{})",
        l.day(),
        u8::from(l.month()),
        l.year(),
        l.hour(),
        l.minute(),
        l.second(),
        l.offset().whole_hours()
    )
}

/// Reads a local date and time typed in a form: `2021-04-07T23:59` (the `datetime-local` input)
/// or `2021-04-07 23:59`, seconds optional.
pub fn parse_local(s: &str) -> Option<PrimitiveDateTime> {
    let s = s.trim();
    if s.len() > 19 {
        return None;
    }
    let (d, t) = s.split_once(['T', ' '])?;
    let mut dp = d.split('-');
    let year: i32 = dp.next()?.parse().ok()?;
    let month: u8 = dp.next()?.parse().ok()?;
    let day: u8 = dp.next()?.parse().ok()?;
    if dp.next().is_some() {
        return None;
    }
    let mut tp = t.split(':');
    let hour: u8 = tp.next()?.parse().ok()?;
    let minute: u8 = tp.next()?.parse().ok()?;
    let second: u8 = match tp.next() {
        Some(x) => x.parse().ok()?,
        None => 0,
    };
    if tp.next().is_some() {
        return None;
    }
    let date = Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()?;
    Some(PrimitiveDateTime::new(date, Time::from_hms(hour, minute, second).ok()?))
}

/// A local time as the `datetime-local` input shows it (`2021-04-07T23:59`).
pub fn format_input(t: OffsetDateTime) -> String {
    let l = to_local(t);
    format!("{:04}-{:02}-{:02}T{:02}:{:02}", l.year(), u8::from(l.month()), l.day(), l.hour(), l.minute())
}

#[cfg(test)]
mod tests {
    use time::macros::{datetime, offset};

    use super::*;

    #[test]
    fn offsets_follow_the_eu_summer_time_rule() {
        // 2021: summer time from 28 March 01:00 UTC to 31 October 01:00 UTC.
        assert_eq!(offset_at(datetime!(2021-03-28 00:59:59 UTC)), offset!(+1));
        assert_eq!(offset_at(datetime!(2021-03-28 01:00 UTC)), offset!(+2));
        assert_eq!(offset_at(datetime!(2021-10-31 00:59:59 UTC)), offset!(+2));
        assert_eq!(offset_at(datetime!(2021-10-31 01:00 UTC)), offset!(+1));
        assert_eq!(offset_at(datetime!(2020-01-15 12:00 UTC)), offset!(+1));
        assert_eq!(offset_at(datetime!(2020-07-15 12:00 UTC)), offset!(+2));
    }

    #[test]
    fn real_deadlines_of_the_program_are_read_in_paris_time() {
        // EIG5 AAP closed on 7 April 2021 at 23:59 (summer time) = 21:59 UTC.
        assert_eq!(to_utc(datetime!(2021-04-07 23:59)), Ok(datetime!(2021-04-07 21:59 UTC)));
        // EIG4 AAP closed on 28 February 2020 at 17:00 (winter time) = 16:00 UTC.
        assert_eq!(to_utc(datetime!(2020-02-28 17:00)), Ok(datetime!(2020-02-28 16:00 UTC)));
    }

    #[test]
    fn skipped_and_repeated_hours_are_refused() {
        assert_eq!(to_utc(datetime!(2021-03-28 02:30)), Err(LocalTimeError::Nonexistent));
        assert_eq!(to_utc(datetime!(2021-03-28 02:00)), Err(LocalTimeError::Nonexistent));
        assert_eq!(to_utc(datetime!(2021-03-28 03:00)), Ok(datetime!(2021-03-28 01:00 UTC)));
        assert_eq!(to_utc(datetime!(2021-03-28 01:59)), Ok(datetime!(2021-03-28 00:59 UTC)));
        assert_eq!(to_utc(datetime!(2021-10-31 02:30)), Err(LocalTimeError::Ambiguous));
        assert_eq!(to_utc(datetime!(2021-10-31 02:00)), Err(LocalTimeError::Ambiguous));
        assert_eq!(to_utc(datetime!(2021-10-31 03:00)), Ok(datetime!(2021-10-31 02:00 UTC)));
        assert_eq!(to_utc(datetime!(2021-10-31 01:59)), Ok(datetime!(2021-10-30 23:59 UTC)));
        assert_eq!(to_utc(datetime!(1990-06-01 12:00)), Err(LocalTimeError::OutOfRange));
    }

    #[test]
    fn form_values_are_parsed_strictly() {
        assert_eq!(parse_local("2021-04-07T23:59"), Some(datetime!(2021-04-07 23:59)));
        assert_eq!(parse_local("2021-04-07 23:59:30"), Some(datetime!(2021-04-07 23:59:30)));
        for bad in ["", "2021-04-07", "2021-02-30T10:00", "2021-04-07T24:00", "2021-04-07T10:00:00:00", "abc", "2021-04-07T10:61"] {
            assert_eq!(parse_local(bad), None, "{bad}");
        }
        assert_eq!(format_input(datetime!(2021-04-07 21:59 UTC)), "2021-04-07T23:59");
    }

    #[test]
    fn labels_are_in_paris_time_with_the_offset_of_the_day() {
        assert_eq!(label(datetime!(2021-04-07 21:59 UTC)), "07/04/2021 23:59 (Europe/Paris)");
        assert_eq!(label_seconds(datetime!(2021-04-07 21:59:58 UTC)), "07/04/2021 23:59:58 (Europe/Paris, UTC+2)");
        assert_eq!(label_seconds(datetime!(2021-01-10 10:00 UTC)), "10/01/2021 11:00:00 (Europe/Paris, UTC+1)");
    }

    proptest::proptest! {
        #[test]
        fn every_instant_reads_back_from_its_local_time_unless_repeated(secs in 820_454_400_i64..4_102_444_800_i64) {
            let t = OffsetDateTime::from_unix_timestamp(secs).unwrap();
            let local = to_local(t);
            let wall = PrimitiveDateTime::new(local.date(), local.time());
            match to_utc(wall) {
                Ok(back) => proptest::prop_assert_eq!(back, t),
                Err(e) => proptest::prop_assert_eq!(e, LocalTimeError::Ambiguous),
            }
        }
    }
}
