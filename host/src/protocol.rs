//! Commands to the board as bytes, and the messages the board sends back (docs/HOST.md).

use hdl::host_link::{error, opcode, tag};
use std::fmt;

/// One command to the board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// An AER word (event or end-of-sample word, 18 bits).
    Aer(u32),
    ElementWrite {
        select: u8,
        address: u32,
        data: u16,
    },
    ElementRead {
        select: u8,
        address: u32,
    },
    /// Whole memory words from `address` on, auto-incremented, each sent in `word_bytes`
    /// bytes (the board's link word: [`crate::memory::word_bytes`]).
    BurstWrite {
        select: u8,
        address: u32,
        words: Vec<u128>,
        word_bytes: usize,
    },
    BurstRead {
        select: u8,
        address: u32,
        count: u16,
        word_bytes: usize,
    },
    Status,
}

fn header(out: &mut Vec<u8>, op: u8, select: u8, address: u32, last: u16) {
    out.push(op);
    out.push(select);
    out.extend(&address.to_be_bytes()[1..]);
    out.extend(last.to_be_bytes());
}

impl Command {
    /// Appends the command's bytes to `out`. Panics on an AER word above 18 bits, an address
    /// above 24 bits or a burst above 65,535 words: the [`crate::Board`] API never makes them.
    pub fn encode(&self, out: &mut Vec<u8>) {
        match self {
            Command::Aer(w) => {
                assert!(*w < 1 << 18, "AER word {w:#x} wider than 18 bits");
                out.extend([opcode::AER | (w >> 16) as u8, (w >> 8) as u8, *w as u8]);
            }
            &Command::ElementWrite {
                select,
                address,
                data,
            } => header(out, opcode::ELEMENT_WRITE, select, address, data),
            &Command::ElementRead { select, address } => {
                header(out, opcode::ELEMENT_READ, select, address, 0)
            }
            Command::BurstWrite {
                select,
                address,
                words,
                word_bytes,
            } => {
                let count = u16::try_from(words.len()).expect("a burst of at most 65,535 words");
                header(out, opcode::BURST_WRITE, *select, *address, count);
                for w in words {
                    out.extend(&w.to_be_bytes()[16 - word_bytes..]);
                }
            }
            &Command::BurstRead {
                select,
                address,
                count,
                ..
            } => header(out, opcode::BURST_READ, select, address, count),
            Command::Status => out.push(opcode::STATUS),
        }
        if let Command::ElementWrite { address, .. }
        | Command::ElementRead { address, .. }
        | Command::BurstWrite { address, .. }
        | Command::BurstRead { address, .. } = self
        {
            assert!(
                *address < 1 << 24,
                "address {address:#x} wider than 24 bits"
            );
        }
    }

    /// The command's bytes.
    pub fn bytes(&self) -> Vec<u8> {
        let mut v = vec![];
        self.encode(&mut v);
        v
    }

    /// Bytes of the reply the board sends, tag included (0: none).
    pub fn reply_len(&self) -> usize {
        match self {
            Command::ElementRead { .. } | Command::Status => 3,
            Command::BurstRead {
                count, word_bytes, ..
            } => 1 + word_bytes * usize::from(*count),
            _ => 0,
        }
    }
}

/// The flags of an error message (`hdl::host_link::error`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkErrors(pub u8);

impl LinkErrors {
    pub fn overrun(self) -> bool {
        self.0 & error::OVERRUN != 0
    }
    pub fn bad_command(self) -> bool {
        self.0 & error::BAD_COMMAND != 0
    }
    pub fn framing(self) -> bool {
        self.0 & error::FRAMING != 0
    }
    pub fn class_lost(self) -> bool {
        self.0 & error::CLASS_LOST != 0
    }
}

impl fmt::Display for LinkErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = [
            (
                error::OVERRUN,
                "overrun (a byte arrived while the link was busy)",
            ),
            (error::BAD_COMMAND, "unknown command"),
            (
                error::FRAMING,
                "framing error (bad stop bit: wrong baud rate?)",
            ),
            (
                error::CLASS_LOST,
                "a class was lost (a sample ended before the previous class was sent)",
            ),
        ];
        let set: Vec<&str> = names
            .iter()
            .filter(|(bit, _)| self.0 & bit != 0)
            .map(|(_, n)| *n)
            .collect();
        write!(f, "{} (flags {:#04x})", set.join(", "), self.0)
    }
}

/// A message from the board that is not the reply being waited for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unprompted {
    Class(u8),
    Error(LinkErrors),
}

/// The tag of an unprompted message, if `byte` is one.
pub fn unprompted_tag(byte: u8) -> bool {
    byte == tag::CLASS || byte == tag::ERROR
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_encode_most_significant_byte_first() {
        assert_eq!(Command::Aer(0x3_0009).bytes(), [0x07, 0x00, 0x09]);
        assert_eq!(Command::Aer(0x1_1B03).bytes(), [0x05, 0x1B, 0x03]);
        let w = Command::ElementWrite {
            select: 1,
            address: 0x1_2345,
            data: 0xFFFE,
        };
        assert_eq!(w.bytes(), [0x10, 1, 0x01, 0x23, 0x45, 0xFF, 0xFE]);
        let b = Command::BurstWrite {
            select: 2,
            address: 5,
            words: vec![0x0102_0304_0506_0708],
            word_bytes: 8,
        };
        assert_eq!(b.bytes(), [0x12, 2, 0, 0, 5, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8]);
        let wide = Command::BurstWrite {
            select: 1,
            address: 0,
            words: vec![0x0F << 120 | 0x0102],
            word_bytes: 16,
        };
        let mut want = vec![0x12, 1, 0, 0, 0, 0, 1, 0x0F];
        want.extend([0; 13]);
        want.extend([1, 2]);
        assert_eq!(wide.bytes(), want);
        let r = Command::BurstRead {
            select: 0,
            address: 7,
            count: 3,
            word_bytes: 8,
        };
        assert_eq!((r.bytes()[0], r.reply_len()), (0x13, 25));
        let r = Command::BurstRead {
            select: 0,
            address: 7,
            count: 3,
            word_bytes: 16,
        };
        assert_eq!(r.reply_len(), 49);
        assert_eq!(Command::Status.bytes(), [0x20]);
    }

    #[test]
    fn error_flags_are_named() {
        let e = LinkErrors(error::OVERRUN | error::FRAMING);
        assert!(e.overrun() && e.framing() && !e.bad_command() && !e.class_lost());
        let text = e.to_string();
        assert!(
            text.contains("overrun") && text.contains("framing"),
            "{text}"
        );
    }
}
