//! The pure core of oot-triage: parsing pastes, normalising text, running the W-21 rulebook and
//! building verdicts. Nothing in here may import leptos, web-sys, gloo or do any I/O (files,
//! network, clocks, storage): callers pass everything in and get plain values back, so every
//! behaviour is testable with plain `cargo test`.

pub mod model;
pub mod time;

pub use model::*;
pub mod json;
pub mod rulebook;
pub mod normalize;
pub mod order;
pub mod score;
pub mod classify;
pub mod paste;
pub mod check;
pub mod csv;
pub mod training;
pub mod audit;
pub mod testbench;
