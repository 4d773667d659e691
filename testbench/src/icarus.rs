//! A second opinion on the emitted Verilog from other tools than Verilator: a stimulus recorded
//! from golden's cycle model (`CycleChip` driven by `Host`) is replayed cycle by cycle by a
//! generated Verilog bench under Icarus (`iverilog -g2005`, `vvp`), on the RTL itself or on a
//! Yosys gate netlist of it (generic gates, see [`synthesise`], with Yosys' simulation models), and every output
//! port after every edge is compared with golden's. `docs/SIM.md` § "Icarus and gate-level
//! checks".

use golden::chip::Chip;
use golden::config::Config;
use golden::cycle::config_port::*;
use golden::cycle::host::{aer_words, Host};
use golden::cycle::{compare_trace, CycleChip, PortsIn, PortsOut};
use golden::event::Event;
use golden::kernel::fill_uniform;
use golden::lfsr::Lfsr;
use hdl::emit::Port;
use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One clock cycle per entry: the inputs and golden's outputs after the edge.
#[derive(Debug, Clone, Default)]
pub struct Stimulus {
    pub inputs: Vec<PortsIn>,
    pub expected: Vec<PortsOut>,
}

/// Records `drive` on golden's cycle model from power-up; the first cycle is `Host::new`'s
/// reset cycle.
pub fn record<F>(config: &Config, drive: F) -> Stimulus
where
    F: FnOnce(&mut Host<Box<dyn FnMut(&PortsIn) -> PortsOut>>),
{
    let mut chip = CycleChip::power_up(config);
    let device: Box<dyn FnMut(&PortsIn) -> PortsOut> = Box::new(move |i| {
        let mut o = chip.step(i);
        o.taps = None;
        o
    });
    let mut host = Host::new(device);
    drive(&mut host);
    let (inputs, expected) = host.trace.into_iter().unzip();
    Stimulus { inputs, expected }
}

/// What is simulated: the emitted RTL, or Yosys' generic gate netlist of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Rtl,
    Gates,
}

#[derive(Debug, thiserror::Error)]
pub enum IcarusError {
    #[error("emitting the RTL: {0}")]
    Emit(#[from] hdl::EmitError),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot run {program} (scripts/setup.sh installs it): {source}")]
    Spawn {
        program: String,
        source: std::io::Error,
    },
    #[error("{program} failed:\n{output}")]
    Tool { program: String, output: String },
    #[error("{program} still running after {seconds} s (killed)")]
    Timeout { program: String, seconds: u64 },
    #[error("outputs.txt line {line}: {message}")]
    Parse { line: usize, message: String },
    #[error("{level:?} gave {actual} cycles of outputs, golden {expected}")]
    Length {
        level: Level,
        expected: usize,
        actual: usize,
    },
    #[error("{level:?} and golden differ at cycle {cycle}: {signal} expected {expected} (golden), got {actual}")]
    Mismatch {
        level: Level,
        cycle: usize,
        signal: &'static str,
        expected: String,
        actual: String,
    },
}

/// What a replay compared (all equal).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Replay {
    pub cycles: usize,
    /// Wall time of the tools (Yosys, iverilog, vvp).
    pub tool_seconds: f64,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> IcarusError + '_ {
    move |source| IcarusError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Runs `program args…` in `dir`, killed after `limit` (a zero-delay loop in the simulated
/// design never lets simulation time advance, so only wall time can stop it).
fn run(dir: &Path, program: &str, args: &[&str], limit: Duration) -> Result<(), IcarusError> {
    let spawn = |source| IcarusError::Spawn {
        program: program.into(),
        source,
    };
    let mut child = Command::new(program)
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(spawn)?;
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(spawn)? {
            break Some(status);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut stderr);
    }
    match status {
        Some(s) if s.success() => Ok(()),
        Some(_) => Err(IcarusError::Tool {
            program: format!("{program} {args:?}"),
            output: stderr,
        }),
        None => Err(IcarusError::Timeout {
            program: format!("{program} {args:?}"),
            seconds: limit.as_secs(),
        }),
    }
}

/// The RTL with every memory word set to 0 at time 0: Verilator's `randReset(0)` and golden's
/// `CycleChip::power_up` (rust_hdl initialises the registers but not the memories, which Icarus
/// would start at x).
fn zero_memories(verilog: &str) -> String {
    let mut out = String::with_capacity(verilog.len() + 4096);
    for line in verilog.lines() {
        out += line;
        out.push('\n');
        let t = line.trim();
        let Some(rest) = t.strip_prefix("reg [").and_then(|r| r.strip_suffix("];")) else {
            continue;
        };
        let Some((high, words)) = rest.split_once(":0] mem [0:") else {
            continue;
        };
        let (Ok(high), Ok(last)) = (high.parse::<usize>(), words.parse::<usize>()) else {
            continue;
        };
        writeln!(
            out,
            "    integer mem_word;\n    initial for (mem_word = 0; mem_word <= {last}; \
             mem_word = mem_word + 1) mem[mem_word] = {}'d0;",
            high + 1
        )
        .unwrap();
    }
    out
}

/// The value of an input port in a cycle, by its manifest name.
fn input_value(i: &PortsIn, name: &str) -> u128 {
    match name {
        "reset" => i.reset.into(),
        "in_valid" => i.in_valid.into(),
        "in_data" => i.in_data.into(),
        "cfg_valid" => i.cfg_valid.into(),
        "cfg_write" => i.cfg_write.into(),
        "cfg_word" => i.cfg_word.into(),
        "cfg_select" => i.cfg_select.into(),
        "cfg_address" => i.cfg_address.into(),
        "cfg_wdata" => i.cfg_wdata,
        other => panic!("input port {other} is not in PortsIn"),
    }
}

/// The inputs but the clock, in manifest order (the first is the most significant field).
fn data_inputs(ports: &[Port]) -> Vec<&Port> {
    ports
        .iter()
        .filter(|p| p.direction == "in" && p.name != "clock")
        .collect()
}

/// One hex line per cycle: the data inputs concatenated, manifest order, as `$readmemh` reads
/// them into a `reg [W-1:0]` word.
fn stimulus_hex(ports: &[Port], inputs: &[PortsIn]) -> String {
    let fields = data_inputs(ports);
    let width: usize = fields.iter().map(|p| p.width).sum();
    let mut text = String::with_capacity(inputs.len() * (width / 4 + 2));
    // The word's bits, most significant first, padded to whole hex digits.
    let pad = width.div_ceil(4) * 4 - width;
    let mut bits = Vec::with_capacity(width + pad);
    for i in inputs {
        bits.clear();
        bits.resize(pad, false);
        for p in &fields {
            let v = input_value(i, &p.name);
            bits.extend((0..p.width).rev().map(|b| b < 128 && v >> b & 1 == 1));
        }
        for digit in bits.chunks(4) {
            let d = digit.iter().fold(0, |d, &b| d << 1 | u32::from(b));
            text.push(char::from_digit(d, 16).expect("a hex digit"));
        }
        text.push('\n');
    }
    text
}

/// The bench: applies line `c` of `stimulus.hex` in cycle `c` (clock low), raises the clock,
/// and one ns after the edge writes every output port (hex, manifest order) to `outputs.txt`.
fn bench(ports: &[Port], cycles: usize) -> String {
    let fields = data_inputs(ports);
    let width: usize = fields.iter().map(|p| p.width).sum();
    let outputs: Vec<&Port> = ports.iter().filter(|p| p.direction == "out").collect();
    let decl = |kind: &str, p: &Port| match p.width {
        1 => format!("  {kind} {};\n", p.name),
        w => format!("  {kind} [{}:0] {};\n", w - 1, p.name),
    };
    let mut v = String::from("`timescale 1ns/1ns\nmodule spoon_bench;\n  reg clock = 1'b0;\n");
    for p in &fields {
        v += &decl("reg", p);
    }
    for p in &outputs {
        v += &decl("wire", p);
    }
    let connections: Vec<String> = ports.iter().map(|p| format!(".{0}({0})", p.name)).collect();
    let names = |ps: &[&Port]| {
        ps.iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let formats = vec!["%h"; outputs.len()].join(" ");
    write!(
        v,
        "  reg [{w}:0] stimulus [0:{last}];\n  integer cycle, out;\n  \
         spoon dut({conn});\n  initial begin\n    \
         $readmemh(\"stimulus.hex\", stimulus);\n    out = $fopen(\"outputs.txt\", \"w\");\n    \
         for (cycle = 0; cycle < {cycles}; cycle = cycle + 1) begin\n      \
         {{{inputs}}} = stimulus[cycle];\n      #5 clock = 1'b1;\n      \
         #1 $fwrite(out, \"{formats}\\n\", {outs});\n      #4 clock = 1'b0;\n    end\n    \
         $fclose(out);\n    $finish;\n  end\nendmodule\n",
        w = width - 1,
        last = cycles.max(1) - 1,
        conn = connections.join(", "),
        inputs = names(&fields),
        outs = names(&outputs),
    )
    .unwrap();
    v
}

fn parse_outputs(ports: &[Port], text: &str) -> Result<Vec<PortsOut>, IcarusError> {
    let names: Vec<&str> = ports
        .iter()
        .filter(|p| p.direction == "out")
        .map(|p| p.name.as_str())
        .collect();
    let mut trace = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let err = |message: String| IcarusError::Parse {
            line: n + 1,
            message,
        };
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.len() != names.len() {
            return Err(err(format!(
                "{} fields, expected {}",
                fields.len(),
                names.len()
            )));
        }
        let mut o = PortsOut::default();
        for (name, f) in names.iter().zip(fields) {
            // An unknown (x) or floating (z) bit is a mismatch in its own right.
            let v = u128::from_str_radix(f, 16).map_err(|_| err(format!("{name} = {f}")))?;
            match *name {
                "in_ready" => o.in_ready = v != 0,
                "cfg_ready" => o.cfg_ready = v != 0,
                "cfg_rdata" => o.cfg_rdata = v,
                "cfg_rvalid" => o.cfg_rvalid = v != 0,
                "out_valid" => o.out_valid = v != 0,
                "out_class" => o.out_class = v as u8,
                "busy" => o.busy = v != 0,
                other => return Err(err(format!("output port {other} is not in PortsOut"))),
            }
        }
        trace.push(o);
    }
    Ok(trace)
}

/// Yosys' generic synthesis of `spoon.v` into `net.v`: the design flattened, its logic through
/// Yosys' coarse optimisations (`synth -run begin:fine`: `proc`, `opt`, `wreduce`, `alumacc`,
/// `share`, `memory -nomap`), mapped to generic gates (`techmap`, `abc`) and flip-flops; the
/// memories stay Yosys `$mem` blocks (written as Verilog arrays). Mapping them to flip-flops too
/// (plain `synth`) makes a netlist 6× larger and the check 6× slower, and tells nothing more: on
/// the FPGA they are block RAMs.
fn synthesise(dir: &Path) -> Result<(), IcarusError> {
    run(
        dir,
        "yosys",
        &[
            "-q",
            "-p",
            "read_verilog spoon_init.v; synth -top spoon -flatten -run begin:fine; \
             techmap; opt -fast; abc; opt_clean; write_verilog -noattr net.v",
        ],
        Duration::from_secs(600),
    )
}

/// Yosys' simulation models of its internal cells (`yosys-config --datdir`).
fn yosys_models() -> Vec<String> {
    let datdir = Command::new("yosys-config")
        .arg("--datdir")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "/usr/share/yosys".into());
    ["simcells.v", "simlib.v"]
        .iter()
        .map(|f| format!("{datdir}/{f}"))
        .collect()
}

/// Emits `config`'s RTL into `dir`, replays `stimulus` at `level` under Icarus and compares
/// every output port of every cycle with golden's; the first difference is the error. `vvp` is
/// killed after `limit`.
pub fn replay(
    config: &Config,
    stimulus: &Stimulus,
    level: Level,
    dir: &Path,
    limit: Duration,
) -> Result<Replay, IcarusError> {
    let manifest = hdl::emit(config, dir)?;
    let rtl = dir.join(&manifest.verilog);
    let text = std::fs::read_to_string(&rtl).map_err(io(&rtl))?;
    let write = |name: &str, text: String| {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(io(&path))
    };
    write(
        "stimulus.hex",
        stimulus_hex(&manifest.ports, &stimulus.inputs),
    )?;
    write("bench.v", bench(&manifest.ports, stimulus.inputs.len()))?;
    write("spoon_init.v", zero_memories(&text))?;
    let start = Instant::now();
    let mut sources = vec!["bench.v".to_string()];
    match level {
        Level::Rtl => sources.push("spoon_init.v".into()),
        Level::Gates => {
            synthesise(dir)?;
            sources.push("net.v".into());
            sources.extend(yosys_models());
        }
    }
    let mut args = vec!["-g2005", "-s", "spoon_bench", "-o", "bench.vvp"];
    args.extend(sources.iter().map(String::as_str));
    run(dir, "iverilog", &args, Duration::from_secs(600))?;
    run(dir, "vvp", &["-n", "bench.vvp"], limit)?;
    let tool_seconds = start.elapsed().as_secs_f64();
    let path = dir.join("outputs.txt");
    let outputs = std::fs::read_to_string(&path).map_err(io(&path))?;
    let actual = parse_outputs(&manifest.ports, &outputs)?;
    if actual.len() != stimulus.expected.len() {
        return Err(IcarusError::Length {
            level,
            expected: stimulus.expected.len(),
            actual: actual.len(),
        });
    }
    compare_trace(&stimulus.expected, &actual).map_err(|m| IcarusError::Mismatch {
        level,
        cycle: m.cycle,
        signal: m.signal,
        expected: m.expected,
        actual: m.actual,
    })?;
    Ok(Replay {
        cycles: actual.len(),
        tool_seconds,
    })
}

/// A short stimulus for the tiny config: every memory programmed through the configuration
/// port (a random chip, seed `seed`, `load_chip`), `samples` samples of events learned with
/// labels `0, 1, …` (one outside the field), then the scores, the rounding LFSR, the ignored
/// counter, the first and last kernel and weight words and four membranes read back.
pub fn short_stimulus(config: &Config, seed: u32, samples: usize) -> Stimulus {
    let mut chip = Chip::new(config);
    let mut lfsr = Lfsr::new(seed | 1);
    fill_uniform(chip.kernels_mut().weights_mut(), 40, &mut lfsr);
    for layer in chip.layers_mut() {
        fill_uniform(layer.weights_mut(), 40, &mut lfsr);
    }
    let (w, h) = (config.input.width as u8, config.input.height as u8);
    record(config, |host| {
        crate::suite::load_chip(host, &chip);
        for s in 0..samples {
            let mut events: Vec<Event> = (0..3 * w)
                .map(|k| Event {
                    x: (k * 5 + s as u8) % w,
                    y: (k * 3 + 2 * s as u8) % h,
                    channel: k % config.input.channels as u8,
                })
                .collect();
            events.push(Event {
                x: w,
                y: 0,
                channel: 0,
            });
            host.sample(&aer_words(&events, true, s % config.fc.classes));
        }
        for a in 0..2 * config.fc.classes {
            host.read(SELECT_SCORES, a);
        }
        for r in [REG_ROUNDING_LO, REG_ROUNDING_HI, REG_IGNORED] {
            host.read(SELECT_REGISTERS, r);
        }
        let kernel_words = config.input.channels * config.conv.size.pow(2) * config.conv.kernels;
        let hidden = config.fc.hidden[0];
        for (select, n) in [
            (SELECT_KERNELS, kernel_words),
            (SELECT_HIDDEN_WEIGHTS, config.conv_neurons() * hidden),
            (SELECT_OUTPUT_WEIGHTS, hidden * config.fc.classes),
            (SELECT_MEMBRANES, 4),
        ] {
            host.read(select, 0);
            host.read(select, n - 1);
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stimulus_packs_the_inputs_in_manifest_order() {
        let i = PortsIn {
            reset: true,
            in_valid: false,
            in_data: 0x3_FFFF,
            cfg_valid: true,
            cfg_write: false,
            cfg_word: true,
            cfg_select: 0xA,
            cfg_address: 0x1_0001,
            cfg_wdata: 0xFEED_0000_0000_BEEF,
        };
        let hex = stimulus_hex(&hdl::emit::ports(), &[i]);
        // 1 + 1 + 18 + 1 + 1 + 1 + 4 + 17 + 64 = 108 bits.
        let word = u128::from_str_radix(hex.trim(), 16).unwrap();
        assert_eq!(hex.trim().len(), 27);
        assert_eq!(word >> 107, 1);
        assert_eq!(word >> 88 & 0x3_FFFF, 0x3_FFFF);
        assert_eq!(word >> 85 & 7, 0b101, "cfg_valid, cfg_write, cfg_word");
        assert_eq!(word >> 81 & 0xF, 0xA);
        assert_eq!(word >> 64 & 0x1_FFFF, 0x1_0001);
        assert_eq!(word as u64, 0xFEED_0000_0000_BEEF);
    }

    /// A 128-bit `cfg_wdata` (16 lanes of bytes) makes a 172-bit stimulus word, 43 digits.
    #[test]
    fn a_wide_configuration_word_is_packed_whole() {
        let ports: Vec<Port> = hdl::emit::ports()
            .into_iter()
            .map(|p| match p.name.as_ref() {
                "cfg_wdata" => Port { width: 128, ..p },
                _ => p,
            })
            .collect();
        let i = PortsIn {
            reset: true,
            cfg_wdata: 0xA5 << 120 | 0xBEEF,
            ..PortsIn::default()
        };
        let hex = stimulus_hex(&ports, &[i]);
        assert_eq!(hex.trim().len(), 43);
        // `reset` is bit 171: the top digit holds bits 171..168.
        assert_eq!(&hex[..1], "8");
        assert_eq!(&hex[11..13], "a5");
        assert_eq!(&hex[39..43], "beef");
    }

    #[test]
    fn an_unknown_output_bit_is_a_parse_error() {
        let ports = hdl::emit::ports();
        let good = parse_outputs(&ports, "1 0 00ff 1 0 03 1\n").unwrap();
        assert_eq!(good[0].cfg_rdata, 0xFF);
        assert_eq!(good[0].out_class, 3);
        assert!(good[0].in_ready && good[0].busy && !good[0].cfg_ready);
        let e = parse_outputs(&ports, "1 0 00fx 1 0 03 1\n").unwrap_err();
        assert_eq!(e.to_string(), "outputs.txt line 1: cfg_rdata = 00fx");
    }
}
