//! Reading rust_hdl's Verilog text line by line: its modules, its one-line declarations, its
//! identifiers. rust_hdl writes one statement or declaration per line, ranges without blanks
//! (`[7:0]`) and `$` inside generated names (`state$d`); the rewrites of this module rely on
//! that layout and nothing more.

/// The lines of a text, one group per module through its `endmodule` line, then the lines
/// after the last module (if any).
pub(crate) fn modules<'a>(lines: &'a [&'a str]) -> Vec<&'a [&'a str]> {
    let mut groups = vec![];
    let mut start = 0;
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with("endmodule") {
            groups.push(&lines[start..=i]);
            start = i + 1;
        }
    }
    if start < lines.len() {
        groups.push(&lines[start..]);
    }
    groups
}

/// A one-line declaration: `[input|output] wire|reg [signed] [[h:0]] name;`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Declaration<'a> {
    /// `input`, `output`, or empty for a module's own signal.
    pub direction: &'a str,
    /// `wire` or `reg`.
    pub kind: &'a str,
    /// What stands between the kind and the name: `[7:0]`, `signed [3:0]`, or empty.
    pub typ: &'a str,
    pub name: &'a str,
}

/// The declaration on `line`, if it is one (memories, `integer`s and the like are not).
pub(crate) fn declaration(line: &str) -> Option<Declaration<'_>> {
    let t = line.trim().strip_suffix(';')?;
    let (head, name) = t.rsplit_once(' ')?;
    let (direction, head) = match head.split_once(' ') {
        Some((d @ ("input" | "output"), rest)) => (d, rest.trim_start()),
        _ => ("", head),
    };
    let (kind, typ) = head.split_once(' ').unwrap_or((head, ""));
    let is_name = !name.is_empty() && split_identifier(name).1.is_empty();
    (matches!(kind, "wire" | "reg") && is_name).then_some(Declaration {
        direction,
        kind,
        typ: typ.trim(),
        name,
    })
}

/// `lines` joined into a text that ends with a newline exactly when `like` does (a rewrite
/// keeps its input's last line ending).
pub(crate) fn join_lines_like(lines: &[String], like: &str) -> String {
    let mut text = lines.join("\n");
    if like.ends_with('\n') {
        text.push('\n');
    }
    text
}

pub(crate) fn is_identifier_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

/// The Verilog identifier at the start of `text` (empty if none) and the rest.
pub(crate) fn split_identifier(text: &str) -> (&str, &str) {
    if !text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        return ("", text);
    }
    let end = text.find(|c| !is_identifier_char(c)).unwrap_or(text.len());
    text.split_at(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_as_rust_hdl_writes_them() {
        let d = |direction, kind, typ, name| {
            Some(Declaration {
                direction,
                kind,
                typ,
                name,
            })
        };
        assert_eq!(
            declaration("    input wire  clock;"),
            d("input", "wire", "", "clock")
        );
        assert_eq!(
            declaration("    output reg  [175:0] placed;"),
            d("output", "reg", "[175:0]", "placed")
        );
        assert_eq!(
            declaration("    reg signed [3:0] t$x;"),
            d("", "reg", "signed [3:0]", "t$x")
        );
        assert_eq!(declaration("    reg  local;"), d("", "reg", "", "local"));
        assert_eq!(declaration("    reg [17:0] mem [0:15];"), None);
        assert_eq!(declaration("    integer mem_word;"), None);
        assert_eq!(declaration("        x = y;"), None);
    }

    #[test]
    fn modules_end_at_endmodule() {
        let lines = ["module a;", "endmodule // a", "module b;", "endmodule", ""];
        let groups = modules(&lines);
        assert_eq!(groups, [&lines[0..2], &lines[2..4], &lines[4..]]);
    }
}
