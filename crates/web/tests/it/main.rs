//! Web integration tests: the real router over a real database holding the EIG data.
#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on unexpected errors")]

mod accounts;
mod api;
mod apply;
mod authz;
mod browser;
mod budget;
mod call;
mod crawler;
mod home;
mod logs;
mod oidc;
mod pages;
mod security;
mod support;
mod world;
