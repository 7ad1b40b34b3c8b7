//! Module documentation for `h/1` and `h/2`, read from the doc files built into the binary
//! (`stdlib/doc/MODULE.md`).
//!
//! A doc file is `# module`, a summary, then one section per function: a line `## name/arity`
//! and the text up to the next such line.

/// The summary of a module: the text between its title and its first function section.
pub(crate) fn summary(doc: &str) -> String {
    let body: Vec<&str> =
        doc.lines().skip_while(|l| !l.starts_with("# ")).skip(1).take_while(|l| !l.starts_with("## ")).collect();
    trim_blank(&body)
}

/// The text of every section documenting `fun`, with its arity, in file order.
pub(crate) fn function(doc: &str, fun: &str) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    let mut current: Option<(u32, Vec<&str>)> = None;
    for line in doc.lines() {
        if let Some(head) = line.strip_prefix("## ") {
            if let Some((a, body)) = current.take() {
                out.push((a, trim_blank(&body)));
            }
            current = match head.trim().rsplit_once('/') {
                Some((name, arity)) if name == fun => arity.parse().ok().map(|a| (a, Vec::new())),
                _ => None,
            };
        } else if let Some((_, body)) = current.as_mut() {
            body.push(line);
        }
    }
    if let Some((a, body)) = current {
        out.push((a, trim_blank(&body)));
    }
    out
}

/// The lines joined, without blank lines at either end.
fn trim_blank(lines: &[&str]) -> String {
    let start = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(lines.len());
    let end = lines.iter().rposition(|l| !l.trim().is_empty()).map(|i| i + 1).unwrap_or(start);
    lines[start..end.max(start)].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str =
        "# demo\n\nDemo things.\n\nMore.\n\n## f/1\n\n    f(X) -> Y\n\nOne.\n\n## f/2\n\nTwo.\n## g/0\nZero.\n";

    #[test]
    fn summary_is_the_text_before_the_first_section() {
        assert_eq!(summary(DOC), "Demo things.\n\nMore.");
    }

    #[test]
    fn a_function_has_one_section_per_arity() {
        assert_eq!(function(DOC, "f"), vec![(1, "    f(X) -> Y\n\nOne.".to_owned()), (2, "Two.".to_owned())]);
        assert_eq!(function(DOC, "g"), vec![(0, "Zero.".to_owned())]);
        assert!(function(DOC, "h").is_empty());
    }
}
