//! Time is an input: use cases read the clock once and pass `now` down.

use time::OffsetDateTime;

/// A source of the current time. The system clock lives in `cohorte-app`; tests use a fixed one.
pub trait Clock: Send + Sync {
    /// The current instant, in UTC.
    fn now(&self) -> OffsetDateTime;
}

/// A clock that always answers the same instant (tests, imports with a fixed stamp).
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub OffsetDateTime);

impl Clock for FixedClock {
    fn now(&self) -> OffsetDateTime {
        self.0
    }
}
