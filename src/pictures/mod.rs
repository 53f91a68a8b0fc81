//! Pictures for offline reading: what a downloaded file is (`kind`), which pictures an article uses and how the
//! reader shows them (`html`), and where their bytes live (`files`). See docs/pictures.md.

mod files;
mod html;
mod kind;

pub use files::{PictureFiles, reference};
pub use html::{Shown, picture_urls, promote_lazy, render};
pub use kind::{Checked, Refused, check};

/// The largest picture downloaded; bigger ones are skipped with a note.
pub const MAX_PICTURE_BYTES: usize = 15 * 1024 * 1024;
