//! The convolution engine with its kernel memory and membrane map, cycle by cycle (hdl
//! `conv.rs`): per event a walk over the touched positions, rows then columns, one lane group
//! per cycle; cycle `t` reads the kernel and membrane words, cycle `t + 1` integrates
//! (golden `MembraneMap::integrate`) and writes the membrane word back. Also the clear, one
//! word per cycle, and the outside ports (configuration, FC scan).

use super::{Sizes, Write, LANES};
use crate::conv::touched_range;
use crate::kernel::KernelMemory;
use crate::membrane::MembraneMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Idle,
    Walk,
    Clear,
}

/// A membrane word: `(potential, counter)` of each lane (padding lanes, and the lanes past
/// [`Sizes::lanes`], `(0, 0)`).
pub type MembraneWord = [(i16, i16); LANES];

/// Commands to the engine for one edge.
#[derive(Debug, Clone, Copy, Default)]
pub struct ConvIn {
    pub reset: bool,
    pub start_event: bool,
    pub x: u8,
    pub y: u8,
    pub channel: bool,
    pub start_clear: bool,
    pub kernel_address: usize,
    pub kernel_read: bool,
    pub kernel_write: bool,
    pub kernel_wdata: [i16; LANES],
    pub membrane_address: usize,
    pub membrane_read: bool,
}

#[derive(Debug, Clone)]
pub struct ConvEngine {
    s: Sizes,
    /// ROM words of each axis, as hdl `conv::axis_rom` builds them: touched positions in bits
    /// `[0, 8)`, the kernel word offset from bit 8, the membrane word offset above it.
    x_rom: Vec<u64>,
    y_rom: Vec<u64>,
    pub(super) kernels: KernelMemory,
    pub(super) membranes: MembraneMap,
    state: State,
    group: u8,
    columns_left: u8,
    columns: u8,
    rows_left: u8,
    kernel_position: usize,
    kernel_row: usize,
    membrane_position: usize,
    membrane_row: usize,
    write_pending: bool,
    write_address: usize,
    kernel_rdata: [i16; LANES],
    membrane_rdata: MembraneWord,
}

fn axis_rom(
    coords: usize,
    out_side: usize,
    s: &Sizes,
    kernel_scale: usize,
    membrane_scale: usize,
) -> Vec<u64> {
    (0..256)
        .map(
            |c| match (c < coords).then(|| touched_range(c, s.size, s.stride, out_side)) {
                Some(Some((first, last))) => {
                    let k = c - first * s.stride;
                    let (ka, ma) = (s.caps.kernel_addr_bits, s.caps.membrane_addr_bits);
                    let fit = |v: usize, bits: usize| (v as u64) & ((1 << bits) - 1);
                    (last - first + 1) as u64
                        | fit(k * kernel_scale, ka) << 8
                        | fit(first * membrane_scale, ma) << (8 + ka)
                }
                _ => 0,
            },
        )
        .collect()
}

fn field(word: u64, at: usize, bits: usize) -> usize {
    ((word >> at) as usize) & ((1 << bits) - 1)
}

impl ConvEngine {
    pub fn new(s: &Sizes, kernels: KernelMemory, membranes: MembraneMap) -> Self {
        let g = s.conv_groups;
        Self {
            x_rom: axis_rom(s.width, s.out_w, s, g, g),
            y_rom: axis_rom(s.height, s.out_h, s, s.size * g, s.out_w * g),
            s: s.clone(),
            kernels,
            membranes,
            state: State::Idle,
            group: 0,
            columns_left: 0,
            columns: 0,
            rows_left: 0,
            kernel_position: 0,
            kernel_row: 0,
            membrane_position: 0,
            membrane_row: 0,
            write_pending: false,
            write_address: 0,
            kernel_rdata: [0; LANES],
            membrane_rdata: [(0, 0); LANES],
        }
    }

    pub fn busy(&self) -> bool {
        self.state != State::Idle || self.write_pending
    }

    pub fn kernel_rdata(&self) -> [i16; LANES] {
        self.kernel_rdata
    }

    pub fn membrane_rdata(&self) -> MembraneWord {
        self.membrane_rdata
    }

    fn in_field(&self, i: &ConvIn) -> bool {
        usize::from(i.x) < self.s.width
            && usize::from(i.y) < self.s.height
            && (self.s.channels == 2 || !i.channel)
    }

    /// `ignored`: the event started now lies outside the field (combinational).
    pub fn ignored(&self, i: &ConvIn) -> bool {
        i.start_event && self.state == State::Idle && !self.in_field(i)
    }

    /// Kernel `L·g + l` of tap word `address` (`None`: a padding lane, a lane past
    /// [`Sizes::lanes`] or a word past the memory).
    fn kernel_index(&self, address: usize, lane: usize) -> Option<usize> {
        let (tap, g) = (address / self.s.conv_groups, address % self.s.conv_groups);
        let k = g * self.s.lanes + lane;
        (tap < self.s.taps && lane < self.s.lanes && k < self.s.kernels)
            .then_some(tap * self.s.kernels + k)
    }

    fn neuron_index(&self, address: usize, lane: usize) -> Option<usize> {
        let (pos, g) = (address / self.s.conv_groups, address % self.s.conv_groups);
        let k = g * self.s.lanes + lane;
        (pos < self.s.positions && lane < self.s.lanes && k < self.s.kernels)
            .then_some(pos * self.s.kernels + k)
    }

    fn read_kernel(&self, address: usize) -> [i16; LANES] {
        std::array::from_fn(|l| {
            self.kernel_index(address, l)
                .map_or(0, |i| self.kernels.weights()[i])
        })
    }

    /// The membrane word at `address`.
    pub fn read_membrane(&self, address: usize) -> MembraneWord {
        std::array::from_fn(|l| {
            self.neuron_index(address, l).map_or((0, 0), |n| {
                (self.membranes.potentials()[n], self.membranes.counts()[n])
            })
        })
    }

    /// One rising edge; returns the membrane and kernel writes done at it.
    pub fn step(
        &mut self,
        i: &ConvIn,
    ) -> (Option<Write<MembraneWord>>, Option<Write<[i16; LANES]>>) {
        let busy = self.busy();
        let g = self.s.conv_groups;
        let issue_kernel =
            (self.kernel_position + usize::from(self.group)) & self.s.caps.kernel_mask();
        let issue_membrane =
            (self.membrane_position + usize::from(self.group)) & self.s.caps.membrane_mask();
        let (mut k_read, mut k_addr) = (i.kernel_read, i.kernel_address);
        let mut k_write = i.kernel_write && !busy;
        let (mut m_read, mut m_addr) = (i.membrane_read, i.membrane_address);
        // The write-back of the word read last cycle: the lanes integrate on the read registers.
        let mut m_write = self.write_pending.then(|| {
            let w = self.kernel_rdata;
            (self.write_address, Some(w))
        });
        let mut write_pending = false;
        let mut write_address = self.write_address;
        let mut state = self.state;
        match self.state {
            State::Idle => {
                let (xw, yw) = (self.x_rom[usize::from(i.x)], self.y_rom[usize::from(i.y)]);
                if i.start_clear {
                    state = State::Clear;
                    write_address = 0;
                } else if i.start_event
                    && self.in_field(i)
                    && field(xw, 0, 8) != 0
                    && field(yw, 0, 8) != 0
                {
                    state = State::Walk;
                    self.group = 0;
                    self.columns = field(xw, 0, 8) as u8;
                    self.columns_left = self.columns;
                    self.rows_left = field(yw, 0, 8) as u8;
                    let ka = self.s.caps.kernel_addr_bits;
                    let mut kernel =
                        (field(xw, 8, ka) + field(yw, 8, ka)) & self.s.caps.kernel_mask();
                    if i.channel {
                        kernel = (kernel + self.s.taps_per_channel * g) & self.s.caps.kernel_mask();
                    }
                    self.kernel_row = kernel;
                    self.kernel_position = kernel;
                    let ma = self.s.caps.membrane_addr_bits;
                    let membrane = (field(xw, 8 + ka, ma) + field(yw, 8 + ka, ma))
                        & self.s.caps.membrane_mask();
                    self.membrane_row = membrane;
                    self.membrane_position = membrane;
                }
            }
            State::Walk => {
                (k_read, k_addr, k_write) = (true, issue_kernel, false);
                (m_read, m_addr) = (true, issue_membrane);
                write_pending = true;
                write_address = issue_membrane;
                if usize::from(self.group) != g - 1 {
                    self.group += 1;
                } else {
                    self.group = 0;
                    let (kc, kr) = (self.s.stride * g, self.s.stride * self.s.size * g);
                    let (mc, mr) = (g, self.s.out_w * g);
                    if self.columns_left != 1 {
                        self.columns_left -= 1;
                        self.kernel_position =
                            self.kernel_position.wrapping_sub(kc) & self.s.caps.kernel_mask();
                        self.membrane_position =
                            (self.membrane_position + mc) & self.s.caps.membrane_mask();
                    } else if self.rows_left != 1 {
                        self.rows_left -= 1;
                        self.columns_left = self.columns;
                        self.kernel_row =
                            self.kernel_row.wrapping_sub(kr) & self.s.caps.kernel_mask();
                        self.kernel_position = self.kernel_row;
                        self.membrane_row = (self.membrane_row + mr) & self.s.caps.membrane_mask();
                        self.membrane_position = self.membrane_row;
                    } else {
                        state = State::Idle;
                    }
                }
            }
            State::Clear => {
                m_write = Some((self.write_address, None));
                write_address = (self.write_address + 1) & self.s.caps.membrane_mask();
                if self.write_address == self.s.membrane_words - 1 {
                    state = State::Idle;
                }
            }
        }
        // The RAMs at the edge: reads return the old word.
        let kernel_write = k_write.then_some(Write {
            address: k_addr,
            data: i.kernel_wdata,
        });
        if k_read {
            self.kernel_rdata = self.read_kernel(k_addr);
        }
        if let Some(w) = kernel_write {
            for (l, &v) in w.data.iter().enumerate() {
                if let Some(k) = self.kernel_index(w.address, l) {
                    self.kernels.weights_mut()[k] = v;
                }
            }
        }
        let read = m_read.then(|| self.read_membrane(m_addr));
        let membrane_write = m_write.map(|(address, taps)| {
            match taps {
                Some(w) => {
                    // The RTL integrates the read register; the map still holds that word (a
                    // word is never read and written at one edge, nor rewritten in between).
                    debug_assert_eq!(self.read_membrane(address), self.membrane_rdata);
                    for (l, &w) in w.iter().enumerate() {
                        if let Some(n) = self.neuron_index(address, l) {
                            self.membranes.integrate(n, w);
                        }
                    }
                }
                None => {
                    if address == 0 {
                        // The clear: nothing reads the map until its last word is written.
                        self.membranes.clear();
                    }
                }
            }
            Write {
                address,
                data: self.read_membrane(address),
            }
        });
        if let Some(word) = read {
            self.membrane_rdata = word;
        }
        self.state = state;
        self.write_pending = write_pending;
        self.write_address = write_address;
        if i.reset {
            self.state = State::Idle;
            self.write_pending = false;
        }
        (membrane_write, kernel_write)
    }
}
