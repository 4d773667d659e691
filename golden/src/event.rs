//! Address-event representation (AER) of one input spike.

use serde::{Deserialize, Serialize};

/// One input event as it crosses the chip's AER input port.
///
/// The port carries `x` and `y` (pixel coordinates, `log2(width)` and `log2(height)` bits) and the
/// `channel` (polarity: 0 = OFF, 1 = ON for an event camera; always 0 for a TTFS-encoded image,
/// whose inputs have a single channel). Timing is not part of the word: the chip is event driven and
/// processes events in arrival order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Event {
    /// Column, 0 = left.
    pub x: u8,
    /// Row, 0 = top.
    pub y: u8,
    /// Input channel (polarity), `< input.channels`.
    pub channel: u8,
}

impl Event {
    pub const fn new(x: u8, y: u8, channel: u8) -> Self {
        Self { x, y, channel }
    }
}
