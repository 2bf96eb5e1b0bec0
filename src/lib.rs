//! bayan: bilingual Arabic/English advisory sites from structured incident records.

pub mod dates;
pub mod diag;
pub mod lang;
pub mod markdown;
pub mod error;
pub mod output;
pub mod yaml;
pub mod config;
pub mod fsx;
pub mod text;
pub mod vocabulary;
pub mod content;
pub mod model;
