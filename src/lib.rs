//! Jianbao (剪報): an offline-first reader for feeds and Discuz! X portals.
//!
//! Data flows one way: [`fetch`] → [`decode`] → [`parse`] → [`clean`] → [`sanitize`] → [`store`], driven by
//! [`sync`]; [`Library`] is the facade the command line, the desktop shell and web mode all call, and [`api`]
//! is the command set the UI speaks over either transport.

pub mod api;
pub mod clean;
pub mod credentials;
pub mod decode;
pub mod error;
pub mod export;
pub mod extract;
pub mod fetch;
pub mod library;
pub mod model;
pub mod opml;
pub mod parse;
pub mod paths;
pub mod pictures;
pub mod sanitize;
pub mod schedule;
pub mod starter;
pub mod store;
pub mod sync;
pub mod view;
pub mod web;

pub use error::{Error, Result};
pub use library::{Library, Options, SyncStatus};
pub use model::{ArticleId, Reaction, SourceId};
pub use store::ArticleFilter;
