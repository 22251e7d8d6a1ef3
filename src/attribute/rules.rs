//! Rule-based speaker attribution and name resolution.

use super::Attributor;
use crate::document::Document;

#[derive(Default)]
pub struct RuleAttributor;

impl Attributor for RuleAttributor {
    fn attribute(&self, _doc: &mut Document) {}
}
