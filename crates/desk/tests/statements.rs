//! Every SQL statement the desk can send is prepared against the migrated schema of this run's engine
//! (SQLite in the first pass of `make test`, PostgreSQL in the second), so a statement that one engine
//! refuses — a function only the other has, a column a migration forgot, a syntax one engine lacks —
//! fails here even when no other test reaches the code path that sends it.
//!
//! How the statements are found: this test reads the desk's sources (every `.rs` file under
//! `crates/desk/src`, so **a new store module is covered without being listed anywhere**) and takes
//! the SQL out of every `sqlx::query(…)`, `query_as(…)`, `query_scalar(…)` and `QueryBuilder::new(…)`
//! call, in the forms the store writes them:
//!
//! - a string literal: `sqlx::query("SELECT …")`;
//! - `&format!("… {NAME} … {} …", Self::NOW)` where `NAME` is a `const NAME: &str = "…"` of the same
//!   file (or a `let name = Self::X;` there) and every argument is such a const, a literal, or one of
//!   the dialect's fragments (`Self::NOW`, `Self::PLATFORMS_OF_C` …), which are read from
//!   `store/dialect.rs` for this engine;
//! - a dialect fragment on its own: `sqlx::query(Self::PRESERVATIONS)`;
//! - `QueryBuilder::new("INSERT INTO t (a, b) ")` with `push_values` and literal `.push(" …")`s up to
//!   its `.build…()`: prepared with one row of placeholders.
//!
//! A call written any other way is not skipped: the test fails naming its file and line, so whoever
//! wrote it either writes it in one of these forms or teaches [`statement_at`] the new one.
//!
//! PostgreSQL cannot always infer a parameter's type from the text alone (`$5 IS NULL OR x > $5`); the
//! desk's binds give it at run time. So a statement is prepared with `PREPARE … (types) AS …`, and a
//! parameter PostgreSQL cannot type is tried as each of the types the desk binds: a statement passes if
//! some typing of its parameters prepares. Syntax, tables, columns and functions are checked exactly.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use common::*;

/// One statement found in the sources, with where it was found.
#[derive(Debug, Clone)]
struct Found {
    place: String,
    sql: String,
}

#[tokio::test]
async fn every_statement_in_the_desk_prepares_on_this_engine() {
    let engine = engine();
    let (found, unreadable) = statements_in_sources(engine);
    assert!(
        unreadable.is_empty(),
        "SQL calls this test cannot read (write them in a form listed in tests/statements.rs, or teach \
         it the new form):\n{}",
        unreadable.join("\n")
    );
    // The store has dozens of statements; finding only a handful means the scanner broke.
    assert!(found.len() >= 50, "only {} statements found", found.len());

    let desk = Desk::start().await;
    let mut raw = desk.raw().await;
    let mut refused = Vec::new();
    for statement in &found {
        // `SPOC_LIST_STATEMENTS=1 cargo test --test statements -- --nocapture` shows what was found.
        if std::env::var_os("SPOC_LIST_STATEMENTS").is_some() {
            eprintln!("{}: {}", statement.place, statement.sql);
        }
        if let Err(error) = prepare(&mut raw, &statement.sql).await {
            refused.push(format!("{}: {error}\n    {}", statement.place, statement.sql));
        }
    }
    raw.close().await;
    assert!(
        refused.is_empty(),
        "{} of {} statements do not prepare on {engine:?}:\n{}",
        refused.len(),
        found.len(),
        refused.join("\n")
    );
    eprintln!("{} statements prepared on {engine:?}", found.len());
}

/// The check itself can fail: each engine's own spelling of the clock is refused by the other, and a
/// misspelt column by both.
#[tokio::test]
async fn a_statement_wrong_for_this_engine_is_refused() {
    let engine = engine();
    let other = match engine {
        Engine::Sqlite => Engine::Postgres,
        Engine::Postgres => Engine::Sqlite,
    };
    let theirs = dialect(other)["NOW"].clone();
    let ours = dialect(engine)["NOW"].clone();
    let desk = Desk::start().await;
    let mut raw = desk.raw().await;
    let with_now =
        |now: &str| format!("UPDATE journal_head SET seq = seq + $1 WHERE id = 1 RETURNING {now} AS at");
    assert_eq!(prepare(&mut raw, &with_now(&ours)).await, Ok(()));
    assert!(
        prepare(&mut raw, &with_now(&theirs)).await.is_err(),
        "{theirs} prepared on {engine:?}"
    );
    assert!(
        prepare(&mut raw, "SELECT no_such_column FROM captures WHERE id = $1")
            .await
            .is_err()
    );
    raw.close().await;
}

/// The types the desk binds, tried in turn for a parameter PostgreSQL cannot type from the text.
const PG_PARAMETER_TYPES: [&str; 6] = ["bigint", "text", "boolean", "bytea", "timestamptz", "integer"];

async fn prepare(raw: &mut Raw, sql: &str) -> Result<(), String> {
    match raw {
        Raw::Sqlite(conn) => {
            use sqlx::Executor;
            conn.prepare(sql).await.map(|_| ()).map_err(|e| e.to_string())
        }
        Raw::Postgres(conn) => {
            let count = parameter_count(sql);
            // `None`: let PostgreSQL infer it; `Some(n)`: the n-th of PG_PARAMETER_TYPES.
            let mut types: Vec<Option<usize>> = vec![None; count];
            loop {
                let declared: Vec<&str> = types
                    .iter()
                    .map(|t| t.map_or("unknown", |n| PG_PARAMETER_TYPES[n]))
                    .collect();
                let declaration = if count == 0 {
                    String::new()
                } else {
                    format!("({})", declared.join(", "))
                };
                let prepared = sqlx::raw_sql(&format!("PREPARE spoc_check {declaration} AS {sql}"))
                    .execute(&mut *conn)
                    .await;
                let error = match prepared {
                    Ok(_) => {
                        sqlx::raw_sql("DEALLOCATE spoc_check")
                            .execute(&mut *conn)
                            .await
                            .map_err(|e| e.to_string())?;
                        return Ok(());
                    }
                    Err(error) => error.to_string(),
                };
                // The parameter to type next: the one PostgreSQL names, else the last one typed by
                // this test (its type may be the wrong guess).
                let untyped = error
                    .split("could not determine data type of parameter $")
                    .nth(1)
                    .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
                    .and_then(|n| n.parse::<usize>().ok());
                let guessed_last = types.iter().rposition(Option::is_some);
                let Some(n) = untyped.map(|n| n - 1).or(guessed_last) else {
                    return Err(error);
                };
                let next = types[n].map_or(0, |t| t + 1);
                if n >= count || next == PG_PARAMETER_TYPES.len() {
                    return Err(error);
                }
                types[n] = Some(next);
                // A parameter after it may have been typed for the wrong guess: infer it again.
                for later in &mut types[n + 1..] {
                    *later = None;
                }
            }
        }
    }
}

/// The highest `$n` in the statement.
fn parameter_count(sql: &str) -> usize {
    let bytes = sql.as_bytes();
    let mut highest = 0;
    for (i, _) in sql.match_indices('$') {
        let digits: String = bytes[i + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .map(|&b| b as char)
            .collect();
        highest = highest.max(digits.parse().unwrap_or(0));
    }
    highest
}

// ---- Reading the statements out of the sources ----

/// Rust source as the few tokens this test needs: string literals, identifiers (paths are separate
/// identifiers and `::` punctuation), and single punctuation characters. Comments are dropped.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    Str(String),
    Ident(String),
    Punct(char),
}

fn tokens(source: &str) -> Vec<(Token, usize)> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\n' => {
                line += 1;
                i += 1;
            }
            c if c.is_whitespace() => i += 1,
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                i += 2;
                while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                    line += usize::from(chars[i] == '\n');
                    i += 1;
                }
                i += 2;
            }
            '"' => {
                let start = line;
                let (text, end, lines) = string_literal(&chars, i + 1);
                out.push((Token::Str(text), start));
                line += lines;
                i = end;
            }
            'r' if matches!(chars.get(i + 1), Some('"') | Some('#')) => {
                let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
                let open = i + 1 + hashes;
                if chars.get(open) != Some(&'"') {
                    out.push((Token::Ident("r".into()), line));
                    i += 1;
                    continue;
                }
                let close: String = std::iter::once('"')
                    .chain(std::iter::repeat_n('#', hashes))
                    .collect();
                let rest: String = chars[open + 1..].iter().collect();
                let len = rest.find(&close).expect("a closed raw string");
                let text: String = rest[..len].to_string();
                out.push((Token::Str(text.clone()), line));
                line += text.matches('\n').count();
                i = open + 1 + text.chars().count() + close.chars().count();
            }
            '\'' => {
                // A char literal ('x', '\n') or a lifetime ('a, 'static): neither matters here.
                if chars.get(i + 2) == Some(&'\'') {
                    i += 3;
                } else if chars.get(i + 1) == Some(&'\\') {
                    i += 2;
                    while i < chars.len() && chars[i] != '\'' {
                        i += 1;
                    }
                    i += 1;
                } else {
                    i += 1;
                }
            }
            c if c.is_alphanumeric() || c == '_' => {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                out.push((Token::Ident(chars[start..i].iter().collect()), line));
            }
            c => {
                out.push((Token::Punct(c), line));
                i += 1;
            }
        }
    }
    out
}

/// A `"…"` literal's value from just after its opening quote: the text, the index after its closing
/// quote, and how many lines it spans.
fn string_literal(chars: &[char], mut i: usize) -> (String, usize, usize) {
    let mut text = String::new();
    let mut lines = 0;
    while chars[i] != '"' {
        if chars[i] == '\\' {
            i += 1;
            match chars[i] {
                'n' => text.push('\n'),
                't' => text.push('\t'),
                '\\' => text.push('\\'),
                '"' => text.push('"'),
                '\'' => text.push('\''),
                '0' => text.push('\0'),
                '\n' => {
                    // A line continuation: the newline and the next line's leading whitespace go.
                    lines += 1;
                    while chars[i + 1].is_whitespace() {
                        lines += usize::from(chars[i + 1] == '\n');
                        i += 1;
                    }
                }
                // \x41, \u{…}: kept as written (no statement uses them; a test of SQL text needs no more).
                other => {
                    text.push('\\');
                    text.push(other);
                }
            }
        } else {
            lines += usize::from(chars[i] == '\n');
            text.push(chars[i]);
        }
        i += 1;
    }
    (text, i + 1, lines)
}

/// The dialect fragments (`NOW`, `PLATFORMS_OF_C` …) of `engine`, read from `store/dialect.rs`.
fn dialect(engine: Engine) -> HashMap<String, String> {
    let source = std::fs::read_to_string(desk_src().join("store").join("dialect.rs")).unwrap();
    let name = match engine {
        Engine::Sqlite => "Sqlite",
        Engine::Postgres => "Postgres",
    };
    let toks = tokens(&source);
    let start = toks
        .windows(4)
        .position(|w| {
            w[0].0 == Token::Ident("impl".into())
                && w[1].0 == Token::Ident("Dialect".into())
                && w[2].0 == Token::Ident("for".into())
                && w[3].0 == Token::Ident(name.into())
        })
        .expect("impl Dialect for the engine in dialect.rs");
    let mut depth = 0;
    let mut end = start;
    for (n, (token, _)) in toks.iter().enumerate().skip(start) {
        match token {
            Token::Punct('{') => depth += 1,
            Token::Punct('}') => {
                depth -= 1;
                if depth == 0 {
                    end = n;
                    break;
                }
            }
            _ => {}
        }
    }
    let fragments = string_consts(&toks[start..end]);
    assert!(fragments.contains_key("NOW"), "no NOW in impl Dialect for {name}");
    fragments
}

/// Every `const NAME: &… str = "…";` and `let name = "…";` among the tokens.
fn string_consts(toks: &[(Token, usize)]) -> HashMap<String, String> {
    let mut found = HashMap::new();
    for (n, (token, _)) in toks.iter().enumerate() {
        if *token != Token::Ident("const".into()) {
            continue;
        }
        let Some((Token::Ident(name), _)) = toks.get(n + 1) else {
            continue;
        };
        // const NAME : & ['static] str = "…" ;
        let rest = &toks[n + 2..];
        let Some(eq) = rest.iter().take(8).position(|(t, _)| *t == Token::Punct('=')) else {
            continue;
        };
        let is_str = rest[..eq].iter().any(|(t, _)| *t == Token::Ident("str".into()));
        if let (true, Some((Token::Str(value), _)), Some((Token::Punct(';'), _))) =
            (is_str, rest.get(eq + 1), rest.get(eq + 2))
        {
            found.insert(name.clone(), value.clone());
        }
    }
    found
}

/// `let name = Self::X;` and `let name = "…";`: names a `format!` may use inline.
fn simple_lets(toks: &[(Token, usize)], dialect: &HashMap<String, String>) -> HashMap<String, String> {
    let mut found = HashMap::new();
    for (n, (token, _)) in toks.iter().enumerate() {
        if *token != Token::Ident("let".into()) {
            continue;
        }
        let window: Vec<&Token> = toks[n + 1..].iter().take(6).map(|(t, _)| t).collect();
        match window.as_slice() {
            [Token::Ident(name), Token::Punct('='), Token::Ident(s), Token::Punct(':'), Token::Punct(':'), Token::Ident(x)]
                if s == "Self" && dialect.contains_key(x) =>
            {
                found.insert(name.clone(), dialect[x].clone());
            }
            [Token::Ident(name), Token::Punct('='), Token::Str(value), Token::Punct(';'), ..] => {
                found.insert(name.clone(), value.clone());
            }
            _ => {}
        }
    }
    found
}

fn desk_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

/// The SQL calls that take a statement.
const CALLS: [&str; 4] = ["query", "query_as", "query_scalar", "raw_sql"];

/// Every statement under `src/` as `engine` would run it, and the calls that could not be read.
fn statements_in_sources(engine: Engine) -> (Vec<Found>, Vec<String>) {
    let dialect = dialect(engine);
    let mut files = Vec::new();
    rust_files(&desk_src(), &mut files);
    files.sort();
    let mut found = Vec::new();
    let mut unreadable = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        let toks = tokens(&source);
        let mut names = dialect.clone();
        names.extend(string_consts(&toks));
        names.extend(simple_lets(&toks, &dialect));
        let shown = file.strip_prefix(desk_src()).unwrap().display().to_string();
        let only_for = engine_blocks(&toks);
        for n in 0..toks.len() {
            let Some(open) = call_at(&toks, n) else { continue };
            // Inside `impl Engine<Postgres>` (say): that engine's own code, not the other's.
            if only_for
                .iter()
                .any(|(range, e)| range.contains(&n) && *e != engine)
            {
                continue;
            }
            let place = format!("src/{shown}:{}", toks[n].1);
            match statement_at(&toks, open, &names) {
                Some(sql) => found.push(Found { place, sql }),
                None => unreadable.push(place),
            }
        }
    }
    (found, unreadable)
}

/// The token ranges of `impl` blocks for one engine only (`impl Engine<Postgres> { … }`); code outside
/// them (`both_engines! { … }`, `impl<DB: Dialect> Engine<DB>`) runs on both.
fn engine_blocks(toks: &[(Token, usize)]) -> Vec<(std::ops::Range<usize>, Engine)> {
    let mut blocks = Vec::new();
    for (n, (token, _)) in toks.iter().enumerate() {
        if *token != Token::Ident("impl".into()) {
            continue;
        }
        let Some(brace) = toks[n..].iter().position(|(t, _)| *t == Token::Punct('{')) else {
            continue;
        };
        let header = &toks[n..n + brace];
        let names = |name: &str| header.iter().any(|(t, _)| *t == Token::Ident(name.into()));
        let engine = match (names("Sqlite"), names("Postgres")) {
            (true, false) => Engine::Sqlite,
            (false, true) => Engine::Postgres,
            _ => continue,
        };
        let mut depth = 0;
        for (k, (t, _)) in toks.iter().enumerate().skip(n + brace) {
            match t {
                Token::Punct('{') => depth += 1,
                Token::Punct('}') => {
                    depth -= 1;
                    if depth == 0 {
                        blocks.push((n..k, engine));
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    blocks
}

/// If a statement-taking call starts at token `n`, the index of its `(`.
fn call_at(toks: &[(Token, usize)], n: usize) -> Option<usize> {
    let Token::Ident(name) = &toks[n].0 else {
        return None;
    };
    let is_call = toks.get(n + 1).map(|t| &t.0) == Some(&Token::Punct('('));
    // A method of the same name (`.query(`) or a definition (`fn query(`) is not sqlx's.
    let before = n.checked_sub(1).map(|b| &toks[b].0);
    let method_or_definition =
        matches!(before, Some(Token::Punct('.'))) || matches!(before, Some(Token::Ident(i)) if i == "fn");
    if CALLS.contains(&name.as_str()) && is_call && !method_or_definition {
        return Some(n + 1);
    }
    // QueryBuilder::new(
    let builder = name == "new"
        && n >= 3
        && toks[n - 3].0 == Token::Ident("QueryBuilder".into())
        && toks[n - 2].0 == Token::Punct(':')
        && is_call;
    builder.then_some(n + 1)
}

/// The statement a call whose `(` is at `open` sends, or `None` if it is not in a form this test reads.
fn statement_at(toks: &[(Token, usize)], open: usize, names: &HashMap<String, String>) -> Option<String> {
    let builder = open >= 4 && toks[open - 4].0 == Token::Ident("QueryBuilder".into());
    let (sql, mut close) = sql_argument(toks, open + 1, names)?;
    // rustfmt's trailing comma after an argument on lines of its own.
    if toks.get(close).map(|t| &t.0) == Some(&Token::Punct(',')) {
        close += 1;
    }
    if !matches!(toks.get(close).map(|t| &t.0), Some(Token::Punct(')'))) {
        return None;
    }
    if builder {
        return built_statement(toks, close + 1, sql);
    }
    Some(sql)
}

/// A statement argument starting at token `i`: the SQL and the index of the token after it.
fn sql_argument(
    toks: &[(Token, usize)],
    i: usize,
    names: &HashMap<String, String>,
) -> Option<(String, usize)> {
    let t = |k: usize| toks.get(k).map(|t| &t.0);
    match t(i)? {
        Token::Str(sql) => Some((sql.clone(), i + 1)),
        Token::Ident(s) if s == "Self" && t(i + 1) == Some(&Token::Punct(':')) => match t(i + 3)? {
            Token::Ident(name) => Some((names.get(name)?.clone(), i + 4)),
            _ => None,
        },
        Token::Ident(name) if names.contains_key(name) && t(i + 1) != Some(&Token::Punct('(')) => {
            Some((names[name].clone(), i + 1))
        }
        Token::Punct('&') if t(i + 1) == Some(&Token::Ident("format".into())) => {
            if t(i + 2) != Some(&Token::Punct('!')) || t(i + 3) != Some(&Token::Punct('(')) {
                return None;
            }
            let Token::Str(template) = t(i + 4)? else {
                return None;
            };
            let mut args = Vec::new();
            let mut k = i + 5;
            while t(k) == Some(&Token::Punct(',')) {
                if t(k + 1) == Some(&Token::Punct(')')) {
                    k += 1;
                    break;
                }
                let (value, next) = sql_argument(toks, k + 1, names)?;
                args.push(value);
                k = next;
            }
            if t(k) != Some(&Token::Punct(')')) {
                return None;
            }
            Some((fill_template(template, &args, names)?, k + 1))
        }
        _ => None,
    }
}

/// `format!`'s `{}` and `{NAME}` filled in, `{{` and `}}` unescaped.
fn fill_template(template: &str, args: &[String], names: &HashMap<String, String>) -> Option<String> {
    let mut out = String::new();
    let mut positional = args.iter();
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        if tail.starts_with('}') {
            return None;
        }
        let end = tail.find('}')?;
        let name = &tail[1..end];
        if name.is_empty() {
            out.push_str(positional.next()?);
        } else {
            out.push_str(names.get(name)?);
        }
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    positional.next().is_none().then_some(out)
}

/// A `QueryBuilder` from its prefix: `push_values` becomes one row of placeholders (as many as the
/// prefix names columns); an `IN (` list built with `separated` becomes a list of one, each
/// `push_bind` outside `push_values` the next placeholder; and each literal `.push("…")` up to the
/// `.build…()` is appended.
fn built_statement(toks: &[(Token, usize)], from: usize, prefix: String) -> Option<String> {
    let mut sql = prefix;
    let mut k = from;
    let mut values = false;
    let mut listed = false;
    let mut binds = 0;
    while k < toks.len() {
        match &toks[k].0 {
            Token::Ident(i) if i.starts_with("build") => break,
            Token::Ident(i) if i == "push_values" => {
                let columns = sql.rsplit_once('(')?.1.split_once(')')?.0.split(',').count();
                let row: Vec<String> = (1..=columns).map(|n| format!("${n}")).collect();
                sql.push_str(&format!("VALUES ({})", row.join(", ")));
                values = true;
            }
            // Inside `push_values`' closure the binds are its row.
            Token::Ident(i) if !values && i == "separated" => listed = true,
            Token::Ident(i) if !values && i == "push_bind" => {
                binds += 1;
                sql.push_str(&format!("${binds}"));
            }
            Token::Ident(i) if !values && i == "push_tuples" => return None,
            Token::Ident(i)
                if i == "push" && matches!(toks.get(k - 1).map(|t| &t.0), Some(Token::Punct('.'))) =>
            {
                if let Some(Token::Str(text)) = toks.get(k + 2).map(|t| &t.0) {
                    sql.push_str(text);
                }
                // `.push(Self::NOW)` inside the closure fills a column the placeholder stands for.
            }
            _ => {}
        }
        k += 1;
    }
    (values || listed).then_some(sql)
}

#[test]
fn the_scanner_reads_the_forms_the_store_writes() {
    let source = r##"
        const COLS: &str = "a, b";
        // sqlx::query("not this: a comment")
        async fn f() {
            sqlx::query("SELECT 1 FROM t \
                         WHERE x = $1").bind(1);
            sqlx::query_scalar(&format!("SELECT {COLS}, {} FROM t", Self::NOW));
            let q = sqlx::query(&some_function());
            QueryBuilder::new("INSERT INTO t (a, b) ").push_values(rows, |mut r, x| { r.push_bind(x).push(Self::NOW); })
                .push(" ON CONFLICT DO NOTHING").build();
            let mut query = QueryBuilder::new("SELECT a FROM t WHERE b IN (");
            let mut list = query.separated(", ");
            for x in xs { list.push_bind(x); }
            query.push(") LIMIT ");
            query.push_bind(n);
            query.build();
        }
    "##;
    let toks = tokens(source);
    let mut names = HashMap::from([("NOW".to_string(), "now()".to_string())]);
    names.extend(string_consts(&toks));
    let read: Vec<Option<String>> = (0..toks.len())
        .filter_map(|n| call_at(&toks, n))
        .map(|open| statement_at(&toks, open, &names))
        .collect();
    assert_eq!(
        read,
        [
            Some("SELECT 1 FROM t WHERE x = $1".to_string()),
            Some("SELECT a, b, now() FROM t".to_string()),
            None,
            Some("INSERT INTO t (a, b) VALUES ($1, $2) ON CONFLICT DO NOTHING".to_string()),
            Some("SELECT a FROM t WHERE b IN ($1) LIMIT $2".to_string()),
        ]
    );
}
