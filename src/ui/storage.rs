//! localStorage access (skeleton).
