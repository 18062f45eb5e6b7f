//! The EIG open data (`data/eig-opendata`), reconciled into the content model.
//!
//! `cohorte-app` reads and parses the files into [`sources`] records; [`reconcile()`] (pure) matches
//! names across files, resolves administrations to the organisation tree of the curation file,
//! fixes the known quirks and says what it did in a [`Report`]. Nothing is dropped silently: every
//! merge, reclassification, creation and mismatch becomes a report entry.

pub mod curation;
pub mod reconcile;
pub mod sources;

pub use curation::Curation;
pub use reconcile::{Dataset, Report, ReportEntry, ReportKind, reconcile};
pub use sources::Sources;
