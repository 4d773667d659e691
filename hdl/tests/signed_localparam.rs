//! rust_hdl writes `localparam signed c = 8'hfb;` (no range): Verilator and Icarus read it as
//! −5, Yosys 0.23 as 251. After `hdl::verilog::fix_localparams` all three agree that
//! `3 < −5` is false. The raw text is checked too, to show the pitfall is real.

mod common;

use rust_hdl::prelude::*;

/// `lt = a < c` with `a`, `c` signed 8-bit and `c = −5`.
#[derive(LogicBlock)]
struct SignedCompare {
    pub a: Signal<In, Signed<8>>,
    pub lt: Signal<Out, Bit>,
    c: Constant<Signed<8>>,
}

impl Logic for SignedCompare {
    #[hdl_gen]
    fn update(&mut self) {
        self.lt.next = self.a.val() < self.c.val();
    }
}

fn block() -> SignedCompare {
    SignedCompare {
        a: Default::default(),
        lt: Default::default(),
        c: Constant::new((-5).into()),
    }
}

/// `lt` for `a = 3` as Yosys evaluates the module.
fn yosys_lt(dir: &std::path::Path, file: &str) -> String {
    let script = format!("read_verilog {file}; hierarchy -top cmp; proc; eval -set a 3 -show lt");
    let out = common::text(&common::run(dir, "yosys", &["-p", &script]));
    let line = out
        .lines()
        .find(|l| l.starts_with("Eval result: \\lt"))
        .expect("eval prints lt");
    line.split('=')
        .next_back()
        .unwrap()
        .trim()
        .trim_end_matches('.')
        .to_string()
}

/// `lt` for `a = 3` as Icarus simulates the module.
fn iverilog_lt(dir: &std::path::Path, file: &str) -> String {
    std::fs::write(
        dir.join("tb.v"),
        "module tb; reg signed [7:0] a = 8'sd3; wire lt; cmp u(.a(a), .lt(lt));\n\
         initial begin #1 $display(\"lt=%b\", lt); end endmodule\n",
    )
    .unwrap();
    common::run(dir, "iverilog", &["-g2005", "-o", "sim", file, "tb.v"]);
    let out = common::text(&common::run(dir, "vvp", &["-n", "sim"]));
    out.trim().trim_start_matches("lt=").to_string()
}

#[test]
fn signed_constants_mean_the_same_in_icarus_and_yosys() {
    let dir = tempfile::tempdir().unwrap();
    let fixed = hdl::verilog::block_verilog(&mut block(), "cmp");
    assert!(
        fixed.contains("localparam signed [7:0] c = 8'hfb;"),
        "{fixed}"
    );
    std::fs::write(dir.path().join("fixed.v"), &fixed).unwrap();
    assert_eq!(iverilog_lt(dir.path(), "fixed.v"), "0");
    assert_eq!(yosys_lt(dir.path(), "fixed.v"), "1'0");

    // The raw rust_hdl text: Icarus still says 0, Yosys says 1 (the pitfall).
    let mut b = block();
    b.connect_all();
    let raw = hdl::verilog::rename_top(&generate_verilog(&b), "cmp");
    assert!(raw.contains("localparam signed c = 8'hfb;"), "{raw}");
    std::fs::write(dir.path().join("raw.v"), &raw).unwrap();
    assert_eq!(iverilog_lt(dir.path(), "raw.v"), "0");
    assert_eq!(yosys_lt(dir.path(), "raw.v"), "1'1");
}
