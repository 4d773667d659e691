//! The emitter of one set of capacities (hdl `generator.rs` compiles and runs it): reads a
//! config as TOML on its standard input and writes `OUT_DIR/spoon.v` and `spoon.json`, or with
//! `CLOCKS_PER_BIT` the board top `spoon_board.v` and `spoon_board.json`.
//!
//! Usage: `spoon-rtl-emit OUT_DIR [CLOCKS_PER_BIT] < config.toml`

use golden::config::Config;
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let out: PathBuf = args
        .next()
        .ok_or("usage: spoon-rtl-emit OUT_DIR [CLOCKS_PER_BIT] < config.toml")?
        .into();
    let board = match args.next() {
        Some(n) => Some(
            n.parse::<usize>()
                .map_err(|e| format!("CLOCKS_PER_BIT `{n}`: {e}"))?,
        ),
        None => None,
    };
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| format!("standard input: {e}"))?;
    let config = Config::from_toml(&text).map_err(|e| format!("standard input: {e}"))?;
    let caps = golden::cycle::Capacities::of(&config);
    if caps != hdl::params::COMPILED {
        return Err(format!(
            "this emitter is compiled for {}, the config needs {}",
            hdl::params::COMPILED.to_json(),
            caps.to_json()
        ));
    }
    match board {
        None => hdl::emit::emit_compiled(&config, &out),
        Some(n) => hdl::emit::emit_board_compiled(&config, n, &out),
    }
    .map(|_| ())
    .map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("spoon-rtl-emit: {e}");
            ExitCode::FAILURE
        }
    }
}
