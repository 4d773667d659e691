//! Module inputs wired to the sub-modules, not copied through combinational blocks.
//!
//! rust_hdl connects a sub-module's input to a stub register that the parent's `always @(*)`
//! block assigns: `reg state$clock; … always @(*) begin state$clock = clock; …`. Where the
//! assignment is an unconditional copy of one of the module's own inputs — every sub-module
//! clock, and the top's pin registers (`pin_reset$d = reset;`, hdl `chip.rs`) — the block reads
//! that input only to pass it on, yet to a simulator the whole block now depends on it: Verilator
//! re-evaluates it on every change of the input (for the clock: both edges; for a top-level
//! input: in the input region of every evaluation), and an event-driven simulator delivers each
//! clock edge to a flip-flop one delta later than to the block's own logic. [`direct_inputs`]
//! connects the sub-module port to the input instead (`.clock(clock)`, `.d(reset)`) and drops
//! the stub and its copy: the same logic, and blocks that read only what they compute with.

use super::syntax::{declaration, modules};

/// Rewrites each stub that a module's block sets, unconditionally and only there, to one of
/// the module's input ports, and that is used nowhere but in sub-module connections, into a
/// direct connection of that input.
pub fn direct_inputs(verilog: &str) -> String {
    let mut out = String::with_capacity(verilog.len());
    let lines: Vec<&str> = verilog.lines().collect();
    for module in modules(&lines) {
        rewrite_module(module, &mut out);
    }
    if !verilog.ends_with('\n') {
        out.pop();
    }
    out
}

fn rewrite_module(module: &[&str], out: &mut String) {
    // (name, range) of the input ports and of the module's own registers.
    let declared = |direction: &str, kind: &str| -> Vec<(&str, &str)> {
        module
            .iter()
            .filter_map(|l| declaration(l))
            .filter(|d| d.direction == direction && d.kind == kind)
            .map(|d| (d.name, d.typ))
            .collect()
    };
    let (inputs, regs) = (declared("input", "wire"), declared("", "reg"));
    let is_reg = |l: &str, stub: &str| {
        declaration(l).is_some_and(|d| d.kind == "reg" && d.direction.is_empty() && d.name == stub)
    };
    // (stub, input): `        stub = input;` at the top level of the block (8 spaces), the
    // stub a `reg` of the input's range, so that the connection means the same.
    let copies: Vec<(&str, &str)> = module
        .iter()
        .filter_map(|l| {
            let body = l.strip_prefix("        ")?.strip_suffix(';')?;
            let (stub, input) = body.split_once(" = ")?;
            let (_, range) = inputs.iter().find(|(n, _)| *n == input)?;
            regs.iter()
                .any(|(n, r)| *n == stub && r == range)
                .then_some((stub, input))
        })
        .filter(|(stub, input)| {
            // Only the declaration, this one copy and instance connections may use the stub.
            let connection = format!("({stub})");
            let copy = format!("        {stub} = {input};");
            let copies = module.iter().filter(|l| **l == copy).count();
            copies == 1
                && module.iter().all(|l| {
                    let t = l.trim().trim_end_matches(',');
                    !super::settle::mentions(l, stub)
                        || is_reg(l, stub)
                        || *l == copy
                        || (t.starts_with('.') && t.ends_with(&connection))
                })
        })
        .collect();
    for line in module {
        let t = line.trim();
        let dropped = copies.iter().any(|(stub, input)| {
            *line == format!("        {stub} = {input};") || is_reg(line, stub)
        });
        if dropped {
            continue;
        }
        let mut line = line.to_string();
        if t.starts_with('.') {
            for (stub, input) in &copies {
                line = line.replace(&format!("({stub})"), &format!("({input})"));
            }
        }
        out.push_str(&line);
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_of_inputs_into_sub_modules_become_connections() {
        let v = "module m(clock,d);
    input wire  clock;
    input wire  d;
    reg  r$clock;
    reg  r$d;
    dff r(
        .d(r$d),
        .clock(r$clock)
    );
    always @(*) begin
        r$clock = clock;
        r$d = d;
    end
endmodule // m
";
        assert_eq!(
            direct_inputs(v),
            "module m(clock,d);
    input wire  clock;
    input wire  d;
    dff r(
        .d(d),
        .clock(clock)
    );
    always @(*) begin
    end
endmodule // m
"
        );
    }

    #[test]
    fn a_pin_register_takes_the_input_directly_unless_the_widths_differ() {
        let v = "module m(clock,a,b);
    input wire  clock;
    input wire  [7:0] a;
    input wire  [7:0] b;
    reg  [7:0] p$d;
    reg  [3:0] q$d;
    dff p(
        .d(p$d)
    );
    dff q(
        .d(q$d)
    );
    always @(*) begin
        p$d = a;
        q$d = b;
        if (a[0]) begin
            p$d = a;
        end
    end
endmodule // m
";
        // p's copy is also assigned under a condition: kept; q's stub is narrower: kept.
        assert_eq!(direct_inputs(v), v);
        let v = v.replace(
            "        if (a[0]) begin\n            p$d = a;\n        end\n",
            "",
        );
        let out = direct_inputs(&v);
        assert!(out.contains(".d(a)") && !out.contains("p$d"), "{out}");
        assert!(out.contains("q$d = b;"), "{out}");
    }

    #[test]
    fn a_stub_read_by_logic_is_kept() {
        let v = "module m(clock);
    input wire  clock;
    reg  r$clock;
    dff r(
        .clock(r$clock)
    );
    always @(*) begin
        r$clock = clock;
        x = r$clock;
    end
endmodule // m
";
        assert_eq!(direct_inputs(v), v);
    }
}
