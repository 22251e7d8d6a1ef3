//! Bytes → text: the checks every input passes before it becomes a document.
//!
//! Offsets in zitat count the characters of the text exactly as decoded, so decoding never
//! repairs anything: a file that is not clean UTF-8 is refused with the byte where it breaks,
//! and the user converts it. Only a leading byte-order mark is dropped (it is not text).

const UTF8_BOM: &str = "\u{FEFF}";

/// Decodes a whole input (a `.txt` file, a dataset `.json`, stdin) as UTF-8.
///
/// Refuses UTF-16 (recognised by its byte-order mark), binary data (a NUL byte) and invalid
/// UTF-8, each with a message that says where and what to do. Strips a UTF-8 BOM.
pub fn decode_utf8(bytes: Vec<u8>) -> Result<String, String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err("UTF-16 text; zitat reads UTF-8: convert it, e.g. \
                    `iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8.txt`"
            .into());
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(format!(
            "binary data (NUL byte at byte offset {offset}); zitat reads UTF-8 text files"
        ));
    }
    let mut text = String::from_utf8(bytes).map_err(|err| invalid_utf8(err.utf8_error(), 0))?;
    if text.starts_with(UTF8_BOM) {
        text.drain(..UTF8_BOM.len());
    }
    Ok(text)
}

/// The message for invalid UTF-8; `base` is the byte offset of the checked bytes in the file.
pub fn invalid_utf8(err: std::str::Utf8Error, base: usize) -> String {
    format!(
        "invalid UTF-8 at byte offset {}; zitat reads UTF-8 only: convert the file, e.g. \
         `iconv -f LATIN1 -t UTF-8 FILE > FILE.utf8.txt` if it is Latin-1",
        base + err.valid_up_to()
    )
}

/// Whether a text holds nothing to read (empty, or only whitespace).
pub fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_a_bom_and_keeps_everything_else() {
        let text = decode_utf8("\u{FEFF}„Ja“,\u{A0}sagte er.".as_bytes().to_vec()).unwrap();
        assert_eq!(text, "„Ja“,\u{A0}sagte er.");
    }

    #[test]
    fn names_the_byte_where_utf8_breaks() {
        let mut bytes = "Grüße aus ".as_bytes().to_vec();
        bytes.push(0xE4); // Latin-1 'ä'
        let err = decode_utf8(bytes).unwrap_err();
        assert!(err.contains("byte offset 12"), "{err}");
    }

    #[test]
    fn refuses_binary_and_utf16() {
        assert!(decode_utf8(b"PK\x03\x04\x00\x00".to_vec()).unwrap_err().contains("NUL byte at byte offset 4"));
        assert!(decode_utf8(vec![0xFF, 0xFE, b'a', 0]).unwrap_err().contains("UTF-16"));
    }
}
