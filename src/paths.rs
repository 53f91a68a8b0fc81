//! Where the library lives: `--data-dir`, then `JIANBAO_DATA_DIR`, then the platform's per-user data folder
//! (`~/.local/share/jianbao` on Linux, `~/Library/Application Support/org.jianbao.Jianbao` on macOS,
//! `%APPDATA%\jianbao\Jianbao\data` on Windows). The CLI and the desktop app resolve it the same way.

use crate::library::Options;
use std::ffi::OsString;
use std::path::PathBuf;

/// The platform's per-user data folder for Jianbao.
pub fn default_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "jianbao", "Jianbao").map(|d| d.data_dir().to_path_buf())
}

/// True for an environment value that means yes (`1`, `true`, `yes`, `on`).
fn truthy(value: Option<OsString>) -> bool {
    value.is_some_and(|v| {
        matches!(v.to_string_lossy().trim().to_ascii_lowercase().as_str(), "1" | "true" | "yes" | "on")
    })
}

/// Library options for a program that takes `--data-dir DIR` and `--no-starter` among other arguments
/// (the desktop app), with the same environment fallbacks as the CLI.
pub fn options_from_args(args: impl IntoIterator<Item = OsString>) -> Result<Options, String> {
    let mut data_dir = None;
    let mut no_starter = truthy(std::env::var_os("JIANBAO_NO_STARTER"));
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy();
        if text == "--data-dir" {
            data_dir = Some(PathBuf::from(args.next().ok_or("--data-dir needs a folder")?));
        } else if let Some(dir) = text.strip_prefix("--data-dir=") {
            data_dir = Some(PathBuf::from(dir));
        } else if text == "--no-starter" {
            no_starter = true;
        }
    }
    let data_dir = data_dir
        .or_else(|| std::env::var_os("JIANBAO_DATA_DIR").filter(|v| !v.is_empty()).map(PathBuf::from))
        .or_else(default_data_dir)
        .ok_or("no data folder: pass --data-dir or set JIANBAO_DATA_DIR")?;
    Ok(Options { data_dir, starter: !no_starter })
}
