//! `spoon board`: drive a real board (the `spoon_board` bitstream) over its USB-UART
//! (docs/HOST.md), and flash a bitstream with openFPGALoader.

use anyhow::{bail, Context, Result};
use golden::chip::Chip;
use golden::chip_image;
use golden::config::Config;
use golden::dataset::{load_split_dir, ImageSet};
use golden::encoder::encode_ttfs;
use host::{Board, SerialTransport};
use std::path::{Path, PathBuf};
use std::process::Command;
use testbench::rng::SplitMix64;

/// 3 Mbaud: 8 clocks per bit at the iCEBreaker's 24 MHz (docs/HOST.md § "Timing").
pub const DEFAULT_BAUD: u32 = 3_000_000;

#[derive(Debug, clap::Args)]
pub struct BoardArgs {
    /// The board's serial port (e.g. /dev/ttyUSB1: the iCEBreaker's second FTDI channel).
    #[arg(long, global = true)]
    pub port: Option<String>,
    #[arg(long, global = true, default_value_t = DEFAULT_BAUD)]
    pub baud: u32,
    /// The configuration the bitstream was built from (TOML); the built-in default when
    /// omitted (`load` and `read --chip` take the chip image's own).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: BoardCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum BoardCommand {
    /// Load a chip image (kernels, FC weights, registers) by bursts of words.
    Load {
        #[arg(long, value_name = "FILE")]
        chip: PathBuf,
    },
    /// Infer test digits on the board; with --chip, golden runs alongside and every class is
    /// compared.
    Infer(SampleArgs),
    /// Train on training digits on the board (on-chip DRTP); with --chip, golden trains
    /// alongside from the same image and every class is compared.
    Train(SampleArgs),
    /// Status and the last sample's scores; with --chip, read the memories back and compare.
    Read {
        #[arg(long, value_name = "FILE")]
        chip: Option<PathBuf>,
    },
    /// Write a bitstream to the board with openFPGALoader (Debian package `openfpgaloader`).
    Flash {
        #[arg(long, value_enum)]
        board: FlashBoard,
        #[arg(long, value_name = "FILE")]
        bitstream: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
pub struct SampleArgs {
    /// A directory with the four MNIST files.
    #[arg(long, value_name = "DIR", default_value = "data/mnist-sample")]
    pub data: PathBuf,
    #[arg(long, default_value_t = 100)]
    pub samples: usize,
    /// Seed of the shuffle that picks the digits (the files may be sorted by digit).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The chip image loaded on the board, to compare with golden.
    #[arg(long, value_name = "FILE")]
    pub chip: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum FlashBoard {
    Icebreaker,
    #[value(name = "ulx3s-85f")]
    Ulx3s85f,
    #[value(name = "ulx3s-45f")]
    Ulx3s45f,
}

impl FlashBoard {
    /// openFPGALoader's board name (it tells the ULX3S variants apart by the FPGA's ID).
    fn loader_name(self) -> &'static str {
        match self {
            FlashBoard::Icebreaker => "icebreaker",
            FlashBoard::Ulx3s85f | FlashBoard::Ulx3s45f => "ulx3s",
        }
    }
}

pub fn run(args: BoardArgs) -> Result<()> {
    if let BoardCommand::Flash { board, bitstream } = &args.command {
        return flash(*board, bitstream);
    }
    let Some(port) = args.port.as_deref() else {
        bail!("`spoon board` needs --port (the board's serial port, e.g. /dev/ttyUSB1)");
    };
    let config = match (&args.config, chip_of(&args.command)) {
        (Some(path), _) => {
            Config::from_file(path).with_context(|| format!("reading {}", path.display()))?
        }
        (None, Some(chip)) => chip_image::load(chip)?.config().clone(),
        (None, None) => Config::default(),
    };
    let transport = SerialTransport::open(port, args.baud)?;
    let mut board = Board::new(transport, &config);
    let status = board.status().context("asking the board for its status")?;
    println!(
        "board on {port}: protocol {}, busy {}",
        status.version, status.busy
    );
    match args.command {
        BoardCommand::Load { chip } => {
            board.load_chip(&chip_image::load(&chip)?)?;
            println!("loaded {}", chip.display());
        }
        BoardCommand::Infer(s) => samples(&mut board, &s, false)?,
        BoardCommand::Train(s) => samples(&mut board, &s, true)?,
        BoardCommand::Read { chip } => read(&mut board, chip.as_deref())?,
        BoardCommand::Flash { .. } => unreachable!("handled above"),
    }
    Ok(())
}

fn chip_of(command: &BoardCommand) -> Option<&Path> {
    match command {
        BoardCommand::Load { chip } => Some(chip),
        BoardCommand::Read { chip } => chip.as_deref(),
        BoardCommand::Infer(s) | BoardCommand::Train(s) => s.chip.as_deref(),
        BoardCommand::Flash { .. } => None,
    }
}

/// `n` indices of `set` in a seeded shuffled order.
fn shuffled(set: &ImageSet, n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..set.len()).collect();
    let mut rng = SplitMix64::new(seed);
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i as u64 + 1) as usize);
    }
    order.truncate(n);
    order
}

fn samples(board: &mut Board<SerialTransport>, s: &SampleArgs, learn: bool) -> Result<()> {
    let config = board.config().clone();
    let (train, test) = load_split_dir(&s.data)
        .with_context(|| format!("reading the digits in {}", s.data.display()))?;
    let set = if learn { &train } else { &test };
    let mut golden: Option<Chip> = s.chip.as_deref().map(chip_image::load).transpose()?;
    let (mut correct, mut disagreements) = (0, 0);
    let picked = shuffled(set, s.samples, s.seed);
    for &i in &picked {
        let mut events = vec![];
        encode_ttfs(&config, set.image(i), &mut events);
        let label = usize::from(set.label(i));
        let class = usize::from(board.run_sample(&events, learn, label)?);
        correct += usize::from(class == label);
        if let Some(chip) = golden.as_mut() {
            let want = if learn {
                chip.train(&events, label)
            } else {
                chip.infer(&events)
            };
            disagreements += usize::from(want.class != class);
        }
    }
    let n = picked.len().max(1);
    println!(
        "{} {} digits: {correct} classified correctly ({:.1} %)",
        if learn { "trained on" } else { "inferred" },
        picked.len(),
        100.0 * correct as f64 / n as f64
    );
    if golden.is_some() {
        println!("classes different from golden: {disagreements}");
        if disagreements > 0 {
            bail!("{disagreements} classes differ from golden's");
        }
    }
    Ok(())
}

fn read(board: &mut Board<SerialTransport>, chip: Option<&Path>) -> Result<()> {
    println!("scores of the last sample: {:?}", board.scores()?);
    if let Some(path) = chip {
        let mismatches = board.compare(&chip_image::load(path)?)?;
        for m in mismatches.iter().take(20) {
            println!(
                "  {} [{}]: board {}, golden {}",
                m.memory, m.index, m.board, m.golden
            );
        }
        if !mismatches.is_empty() {
            bail!(
                "{} elements differ from {}",
                mismatches.len(),
                path.display()
            );
        }
        println!("memories equal {}", path.display());
    }
    Ok(())
}

fn flash(board: FlashBoard, bitstream: &Path) -> Result<()> {
    if !bitstream.is_file() {
        bail!("bitstream {} not found", bitstream.display());
    }
    let status = Command::new("openFPGALoader")
        .args(["-b", board.loader_name()])
        .arg(bitstream)
        .status()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => anyhow::anyhow!(
                "openFPGALoader not found: install it (Debian package `openfpgaloader`)"
            ),
            _ => anyhow::anyhow!("cannot run openFPGALoader: {e}"),
        })?;
    if !status.success() {
        bail!("openFPGALoader failed ({status})");
    }
    Ok(())
}
