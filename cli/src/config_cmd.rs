//! `spoon config`: the one parameter set, as TOML.

use anyhow::{bail, Context, Result};
use clap::Args;
use golden::config::Config;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the default configuration as TOML.
    #[arg(long, conflicts_with = "check")]
    print_default: bool,
    /// Validate a TOML file and print the derived sizes.
    #[arg(long, value_name = "FILE")]
    check: Option<PathBuf>,
}

pub fn run(args: ConfigArgs) -> Result<()> {
    if args.print_default {
        print!("{}", Config::default().to_toml());
        return Ok(());
    }
    let Some(path) = args.check else {
        bail!("nothing to do: give --print-default or --check FILE");
    };
    let config =
        Config::from_file(&path).with_context(|| format!("checking {}", path.display()))?;
    let (w, h) = config.conv_out_side();
    println!("{}: valid", path.display());
    println!(
        "  convolution: {} kernels of {}×{}, {w}×{h} outputs, {} neurons",
        config.conv.kernels,
        config.conv.size,
        config.conv.size,
        config.conv_neurons()
    );
    for (k, (i, o)) in config
        .fc_inputs()
        .iter()
        .zip(config.fc_outputs())
        .enumerate()
    {
        println!(
            "  FC layer {k}: {i} → {o}, {}-bit accumulator",
            config.fc_accumulator_bits(k)
        );
    }
    Ok(())
}
