//! The `spoon lab` subcommands without the `spoon` binary:
//! `cargo run --release -p spoon-lab --example lab -- regression --epochs 100`.

use clap::Parser;

#[derive(Parser)]
#[command(about = "Float algorithm lab (BP, FA, DFA, sDFA, DRTP, shallow)")]
struct Args {
    #[command(subcommand)]
    cmd: lab::cli::LabCommand,
}

fn main() -> anyhow::Result<()> {
    lab::cli::run(Args::parse().cmd)
}
