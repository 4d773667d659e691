//! A board over a [`Transport`]: load a golden chip, run samples, read memories back.
//!
//! The protocol's rules (docs/HOST.md § "Rules") are kept here: after a sample's
//! end-of-sample word nothing is sent until its class has arrived, and after a command with a
//! reply nothing until the reply is in.

use crate::memory::{self, Shape};
use crate::protocol::{Command, LinkErrors};
use crate::transport::Transport;
use crate::HostError;
use golden::chip::Chip;
use golden::config::Config;
use golden::cycle::config_port::{
    chip_registers, fc_select, SELECT_KERNELS, SELECT_REGISTERS, SELECT_SCORES,
};
use golden::cycle::host::aer_words;
use golden::event::Event;
use hdl::host_link::{status, tag, PROTOCOL_VERSION};
use std::time::Duration;

/// The longest burst one command carries (a 16-bit count).
const MAX_BURST: usize = u16::MAX as usize;

/// The status reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Status {
    pub version: u8,
    /// A sample is under way.
    pub busy: bool,
    /// An error was reported since the previous status query.
    pub error_seen: bool,
}

/// One element that differs between the board and the golden chip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    pub memory: String,
    pub index: usize,
    pub board: i64,
    pub golden: i64,
}

/// A board running the spoon processor of `config`, behind a transport.
pub struct Board<T: Transport> {
    transport: T,
    config: Config,
    /// The longest wait for a byte of a reply.
    pub timeout: Duration,
    /// Bytes received but not yet consumed.
    pending: std::collections::VecDeque<u8>,
}

impl<T: Transport> Board<T> {
    pub fn new(transport: T, config: &Config) -> Self {
        Self {
            transport,
            config: config.clone(),
            timeout: Duration::from_secs(2),
            pending: Default::default(),
        }
    }

    pub fn transport(&mut self) -> &mut T {
        &mut self.transport
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    fn send(&mut self, command: &Command) -> Result<(), HostError> {
        Ok(self.transport.write(&command.bytes())?)
    }

    fn byte(&mut self, waiting_for: &'static str) -> Result<u8, HostError> {
        if self.pending.is_empty() {
            let mut buf = [0u8; 4096];
            let n = self.transport.read(&mut buf, self.timeout)?;
            if n == 0 {
                return Err(HostError::Timeout {
                    waiting_for,
                    timeout: self.timeout,
                });
            }
            self.pending.extend(&buf[..n]);
        }
        Ok(self.pending.pop_front().expect("a byte was read"))
    }

    /// The next message's tag; an error message is returned as an error, a class (unprompted
    /// outside [`Board::run_sample`]) as an unexpected byte.
    fn tag(&mut self, waiting_for: &'static str) -> Result<u8, HostError> {
        let t = self.byte(waiting_for)?;
        if t == tag::ERROR {
            let flags = self.byte("the error flags")?;
            return Err(HostError::Link(LinkErrors(flags)));
        }
        Ok(t)
    }

    fn expect_tag(&mut self, expected: u8, waiting_for: &'static str) -> Result<(), HostError> {
        match self.tag(waiting_for)? {
            t if t == expected => Ok(()),
            byte => Err(HostError::UnexpectedByte { byte, waiting_for }),
        }
    }

    /// The status; also checks the protocol version.
    pub fn status(&mut self) -> Result<Status, HostError> {
        self.send(&Command::Status)?;
        self.expect_tag(tag::STATUS, "the status")?;
        let version = self.byte("the version")?;
        let flags = self.byte("the status flags")?;
        if version != PROTOCOL_VERSION {
            return Err(HostError::Version {
                found: version,
                expected: PROTOCOL_VERSION,
            });
        }
        Ok(Status {
            version,
            busy: flags & status::BUSY != 0,
            error_seen: flags & status::ERROR_SEEN != 0,
        })
    }

    pub fn write_element(&mut self, select: u8, address: u32, data: u16) -> Result<(), HostError> {
        self.send(&Command::ElementWrite {
            select,
            address,
            data,
        })
    }

    pub fn read_element(&mut self, select: u8, address: u32) -> Result<u16, HostError> {
        self.send(&Command::ElementRead { select, address })?;
        self.expect_tag(tag::ELEMENT, "an element read")?;
        let high = self.byte("an element read")?;
        let low = self.byte("an element read")?;
        Ok(u16::from_be_bytes([high, low]))
    }

    /// Writes whole memory words from `address` on (bursts of at most 65,535 words).
    pub fn write_words(
        &mut self,
        select: u8,
        address: u32,
        words: &[u128],
    ) -> Result<(), HostError> {
        let word_bytes = memory::word_bytes(&self.config);
        for (i, chunk) in words.chunks(MAX_BURST).enumerate() {
            self.send(&Command::BurstWrite {
                select,
                address: address + (i * MAX_BURST) as u32,
                words: chunk.to_vec(),
                word_bytes,
            })?;
        }
        Ok(())
    }

    /// Reads `n` memory words from `address` on.
    pub fn read_words(
        &mut self,
        select: u8,
        address: u32,
        n: usize,
    ) -> Result<Vec<u128>, HostError> {
        let word_bytes = memory::word_bytes(&self.config);
        let mut words = Vec::with_capacity(n);
        while words.len() < n {
            let count = (n - words.len()).min(MAX_BURST);
            self.send(&Command::BurstRead {
                select,
                address: address + words.len() as u32,
                count: count as u16,
                word_bytes,
            })?;
            self.expect_tag(tag::BURST, "a burst read")?;
            for _ in 0..count {
                let mut word = 0u128;
                for _ in 0..word_bytes {
                    word = word << 8 | u128::from(self.byte("a burst read")?);
                }
                words.push(word);
            }
        }
        Ok(words)
    }

    fn shapes(&self, chip: &Chip) -> Vec<(u8, Shape, String)> {
        let mut v = vec![(
            SELECT_KERNELS,
            memory::kernels(&self.config),
            "kernels".to_string(),
        )];
        for k in 0..chip.layers().len() {
            v.push((
                fc_select(k),
                memory::fc_layer(chip, k),
                format!("FC layer {k}"),
            ));
        }
        v
    }

    /// Loads a golden chip: kernels and FC weights by bursts of words, the learning-rate
    /// shifts and the rounding LFSR state by element writes; then a status query, which
    /// fails if the board reported an error.
    pub fn load_chip(&mut self, chip: &Chip) -> Result<(), HostError> {
        self.check_config(chip)?;
        let weights = [chip.kernels().weights()]
            .into_iter()
            .chain(chip.layers().iter().map(|l| l.weights()));
        let shapes = self.shapes(chip);
        for ((select, shape, _), elements) in shapes.into_iter().zip(weights) {
            self.write_words(select, 0, &memory::pack(shape, elements))?;
        }
        for (register, value) in chip_registers(chip) {
            self.write_element(SELECT_REGISTERS, register as u32, value)?;
        }
        match self.status()? {
            s if s.error_seen => Err(HostError::Invalid {
                what: "loading the chip",
                problem: "the board saw an error".into(),
            }),
            _ => Ok(()),
        }
    }

    fn check_config(&self, chip: &Chip) -> Result<(), HostError> {
        if chip.config() != &self.config {
            return Err(HostError::Invalid {
                what: "chip",
                problem: "its config is not the board's".into(),
            });
        }
        Ok(())
    }

    /// Streams one sample and waits for its class.
    pub fn run_sample(
        &mut self,
        events: &[Event],
        learn: bool,
        label: usize,
    ) -> Result<u8, HostError> {
        let mut bytes = vec![];
        for w in aer_words(events, learn, label) {
            Command::Aer(w).encode(&mut bytes);
        }
        self.transport.write(&bytes)?;
        self.expect_tag(tag::CLASS, "the class")?;
        self.byte("the class")
    }

    pub fn infer(&mut self, events: &[Event]) -> Result<u8, HostError> {
        self.run_sample(events, false, 0)
    }

    pub fn train(&mut self, events: &[Event], label: usize) -> Result<u8, HostError> {
        self.run_sample(events, true, label)
    }

    /// The output scores `z_c` of the last sample.
    pub fn scores(&mut self) -> Result<Vec<i32>, HostError> {
        (0..self.config.fc.classes as u32)
            .map(|c| {
                let low = self.read_element(SELECT_SCORES, 2 * c)?;
                let high = self.read_element(SELECT_SCORES, 2 * c + 1)?;
                Ok((u32::from(high) << 16 | u32::from(low)) as i32)
            })
            .collect()
    }

    /// A whole weight memory (select 0, 1 or 2) by bursts of words, as elements in golden's
    /// storage order.
    pub fn read_memory(&mut self, select: u8, shape: Shape) -> Result<Vec<i16>, HostError> {
        let words = self.read_words(select, 0, shape.words())?;
        Ok(memory::unpack(shape, &words))
    }

    /// Reads back kernels, FC weights and the registers a chip load writes, and lists every
    /// element that differs from `chip`.
    pub fn compare(&mut self, chip: &Chip) -> Result<Vec<Mismatch>, HostError> {
        self.check_config(chip)?;
        let golden: Vec<&[i16]> = [chip.kernels().weights()]
            .into_iter()
            .chain(chip.layers().iter().map(|l| l.weights()))
            .collect();
        let mut mismatches = vec![];
        for ((select, shape, name), expected) in self.shapes(chip).into_iter().zip(golden) {
            let got = self.read_memory(select, shape)?;
            mismatches.extend(differences(&name, &got, expected));
        }
        for (register, value) in chip_registers(chip) {
            let got = self.read_element(SELECT_REGISTERS, register as u32)?;
            if got != value {
                mismatches.push(Mismatch {
                    memory: format!("register {register}"),
                    index: 0,
                    board: got.into(),
                    golden: value.into(),
                });
            }
        }
        Ok(mismatches)
    }
}

/// The elements where `got` differs from `expected`, named `name`.
pub fn differences(name: &str, got: &[i16], expected: &[i16]) -> Vec<Mismatch> {
    got.iter()
        .zip(expected)
        .enumerate()
        .filter(|(_, (g, e))| g != e)
        .map(|(index, (&g, &e))| Mismatch {
            memory: name.to_string(),
            index,
            board: g.into(),
            golden: e.into(),
        })
        .collect()
}
