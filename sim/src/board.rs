//! The simulated board: the board top `spoon_board` (processor, UARTs, host link; docs/HOST.md)
//! under Verilator, driven on its UART lines one clock cycle at a time.

use crate::{Engine, InPort, Inputs, Model, OutPort, Outputs, PortLayout, SimError, Top};
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

/// One running instance of a board model ([`Model::build_board`]), from power-up (cycle 0).
pub struct BoardSimulator {
    engine: Engine,
    manifest: Arc<hdl::Manifest>,
    pins: BoardPins,
    clocks_per_bit: usize,
    inputs: Inputs,
    outputs: Outputs,
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
