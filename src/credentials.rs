//! Portal sign-ins kept in the operating system's credential store (Secret Service on Linux, Keychain on macOS,
//! Credential Manager on Windows, through the `keyring` crate), never in the library database. Where no store
//! is available the sign-in is kept in this process's memory only, and the caller is told so.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Mutex;

/// The service name entries are filed under; the account is the portal's site URL.
const SERVICE: &str = "jianbao-portal";

/// A portal sign-in: who, and the session cookies the portal gave.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Credential {
    pub user: Option<String>,
    /// `name=value; name=value`, as sent in the Cookie header.
    pub cookie: String,
}

/// Where a credential was kept.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Kept {
    /// The operating system's credential store.
    System,
    /// This process's memory only: there is no credential store to use.
    Session,
}

/// The credential store, with this process's memory behind it.
#[derive(Default)]
pub struct Credentials {
    session: Mutex<HashMap<String, Credential>>,
}

impl Credentials {
    fn entry(site: &str) -> Result<keyring::Entry, keyring::Error> {
        keyring::Entry::new(SERVICE, site)
    }

    /// Keeps a sign-in; returns where, and why not in the system store when it could not be used.
    pub fn save(&self, site: &str, credential: &Credential) -> (Kept, Option<String>) {
        let text = serde_json::to_string(credential).expect("a credential serializes");
        match Self::entry(site).and_then(|e| e.set_password(&text)) {
            Ok(()) => {
                self.session().remove(site);
                (Kept::System, None)
            }
            Err(e) => {
                self.session().insert(site.to_owned(), credential.clone());
                (Kept::Session, Some(e.to_string()))
            }
        }
    }

    /// The sign-in for a portal, if any: from this session first, then the system store.
    pub fn get(&self, site: &str) -> Option<Credential> {
        self.find(site).map(|(credential, _)| credential)
    }

    /// The sign-in for a portal and where it is kept.
    pub fn find(&self, site: &str) -> Option<(Credential, Kept)> {
        if let Some(found) = self.session().get(site) {
            return Some((found.clone(), Kept::Session));
        }
        let text = Self::entry(site).and_then(|e| e.get_password()).ok()?;
        serde_json::from_str(&text).ok().map(|c| (c, Kept::System))
    }

    /// Forgets a portal's sign-in everywhere; true when there was one.
    pub fn delete(&self, site: &str) -> bool {
        let in_session = self.session().remove(site).is_some();
        let in_system = Self::entry(site).and_then(|e| e.delete_credential()).is_ok();
        in_session || in_system
    }

    fn session(&self) -> std::sync::MutexGuard<'_, HashMap<String, Credential>> {
        self.session.lock().unwrap_or_else(|p| p.into_inner())
    }
}
