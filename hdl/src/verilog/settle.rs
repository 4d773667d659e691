//! Combinational blocks that change each of their outputs at most once per evaluation.
//!
//! rust_hdl writes a module's combinational logic as one `always @(*)` block of blocking
//! assignments in Rust's order: a signal gets a default, then maybe its value
//! (`take = 1'b0; if (valid) take = 1'b1;`). In an event-driven simulator (Icarus) every one of
//! those assignments that changes the value is an event, so the signal glitches `1 → 0 → 1` within
//! the block and wakes every process that reads it, even though its value over the block did not
//! change. Where two blocks read each other's outputs (the FC unit's `take` and the scan's `value`,
//! a parent and a combinational child), each wakes the other forever: a zero-delay loop that
//! never lets simulation time advance. Verilator orders the blocks statically and does not see it.
//!
//! [`settle_combinational`] rewrites each such block to compute the signals that leave it
//! (output ports and the inputs of sub-module instances) into working copies (`NAME$work`,
//! declared beside `NAME` with its range) and to assign every such `NAME` once, from its copy, at
//! the end of the block; the block's own locals glitch harmlessly, as nothing else reads them. Within the block the copies are read and written exactly as the
//! originals were, and each original is written by this block only, so its value before an
//! evaluation is its copy's: the logic is the same, and a signal changes (and wakes its readers)
//! only when its settled value changes.

use super::syntax::{declaration, is_identifier_char, join_lines_like, split_identifier};
use std::collections::HashSet;

/// Suffix of a working copy.
const WORK: &str = "$work";

/// Rewrites every `always @(*) begin … end` block of `verilog` (rust_hdl's layout: the block at
/// four spaces of indent, its `end` at the same indent) as described in the module docs.
///
/// # Panics
/// If an assigned signal has no `reg` declaration in its module, or a `NAME$work` exists
/// already: both would be a change in rust_hdl's output that this rewrite must be taught.
pub fn settle_combinational(verilog: &str) -> String {
    let lines: Vec<&str> = verilog.lines().collect();
    let combinational = combinational_modules(&lines);
    let mut out: Vec<String> = Vec::with_capacity(lines.len() + 64);
    let mut module_start = 0;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if line.starts_with("module ") {
            module_start = out.len();
        }
        if line != "    always @(*) begin" {
            out.push(line.to_string());
            i += 1;
            continue;
        }
        let end = (i + 1..lines.len())
            .find(|&k| lines[k] == "    end")
            .unwrap_or_else(|| panic!("line {}: always @(*) without its `    end`", i + 1));
        let body = &lines[i + 1..end];
        let module = &out[module_start..];
        let assigned: Vec<String> = assigned_names(body)
            .into_iter()
            .filter(|name| read_elsewhere(module, name, &combinational))
            .collect();
        // Declarations: one working copy after each assigned signal's declaration.
        for name in &assigned {
            let work = format!("{name}{WORK}");
            let module = &mut out[module_start..];
            assert!(
                !module.iter().any(|l| declares(l) == Some(work.as_str())),
                "{work} is declared already"
            );
            let at = module
                .iter()
                .position(|l| declares(l) == Some(name.as_str()))
                .unwrap_or_else(|| panic!("no reg declaration of `{name}`"));
            let copy = work_declaration(&module[at], name);
            out.insert(module_start + at + 1, copy);
        }
        out.push(line.to_string());
        for l in body {
            out.push(rename(l, &assigned));
        }
        for name in &assigned {
            out.push(format!("        {name} = {name}{WORK};"));
        }
        out.push(lines[end].to_string());
        i = end + 1;
    }
    join_lines_like(&out, verilog)
}

/// The modules with combinational logic (an `always @(*)` block or an `assign`): those whose
/// processes an input glitch would wake. A flip-flop's or a RAM's input does not.
fn combinational_modules<'a>(lines: &[&'a str]) -> HashSet<&'a str> {
    let mut modules = HashSet::new();
    let mut current = "";
    for l in lines {
        if let Some(rest) = l.strip_prefix("module ") {
            current = rest.split('(').next().unwrap_or_default();
        } else if *l == "    always @(*) begin" || l.starts_with("    assign ") {
            modules.insert(current);
        }
    }
    modules
}

/// Whether a glitch of `name` would wake another process: `name` is an output port (the parent
/// reads it in its own block), or the input of a sub-module instance with combinational logic
/// (`.port(name)`). The block's locals and the inputs of flip-flops and RAMs glitch harmlessly.
fn read_elsewhere(module: &[String], name: &str, combinational: &HashSet<&str>) -> bool {
    let connection = format!("({name})");
    let mut instance_of = "";
    module.iter().any(|l| {
        let t = l.trim_start();
        if l.starts_with("    ") && !t.starts_with('.') && t.ends_with('(') {
            instance_of = t.split(' ').next().unwrap_or_default();
        }
        (t.starts_with("output reg") && declares(l) == Some(name))
            || (t.starts_with('.')
                && t.trim_end_matches(',').ends_with(&connection)
                && combinational.contains(instance_of))
    })
}

/// The signals a block assigns (`NAME = …;` or `NAME[…] = …;`), in order of first assignment.
fn assigned_names(body: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = vec![];
    for l in body {
        let t = l.trim_start();
        let (ident, rest) = split_identifier(t);
        if ident.is_empty() {
            continue;
        }
        let rest = match rest.strip_prefix('[') {
            Some(r) => match r.find("] ") {
                Some(k) => &r[k + 1..],
                None => continue,
            },
            None => rest,
        };
        let is_assignment =
            rest.trim_start().starts_with('=') && !rest.trim_start().starts_with("==");
        if is_assignment && !names.iter().any(|n| n == ident) {
            names.push(ident.to_string());
        }
    }
    names
}

/// The name a `reg` declaration line declares (an output port's or the module's own).
fn declares(line: &str) -> Option<&str> {
    declaration(line)
        .filter(|d| d.kind == "reg" && d.direction != "input")
        .map(|d| d.name)
}

/// `reg [range] NAME$work;` from the declaration of `NAME` (a port's direction dropped).
fn work_declaration(declaration: &str, name: &str) -> String {
    let indent = &declaration[..declaration.len() - declaration.trim_start().len()];
    let t = declaration.trim();
    let t = t.strip_prefix("output ").unwrap_or(t).trim_start();
    let typed = t
        .strip_suffix(';')
        .and_then(|t| t.strip_suffix(name))
        .unwrap_or(t);
    format!("{indent}{typed}{name}{WORK};")
}

/// Whether `line` holds `name` as a whole identifier (not in a based literal).
pub(super) fn mentions(line: &str, name: &str) -> bool {
    rename(line, &[name.to_string()]) != line
}

/// `line` with every whole identifier in `names` renamed to its working copy; the letters of a
/// based literal (`8'hff`, `32'sd5`) are not identifiers.
fn rename(line: &str, names: &[String]) -> String {
    let mut out = String::with_capacity(line.len() + 16);
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c == '\'' {
            let literal = rest[1..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .map_or(rest.len(), |k| k + 1);
            out.push_str(&rest[..literal]);
            rest = &rest[literal..];
            continue;
        }
        let (ident, after) = split_identifier(rest);
        if !ident.is_empty() {
            out.push_str(ident);
            if names.iter().any(|n| n == ident) {
                out.push_str(WORK);
            }
            rest = after;
            continue;
        }
        // A number's digits and letters stay together (`32'h1` is handled above).
        let skip = if c.is_ascii_digit() {
            rest.find(|c: char| !is_identifier_char(c))
                .unwrap_or(rest.len())
        } else {
            c.len_utf8()
        };
        out.push_str(&rest[..skip]);
        rest = &rest[skip..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const BLOCK: &str = "module m(valid,take,z);
    input wire  valid;
    output reg  take;
    output reg  [7:0] z;
    reg signed [3:0] t$x;
    reg  local;
    reg  f$d;
    t t(
        .x(t$x)
    );
    f f(
        .d(f$d)
    );
    always @(*) begin
        local = valid;
        f$d = 1'b0;
        f$d = valid;
        take = 1'b0;
        t$x = 4'sd3;
        if (valid) begin
            take = 1'b1;
        end
        z = 8'h0;
        z[3] = take == t$x[0];
    end
endmodule // m
module t(x);
    input wire  [3:0] x;
    assign y = x;
endmodule // t
module f(d);
    input wire  d;
endmodule // f
";

    #[test]
    fn each_output_and_instance_input_is_assigned_once_at_the_end_from_its_working_copy() {
        assert_eq!(
            settle_combinational(BLOCK),
            "module m(valid,take,z);
    input wire  valid;
    output reg  take;
    reg  take$work;
    output reg  [7:0] z;
    reg  [7:0] z$work;
    reg signed [3:0] t$x;
    reg signed [3:0] t$x$work;
    reg  local;
    reg  f$d;
    t t(
        .x(t$x)
    );
    f f(
        .d(f$d)
    );
    always @(*) begin
        local = valid;
        f$d = 1'b0;
        f$d = valid;
        take$work = 1'b0;
        t$x$work = 4'sd3;
        if (valid) begin
            take$work = 1'b1;
        end
        z$work = 8'h0;
        z$work[3] = take$work == t$x$work[0];
        take = take$work;
        t$x = t$x$work;
        z = z$work;
    end
endmodule // m
module t(x);
    input wire  [3:0] x;
    assign y = x;
endmodule // t
module f(d);
    input wire  d;
endmodule // f
"
        );
    }

    #[test]
    fn literals_and_longer_names_are_not_renamed() {
        let names = vec!["h1".to_string(), "x".to_string()];
        assert_eq!(
            rename("x = 32'h1 + x$q + h1 + 8'sd2 + 2x;", &names),
            "x$work = 32'h1 + x$q + h1$work + 8'sd2 + 2x;"
        );
    }
}
