//! Where picture bytes live: files in the library folder, named by their content's SHA-256 and sharded by its
//! first two hex digits (`pictures/ab/abcdef….png`), written atomically, served by path after validation.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The reference an article's HTML uses for a stored picture, relative to the library folder.
pub fn reference(hash: &str, ext: &str) -> String {
    format!("pictures/{}/{hash}.{ext}", &hash[..2])
}

/// The `pictures/` folder of one library.
#[derive(Clone, Debug)]
pub struct PictureFiles {
    library: PathBuf,
}

fn is_hex(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl PictureFiles {
    pub fn new(library: &Path) -> PictureFiles {
        PictureFiles { library: library.to_owned() }
    }

    /// Stores `bytes` under their hash, unless they are there already. Written to a temporary name and renamed,
    /// so a crash never leaves half a picture under a real name.
    pub fn save(&self, hash: &str, ext: &str, bytes: &[u8]) -> std::io::Result<()> {
        let path = self.library.join(reference(hash, ext));
        if path.exists() {
            return Ok(());
        }
        let dir = path.parent().expect("a reference has a folder");
        std::fs::create_dir_all(dir)?;
        let temp = dir.join(format!(".{hash}.{}.part", std::process::id()));
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_data()?;
        std::fs::rename(&temp, &path)
    }

    /// Deletes a stored picture (a missing file is no error).
    pub fn remove(&self, hash: &str, ext: &str) -> std::io::Result<()> {
        match std::fs::remove_file(self.library.join(reference(hash, ext))) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// The file a reference names, if it is a well-formed picture reference: nothing outside `pictures/` can be
    /// reached through it.
    pub fn path_of(&self, reference: &str) -> Option<PathBuf> {
        let reference = reference.trim_start_matches('/');
        let rest = reference.strip_prefix("pictures/")?;
        let (shard, file) = rest.split_once('/')?;
        let (hash, ext) = file.split_once('.')?;
        let ok = shard.len() == 2
            && hash.len() == 64
            && is_hex(hash)
            && hash.starts_with(shard)
            && matches!(ext, "png" | "jpg" | "gif" | "webp" | "avif" | "bmp" | "ico");
        ok.then(|| self.library.join(reference))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_is_saved_once_under_its_hash_and_found_by_its_reference() {
        let dir = tempfile::tempdir().unwrap();
        let files = PictureFiles::new(dir.path());
        let hash = "ab".repeat(32);
        files.save(&hash, "png", b"x").unwrap();
        let r = reference(&hash, "png");
        assert_eq!(r, format!("pictures/ab/{hash}.png"));
        assert_eq!(std::fs::read(files.path_of(&r).unwrap()).unwrap(), b"x");
        assert_eq!(files.path_of(&format!("/{r}")), files.path_of(&r), "a URL path finds it too");
        files.remove(&hash, "png").unwrap();
        files.remove(&hash, "png").unwrap();
    }

    #[test]
    fn references_that_leave_the_pictures_folder_are_refused() {
        let files = PictureFiles::new(Path::new("/lib"));
        let hash = "ab".repeat(32);
        for bad in [
            "../jianbao.sqlite3".to_owned(),
            format!("pictures/ab/../../{hash}.png"),
            format!("pictures/cd/{hash}.png"),
            format!("pictures/ab/{hash}.html"),
            "pictures/ab/x.png".to_owned(),
        ] {
            assert_eq!(files.path_of(&bad), None, "{bad}");
        }
    }
}
