//! The command line's own contract: usage errors, version, help, the data folder.

use crate::support::{Jb, stderr, stdout};

#[test]
fn usage_errors_exit_2_with_a_message() {
    let jb = Jb::empty();
    for args in [
        vec!["frobnicate"],
        vec!["add"],
        vec!["show"],
        vec!["show", "x"],
        vec!["export"],
        vec!["serve", "--port", "http"],
    ] {
        let out = jb.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!stderr(&out).is_empty(), "{args:?}");
    }
}

#[test]
fn version_and_help_describe_the_program() {
    let jb = Jb::empty();
    assert_eq!(jb.ok(&["--version"]), format!("jianbao {}\n", env!("CARGO_PKG_VERSION")));
    let help = jb.ok(&["--help"]);
    for command in [
        "add",
        "sync",
        "list",
        "show",
        "read",
        "unread",
        "bookmark",
        "unbookmark",
        "react",
        "search",
        "export",
        "serve",
    ] {
        assert!(help.contains(&format!("  {command} ")), "{command} missing from:\n{help}");
    }
    assert!(help.contains("--data-dir"));
}

#[test]
fn the_data_folder_is_created_and_the_environment_can_name_it() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("a/b/library");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .env("JIANBAO_DATA_DIR", &dir)
        .env("JIANBAO_NO_STARTER", "1")
        .args(["list", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "[]");
    assert!(dir.join("jianbao.sqlite3").exists());
}

#[test]
fn show_of_a_missing_article_names_it() {
    let jb = Jb::empty();
    let out = jb.run(&["show", "42"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no article 42"), "{}", stderr(&out));
}
