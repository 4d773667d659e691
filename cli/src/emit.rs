//! `spoon emit`: writes the processor's Verilog and its manifest for a configuration.

use anyhow::{Context, Result};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct EmitArgs {
    #[command(flatten)]
    pub config: crate::config_arg::ConfigArgs,
    /// Output directory for spoon.v and spoon.json.
    #[arg(long, value_name = "DIR", default_value = "build/rtl")]
    pub out: PathBuf,
    /// Emit the board top `spoon_board` (processor, UART, host link; docs/HOST.md) with a UART
    /// of N clocks per bit instead (e.g. 8: 3 Mbaud at 24 MHz).
    #[arg(long, value_name = "N")]
    pub board_clocks_per_bit: Option<usize>,
}

pub fn run(args: EmitArgs) -> Result<()> {
    let config = args.config.load()?;
    crate::out_dir::prepare(&args.out, &[])?;
    let manifest = match args.board_clocks_per_bit {
        Some(n) => hdl::emit_board(&config, n, &args.out),
        None => hdl::emit(&config, &args.out),
    }
    .with_context(|| format!("emitting the RTL into {}", args.out.display()))?;
    println!(
        "wrote {} (top `{}`) and {}.json: {} ports, {} memories",
        args.out.join(&manifest.verilog).display(),
        manifest.top,
        args.out.join(&manifest.top).display(),
        manifest.ports.len(),
        manifest.memories.len()
    );
    for m in &manifest.memories {
        println!("  {:<14} {:>6} x {:>3} bits", m.name, m.words, m.width);
    }
    Ok(())
}
