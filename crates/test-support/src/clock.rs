//! A clock the test moves (the domain takes time as a value; the app reads it from a `Clock`).

use std::sync::Mutex;

use cohorte_domain::clock::Clock;
use time::{Duration, OffsetDateTime};

/// A clock that stands still until the test moves it.
#[derive(Debug)]
pub struct TestClock(Mutex<OffsetDateTime>);

impl TestClock {
    /// A clock showing `t`.
    pub fn at(t: OffsetDateTime) -> Self {
        Self(Mutex::new(t))
    }

    /// Moves the clock forward.
    pub fn advance(&self, d: Duration) {
        let mut t = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        *t += d;
    }
}

impl Clock for TestClock {
    fn now(&self) -> OffsetDateTime {
        *self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
