#![doc = include_str!("../README.md")]
#![warn(missing_docs)]

pub mod application;
pub mod assignment;
pub mod clock;
pub mod cohort;
pub mod content;
pub mod eig;
pub mod figures;
pub mod identity;
pub mod ids;
pub mod jury;
pub mod lang;
pub mod markdown;
pub mod matching;
pub mod paging;
pub mod paris;
pub mod policy;
pub mod proposal;
pub mod query;
pub mod review;
pub mod text;

/// The attribution the Licence Ouverte requires on every page and export that shows the EIG data.
pub const EIG_ATTRIBUTION: &str = "Programme Entrepreneurs d'intérêt général, Etalab / DINUM — site-eig, updated 2022-09-05";
/// The licence of the EIG open data.
pub const EIG_LICENCE: &str = "Licence Ouverte / Open Licence 2.0 (Etalab)";
/// Where the licence text lives.
pub const EIG_LICENCE_URL: &str = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/";
/// The address of the original EIG site, to which relative links of the imported content point.
pub const EIG_ORIGINAL_SITE: &str = "https://entrepreneur-interet-general.etalab.gouv.fr";
