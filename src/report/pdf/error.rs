//! Why a PDF could not be made.

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The font built into the program could not be parsed (the font data has no error of its
    /// own to keep).
    #[error("the embedded font could not be read")]
    Font,
    /// The finished document could not be written out as bytes. The message and the source are
    /// the I/O error's own.
    #[error(transparent)]
    Write(#[from] std::io::Error),
}
