//! The hardware configuration a command builds: a TOML file or the built-in default, with or
//! without its learning unit.

use anyhow::{Context, Result};
use clap::Args;
use golden::config::Config;
use std::path::PathBuf;

#[derive(Debug, Args, Clone, Default)]
pub struct ConfigArgs {
    /// Configuration file (TOML); the built-in default when omitted.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Build the chip without its learning unit (`hardware.learning = false`: SPOON's
    /// inference-only comparison; a learning sample runs as an inference).
    #[arg(long)]
    pub inference_only: bool,
}

impl ConfigArgs {
    pub fn load(&self) -> Result<Config> {
        let mut config = match &self.config {
            Some(path) => {
                Config::from_file(path).with_context(|| format!("reading {}", path.display()))?
            }
            None => Config::default(),
        };
        if self.inference_only {
            config.hardware.learning = false;
        }
        Ok(config)
    }
}
