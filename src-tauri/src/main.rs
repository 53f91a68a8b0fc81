//! Jianbao's desktop shell: a window over the core library. One IPC command adapts the core's API
//! dispatcher (`jianbao::api::handle`), the same one web mode serves, so the window and the browser agree.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use jianbao::api::{self, ApiError};
use jianbao::{Library, Options};
use serde_json::Value;

/// The library, or why it could not be opened (shown by the UI on its first call).
struct AppState(Result<Library, ApiError>);

#[tauri::command]
async fn api(state: tauri::State<'_, AppState>, cmd: String, args: Value) -> Result<Value, ApiError> {
    let library = state.0.as_ref().map_err(Clone::clone)?;
    api::handle(library, &cmd, args).await
}

fn open_library(options: Result<Options, String>) -> Result<Library, ApiError> {
    let options = options.map_err(|message| ApiError { kind: "invalid_argument".into(), message, details: None })?;
    Library::open(&options).map_err(|e| {
        tracing::error!("{e}");
        ApiError::from(e)
    })
}

/// A stored picture, or 404 for anything that is not one.
fn picture(files: Option<&jianbao::pictures::PictureFiles>, path: &str) -> tauri::http::Response<Vec<u8>> {
    let found = files.and_then(|f| f.path_of(path)).and_then(|p| Some((std::fs::read(&p).ok()?, p)));
    let builder = tauri::http::Response::builder();
    match found {
        Some((bytes, p)) => {
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            builder.header("Content-Type", jianbao::pictures::Checked::mime(ext)).body(bytes)
        }
        None => builder.status(404).body(Vec::new()),
    }
    .expect("static response parts")
}

fn main() {
    tracing_subscriber::fmt().with_writer(std::io::stderr).init();
    let library = open_library(jianbao::paths::options_from_args(std::env::args_os().skip(1)));
    if let Ok(library) = &library {
        // Sync due sources at start (if the settings say so) and on schedule, off the window's thread.
        let library = library.clone();
        tauri::async_runtime::spawn(async move { library.run_scheduler().await });
    }
    let files = library.as_ref().ok().map(|l| l.picture_files().clone());
    tauri::Builder::default()
        .plugin(tauri_plugin_notification::init())
        // Links in articles open in the system browser, never inside the window.
        .plugin(tauri_plugin_opener::init())
        // Stored pictures for the reader: jbpic://localhost/pictures/ab/<hash>.png (http://jbpic.localhost on Windows).
        .register_uri_scheme_protocol("jbpic", move |_ctx, request| picture(files.as_ref(), request.uri().path()))
        .manage(AppState(library))
        .invoke_handler(tauri::generate_handler![api])
        .run(tauri::generate_context!("../tauri.conf.json"))
        .expect("error while running the Jianbao window");
}
