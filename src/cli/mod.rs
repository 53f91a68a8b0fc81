//! What each command does: open the library, call the facade, print. Failures exit 1, usage errors 2.

mod format;
mod progress;
mod settings;

use crate::{Cli, Command, ExportFormat, ReactionArg};
use anyhow::{Context, Result};
use jianbao::{ArticleFilter, ArticleId, Library, Options, Reaction, SourceId};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// Exit status for a failure: 2 when the user's argument was wrong, 1 otherwise.
pub fn exit_code(e: &anyhow::Error) -> u8 {
    match e.downcast_ref::<jianbao::Error>() {
        Some(jianbao::Error::InvalidArgument(_)) => 2,
        _ => 1,
    }
}

fn open(cli: &Cli) -> Result<Library> {
    let data_dir = match &cli.data_dir {
        Some(dir) => dir.clone(),
        None => jianbao::paths::default_data_dir()
            .context("no per-user data folder on this system: pass --data-dir or set JIANBAO_DATA_DIR")?,
    };
    Ok(Library::open(&Options { data_dir, starter: !cli.no_starter })?)
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

impl From<ReactionArg> for Reaction {
    fn from(r: ReactionArg) -> Reaction {
        match r {
            ReactionArg::Flowers => Reaction::Flowers,
            ReactionArg::Handshake => Reaction::Handshake,
            ReactionArg::Shocking => Reaction::Shocking,
            ReactionArg::Passing => Reaction::Passing,
            ReactionArg::Eggs => Reaction::Eggs,
        }
    }
}

/// Runs the parsed command line.
pub async fn run(cli: Cli) -> Result<ExitCode> {
    let library = open(&cli)?;
    match cli.command {
        Command::Add { url, categories, all, json, .. } if all || !categories.is_empty() => {
            let chosen = (!all).then_some(categories.as_slice());
            let sources = library.add_portal_categories(&url, chosen).await?;
            if json {
                print_json(&sources)?
            } else {
                for source in sources {
                    println!("{}\t{}", source.id, source.title);
                }
            }
        }
        Command::Add { url, pick, json, .. } => {
            let source = match library.add_source(&url, pick).await {
                Err(jianbao::Error::PortalCategories { site, .. }) => {
                    eprintln!(
                        "{url} is a Discuz! X portal; follow categories with --category N (repeatable) or --all:"
                    );
                    if json {
                        print_json(&site)?;
                    } else {
                        for c in &site.categories {
                            println!("{}\t{}{}", c.catid, "  ".repeat(c.depth), c.name);
                        }
                    }
                    return Ok(ExitCode::SUCCESS);
                }
                Err(jianbao::Error::MultipleFeeds { url, candidates }) => {
                    eprintln!("{url} names {} feeds; subscribe to one with --pick N:", candidates.len());
                    for (i, c) in candidates.iter().enumerate() {
                        println!("{}\t{}\t{}", i + 1, c.url, c.title.as_deref().unwrap_or(""));
                    }
                    return Ok(ExitCode::from(1));
                }
                other => other?,
            };
            if json { print_json(&source)? } else { println!("{}\t{}", source.id, source.title) }
        }
        Command::Sync { ids, due, no_pictures } => {
            let ids: Vec<SourceId> = ids.into_iter().map(SourceId).collect();
            let observer = progress::observer();
            let results = if due {
                library.sync_due(observer.as_ref()).await?
            } else if no_pictures {
                library.sync_without_pictures(&ids, observer.as_ref()).await?
            } else {
                library.sync(&ids, observer.as_ref()).await?
            };
            observer.finish();
            let failed = results.iter().filter(|r| !r.ok).count();
            if failed > 0 {
                eprintln!("jianbao: {failed} of {} source(s) failed to sync", results.len());
                return Ok(ExitCode::from(1));
            }
        }
        Command::Sources { json } => {
            let sources = library.sources()?;
            if json {
                print_json(&sources)?
            } else {
                for s in &sources {
                    println!("{}", format::source_line(s));
                }
            }
        }
        Command::Remove { id } => library.remove_source(SourceId(id))?,
        Command::Source { id, set, json } => {
            let source = if set.is_empty() {
                library.source(SourceId(id))?
            } else {
                library.update_source(SourceId(id), &settings::parse(&set)?)?
            };
            let refused = if source.portal.is_some() { library.portal_refusals(source.id)? } else { Vec::new() };
            if json {
                let mut value = serde_json::to_value(&source)?;
                if source.portal.is_some() {
                    value["refused"] = serde_json::to_value(&refused)?;
                }
                print_json(&value)?
            } else {
                print!("{}", format::source_details(&source));
                for r in &refused {
                    println!("refused    aid {} ({}): {} <{}>", r.aid, r.refusal, r.message, r.url);
                }
            }
        }
        Command::Save { url, json } => {
            let article = library.save_page(&url).await?;
            if json { print_json(&article)? } else { println!("{}\t{}", article.id, article.title) }
        }
        Command::ImportOpml { file } => {
            let text = std::fs::read_to_string(&file).with_context(|| format!("unable to read {}", file.display()))?;
            let report = library.import_opml(&text).with_context(|| format!("unable to import {}", file.display()))?;
            println!("imported {} source(s); {} already subscribed", report.added, report.already_subscribed);
            for refused in &report.refused {
                eprintln!("skipped: {refused}");
            }
        }
        Command::List { source, unread, bookmarked, limit, category, publisher, json } => {
            let filter = ArticleFilter {
                source: source.map(SourceId),
                unread,
                bookmarked,
                limit,
                offset: None,
                category,
                publisher,
            };
            let articles = library.articles(&filter)?;
            if json {
                print_json(&articles)?
            } else {
                for a in &articles {
                    println!("{}", format::summary_line(a));
                }
            }
        }
        Command::Show { id, json } => {
            let article = library.article(ArticleId(id))?;
            if json { print_json(&article)? } else { print!("{}", format::article_text(&article)) }
        }
        Command::Read { id } => drop(library.set_read(ArticleId(id), true)?),
        Command::Unread { id } => drop(library.set_read(ArticleId(id), false)?),
        Command::Bookmark { id } => drop(library.set_bookmarked(ArticleId(id), true)?),
        Command::Unbookmark { id } => drop(library.set_bookmarked(ArticleId(id), false)?),
        Command::React { id, reaction, clear } => {
            let reaction = if clear { None } else { reaction.map(Reaction::from) };
            library.set_reaction(ArticleId(id), reaction)?;
            if reaction.is_some() {
                // On a portal article the reaction goes to the portal too (or waits for a sign-in).
                for sent in library.send_reactions().await.iter().filter(|r| r.article_id == ArticleId(id)) {
                    let said = sent.message.as_deref().unwrap_or("");
                    eprintln!("portal: {} ({said})", sent.state);
                }
            }
        }
        Command::Login { url, user, password_stdin, cookie_stdin, json } => {
            let signed = if cookie_stdin {
                library.login_with_cookie(&url, &read_stdin_line()?).await?
            } else {
                let user = user.unwrap_or_default();
                let password = if password_stdin {
                    read_stdin_line()?
                } else if std::io::stdin().is_terminal() {
                    rpassword::prompt_password(format!("password for {user}: "))?
                } else {
                    return Err(jianbao::Error::InvalidArgument(
                        "standard input is not a terminal: give the password with --password-stdin".into(),
                    )
                    .into());
                };
                library.login(&url, &user, &password).await?
            };
            if json {
                print_json(&signed)?
            } else {
                match (&signed.kept, &signed.note) {
                    (jianbao::credentials::Kept::System, _) => {
                        println!("signed in to {} (kept in the system credential store)", signed.site_url)
                    }
                    (_, note) => println!(
                        "signed in to {} for this run only: no credential store is available ({})",
                        signed.site_url,
                        note.as_deref().unwrap_or("unknown reason")
                    ),
                }
                for sent in &signed.sent {
                    println!("reaction on article {}: {}", sent.article_id, sent.state);
                }
            }
        }
        Command::Settings { set, json } => {
            let mut settings = library.settings()?;
            if !set.is_empty() {
                settings = library.set_settings(&settings::apply_library(&settings, &set)?)?;
            }
            let value = serde_json::to_value(&settings)?;
            if json {
                print_json(&value)?
            } else if let Some(fields) = value.as_object() {
                for (key, v) in fields {
                    println!("{key}\t{v}");
                }
            }
        }
        Command::Logout { url } => {
            if !library.logout(&url)? {
                eprintln!("jianbao: there was no sign-in for {url}");
            }
        }
        Command::Search { query, limit, json } => {
            let hits = library.search(&query.join(" "), limit)?;
            if json {
                print_json(&hits)?
            } else {
                for hit in &hits {
                    println!("{}\n        {}", format::summary_line(hit), hit.excerpt);
                }
            }
        }
        Command::Export { format, output } => {
            let mut out: Box<dyn Write> = match &output {
                Some(path) => Box::new(std::io::BufWriter::new(
                    std::fs::File::create(path).with_context(|| format!("unable to create {}", path.display()))?,
                )),
                None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
            };
            let what = match format {
                ExportFormat::Ndjson => format!("{} article(s)", jianbao::export::write_ndjson(&library, &mut out)?),
                ExportFormat::Opml => {
                    out.write_all(library.export_opml()?.as_bytes())?;
                    "the subscriptions".to_owned()
                }
            };
            out.flush()?;
            if let Some(path) = output {
                eprintln!("exported {what} to {}", path.display());
            }
        }
        Command::Serve { port } => {
            let server = jianbao::web::WebServer::bind(library.clone(), port).await?;
            // Like the window: sync due sources at start (if the settings say so) and on schedule.
            tokio::spawn(async move { library.run_scheduler().await });
            println!("{}", server.url());
            std::io::stdout().flush()?;
            eprintln!("Jianbao web mode: open the URL above in your browser; Ctrl-C stops it.");
            server.run().await.context("web server stopped")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One line from standard input, without its line end.
fn read_stdin_line() -> Result<String> {
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}
