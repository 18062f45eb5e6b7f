//! Pagination parsed at the edge.

/// A 1-based page number, at most [`PageNo::MAX`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageNo(u32);

/// A page number that is not a number between 1 and [`PageNo::MAX`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("page must be a number between 1 and {max}", max = PageNo::MAX)]
pub struct BadPage;

impl PageNo {
    /// The highest page number accepted.
    pub const MAX: u32 = 10_000;
    /// The first page.
    pub const FIRST: PageNo = PageNo(1);

    /// Parses a page number from a query parameter.
    pub fn parse(s: &str) -> Result<Self, BadPage> {
        let n: u32 = s.trim().parse().map_err(|_| BadPage)?;
        if (1..=Self::MAX).contains(&n) { Ok(Self(n)) } else { Err(BadPage) }
    }

    /// The number.
    pub fn get(self) -> u32 {
        self.0
    }

    /// The offset of this page's first item for a page size.
    pub fn offset(self, size: u32) -> i64 {
        i64::from(self.0 - 1) * i64::from(size)
    }
}

/// One page of results and how many there are in all.
#[derive(Debug, Clone, PartialEq)]
pub struct Paged<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// How many items match in all.
    pub total: u64,
    /// This page.
    pub page: PageNo,
    /// The page size.
    pub size: u32,
}

impl<T> Paged<T> {
    /// How many pages there are (at least 1).
    pub fn pages(&self) -> u32 {
        let size = u64::from(self.size.max(1));
        (self.total.div_ceil(size)).max(1) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_parse_limits() {
        assert_eq!(PageNo::parse("3").map(PageNo::get), Ok(3));
        for bad in ["0", "-1", "x", "", "10001", "99999999999999999999"] {
            assert_eq!(PageNo::parse(bad), Err(BadPage), "{bad}");
        }
        assert_eq!(PageNo::parse("2").unwrap().offset(24), 24);
    }

    #[test]
    fn pages_rounds_up_and_is_never_zero() {
        let p = |total| Paged::<()> { items: vec![], total, page: PageNo::FIRST, size: 24 }.pages();
        assert_eq!(p(0), 1);
        assert_eq!(p(24), 1);
        assert_eq!(p(25), 2);
        assert_eq!(p(71), 3);
    }
}
