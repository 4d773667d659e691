//! The clock plan: the PLL that makes the sign-off clock from the board's oscillator (written by
//! the family's own PLL tool, `icepll` or `ecppll`, which also says the frequency it reaches),
//! and the UART divisor at that clock.

use crate::board::{Board, Family};
use crate::report::ClockPlan;
use crate::tools;
use crate::SynthError;
use std::path::Path;

/// Largest relative error of the UART bit rate the flow accepts: 8N1 frames sampled mid-bit
/// tolerate about ±4 % in total between both ends; half of it is left to the host's side.
pub const MAX_BAUD_ERROR: f64 = 0.02;

/// Writes `dir/pll.v` (module `pll`, or a comment when the oscillator is the clock) and returns
/// the plan with the frequency the PLL reaches.
pub fn plan(board: &Board, requested_mhz: f64, dir: &Path) -> Result<ClockPlan, SynthError> {
    let pll = (requested_mhz - board.oscillator_mhz).abs() > 1e-9;
    let path = dir.join("pll.v");
    let clock_mhz = if pll {
        // iCE40: the PLL's own pad (SB_PLL40_PAD): on the UP5K the oscillator pin is the
        // PLL's input pad, which a fabric-fed SB_PLL40_CORE cannot share.
        let (program, flags, achieved): (_, &[&str], _) = match board.family {
            Family::Ice40 => ("yowasp-icepll", &["-m", "-p"], "(achieved)"),
            Family::Ecp5 => ("yowasp-ecppll", &[], "clkout0 frequency:"),
        };
        let mut argv: Vec<String> = flags.iter().map(|f| f.to_string()).collect();
        argv.extend(
            [
                "-i",
                &board.oscillator_mhz.to_string(),
                "-o",
                &requested_mhz.to_string(),
                "-n",
                "pll",
                "-f",
                "pll.v",
            ]
            .map(String::from),
        );
        let (out, _) = tools::run(dir, program, &argv, "pll.log")?;
        parse_frequency(&out, achieved).ok_or_else(|| SynthError::BadReport {
            file: dir.join("pll.log"),
            problem: format!("{program} printed no `{achieved}` frequency"),
        })?
    } else {
        std::fs::write(&path, "// no PLL: the oscillator is the clock\n")
            .map_err(|e| SynthError::io(&path, e))?;
        board.oscillator_mhz
    };
    let clocks_per_bit = (clock_mhz * 1e6 / f64::from(board.baud)).round() as usize;
    let baud_error = clock_mhz * 1e6 / (clocks_per_bit as f64 * f64::from(board.baud)) - 1.0;
    if clocks_per_bit < 4 || baud_error.abs() > MAX_BAUD_ERROR {
        return Err(SynthError::Baud {
            board: board.name.clone(),
            baud: board.baud,
            clock_mhz,
        });
    }
    Ok(ClockPlan {
        oscillator_mhz: board.oscillator_mhz,
        requested_mhz,
        clock_mhz,
        pll,
        baud: board.baud,
        clocks_per_bit,
        baud_error,
    })
}

/// The number after `marker` on its line, or before it (`icepll`: `F_PLLOUT:   24.000 MHz
/// (achieved)`; `ecppll`: `clkout0 frequency: 50 MHz`).
fn parse_frequency(text: &str, marker: &str) -> Option<f64> {
    let line = text.lines().find(|l| l.contains(marker))?;
    line.replace(marker, " ")
        .split_whitespace()
        .find_map(|w| w.parse::<f64>().ok())
}

/// The wrapper's clock lines for the family: the PLL instance, or the oscillator as the clock.
pub fn clock_lines(family: Family, pll: bool) -> &'static str {
    match (family, pll) {
        (_, false) => "    assign clock = oscillator;",
        (Family::Ice40, true) => {
            "    pll pll (.clock_in(oscillator), .clock_out(clock), .locked());"
        }
        (Family::Ecp5, true) => "    pll pll (.clkin(oscillator), .clkout0(clock), .locked());",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pll_tool_outputs_are_read() {
        let icepll = "F_PLLIN:    12.000 MHz (given)\nF_PLLOUT:   24.000 MHz (requested)\nF_PLLOUT:   23.625 MHz (achieved)\n";
        assert_eq!(parse_frequency(icepll, "(achieved)"), Some(23.625));
        let ecppll = "Pll parameters:\nclkout0 divisor: 12\nclkout0 frequency: 50 MHz\n";
        assert_eq!(parse_frequency(ecppll, "clkout0 frequency:"), Some(50.0));
        assert_eq!(parse_frequency("nothing", "(achieved)"), None);
    }

    #[test]
    fn no_pll_when_the_oscillator_is_the_clock() {
        let dir = tempfile::tempdir().unwrap();
        let board = Board::shipped("icebreaker").unwrap();
        let plan = plan(&board, 12.0, dir.path()).unwrap();
        assert!(!plan.pll);
        assert_eq!(plan.clocks_per_bit, 4);
        assert_eq!(plan.baud_error, 0.0);
        let mut slow = board.clone();
        slow.baud = 4_000_000;
        let err = super::plan(&slow, 12.0, dir.path())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("4000000") && err.contains("icebreaker"),
            "{err}"
        );
    }
}
