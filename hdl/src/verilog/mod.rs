//! Turns rust_hdl's Verilog into Verilog that means the same in Verilator, Icarus and Yosys.
//!
//! rust_hdl 0.46 declares a constant as `localparam signed NAME = W'hXX;`, without a bit range.
//! Verilator and Icarus read that as a signed `W`-bit value; Yosys 0.23 reads it as unsigned, so
//! a signed compare against a negative constant synthesises wrongly. [`fix_localparams`] gives
//! every localparam its range (`localparam signed [W-1:0] NAME = W'hXX;`), which all three read
//! alike (test `tests/signed_localparam.rs`). [`rename_top`] names the top module.
//! [`wires::direct_inputs`] wires sub-module clocks instead of copying them through logic.
//! [`scalars::range_selected_scalars`] gives bit-selected one-bit signals a range.
//! [`settle::settle_combinational`] keeps Icarus out of zero-delay loops (see there).

pub mod scalars;
pub mod settle;
pub(crate) mod syntax;
pub mod wires;

use rust_hdl::prelude::*;

/// Gives every `localparam` rust_hdl wrote without a range the range of its literal.
pub fn fix_localparams(verilog: &str) -> String {
    verilog
        .lines()
        .map(|line| fix_line(line).unwrap_or_else(|| line.to_string()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn fix_line(line: &str) -> Option<String> {
    let indent = &line[..line.len() - line.trim_start().len()];
    let rest = line.trim_start().strip_prefix("localparam")?;
    let (signed, rest) = match rest.trim_start().strip_prefix("signed") {
        Some(r) => ("signed ", r),
        None => ("", rest),
    };
    let (name, value) = rest.trim().split_once(" = ")?;
    if name.starts_with('[') {
        return None;
    }
    let (width, _) = value.split_once('\'')?;
    let width: usize = width.trim().parse().ok()?;
    Some(format!(
        "{indent}localparam {signed}[{}:0] {name} = {value}",
        width - 1
    ))
}

/// Replaces each whole-word `name` by its `value`: rust_hdl writes a Rust `const` used in a
/// kernel expression (e.g. a lane offset `i * NEURON_BITS`) by its name, which no Verilog
/// module declares.
pub fn substitute_consts(verilog: &str, consts: &[(&str, usize)]) -> String {
    let mut out = String::with_capacity(verilog.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        match consts.iter().find(|(n, _)| *n == word.as_str()) {
            Some((_, v)) => out.push_str(&v.to_string()),
            None => out.push_str(word),
        }
        word.clear();
    };
    for ch in verilog.chars() {
        if ch.is_ascii_alphanumeric() || ch == '_' || ch == '$' {
            word.push(ch);
        } else {
            flush(&mut word, &mut out);
            out.push(ch);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// The crate constants that kernels use in expressions, with their values.
pub fn crate_consts() -> Vec<(&'static str, usize)> {
    use crate::params::*;
    vec![
        ("AER_BITS", crate::event::AER_BITS),
        ("CFG_ADDRESS_BITS", CFG_ADDRESS_BITS),
        ("CFG_DATA_BITS", CFG_DATA_BITS),
        ("CONV_LANES", CONV_LANES),
        ("COUNT_BITS", COUNT_BITS),
        ("FC_LANES", FC_LANES),
        ("FC_LANES_LOG2", FC_LANES_LOG2 as usize),
        ("LAST_LANE", LAST_LANE as usize),
        ("LANE_BITS", LANE_BITS),
        ("KERNEL_BITS", KERNEL_BITS),
        ("MEMBRANE_BITS", MEMBRANE_BITS),
        ("NEURON_BITS", NEURON_BITS),
        ("ACC_BITS", ACC_BITS),
        ("INPUT_BITS", INPUT_BITS),
        ("FC_WEIGHT_BITS", FC_WEIGHT_BITS),
        ("FC_WORD", FC_WORD),
        ("INPUT_WORD", INPUT_WORD),
        ("ACC_WORD", ACC_WORD),
        ("ERROR_BITS", crate::output_layer::ERROR_BITS),
        ("MODULATION_BITS", crate::activation::MODULATION_BITS),
        ("HIDDEN_ADDR_BITS", HIDDEN_ADDR_BITS),
        ("OUTPUT_ADDR_BITS", OUTPUT_ADDR_BITS),
        ("ACC_ADDR_BITS", ACC_ADDR_BITS),
        ("MEMBRANE_ADDR_BITS", MEMBRANE_ADDR_BITS),
        ("KERNEL_ADDR_BITS", KERNEL_ADDR_BITS),
        ("AXIS_KERNEL_AT", crate::conv::AXIS_KERNEL_AT),
        ("AXIS_MEMBRANE_AT", crate::conv::AXIS_MEMBRANE_AT),
        ("ROUND_BITS", crate::learning_unit::ROUND_BITS),
        ("DELTA_BITS", crate::learning_unit::DELTA_BITS),
        ("MEM_HIDDEN", crate::fc::MEM_HIDDEN as usize),
        ("MEM_OUTPUT", crate::fc::MEM_OUTPUT as usize),
        ("MEM_SCORES", crate::fc::MEM_SCORES as usize),
        ("TOP_BYTE_AT", crate::host_link::TOP_BYTE_AT),
        ("REPLY_AT", crate::host_link::REPLY_AT as usize),
        ("BUSY_AT", crate::host_link::BUSY_AT as usize),
        ("ERROR_AT", crate::host_link::ERROR_AT as usize),
    ]
}

/// Drops the `localparam`s a module never uses (rust_hdl declares every enum value in every
/// module that holds a value of the enum, e.g. a state register's DFF): Verilator UNUSEDPARAM.
pub fn drop_unused_localparams(verilog: &str) -> String {
    let lines: Vec<&str> = verilog.lines().collect();
    let mut out = vec![];
    for module in syntax::modules(&lines) {
        if !module.last().is_some_and(|l| l.starts_with("endmodule")) {
            out.extend(module);
            continue;
        }
        let body = module.join("\n");
        for l in module {
            let name = l
                .trim_start()
                .strip_prefix("localparam")
                .and_then(|r| r.split(" = ").next())
                .and_then(|d| d.split_whitespace().last());
            // Whole-word occurrences, the declaration included: each shortens the text by
            // `len − 1` when replaced by `0`.
            let used = match name {
                None => true,
                Some(n) => {
                    n.len() < 2
                        || substitute_consts(&body, &[(n, 0)]).len() + n.len() - 1 < body.len()
                }
            };
            if used {
                out.push(*l);
            }
        }
    }
    out.join("\n")
}

/// Renames rust_hdl's top module `top` (and the `top$…` modules under it) to `name`.
pub fn rename_top(verilog: &str, name: &str) -> String {
    verilog
        .replace("module top(", &format!("module {name}("))
        .replace("endmodule // top\n", &format!("endmodule // {name}\n"))
        .split("top$")
        .enumerate()
        .fold(String::new(), |mut acc, (i, piece)| {
            if i > 0 {
                let ident =
                    acc.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$');
                acc.push_str(if ident { "top$" } else { name });
                if !ident {
                    acc.push('$');
                }
            }
            acc.push_str(piece);
            acc
        })
}

/// The Verilog of `block` as module `name`: rust_hdl's text, localparams fixed, trailing
/// blanks removed, one newline at the end. Deterministic: the same block gives the same bytes.
pub fn block_verilog<B: Block>(block: &mut B, name: &str) -> String {
    block.connect_all();
    let raw = generate_verilog(block);
    let fixed = rename_top(
        &settle::settle_combinational(&wires::direct_inputs(&scalars::range_selected_scalars(
            &drop_unused_localparams(&substitute_consts(&fix_localparams(&raw), &crate_consts())),
        ))),
        name,
    );
    let mut out: String = fixed
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_module_names_are_renamed() {
        let v = "module top(a);\ntop$ram ram(.x(desktop$x));\nendmodule // top\n";
        assert_eq!(
            rename_top(v, "spoon"),
            "module spoon(a);\nspoon$ram ram(.x(desktop$x));\nendmodule // spoon\n"
        );
    }

    #[test]
    fn rust_consts_become_their_values() {
        let v = "x[(3 * NEURON_BITS)+:(12)] = NEURON_BITSX;";
        assert_eq!(
            substitute_consts(v, &[("NEURON_BITS", 14)]),
            "x[(3 * 14)+:(12)] = NEURON_BITSX;"
        );
    }

    #[test]
    fn localparams_get_their_range() {
        let v = "    localparam signed c = 8'hfb;\n    localparam  u = 8'hc8;\n    reg x;";
        assert_eq!(
            fix_localparams(v),
            "    localparam signed [7:0] c = 8'hfb;\n    localparam [7:0] u = 8'hc8;\n    reg x;"
        );
    }
}
