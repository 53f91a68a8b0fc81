//! `jianbao source ID --set KEY=VALUE`: the keys a source's settings take on the command line.

use jianbao::library::SourceChanges;

/// Reads `title=...`, `encoding=gbk|auto`, `folder=A/B` (empty: top level), `interval=MINUTES|default`,
/// `keep_days=N|default`, `keep_articles=N|default` (0: no limit), `full_text=on|off` and, for portal categories,
/// `clean_pinyin=on|off`.
pub fn parse(pairs: &[String]) -> Result<SourceChanges, jianbao::Error> {
    let bad = |msg: String| jianbao::Error::InvalidArgument(msg);
    let mut changes = SourceChanges::default();
    for pair in pairs {
        let (key, value) = pair.split_once('=').ok_or_else(|| bad(format!("--set {pair}: expected KEY=VALUE")))?;
        let value = value.trim();
        match key.trim() {
            "title" => changes.title = Some(value.to_owned()),
            "encoding" => {
                changes.encoding = Some(match value {
                    "" | "auto" => None,
                    label => Some(label.to_owned()),
                })
            }
            "folder" => {
                changes.folder =
                    Some(value.split('/').map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned).collect())
            }
            "interval" => {
                changes.interval_minutes = Some(match value {
                    "" | "default" => None,
                    minutes => Some(
                        minutes.parse().map_err(|_| bad(format!("--set interval={minutes}: minutes, or default")))?,
                    ),
                })
            }
            key @ ("full_text" | "clean_pinyin") => {
                let on = match value {
                    "on" | "yes" | "true" | "1" => true,
                    "off" | "no" | "false" | "0" => false,
                    other => return Err(bad(format!("--set {key}={other}: on or off"))),
                };
                if key == "full_text" { changes.full_text = Some(on) } else { changes.clean_pinyin = Some(on) }
            }
            key @ ("keep_days" | "keep_articles") => {
                let n = match value {
                    "" | "default" => None,
                    n => Some(n.parse().map_err(|_| bad(format!("--set {key}={n}: a number, or default")))?),
                };
                if key == "keep_days" { changes.keep_days = Some(n) } else { changes.keep_articles = Some(n) }
            }
            other => {
                return Err(bad(format!(
                    "--set {other}=...: keys are title, encoding, folder, interval, keep_days, keep_articles, full_text, clean_pinyin"
                )));
            }
        }
    }
    Ok(changes)
}

/// Applies `KEY=VALUE` pairs to the library's settings: keys as the settings serialize, values as JSON
/// (numbers, true/false).
pub fn apply_library(
    current: &jianbao::library::Settings,
    pairs: &[String],
) -> Result<jianbao::library::Settings, jianbao::Error> {
    let bad = |msg: String| jianbao::Error::InvalidArgument(msg);
    let mut value = serde_json::to_value(current).map_err(|e| bad(e.to_string()))?;
    let fields = value.as_object_mut().expect("settings are an object");
    for pair in pairs {
        let (key, raw) = pair.split_once('=').ok_or_else(|| bad(format!("--set {pair}: expected KEY=VALUE")))?;
        let key = key.trim();
        if !fields.contains_key(key) {
            let keys: Vec<&str> = fields.keys().map(String::as_str).collect();
            return Err(bad(format!("--set {key}=...: keys are {}", keys.join(", "))));
        }
        let parsed = match raw.trim() {
            "on" | "yes" => serde_json::Value::Bool(true),
            "off" | "no" => serde_json::Value::Bool(false),
            other => {
                serde_json::from_str(other).map_err(|_| bad(format!("--set {key}={other}: a number or true/false")))?
            }
        };
        fields.insert(key.to_owned(), parsed);
    }
    serde_json::from_value(value).map_err(|e| bad(format!("--set: {e}")))
}
