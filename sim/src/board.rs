//! The simulated board: the board top `spoon_board` (processor, UARTs, host link; docs/HOST.md)
//! under Verilator, driven on its UART lines one clock cycle at a time.

use crate::{Engine, InPort, Inputs, Model, OutPort, Outputs, PortLayout, SimError, Top};
use std::collections::VecDeque;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

/// The ports of `spoon_board`, resolved once from the manifest's layout.
#[derive(Debug, Clone, Copy)]
pub struct BoardPins {
    pub uart_rx: InPort,
    pub uart_tx: OutPort,
    pub leds: OutPort,
}

impl BoardPins {
    pub fn resolve(l: &PortLayout) -> Result<Self, SimError> {
        Ok(Self {
            uart_rx: l.input("uart_rx")?,
            uart_tx: l.output("uart_tx")?,
            leds: l.output("leds")?,
        })
    }
}

/// One running instance of a board model ([`Model::build_board`]), from power-up (cycle 0),
/// with the host's end of the UART at the board's exact bit period: [`BoardSimulator::queue`]
/// bytes, [`BoardSimulator::run`] cycles, take what arrived from [`BoardSimulator::received`].
pub struct BoardSimulator {
    engine: Engine,
    manifest: Arc<hdl::Manifest>,
    pins: BoardPins,
    clocks_per_bit: usize,
    inputs: Inputs,
    outputs: Outputs,
    /// Bytes to send, and the cycle within the first one's 10 bits.
    to_send: VecDeque<u8>,
    send_cycle: usize,
    /// Decoded from `uart_tx`: bytes, or `Err(())` for a low stop bit.
    received: VecDeque<Result<u8, ()>>,
    /// Cycles since the start edge of the byte being received, and its bits so far.
    receiving: Option<(usize, u16)>,
}

impl BoardSimulator {
    pub(crate) fn from_model(model: &Model) -> Result<Self, SimError> {
        let Top::Board { clocks_per_bit } = model.top else {
            return Err(SimError::MissingPort("uart_rx".into()));
        };
        let engine = Engine::new(model);
        let mut sim = Self {
            pins: BoardPins::resolve(&engine.layout)?,
            inputs: Inputs::new(engine.layout.clone()),
            outputs: Outputs::new(engine.layout.clone()),
            manifest: model.manifest.clone(),
            engine,
            clocks_per_bit,
            to_send: VecDeque::new(),
            send_cycle: 0,
            received: VecDeque::new(),
            receiving: None,
        };
        // The line idles high from the first cycle on.
        sim.inputs.set(sim.pins.uart_rx, 1);
        Ok(sim)
    }

    /// One clock cycle with `uart_rx` at `level`; returns `uart_tx` once the edge has settled.
    pub fn step(&mut self, level: bool) -> bool {
        self.inputs.set(self.pins.uart_rx, u64::from(level));
        self.engine
            .cycle_once(&self.inputs, None, Some(&mut self.outputs));
        self.outputs.bit(self.pins.uart_tx)
    }

    /// Queues bytes for the host to send on `uart_rx`, back to back, 8N1.
    pub fn queue(&mut self, bytes: &[u8]) {
        self.to_send.extend(bytes);
    }

    /// Bytes queued and not yet completely on the line.
    pub fn sending(&self) -> usize {
        self.to_send.len()
    }

    /// What the host has received on `uart_tx` so far (take them out as they are used).
    pub fn received(&mut self) -> &mut VecDeque<Result<u8, ()>> {
        &mut self.received
    }

    /// One clock cycle of the host's UART: the next level of the queued bytes on `uart_rx`
    /// (idle high when none), and `uart_tx` decoded at the middle of each bit.
    pub fn run(&mut self) {
        let cpb = self.clocks_per_bit;
        let level = match self.to_send.front() {
            None => true,
            Some(&byte) => {
                let bit = self.send_cycle / cpb;
                self.send_cycle += 1;
                if self.send_cycle == 10 * cpb {
                    self.send_cycle = 0;
                    self.to_send.pop_front();
                }
                // Start bit 0, data LSB first, stop bit 1.
                (u16::from(byte) << 1 | 1 << 9) >> bit & 1 == 1
            }
        };
        let tx = self.step(level);
        self.decode(tx);
    }

    fn decode(&mut self, tx: bool) {
        let cpb = self.clocks_per_bit;
        self.receiving = match self.receiving {
            None if !tx => Some((0, 0)),
            None => None,
            Some((t, bits)) => {
                let t = t + 1;
                if t % cpb != cpb / 2 {
                    Some((t, bits))
                } else if t / cpb < 9 {
                    Some((t, bits | u16::from(tx) << (t / cpb)))
                } else {
                    self.received
                        .push_back(if tx { Ok((bits >> 1) as u8) } else { Err(()) });
                    None
                }
            }
        };
    }

    /// The LEDs after the last cycle (docs/HOST.md § "LEDs").
    pub fn leds(&self) -> u8 {
        self.outputs.get(self.pins.leds) as u8
    }

    /// Cycles stepped since power-up.
    pub fn cycle(&self) -> u64 {
        self.engine.cycle
    }

    /// The UART's bit period in clock cycles (a generation-time constant of the model).
    pub fn clocks_per_bit(&self) -> usize {
        self.clocks_per_bit
    }

    pub fn manifest(&self) -> &hdl::Manifest {
        &self.manifest
    }

    /// VCD dump of `window` (a traced model only; [`crate::Simulator::trace_window`]).
    pub fn trace_window(&mut self, window: Range<u64>, path: &Path) -> Result<(), SimError> {
        self.engine.trace_window(window, path)
    }
}
