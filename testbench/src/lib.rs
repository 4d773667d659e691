//! Lock-step co-simulation of the Verilated RTL (`sim`) against golden's cycle-stepped model
//! (`golden::cycle::CycleChip`): both get the same `PortsIn` every clock cycle and every output
//! port is compared after every edge. The first difference stops the run with a report (cycle,
//! signal, expected and actual value, the last AER words) and a VCD of the cycles around it,
//! re-simulated from reset. `docs/SIM.md` § "Lock-step co-simulation".
//!
//! [`coverage`] counts named cover points during every lock-step run (FSM transitions,
//! saturations, handshakes, configuration selects), printed by `spoon cosim`.
//!
//! [`suite`] holds the stimulus suites (directed, random, MNIST), driven through
//! `golden::cycle::host::Host`.
//!
//! [`gaps`] is the suite of directed stimuli for the RTL mutants the others let through.
//!
//! [`icarus`] replays a stimulus recorded from golden under Icarus, on the RTL and on a Yosys
//! gate netlist.
//!
//! [`board`] is the simulated board: the Verilated board top `spoon_board` behind a
//! `host::Transport`, driven bit by bit on its UART lines (docs/HOST.md).
//!
//! [`mutate`] makes single-point mutants of the emitted Verilog and runs the CI slice on each.
//!
//! [`mapped`] replays one under Verilator on the iCE40 netlist of the FPGA flow, with Yosys'
//! models of the iCE40 cells (block RAMs, SPRAMs, DSPs) and every undefined bit random.

pub mod board;
pub mod cosim;
pub mod coverage;
pub mod gaps;
pub mod icarus;
pub mod mapped;
pub mod mutate;
pub mod rng;
mod rtl_thread;
pub mod suite;

pub use cosim::{Cosim, CosimError, CosimOptions, MismatchReport, Perturbation};
pub use coverage::Coverage;
pub use suite::Report;
