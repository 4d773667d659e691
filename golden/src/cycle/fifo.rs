//! AER input FIFO, cycle by cycle (hdl `event.rs`): `fifo_depth` words of 18 bits in a
//! synchronous RAM. A word arrives one cycle after the pins took it (the chip's pin register),
//! so `in_ready` is high only while two words are free; it and `empty` are registered from the
//! next count; a pop returns the word one cycle later, on `out_data`.

/// Bits of one AER word.
pub const AER_BITS: u32 = 18;

#[derive(Debug, Clone)]
pub struct Fifo {
    words: Vec<u32>,
    read_pointer: usize,
    write_pointer: usize,
    held: usize,
    /// `held != 0` and `held > depth − 2` after the last edge (registered).
    holds: bool,
    tight: bool,
    /// The RAM's read register: the word popped at the last pop.
    out_data: u32,
}

impl Fifo {
    pub fn new(depth: usize) -> Self {
        assert!(depth.is_power_of_two(), "the FIFO depth is a power of two");
        Self {
            words: vec![0; depth],
            read_pointer: 0,
            write_pointer: 0,
            held: 0,
            holds: false,
            tight: false,
            out_data: 0,
        }
    }

    /// At least two words free: the pins may take a word.
    pub fn in_ready(&self) -> bool {
        !self.tight
    }

    pub fn empty(&self) -> bool {
        !self.holds
    }

    /// The word popped at the previous edge.
    pub fn out_data(&self) -> u32 {
        self.out_data
    }

    /// Words held.
    pub fn held(&self) -> usize {
        self.held
    }

    /// One rising edge; `in_valid`: a word taken at the pins in the previous cycle arrives.
    pub fn step(&mut self, reset: bool, in_valid: bool, in_data: u32, pop: bool) {
        let depth = self.words.len();
        let push = in_valid && self.held != depth;
        let take = pop && !self.empty();
        if take {
            self.out_data = self.words[self.read_pointer];
            self.read_pointer = (self.read_pointer + 1) % depth;
        }
        if push {
            self.words[self.write_pointer] = in_data & ((1 << AER_BITS) - 1);
            self.write_pointer = (self.write_pointer + 1) % depth;
        }
        let mut held = self.held;
        if push && !take {
            held += 1;
        }
        if take && !push {
            held -= 1;
        }
        if reset {
            self.read_pointer = 0;
            self.write_pointer = 0;
            held = 0;
        }
        self.held = held;
        self.holds = held != 0;
        self.tight = held + 2 > depth;
    }
}
