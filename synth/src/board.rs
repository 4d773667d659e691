//! Boards as data: one TOML file per board in `synth/boards/` (device, package, oscillator,
//! UART and LED pins). The flow reads it; nothing else in the project knows a pin number.

use crate::SynthError;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// FPGA family: which Yosys script, which nextpnr, which packer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Ice40,
    Ecp5,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Board {
    pub name: String,
    pub description: String,
    pub family: Family,
    /// nextpnr's device option without dashes: `up5k`, `85k`, `45k`.
    pub device: String,
    pub package: String,
    /// ECP5 speed grade (nextpnr `--speed`); iCE40 has none.
    #[serde(default)]
    pub speed_grade: Option<u8>,
    pub oscillator_mhz: f64,
    /// The sign-off clock when the user gives no `--freq`.
    pub target_mhz: f64,
    /// UART bit rate of the host link.
    pub baud: u32,
    /// openFPGALoader's name of the board.
    pub programmer: String,
    pub pins: Pins,
    /// `leds[i]` shows bit `i` of the board top's `leds` output (at most 8).
    pub leds: Vec<Led>,
    #[serde(default)]
    pub tie_high: Vec<TieHigh>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pins {
    pub oscillator: String,
    pub uart_rx: String,
    pub uart_tx: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Led {
    pub pin: String,
    #[serde(default)]
    pub active_low: bool,
}

/// An output the board needs held high (e.g. the ULX3S's ESP32 GPIO0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TieHigh {
    pub name: String,
    pub pin: String,
}

/// The boards shipped in `synth/boards/`, by name.
pub const SHIPPED: [(&str, &str); 3] = [
    ("icebreaker", include_str!("../boards/icebreaker.toml")),
    ("ulx3s-85f", include_str!("../boards/ulx3s-85f.toml")),
    ("ulx3s-45f", include_str!("../boards/ulx3s-45f.toml")),
];

/// Width of the board top's `leds` output.
pub const LED_BITS: usize = 8;

impl Board {
    /// A shipped board by name.
    pub fn shipped(name: &str) -> Result<Self, SynthError> {
        let (_, text) = SHIPPED
            .iter()
            .find(|(n, _)| *n == name)
            .ok_or_else(|| SynthError::UnknownBoard(name.to_string()))?;
        Self::parse(text, &format!("synth/boards/{name}.toml"))
    }

    /// A board file of the user's.
    pub fn from_file(path: &Path) -> Result<Self, SynthError> {
        let text = std::fs::read_to_string(path).map_err(|e| SynthError::io(path, e))?;
        Self::parse(&text, &path.display().to_string())
    }

    fn parse(text: &str, origin: &str) -> Result<Self, SynthError> {
        let bad = |problem: String| SynthError::BadBoard {
            file: origin.to_string(),
            problem,
        };
        let board: Board = toml::from_str(text).map_err(|e| bad(e.message().to_string()))?;
        if board.leds.is_empty() || board.leds.len() > LED_BITS {
            return Err(bad(format!(
                "`leds` lists {} pins; the board top drives 1 to {LED_BITS}",
                board.leds.len()
            )));
        }
        if !(board.oscillator_mhz > 0.0 && board.target_mhz > 0.0 && board.baud > 0) {
            return Err(bad(
                "`oscillator_mhz`, `target_mhz` and `baud` must be positive".into(),
            ));
        }
        Ok(board)
    }

    /// The constraint file nextpnr reads: a PCF (iCE40) or an LPF (ECP5), with the port names
    /// of `flows/board_top.v`.
    pub fn constraints(&self) -> String {
        let mut pins = vec![
            ("oscillator".to_string(), self.pins.oscillator.as_str()),
            ("uart_rx".to_string(), self.pins.uart_rx.as_str()),
            ("uart_tx".to_string(), self.pins.uart_tx.as_str()),
        ];
        for (i, led) in self.leds.iter().enumerate() {
            pins.push((format!("led[{i}]"), led.pin.as_str()));
        }
        for t in &self.tie_high {
            pins.push((t.name.clone(), t.pin.as_str()));
        }
        let mut out = format!(
            "# {} ({}), written by spoon-synth\n",
            self.name, self.description
        );
        match self.family {
            Family::Ice40 => {
                for (name, pin) in pins {
                    out += &format!("set_io {name} {pin}\n");
                }
                out += &format!("set_frequency oscillator {}\n", self.oscillator_mhz);
            }
            Family::Ecp5 => {
                for (name, pin) in pins {
                    out += &format!(
                        "LOCATE COMP \"{name}\" SITE \"{pin}\";\n\
                         IOBUF PORT \"{name}\" IO_TYPE=LVCMOS33;\n"
                    );
                }
                out += &format!(
                    "FREQUENCY PORT \"oscillator\" {} MHZ;\n",
                    self.oscillator_mhz
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_board_parses() {
        for (name, _) in SHIPPED {
            let b = Board::shipped(name).unwrap();
            assert_eq!(b.name, name);
        }
    }

    #[test]
    fn icebreaker_constraints_are_exact() {
        let b = Board::shipped("icebreaker").unwrap();
        let pcf = b.constraints();
        let lines: Vec<&str> = pcf.lines().skip(1).collect();
        assert_eq!(
            lines,
            [
                "set_io oscillator 35",
                "set_io uart_rx 6",
                "set_io uart_tx 9",
                "set_io led[0] 26",
                "set_io led[1] 27",
                "set_io led[2] 25",
                "set_io led[3] 23",
                "set_io led[4] 21",
                "set_io led[5] 37",
                "set_io led[6] 11",
                "set_frequency oscillator 12",
            ]
        );
    }

    #[test]
    fn ulx3s_constraints_hold_the_esp32_pin() {
        let b = Board::shipped("ulx3s-85f").unwrap();
        let lpf = b.constraints();
        assert!(
            lpf.contains("LOCATE COMP \"wifi_gpio0\" SITE \"L2\";"),
            "{lpf}"
        );
        assert!(
            lpf.contains("LOCATE COMP \"uart_rx\" SITE \"M1\";"),
            "{lpf}"
        );
        assert!(
            lpf.contains("FREQUENCY PORT \"oscillator\" 25 MHZ;"),
            "{lpf}"
        );
    }

    #[test]
    fn a_bad_board_file_is_an_error_naming_it() {
        let err = Board::parse("name = 3", "my.toml").unwrap_err().to_string();
        assert!(err.contains("my.toml"), "{err}");
        let nine_leds = Board::shipped("ulx3s-85f").unwrap();
        let mut text = toml::to_string(&nine_leds).unwrap();
        text += "\n[[leds]]\npin = \"A1\"\n";
        let err = Board::parse(&text, "nine.toml").unwrap_err().to_string();
        assert!(err.contains("nine.toml") && err.contains("9 pins"), "{err}");
    }
}
