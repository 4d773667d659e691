//! The simulated board: a Verilated `spoon_board` as a `host::Transport`, so the host library
//! drives it exactly as it drives a real board over a serial port, bit by bit on `uart_rx` and
//! `uart_tx` (the host's UART is `sim::BoardSimulator`'s, at the board's exact bit period).

use host::{Transport, TransportError};
use sim::{BoardSimulator, Model, SimError};
use std::time::Duration;

/// A simulated board whose clock runs at a nominal `clock_hz`: a host timeout of `t` seconds
/// is `t · clock_hz` simulated cycles.
pub struct SimulatedBoard {
    sim: BoardSimulator,
    clock_hz: f64,
}

impl SimulatedBoard {
    /// A board from `model` (built with `Model::build_board`), at power-up.
    pub fn new(model: &Model, clock_hz: f64) -> Result<Self, SimError> {
        Ok(Self {
            sim: model.board()?,
            clock_hz,
        })
    }

    pub fn simulator(&self) -> &BoardSimulator {
        &self.sim
    }

    /// Runs until the host's queued bytes are all on the line and `extra` cycles more.
    pub fn drain(&mut self, extra: u64) {
        while self.sim.sending() > 0 {
            self.sim.run();
        }
        for _ in 0..extra {
            self.sim.run();
        }
    }
}

impl Transport for SimulatedBoard {
    fn write(&mut self, bytes: &[u8]) -> Result<(), TransportError> {
        self.sim.queue(bytes);
        Ok(())
    }

    fn read(&mut self, buf: &mut [u8], timeout: Duration) -> Result<usize, TransportError> {
        let limit = (timeout.as_secs_f64() * self.clock_hz) as u64;
        let mut waited = 0;
        while self.sim.received().is_empty() && waited < limit {
            self.sim.run();
            waited += 1;
        }
        let mut n = 0;
        while n < buf.len() {
            match self.sim.received().pop_front() {
                None => break,
                Some(Ok(byte)) => {
                    buf[n] = byte;
                    n += 1;
                }
                Some(Err(())) => {
                    return Err(TransportError::Other(format!(
                        "framing error on uart_tx before cycle {}",
                        self.sim.cycle()
                    )))
                }
            }
        }
        Ok(n)
    }
}
