//! The transformer engine.
