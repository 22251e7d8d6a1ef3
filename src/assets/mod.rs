//! What the review site (`output::html`) and the page of `zitat serve` share, in one place
//! so that both show a quotation and a check alike: the quotation renderer (`quotes.js`,
//! `quotes.css`), the "check a quote" matcher and renderer (`find.js`, `find.css`), and the
//! words both use for quotation types and speaker kinds ([`labels`]), which the scripts
//! read from [`labels::script`].
//!
//! Plain files, compiled in. Everything from a text or a record reaches the DOM as text
//! nodes, never as markup.

pub mod labels;

/// The quotation renderer: marks a text's quotations by type with speakers and cues.
pub const QUOTES_JS: &str = include_str!("quotes.js");
pub const QUOTES_CSS: &str = include_str!("quotes.css");
/// "Check a quote": the matches of a claim with the verdict and the differing words.
pub const FIND_JS: &str = include_str!("find.js");
pub const FIND_CSS: &str = include_str!("find.css");
