//! Politeness limits shared by every request: at most a few at a time per host, and a global cap.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Requests in flight, counted per host and in all.
pub struct Limits {
    global: Arc<Semaphore>,
    per_host: usize,
    hosts: Mutex<HashMap<String, Arc<Semaphore>>>,
}

/// Held while a request is in flight.
pub struct Permit {
    _host: OwnedSemaphorePermit,
    _global: OwnedSemaphorePermit,
}

impl Limits {
    pub fn new(global: usize, per_host: usize) -> Limits {
        Limits { global: Arc::new(Semaphore::new(global.max(1))), per_host: per_host.max(1), hosts: Mutex::default() }
    }

    /// Waits for a slot on `host`, then for a global one (so a busy host never holds global slots idle).
    pub async fn acquire(&self, host: &str) -> Permit {
        let host_slots = {
            let mut hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
            hosts.entry(host.to_ascii_lowercase()).or_insert_with(|| Arc::new(Semaphore::new(self.per_host))).clone()
        };
        let host = host_slots.acquire_owned().await.expect("semaphores are never closed");
        let global = self.global.clone().acquire_owned().await.expect("semaphores are never closed");
        Permit { _host: host, _global: global }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn a_third_request_to_one_host_waits_while_another_host_goes_ahead() {
        let limits = Arc::new(Limits::new(16, 2));
        let _a = limits.acquire("a.example").await;
        let _b = limits.acquire("A.example").await;
        let third = tokio::time::timeout(Duration::from_millis(50), limits.acquire("a.example")).await;
        assert!(third.is_err(), "a third slot on one host must wait");
        let other = tokio::time::timeout(Duration::from_millis(50), limits.acquire("b.example")).await;
        assert!(other.is_ok());
    }

    #[tokio::test]
    async fn the_global_cap_holds_across_hosts() {
        let limits = Limits::new(2, 2);
        let _a = limits.acquire("a.example").await;
        let _b = limits.acquire("b.example").await;
        assert!(tokio::time::timeout(Duration::from_millis(50), limits.acquire("c.example")).await.is_err());
    }
}
