//! The 18-bit AER input words (ARCHITECTURE § "AER input and FIFO").
//!
//! | bits  | event word (`kind = 0`) | end-of-sample word (`kind = 1`) |
//! |-------|-------------------------|---------------------------------|
//! | 17    | 0                       | 1                               |
//! | 16    | `channel`               | `learn`                         |
//! | 15..8 | `y`                     | 0                               |
//! | 7..0  | `x`                     | `label`                         |

use golden::event::Event;

/// Bits of one word (`hdl::event::AER_BITS`).
pub const WORD_BITS: usize = hdl::event::AER_BITS;
const KIND: u64 = 1 << 17;

/// The end of a sample: train on it (`learn`) towards `label`, or infer only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EndOfSample {
    pub learn: bool,
    pub label: u8,
}

impl EndOfSample {
    pub const INFER: Self = Self {
        learn: false,
        label: 0,
    };
}

/// The word of one input event (a channel above 1 is cut to its low bit, as the port is).
pub fn event_word(e: Event) -> u64 {
    u64::from(e.channel & 1) << 16 | u64::from(e.y) << 8 | u64::from(e.x)
}

/// The end-of-sample word.
pub fn end_of_sample_word(end: EndOfSample) -> u64 {
    KIND | u64::from(end.learn) << 16 | u64::from(end.label)
}

/// The words of one sample: its events, then the end-of-sample word.
pub fn sample_words(events: &[Event], end: EndOfSample) -> Vec<u64> {
    events
        .iter()
        .map(|&e| event_word(e))
        .chain([end_of_sample_word(end)])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_follow_the_architecture_table() {
        assert_eq!(event_word(Event::new(3, 27, 1)), 0x1_1b03);
        let end = EndOfSample {
            learn: true,
            label: 9,
        };
        assert_eq!(end_of_sample_word(end), 0x3_0009);
        assert_eq!(end_of_sample_word(EndOfSample::INFER), 0x2_0000);
        assert_eq!(WORD_BITS, 18);
    }
}
