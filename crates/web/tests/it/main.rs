//! Web integration tests: the real router over a real database holding the EIG data.

mod api;
mod browser;
mod crawler;
mod pages;
mod security;
mod support;
