//! `spoon`: the command-line tool over the spoon project (golden model, datasets, training).

mod board;
mod config_arg;
mod config_cmd;
mod cosim;
mod data;
mod dataset_arg;
mod emit;
mod mutate;
mod mutate_report;
mod out_dir;
mod power;
mod report;
mod sim;
mod sweep;
mod synth;
mod train;

use anyhow::Result;
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "spoon",
    version,
    about = "Event-driven convolutional neuromorphic processor that learns on chip with DRTP"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// The main job on the built-in default: emit the Verilog, co-simulate it in lock-step
    /// with golden, train on chip (bit-exact model) on the shipped MNIST sample, run the
    /// trained chip's RTL in Verilator against golden, then the iCE40 flow for the iCEBreaker
    /// (utilisation, Fmax, bitstream); writes build/run/.
    Run(train::RunArgs),
    /// On-chip DRTP training in the bit-exact model; saves the chip image and reports.
    Train(train::TrainArgs),
    /// Accuracy of a saved chip image on a dataset.
    Eval(train::EvalArgs),
    /// Emit the processor's Verilog (one top file) and its manifest from a config.
    Emit(emit::EmitArgs),
    /// Run samples through the Verilator-simulated RTL (cycle-accurate), optionally with a VCD.
    Sim(sim::SimArgs),
    /// Lock-step co-simulation of the RTL against the cycle-stepped golden model.
    Cosim(cosim::CosimArgs),
    /// Mutation testing of the lock-step bench: single-point mutants of the emitted Verilog,
    /// each run against the CI slice (caught, survived, invalid), reports and kill rate.
    Mutate(mutate::MutateArgs),
    /// Open FPGA flow for a board: Yosys, nextpnr, bitstream, reports (utilisation, Fmax,
    /// critical paths, time per classification at the achieved clock).
    Synth(synth::SynthArgs),
    /// Power, energy and area estimates (the ASIC view: sky130 cells characterised with
    /// ngspice, Yosys mapping, area and leakage per block); JSON + Markdown reports.
    Power(power::PowerArgs),
    /// Print, check or write the parameter set.
    Config(config_cmd::ConfigArgs),
    /// The float algorithm lab: BP, FA, DFA, sDFA, DRTP and shallow learning.
    #[command(subcommand)]
    Lab(lab::cli::LabCommand),
    /// Off-chip training for the chip (float BP/DRTP on its spike counts → chip image) and the
    /// configuration-port export of a chip image.
    #[command(subcommand)]
    Offchip(lab::offchip_cli::OffchipCommand),
    /// Drive a board running the spoon bitstream over its UART, or flash one.
    Board(board::BoardArgs),
    /// Design-space exploration: run a sweep of configs (locally, by shard, or as a Slurm job
    /// array), merge its results into one table and draw the Pareto fronts (docs/DSE.md).
    Sweep {
        #[command(subcommand)]
        cmd: sweep::SweepCommand,
    },
    /// Dataset conversion and inspection.
    Data {
        #[command(subcommand)]
        cmd: data::DataCommand,
    },
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Run(args) => train::run_default(args),
        Command::Train(args) => train::train(args),
        Command::Eval(args) => train::eval(args),
        Command::Emit(args) => emit::run(args),
        Command::Sim(args) => sim::run(args),
        Command::Cosim(args) => cosim::run(args),
        Command::Mutate(args) => mutate::run(args),
        Command::Synth(args) => synth::run(args).map(|_| ()),
        Command::Power(args) => power::run(args),
        Command::Config(args) => config_cmd::run(args),
        Command::Lab(cmd) => lab::cli::run(cmd),
        Command::Offchip(cmd) => lab::offchip_cli::run(cmd),
        Command::Board(args) => board::run(args),
        Command::Sweep { cmd } => sweep::run(cmd),
        Command::Data { cmd } => data::run(cmd),
    }
}
