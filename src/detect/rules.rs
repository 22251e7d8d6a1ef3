//! Rule-based detection of direct, indirect and reported speech.

use super::Detector;
use crate::document::Document;

#[derive(Default)]
pub struct RuleDetector;

impl Detector for RuleDetector {
    fn detect(&self, _doc: &mut Document) {}
}
