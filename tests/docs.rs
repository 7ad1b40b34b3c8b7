//! The doc files behind the shell's `h/1` and `h/2` (stdlib/doc): each has its module's
//! title and one section for every exported function, and no section for anything else.

use ember::{default_config, Vm};

/// Every `name/arity` a doc file has a section for, in order.
fn sections(doc: &str) -> Vec<(String, u32)> {
    doc.lines()
        .filter_map(|l| l.strip_prefix("## "))
        .filter_map(|h| h.trim().rsplit_once('/').and_then(|(n, a)| Some((n.to_owned(), a.parse().ok()?))))
        .collect()
}

#[test]
fn every_doc_file_documents_exactly_its_modules_exports() {
    let vm = Vm::new(default_config());
    let mut problems = Vec::new();
    assert!(!ember_stdlib::DOCS.is_empty());
    for (module, doc) in ember_stdlib::DOCS {
        if doc.lines().next() != Some(format!("# {module}").as_str()) {
            problems.push(format!("{module}.md: the first line is not '# {module}'"));
        }
        let documented = sections(doc);
        let exports: Vec<(String, u32)> = vm.exports(module).into_iter().filter(|(f, _)| f != "module_info").collect();
        if exports.is_empty() {
            problems.push(format!("{module}.md: no module {module} exports anything"));
        }
        for e in &exports {
            if !documented.contains(e) {
                problems.push(format!("{module}.md: no section for {}/{}", e.0, e.1));
            }
        }
        for (i, d) in documented.iter().enumerate() {
            if !exports.contains(d) {
                problems.push(format!("{module}.md: section {}/{} is not an export", d.0, d.1));
            }
            if documented[..i].contains(d) {
                problems.push(format!("{module}.md: two sections for {}/{}", d.0, d.1));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
