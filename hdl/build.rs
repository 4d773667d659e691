//! Writes the RTL's capacities as Rust consts (`$OUT_DIR/capacities.rs`, included by
//! `src/params.rs`): rust_hdl widths are const generics, so a chip of other capacities is this
//! crate compiled again. They are golden's `Capacities` of the default config, or the JSON of
//! `SPOON_RTL_CAPACITIES`, which the generator (`src/generator.rs`) sets to build the emitter
//! of a config whose capacities differ.

use golden::config::Config;
use golden::cycle::Capacities;
use std::fmt::Write;

fn main() {
    println!("cargo:rerun-if-env-changed=SPOON_RTL_CAPACITIES");
    println!("cargo:rerun-if-changed=build.rs");
    let caps = match std::env::var("SPOON_RTL_CAPACITIES") {
        Ok(json) => Capacities::from_json(&json)
            .unwrap_or_else(|e| panic!("SPOON_RTL_CAPACITIES is not golden Capacities: {e}")),
        Err(_) => Capacities::of(&Config::default()),
    };
    let fields = [
        ("CONV_LANES", caps.conv_lanes),
        ("FC_LANES", caps.fc_lanes),
        ("KERNEL_BITS", caps.kernel_bits),
        ("MEMBRANE_BITS", caps.membrane_bits),
        ("COUNT_BITS", caps.count_bits),
        ("FC_WEIGHT_BITS", caps.fc_weight_bits),
        ("INPUT_BITS", caps.input_bits),
        ("ACC_BITS", caps.acc_bits),
        ("KERNEL_ADDR_BITS", caps.kernel_addr_bits),
        ("MEMBRANE_ADDR_BITS", caps.membrane_addr_bits),
        ("HIDDEN_ADDR_BITS", caps.hidden_addr_bits),
        ("OUTPUT_ADDR_BITS", caps.output_addr_bits),
        ("ACC_ADDR_BITS", caps.acc_addr_bits),
        ("FIFO_ADDR_BITS", caps.fifo_addr_bits),
        ("CFG_ADDRESS_BITS", caps.cfg_address_bits),
        ("HIDDEN_LAYERS", caps.hidden_layers),
    ];
    let mut code = String::new();
    for (name, value) in fields {
        writeln!(code, "pub const {name}: usize = {value};").unwrap();
    }
    code.push_str("/// The capacities above as golden's struct.\n");
    code.push_str("pub const COMPILED: golden::cycle::Capacities = golden::cycle::Capacities {\n");
    for (name, _) in fields {
        writeln!(code, "    {}: {name},", name.to_lowercase()).unwrap();
    }
    code.push_str("};\n");
    let out = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("capacities.rs");
    std::fs::write(&out, code).unwrap();
}
