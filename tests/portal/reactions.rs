//! Reactions both ways: signing in to the test portal (its login form, or a pasted cookie), the sign-in kept in a
//! private Secret Service, reactions sent and answered, and the outbox that waits while the portal is away.

use super::{exported, list_url, server, with_aid};
use crate::support::portal::{self, Charset, PortalConfig, PortalServer, Theme, Urls};
use crate::support::{Jb, Keyring, stderr, stdout};
use serde_json::Value;

/// Runs jianbao with the test's private keyring.
fn with_keyring(jb: &Jb, keyring: &Keyring, args: &[&str], stdin: Option<&str>) -> std::process::Output {
    use std::io::Write;
    let mut cmd = jb.command();
    keyring.apply(&mut cmd);
    cmd.args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn reaction_state(jb: &Jb, aid: u32) -> Value {
    with_aid(&exported(jb), aid)["portal"]["reaction_status"].clone()
}

#[test]
fn a_signed_in_reader_s_reactions_reach_the_portal_and_offline_ones_wait_in_the_outbox() {
    let keyring = Keyring::start();
    let mut server = server(Charset::Utf8, Theme::Stock, Urls::Dynamic);
    let jb = Jb::empty();
    jb.add(&list_url(&server, portal::CAT_CITY));
    jb.ok(&["sync"]);
    let id_of = |aid: u32| with_aid(&exported(&jb), aid)["id"].to_string();
    let seed = id_of(portal::SEED_AID);

    let out = with_keyring(&jb, &keyring, &["react", &seed, "flowers"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(server.reactions_sent().is_empty(), "nothing is sent without a sign-in");
    assert_eq!(reaction_state(&jb, portal::SEED_AID)["state"], "waiting");

    let wrong = with_keyring(
        &jb,
        &keyring,
        &["login", &server.url(""), "--user", "reader", "--password-stdin"],
        Some("nope\n"),
    );
    assert_eq!(wrong.status.code(), Some(1));
    assert!(stderr(&wrong).contains("refused the sign-in"), "{}", stderr(&wrong));

    let url = server.url("portal.php");
    let login = with_keyring(&jb, &keyring, &["login", &url, "--user", "reader", "--password-stdin"], Some("secret\n"));
    assert!(login.status.success(), "{}", stderr(&login));
    assert!(stdout(&login).contains("system credential store"), "{}", stdout(&login));
    assert_eq!(server.reactions_sent(), [("reader".to_owned(), portal::SEED_AID, "xianhua".to_owned())]);
    let state = reaction_state(&jb, portal::SEED_AID);
    assert_eq!((state["state"].as_str(), state["reaction"].as_str()), (Some("done"), Some("flowers")), "{state}");
    let counts = with_aid(&exported(&jb), portal::SEED_AID)["portal"]["reactions"].clone();
    assert_eq!(
        (counts["flowers"].as_u64(), counts["eggs"].as_u64()),
        (Some(1), Some(0)),
        "the portal counted it: {counts}"
    );
    let db = std::fs::read(jb.data_dir().join("jianbao.sqlite3")).unwrap();
    let wal = std::fs::read(jb.data_dir().join("jianbao.sqlite3-wal")).unwrap_or_default();
    for bytes in [&db, &wal] {
        assert!(!bytes.windows(6).any(|w| w == b"secret"), "the password is in the library");
        assert!(!bytes.windows(10).any(|w| w == b"Pxc1_auth="), "the session cookie is in the library");
    }

    // One reaction per member per article: the portal says so, the reader's own choice stays.
    let again = with_keyring(&jb, &keyring, &["react", &seed, "eggs"], None);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(reaction_state(&jb, portal::SEED_AID)["state"], "already");
    let counts = with_aid(&exported(&jb), portal::SEED_AID)["portal"]["reactions"].clone();
    assert_eq!(
        (counts["flowers"].as_u64(), counts["eggs"].as_u64()),
        (Some(1), Some(0)),
        "not counted twice: {counts}"
    );
    assert_eq!(with_aid(&exported(&jb), portal::SEED_AID)["reaction"], "eggs");

    // Offline: the reaction waits in the outbox across runs, and goes when the portal is back.
    let other = id_of(portal::RELATED_AID);
    let port = server.port();
    server.stop();
    let offline = with_keyring(&jb, &keyring, &["react", &other, "handshake"], None);
    assert!(offline.status.success(), "{}", stderr(&offline));
    assert_eq!(reaction_state(&jb, portal::RELATED_AID)["state"], "waiting");
    server = PortalServer::start_on_port(PortalConfig::default(), port);
    let sync = with_keyring(&jb, &keyring, &["sync"], None);
    assert!(sync.status.success(), "{}", stderr(&sync));
    assert!(
        server.reactions_sent().contains(&("reader".to_owned(), portal::RELATED_AID, "woshou".to_owned())),
        "{:?}",
        server.reactions_sent()
    );
    assert_eq!(reaction_state(&jb, portal::RELATED_AID)["state"], "done");

    let out = with_keyring(&jb, &keyring, &["logout", &url], None);
    assert!(out.status.success() && stderr(&out).is_empty(), "{}", stderr(&out));
    let after = with_keyring(
        &jb,
        &keyring,
        &[
            "react",
            &id_of(
                server
                    .site()
                    .articles
                    .iter()
                    .find(|a| a.catid == portal::CAT_ANYUAN && a.aid != portal::SEED_AID)
                    .unwrap()
                    .aid,
            ),
            "passing",
        ],
        None,
    );
    assert!(stderr(&after).contains("waiting"), "signed out: {}", stderr(&after));
}

#[test]
fn without_a_credential_store_the_sign_in_lasts_the_run_and_says_so() {
    let server = server(Charset::Utf8, Theme::Stock, Urls::Dynamic);
    let jb = Jb::empty();
    let mut cmd = jb.command();
    cmd.env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus").args([
        "login",
        &server.url(""),
        "--cookie-stdin",
    ]);
    cmd.stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(b"Pxc1_auth=abc; Pxc1_saltkey=def\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("for this run only"), "{}", stdout(&out));
}
