//! The pins of the simulated top, laid out from the emitter's manifest.
//!
//! Every input port but the clock gets `⌈width / 64⌉` consecutive `u64` words of [`Inputs`],
//! every output port the same in [`Outputs`], in manifest order. The generated C++ shim copies
//! exactly this layout in and out of the Verilator model once per clock, so the port list is
//! never written down twice: a port added to the RTL appears here after the next emission.

use crate::SimError;
use std::sync::Arc;

/// Name of the clock port; the shim drives it, so it is not part of [`Inputs`].
pub const CLOCK: &str = "clock";

/// One port in the packed layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortSlot {
    pub name: String,
    pub width: usize,
    /// First `u64` word of the port in its array.
    pub offset: usize,
}

impl PortSlot {
    /// `u64` words the port occupies.
    pub fn words(&self) -> usize {
        self.width.div_ceil(64)
    }
}

/// Handle of an input port (resolved once by name, then used every cycle).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InPort {
    offset: u32,
    width: u32,
}

/// Handle of an output port.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutPort {
    offset: u32,
    width: u32,
}

/// The input and output ports of the top, in manifest order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortLayout {
    pub inputs: Vec<PortSlot>,
    pub outputs: Vec<PortSlot>,
}

fn slots<'a>(ports: impl Iterator<Item = &'a hdl::emit::Port>) -> Vec<PortSlot> {
    let mut offset = 0;
    ports
        .map(|p| {
            let slot = PortSlot {
                name: p.name.to_string(),
                width: p.width,
                offset,
            };
            offset += slot.words();
            slot
        })
        .collect()
}

/// A port name the shim can write as a C++ member of the Verilated model.
fn plain_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl PortLayout {
    /// The layout of the manifest's ports; the clock must be a 1-bit input named [`CLOCK`].
    pub fn new(ports: &[hdl::emit::Port]) -> Result<Self, SimError> {
        let unsupported = |name: &str, problem: String| SimError::UnsupportedPort {
            name: name.to_string(),
            problem,
        };
        for p in ports {
            if !plain_identifier(&p.name) {
                return Err(unsupported(&p.name, "not a plain identifier".into()));
            }
            if p.width == 0 {
                return Err(unsupported(&p.name, "width 0".into()));
            }
            if p.direction != "in" && p.direction != "out" {
                return Err(unsupported(&p.name, format!("direction {:?}", p.direction)));
            }
        }
        match ports.iter().find(|p| p.name == CLOCK) {
            Some(p) if p.direction == "in" && p.width == 1 => {}
            Some(_) => return Err(unsupported(CLOCK, "not a 1-bit input".into())),
            None => return Err(SimError::MissingPort(CLOCK.to_string())),
        }
        Ok(Self {
            inputs: slots(
                ports
                    .iter()
                    .filter(|p| p.direction == "in" && p.name != CLOCK),
            ),
            outputs: slots(ports.iter().filter(|p| p.direction == "out")),
        })
    }

    /// `u64` words of [`Inputs`].
    pub fn input_words(&self) -> usize {
        self.inputs.iter().map(PortSlot::words).sum()
    }

    /// `u64` words of [`Outputs`].
    pub fn output_words(&self) -> usize {
        self.outputs.iter().map(PortSlot::words).sum()
    }

    pub fn input(&self, name: &str) -> Result<InPort, SimError> {
        let s = self
            .inputs
            .iter()
            .find(|s| s.name == name)
            .ok_or_else(|| SimError::MissingPort(name.to_string()))?;
        Ok(InPort {
            offset: s.offset as u32,
            width: s.width as u32,
        })
    }

    pub fn output(&self, name: &str) -> Result<OutPort, SimError> {
        let s = self
            .outputs
            .iter()
            .find(|s| s.name == name)
            .ok_or_else(|| SimError::MissingPort(name.to_string()))?;
        Ok(OutPort {
            offset: s.offset as u32,
            width: s.width as u32,
        })
    }
}

/// Values driven on the input ports for one clock cycle (all zero when made).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inputs {
    pub(crate) layout: Arc<PortLayout>,
    pub(crate) words: Vec<u64>,
}

impl Inputs {
    pub(crate) fn new(layout: Arc<PortLayout>) -> Self {
        let words = vec![0; layout.input_words()];
        Self { layout, words }
    }

    /// Sets a port of at most 64 bits. Panics if `value` does not fit its width: a testbench
    /// bug, not a condition to mask silently.
    pub fn set(&mut self, port: InPort, value: u64) {
        assert!(
            port.width >= 64 || value >> port.width == 0,
            "value {value:#x} does not fit a {}-bit port",
            port.width
        );
        self.words[port.offset as usize] = value;
    }

    /// Sets a port of at most 128 bits (the configuration data of 16 lanes). Panics if `value`
    /// does not fit its width, as [`Self::set`].
    pub fn set_u128(&mut self, port: InPort, value: u128) {
        assert!(
            port.width >= 128 || value >> port.width == 0,
            "value {value:#x} does not fit a {}-bit port",
            port.width
        );
        let o = port.offset as usize;
        self.words[o] = value as u64;
        if port.width > 64 {
            self.words[o + 1] = (value >> 64) as u64;
        }
    }

    /// Sets a port of any width from little-endian 64-bit words (`⌈width / 64⌉` of them).
    pub fn set_words(&mut self, port: InPort, words: &[u64]) {
        let n = (port.width as usize).div_ceil(64);
        assert_eq!(words.len(), n, "a {}-bit port takes {n} words", port.width);
        let o = port.offset as usize;
        self.words[o..o + n].copy_from_slice(words);
    }

    /// Sets a port by name (resolving it each time; use [`PortLayout::input`] in loops).
    pub fn set_named(&mut self, name: &str, value: u64) -> Result<(), SimError> {
        let port = self.layout.input(name)?;
        self.set(port, value);
        Ok(())
    }

    /// Every input back to zero.
    pub fn clear(&mut self) {
        self.words.fill(0);
    }
}

/// Values of the output ports during one clock cycle, sampled just before its rising edge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outputs {
    pub(crate) layout: Arc<PortLayout>,
    pub(crate) words: Vec<u64>,
}

impl Outputs {
    pub(crate) fn new(layout: Arc<PortLayout>) -> Self {
        let words = vec![0; layout.output_words()];
        Self { layout, words }
    }

    /// Value of a port of at most 64 bits (the low word of a wider one).
    pub fn get(&self, port: OutPort) -> u64 {
        self.words[port.offset as usize]
    }

    /// Value of a port of at most 128 bits (the low 128 of a wider one).
    pub fn get_u128(&self, port: OutPort) -> u128 {
        let w = self.words(port);
        u128::from(w[0]) | w.get(1).map_or(0, |&h| u128::from(h) << 64)
    }

    /// A single-bit port as a flag.
    pub fn bit(&self, port: OutPort) -> bool {
        self.get(port) & 1 == 1
    }

    /// Every word of a port, little-endian 64-bit words.
    pub fn words(&self, port: OutPort) -> &[u64] {
        let o = port.offset as usize;
        &self.words[o..o + (port.width as usize).div_ceil(64)]
    }

    /// Value of a port by name (the low word of a wider one).
    pub fn get_named(&self, name: &str) -> Result<u64, SimError> {
        Ok(self.get(self.layout.output(name)?))
    }

    /// `(name, low word)` of every output, in manifest order (for printing).
    pub fn named(&self) -> impl Iterator<Item = (&str, u64)> {
        self.layout
            .outputs
            .iter()
            .map(|s| (s.name.as_str(), self.words[s.offset]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hdl::emit::Port;

    fn port(name: &'static str, direction: &'static str, width: usize) -> Port {
        Port {
            name: name.into(),
            direction: direction.into(),
            width,
        }
    }

    #[test]
    fn wide_ports_take_several_words_and_the_clock_none() {
        let l = PortLayout::new(&[
            port("clock", "in", 1),
            port("a", "in", 18),
            port("wide", "in", 130),
            port("b", "in", 64),
            port("q", "out", 65),
            port("r", "out", 1),
        ])
        .unwrap();
        let offsets: Vec<_> = l
            .inputs
            .iter()
            .map(|s| (s.name.as_str(), s.offset))
            .collect();
        assert_eq!(offsets, [("a", 0), ("wide", 1), ("b", 4)]);
        assert_eq!((l.input_words(), l.output_words()), (5, 3));
        assert_eq!(
            l.output("r").unwrap(),
            OutPort {
                offset: 2,
                width: 1
            }
        );
    }

    #[test]
    fn a_missing_clock_or_an_odd_port_is_an_error() {
        let e = PortLayout::new(&[port("a", "in", 1)]).unwrap_err();
        assert_eq!(e.to_string(), "the top has no port `clock`");
        let e = PortLayout::new(&[port("clock", "in", 1), port("x", "inout", 1)]).unwrap_err();
        assert!(e.to_string().contains("inout"), "{e}");
    }

    /// A 128-bit value takes a 65-bit port's two words, a 16-bit port's one.
    #[test]
    fn u128_values_fill_one_or_two_words() {
        let l = Arc::new(
            PortLayout::new(&[
                port("clock", "in", 1),
                port("a", "in", 16),
                port("w", "in", 65),
                port("q", "out", 65),
            ])
            .unwrap(),
        );
        let mut i = Inputs::new(l.clone());
        i.set_u128(l.input("w").unwrap(), 1 << 64 | 0xBEEF);
        i.set_u128(l.input("a").unwrap(), 0xCAFE);
        assert_eq!(i.words, [0xCAFE, 0xBEEF, 1]);
        let mut o = Outputs::new(l.clone());
        o.words = vec![7, 1];
        assert_eq!(o.get_u128(l.output("q").unwrap()), 1 << 64 | 7);
    }

    #[test]
    #[should_panic(expected = "does not fit a 4-bit port")]
    fn a_value_wider_than_its_port_panics() {
        let l = Arc::new(PortLayout::new(&[port("clock", "in", 1), port("s", "in", 4)]).unwrap());
        let s = l.input("s").unwrap();
        Inputs::new(l).set(s, 16);
    }
}
