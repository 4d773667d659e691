//! One-bit vectors that are bit-selected get a range.
//!
//! rust_hdl declares a `Bits<1>` signal without a range (`reg  target;`), a scalar, yet writes
//! `target[0]` for its bit 0, as it does for every `Bits<N>`. Verilator and Yosys refuse a bit
//! select of a scalar. With one lane (`FC_LANES = 1`) every lane mask is such a signal.
//! [`range_selected_scalars`] declares each scalar that some expression of its module
//! bit-selects as `[0:0]`, which means the same one unsigned bit and admits the select.
//! Signals that are never bit-selected keep rust_hdl's declaration, so a chip with more lanes
//! is emitted byte for byte as before.

use super::syntax::{declaration, is_identifier_char, join_lines_like, modules, split_identifier};
use std::collections::BTreeSet;

/// Gives every one-bit declaration whose name is bit-selected in its module the range `[0:0]`.
pub fn range_selected_scalars(verilog: &str) -> String {
    let lines: Vec<&str> = verilog.lines().collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    for module in modules(&lines) {
        let selected = selected_names(module);
        for line in module {
            out.push(match declaration(line) {
                Some(d) if d.typ.is_empty() && selected.contains(d.name) => {
                    let at = line.rfind(d.name).expect("the declaration holds its name");
                    format!("{}[0:0] {}", &line[..at], &line[at..])
                }
                _ => line.to_string(),
            });
        }
    }
    join_lines_like(&out, verilog)
}

/// The identifiers of `module` directly followed by `[` outside declarations.
fn selected_names<'a>(module: &[&'a str]) -> BTreeSet<&'a str> {
    let mut names = BTreeSet::new();
    for line in module.iter().filter(|l| declaration(l).is_none()) {
        let mut rest: &str = line;
        while !rest.is_empty() {
            let (name, after) = split_identifier(rest);
            if name.is_empty() {
                // A number (`8'h1f`) as a whole, else one character.
                let number = |c: char| is_identifier_char(c) || c == '\'';
                let skip = if rest.starts_with(|c: char| c.is_ascii_digit() || c == '\'') {
                    rest.find(|c| !number(c)).unwrap_or(rest.len())
                } else {
                    rest.chars().next().map_or(1, char::len_utf8)
                };
                rest = &rest[skip..];
                continue;
            }
            if after.starts_with('[') {
                names.insert(name);
            }
            rest = after;
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_selected_scalars_get_a_range() {
        let v = "module m(a, b);\n    input wire  a;\n    output reg  b;\n    reg  c;\n    \
                 reg  [3:0] d;\nalways @(*) begin\n        b = a[0] & d[2] & 8'h1f[1];\n        \
                 c = b;\nend\nendmodule // m\nmodule n(a);\n    input wire  a;\nendmodule // n\n";
        let want = v.replacen("input wire  a;", "input wire  [0:0] a;", 1);
        assert_eq!(range_selected_scalars(v), want);
    }

    #[test]
    fn a_text_without_selected_scalars_is_unchanged() {
        let v = "module m(a);\n    input wire  [7:0] a;\n    reg  b;\nalways @(*) b = a[1];\n\
                 endmodule // m\n";
        assert_eq!(range_selected_scalars(v), v);
    }
}
