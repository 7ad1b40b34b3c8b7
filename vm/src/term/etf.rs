//! The external term format (`term_to_binary`, `binary_to_term`).
