//! Clocks wired to the sub-modules, not copied through combinational blocks.
//!
//! rust_hdl gives every sub-module's clock a stub register that the parent's `always @(*)`
//! block copies: `reg state$clock; … always @(*) begin state$clock = clock; …`. That makes every
//! combinational block read the clock: Verilator re-evaluates all of them on both clock edges
//! (and, as the clock is a top-level input, in its input region of every evaluation), and an
//! event-driven simulator delivers each edge to a flip-flop one delta later than to the block's
//! own logic. [`direct_clocks`] connects the sub-module to the module's `clock` port instead
//! (`.clock(clock)`) and drops the stub and its copy: the same flip-flops on the same edge, and
//! combinational logic that reads only data.

/// Rewrites each module whose block copies its `clock` input to stubs `NAME$clock` (and uses
/// them only in instance connections) to connect `clock` directly.
pub fn direct_clocks(verilog: &str) -> String {
    let mut out = String::with_capacity(verilog.len());
    let mut module: Vec<&str> = vec![];
    for line in verilog.lines() {
        module.push(line);
        if line.starts_with("endmodule") {
            rewrite_module(&module, &mut out);
            module.clear();
        }
    }
    rewrite_module(&module, &mut out);
    if !verilog.ends_with('\n') {
        out.pop();
    }
    out
}

fn rewrite_module(module: &[&str], out: &mut String) {
    let has_clock = module.iter().any(|l| l.trim() == "input wire  clock;");
    let stubs: Vec<&str> = module
        .iter()
        .filter_map(|l| l.strip_prefix("        ")?.strip_suffix(" = clock;"))
        .filter(|name| name.ends_with("$clock") && has_clock)
        .filter(|name| {
            // Only a declaration, the copy and instance connections may use the stub.
            let connection = format!("({name})");
            module.iter().all(|l| {
                let t = l.trim().trim_end_matches(',');
                !super::settle::mentions(l, name)
                    || t == format!("reg  {name};")
                    || t == format!("{name} = clock;")
                    || (t.starts_with('.') && t.ends_with(&connection))
            })
        })
        .collect();
    for line in module {
        let t = line.trim();
        let dropped = stubs
            .iter()
            .any(|s| t == format!("reg  {s};") || t == format!("{s} = clock;"));
        if dropped {
            continue;
        }
        let mut line = line.to_string();
        if t.starts_with('.') {
            for s in &stubs {
                line = line.replace(&format!("({s})"), "(clock)");
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
    fn sub_module_clocks_are_wired_not_copied() {
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
            direct_clocks(v),
            "module m(clock,d);
    input wire  clock;
    input wire  d;
    reg  r$d;
    dff r(
        .d(r$d),
        .clock(clock)
    );
    always @(*) begin
        r$d = d;
    end
endmodule // m
"
        );
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
        assert_eq!(direct_clocks(v), v);
    }
}
