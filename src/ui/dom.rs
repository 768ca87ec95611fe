//! Small DOM helpers (skeleton).
