//! The architecture of docs/architecture.md, checked on the source: no two files import each
//! other (directly or round a circle), the core uses nothing of the shell or the file system,
//! `fsio` is a leaf, and `store` does not depend on `report`.
//!
//! Each file under src/ is a module; a file depends on another when it names an item of it (in a
//! `use`, or in a path such as `crate::store::save`). Declaring a child module (`mod x;`) is not
//! a dependency; re-exporting from it is. Test modules at the end of a file are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The modules of the functional core.
const CORE: &[&str] = &[
    "rating",
    "model",
    "assessment",
    "profile",
    "proposal",
    "method",
    "check",
    "track",
    "report",
    "hash",
    "located",
    "maturity",
    "text",
    "suggest",
    "iso27001",
];

/// What the core must never use.
const SHELL: &[&str] = &[
    "store", "catalog", "cli", "tui", "fsio", "output", "fonts", "fuzzing",
];

struct Source {
    /// Module path of the file, e.g. ["tui", "view", "detail"]; [] for lib.rs.
    module: Vec<String>,
    /// The file's code with comments, strings and test modules taken out.
    code: String,
    /// Child modules it declares (`mod x;`).
    children: BTreeSet<String>,
    path: PathBuf,
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_string());
    }
    parts
}

/// Blanks comments, string and char literals (keeping line structure irrelevant here).
fn strip(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < c.len() {
        if c[i] == '/' && c.get(i + 1) == Some(&'/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if c[i] == '/' && c.get(i + 1) == Some(&'*') {
            i += 2;
            while i + 1 < c.len() && !(c[i] == '*' && c[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c[i] == 'r'
            && (c.get(i + 1) == Some(&'"') || c.get(i + 1) == Some(&'#'))
            && (i == 0 || !(c[i - 1].is_alphanumeric() || c[i - 1] == '_'))
        {
            let mut j = i + 1;
            let mut hashes = 0;
            while c.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if c.get(j) != Some(&'"') {
                out.push(c[i]);
                i += 1;
                continue;
            }
            j += 1;
            'scan: while j < c.len() {
                if c[j] == '"' && (0..hashes).all(|k| c.get(j + 1 + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break 'scan;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c[i] == '"' {
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c[i] == '\'' {
            // A char literal ('x', '\n', '\u{1b}') or a lifetime ('a).
            if c.get(i + 1) == Some(&'\\') {
                let mut j = i + 2;
                while j < c.len() && c[j] != '\'' {
                    j += 1;
                }
                i = j + 1;
            } else if c.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                out.push(c[i]);
                i += 1;
            }
            out.push(' ');
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

fn is_ident(ch: char) -> bool {
    ch.is_alphanumeric() || ch == '_'
}

/// Tokens: identifiers, `::`, `{`, `}`, `,`, `*`, `;`.
fn tokens(s: &str) -> Vec<String> {
    let c: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if is_ident(c[i]) {
            let start = i;
            while i < c.len() && is_ident(c[i]) {
                i += 1;
            }
            out.push(c[start..i].iter().collect());
        } else if c[i] == ':' && c.get(i + 1) == Some(&':') {
            out.push("::".into());
            i += 2;
        } else if c[i].is_whitespace() {
            i += 1;
        } else if "{},*;".contains(c[i]) {
            out.push(c[i].to_string());
            i += 1;
        } else {
            // Anything else separates paths.
            if out.last().is_some_and(|t| t != "|") {
                out.push("|".into());
            }
            i += 1;
        }
    }
    out
}

/// Expands a use tree starting at `t[*i]` under `prefix`.
fn use_tree(t: &[String], i: &mut usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let mut path = prefix;
    loop {
        match t.get(*i).map(String::as_str) {
            Some("{") => {
                *i += 1;
                loop {
                    use_tree(t, i, path.clone(), out);
                    match t.get(*i).map(String::as_str) {
                        Some(",") => {
                            *i += 1;
                            if t.get(*i).map(String::as_str) == Some("}") {
                                *i += 1;
                                return;
                            }
                        }
                        Some("}") => {
                            *i += 1;
                            return;
                        }
                        _ => return,
                    }
                }
            }
            Some("*") => {
                *i += 1;
                out.push(path);
                return;
            }
            Some(id) if id != "::" && id != "," && id != "}" && id != ";" && id != "|" => {
                if id == "as" {
                    *i += 2; // `as name`
                    out.push(path);
                    return;
                }
                if id != "self" || path.is_empty() {
                    path.push(id.to_string());
                }
                *i += 1;
                if t.get(*i).map(String::as_str) == Some("::") {
                    *i += 1;
                    continue;
                }
                if t.get(*i).map(String::as_str) == Some("as") {
                    *i += 2;
                }
                out.push(path);
                return;
            }
            _ => {
                out.push(path);
                return;
            }
        }
    }
}

/// Every path a file names: those in `use` trees and those written inline. Inside an inline
/// module (`mod x { ... }`), `super::` and `self::` are made relative to the file.
fn paths(code: &str) -> Vec<Vec<String>> {
    let t = tokens(code);
    let mut out = Vec::new();
    // Brace depths at which inline modules were opened.
    let mut inline: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    let fix = |mut p: Vec<String>, inline: usize| -> Vec<String> {
        if inline == 0 {
            return p;
        }
        let supers = p.iter().take_while(|s| *s == "super").count();
        if p.first().is_some_and(|f| f == "self") {
            p[0] = "self".into();
            return p;
        }
        let dropped = supers.min(inline);
        p.drain(..dropped);
        if supers <= inline {
            p.insert(0, "self".into());
        }
        p
    };
    while i < t.len() {
        match t[i].as_str() {
            "{" => depth += 1,
            "}" => {
                depth = depth.saturating_sub(1);
                if inline.last() == Some(&depth) {
                    inline.pop();
                }
            }
            "mod" if t.get(i + 2).map(String::as_str) == Some("{") => {
                inline.push(depth);
            }
            _ => {}
        }
        if t[i] == "use" && (i == 0 || t[i - 1] != "::") {
            i += 1;
            let mut found = Vec::new();
            use_tree(&t, &mut i, Vec::new(), &mut found);
            out.extend(found.into_iter().map(|p| fix(p, inline.len())));
            continue;
        }
        // `pub(in crate::tui)` names where an item is seen, not what it uses.
        if (t[i] == "crate" || t[i] == "super" || t[i] == "self")
            && t.get(i + 1).map(String::as_str) == Some("::")
            && (i == 0 || (t[i - 1] != "::" && t[i - 1] != "in"))
        {
            let mut p = vec![t[i].clone()];
            let mut j = i + 1;
            while t.get(j).map(String::as_str) == Some("::")
                && t.get(j + 1).is_some_and(|x| x.chars().all(is_ident))
            {
                p.push(t[j + 1].clone());
                j += 2;
            }
            out.push(fix(p, inline.len()));
            i = j;
            continue;
        }
        i += 1;
    }
    out
}

fn load() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n != "main.rs"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            // Test modules sit at the end of a file.
            let text = match text.find("#[cfg(test)]\nmod tests") {
                Some(i) => &text[..i],
                None => &text[..],
            };
            let code = strip(text);
            let t = tokens(&code);
            let children = t
                .windows(3)
                .filter(|w| w[0] == "mod" && w[2] == ";")
                .map(|w| w[1].clone())
                .collect();
            let module = module_of(path.strip_prefix(&root).unwrap());
            Source {
                module,
                code,
                children,
                path,
            }
        })
        .collect()
}

/// The file modules each file depends on.
fn graph(sources: &[Source]) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let modules: BTreeSet<Vec<String>> = sources.iter().map(|s| s.module.clone()).collect();
    let mut g = BTreeMap::new();
    for s in sources {
        let mut deps = BTreeSet::new();
        for p in paths(&s.code) {
            let Some(first) = p.first() else { continue };
            let mut abs: Vec<String> = match first.as_str() {
                "crate" => p[1..].to_vec(),
                "self" => s.module.iter().chain(&p[1..]).cloned().collect(),
                "super" => {
                    let mut base = s.module.clone();
                    let mut k = 0;
                    while p.get(k).map(String::as_str) == Some("super") {
                        base.pop();
                        k += 1;
                    }
                    base.into_iter().chain(p[k..].iter().cloned()).collect()
                }
                child if s.children.contains(child) => {
                    s.module.iter().chain(p.iter()).cloned().collect()
                }
                _ => continue,
            };
            while !abs.is_empty() && !modules.contains(&abs) {
                abs.pop();
            }
            if abs != s.module && !(abs.is_empty() && p.first().is_some_and(|f| f != "crate")) {
                deps.insert(abs);
            }
        }
        g.insert(s.module.clone(), deps);
    }
    g
}

fn name(m: &[String]) -> String {
    if m.is_empty() {
        "crate".into()
    } else {
        m.join("::")
    }
}

#[test]
fn the_module_graph_has_no_circles() {
    let sources = load();
    let g = graph(&sources);
    // Depth-first search for a back edge; report each circle found.
    fn visit(
        m: &Vec<String>,
        g: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        stack: &mut Vec<Vec<String>>,
        done: &mut BTreeSet<Vec<String>>,
        circles: &mut Vec<String>,
    ) {
        if done.contains(m) {
            return;
        }
        if let Some(pos) = stack.iter().position(|x| x == m) {
            let names: Vec<String> = stack[pos..].iter().map(|x| name(x)).collect();
            circles.push(format!("{} -> {}", names.join(" -> "), name(m)));
            return;
        }
        stack.push(m.clone());
        for d in g.get(m).into_iter().flatten() {
            visit(d, g, stack, done, circles);
        }
        stack.pop();
        done.insert(m.clone());
    }
    let mut circles = Vec::new();
    let mut done = BTreeSet::new();
    for m in g.keys() {
        visit(m, &g, &mut Vec::new(), &mut done, &mut circles);
    }
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_core_uses_nothing_of_the_shell_or_the_file_system() {
    let sources = load();
    let g = graph(&sources);
    let mut bad = Vec::new();
    for s in &sources {
        let Some(top) = s.module.first() else {
            continue;
        };
        if !CORE.contains(&top.as_str()) {
            continue;
        }
        for d in &g[&s.module] {
            if d.first().is_some_and(|f| SHELL.contains(&f.as_str())) {
                bad.push(format!("{} uses {}", name(&s.module), name(d)));
            }
        }
        for word in ["std::fs", "std::env", "File::open", "std::process"] {
            if s.code.contains(word) {
                bad.push(format!("{} uses {word}", s.path.display()));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn fsio_is_a_leaf_and_store_does_not_depend_on_report() {
    let sources = load();
    let g = graph(&sources);
    let fsio = &g[&vec!["fsio".to_string()]];
    let allowed: BTreeSet<Vec<String>> = [vec!["hash".to_string()]].into_iter().collect();
    assert!(
        fsio.is_subset(&allowed),
        "fsio uses {:?}",
        fsio.difference(&allowed)
            .map(|m| name(m))
            .collect::<Vec<_>>()
    );
    let store = &g[&vec!["store".to_string()]];
    assert!(
        !store
            .iter()
            .any(|d| d.first().is_some_and(|f| f == "report")),
        "store uses {:?}",
        store.iter().map(|m| name(m)).collect::<Vec<_>>()
    );
}

#[test]
fn the_checker_sees_imports_and_paths() {
    let code = strip(
        "use crate::{a::{self, B}, c::D as E};\nuse super::x::*;\nfn f() { crate::y::z(); let s = \"crate::q\"; } // crate::w",
    );
    let p = paths(&code);
    let has = |want: &[&str]| p.iter().any(|x| x == want);
    assert!(has(&["crate", "a"]), "{p:?}");
    assert!(has(&["crate", "a", "B"]), "{p:?}");
    assert!(has(&["crate", "c", "D"]), "{p:?}");
    assert!(has(&["super", "x"]), "{p:?}");
    assert!(has(&["crate", "y", "z"]), "{p:?}");
    assert!(!p.iter().any(|x| x.contains(&"q".to_string())), "{p:?}");
    assert!(!p.iter().any(|x| x.contains(&"w".to_string())), "{p:?}");
    let inline = paths(&strip(
        "mod m { use super::*; fn g() { super::super::k::f(); } }",
    ));
    assert_eq!(
        inline,
        vec![
            vec!["self".to_string()],
            vec!["super".to_string(), "k".into(), "f".into()]
        ]
    );
}
