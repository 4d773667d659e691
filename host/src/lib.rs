//! The host side of the spoon board's UART link (docs/HOST.md): the protocol's framing
//! ([`protocol`]), a [`Transport`] to move bytes (a serial port, [`SerialTransport`], or a
//! simulated board in `testbench`), and a [`Board`] API that loads a golden `Chip`, runs
//! samples and reads memories back.
//!
//! The opcodes, tags and flags are those of the RTL (`hdl::host_link`), so the protocol is
//! written down once.

pub mod board;
pub mod memory;
pub mod protocol;
pub mod transport;

pub use board::{Board, Mismatch};
pub use protocol::{Command, LinkErrors};
pub use transport::{SerialTransport, Transport, TransportError};

use std::time::Duration;

/// What can go wrong talking to a board.
#[derive(Debug, thiserror::Error)]
pub enum HostError {
    #[error(transparent)]
    Transport(#[from] TransportError),
    #[error("no reply from the board within {timeout:?} while waiting for {waiting_for}")]
    Timeout {
        waiting_for: &'static str,
        timeout: Duration,
    },
    #[error("the board reported an error: {0}")]
    Link(LinkErrors),
    #[error("unexpected byte {byte:#04x} from the board while waiting for {waiting_for}")]
    UnexpectedByte { byte: u8, waiting_for: &'static str },
    #[error("the board speaks protocol version {found}, this host version {expected}")]
    Version { found: u8, expected: u8 },
    #[error("{what}: {problem}")]
    Invalid { what: &'static str, problem: String },
}
