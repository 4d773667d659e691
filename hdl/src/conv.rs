//! The event-driven convolution engine with its kernel memory and membrane map (golden
//! `conv.rs`, `kernel.rs`, `membrane.rs`).
//!
//! An event `(x, y, ch)` starts a walk over the touched output positions, rows ascending then
//! columns ascending, `⌈K / CONV_LANES⌉` lane groups per position. Two ROMs, one per axis and
//! written from golden `touched_range` at generation time, give for a coordinate the number of
//! touched positions and the word offsets of the first one in the kernel memory (`kx0·G`,
//! `ky0·size·G`) and in the membrane map (`ox0·G`, `oy0·W_o·G`); the walk then steps the two
//! addresses by constants (`G = ⌈K / L⌉`). No division or multiplication is done per event.
//!
//! Pipeline: cycle `t` reads kernel word and membrane word (synchronous RAMs); cycle `t + 1`
//! runs the `CONV_LANES` integrate-and-fire lanes and writes the membrane word back. One word
//! per cycle. `busy` covers the walk and its last write.
//!
//! Kernel memory: `channels·size²·G` words of `CONV_LANES × KERNEL_BITS`, lane `l` of word
//! `tap·G + g` is kernel `g·L + l`. Membrane map: `W_o·H_o·G` words of
//! `CONV_LANES × (MEMBRANE_BITS + COUNT_BITS)`, lane `l` of word `pos·G + g` is the neuron of
//! kernel `g·L + l` at `pos = oy·W_o + ox`: potential in the low bits, counter above.

use crate::integrate_fire::IntegrateFire;
use crate::params::*;
use crate::ram::Ram;
use golden::conv::touched_range;
use rust_hdl::prelude::*;
use std::collections::BTreeMap;

#[derive(Copy, Clone, Debug, PartialEq, LogicState)]
pub enum ConvState {
    Idle,
    Walk,
    Clear,
}

/// ROM word of one axis: `[0, 8)` touched positions, then the kernel word offset
/// (`KERNEL_ADDR_BITS` from [`AXIS_KERNEL_AT`]), then the membrane word offset
/// (`MEMBRANE_ADDR_BITS` from [`AXIS_MEMBRANE_AT`]).
type AxisWord = Bits<{ AXIS_MEMBRANE_AT + MEMBRANE_ADDR_BITS }>;
pub const AXIS_KERNEL_AT: usize = 8;
pub const AXIS_MEMBRANE_AT: usize = AXIS_KERNEL_AT + KERNEL_ADDR_BITS;

#[derive(LogicBlock)]
pub struct ConvEngine {
    pub clock: Signal<In, Clock>,
    /// Synchronous reset: back to idle.
    pub reset: Signal<In, Bit>,
    /// Start integrating the event on `x`, `y`, `channel` (sampled when not `busy`).
    pub start_event: Signal<In, Bit>,
    /// Event column, row (pixels) and channel.
    pub x: Signal<In, Bits<8>>,
    pub y: Signal<In, Bits<8>>,
    pub channel: Signal<In, Bit>,
    /// Start clearing the membrane map (sampled when not `busy`).
    pub start_clear: Signal<In, Bit>,
    /// A walk, a clear or a write-back is under way; the memory ports below are ignored.
    pub busy: Signal<Out, Bit>,
    /// High with `start_event` when the event lies outside the field (it is dropped).
    pub ignored: Signal<Out, Bit>,
    /// Kernel memory port for the configuration port (used when not `busy`).
    pub kernel_address: Signal<In, Bits<KERNEL_ADDR_BITS>>,
    pub kernel_read: Signal<In, Bit>,
    pub kernel_write: Signal<In, Bit>,
    pub kernel_wdata: Signal<In, Bits<KERNEL_WORD>>,
    /// Kernel word read one cycle after `kernel_read`.
    pub kernel_rdata: Signal<Out, Bits<KERNEL_WORD>>,
    /// Membrane map read port for the scanners and the configuration port (when not `busy`).
    pub membrane_address: Signal<In, Bits<MEMBRANE_ADDR_BITS>>,
    pub membrane_read: Signal<In, Bit>,
    /// Membrane word read one cycle after `membrane_read`.
    pub membrane_rdata: Signal<Out, Bits<MEMBRANE_WORD>>,
    /// Its spike counters, lane `l` at bit `l · INPUT_BITS`, zero-extended: FC layer 0's input
    /// word.
    pub spike_counts: Signal<Out, Bits<INPUT_WORD>>,
    pub(crate) kernels: Ram<KERNEL_WORD, KERNEL_ADDR_BITS>,
    pub(crate) membranes: Ram<MEMBRANE_WORD, MEMBRANE_ADDR_BITS>,
    lanes: [IntegrateFire; CONV_LANES],
    x_rom: ROM<AxisWord, 8>,
    y_rom: ROM<AxisWord, 8>,
    pub(crate) state: DFF<ConvState>,
    /// Lane group within the position.
    pub(crate) group: DFF<Bits<8>>,
    /// Columns left in this row, including the current one; the row's column count.
    pub(crate) columns_left: DFF<Bits<8>>,
    pub(crate) columns: DFF<Bits<8>>,
    pub(crate) rows_left: DFF<Bits<8>>,
    /// Kernel / membrane word address of group 0 of the current position and row start.
    pub(crate) kernel_position: DFF<Bits<KERNEL_ADDR_BITS>>,
    pub(crate) kernel_row: DFF<Bits<KERNEL_ADDR_BITS>>,
    pub(crate) membrane_position: DFF<Bits<MEMBRANE_ADDR_BITS>>,
    pub(crate) membrane_row: DFF<Bits<MEMBRANE_ADDR_BITS>>,
    /// A read was issued last cycle: write its membrane word back now, at `write_address`.
    pub(crate) write_pending: DFF<Bit>,
    pub(crate) write_address: DFF<Bits<MEMBRANE_ADDR_BITS>>,
    /// The membrane word after the lanes: `packed[i]` holds lanes `0..i` (rust_hdl has no
    /// concatenation, and a kernel may not read `.next`, so the word is built as a chain).
    packed: [Signal<Local, Bits<MEMBRANE_WORD>>; CONV_LANES + 1],
    /// The spike counters of lanes `0..i` in `counts[i]`.
    counts: [Signal<Local, Bits<INPUT_WORD>>; CONV_LANES + 1],
    in_field: Signal<Local, Bit>,
    issue_kernel: Signal<Local, Bits<KERNEL_ADDR_BITS>>,
    /// The event's first kernel word (channel 0) and membrane word: the axes' offsets summed.
    kernel_offset: Signal<Local, Bits<KERNEL_ADDR_BITS>>,
    membrane_offset: Signal<Local, Bits<MEMBRANE_ADDR_BITS>>,
    issue_membrane: Signal<Local, Bits<MEMBRANE_ADDR_BITS>>,
    width: Constant<Bits<9>>,
    height: Constant<Bits<9>>,
    two_channels: Constant<Bit>,
    last_group: Constant<Bits<8>>,
    channel_offset: Constant<Bits<KERNEL_ADDR_BITS>>,
    kernel_column_step: Constant<Bits<KERNEL_ADDR_BITS>>,
    kernel_row_step: Constant<Bits<KERNEL_ADDR_BITS>>,
    membrane_column_step: Constant<Bits<MEMBRANE_ADDR_BITS>>,
    membrane_row_step: Constant<Bits<MEMBRANE_ADDR_BITS>>,
    last_membrane_word: Constant<Bits<MEMBRANE_ADDR_BITS>>,
}

fn axis_rom(
    coords: usize,
    out_side: usize,
    p: &Params,
    kernel_scale: usize,
    membrane_scale: usize,
) -> ROM<AxisWord, 8> {
    let mut rom = BTreeMap::new();
    for c in 0..coords {
        if let Some((first, last)) = touched_range(c, p.size, p.stride, out_side) {
            let k = c - first * p.stride;
            let fit = |v: usize, bits: usize| (v as u64) & ((1 << bits) - 1);
            let word = (last - first + 1) as u64
                | fit(k * kernel_scale, KERNEL_ADDR_BITS) << AXIS_KERNEL_AT
                | fit(first * membrane_scale, MEMBRANE_ADDR_BITS) << AXIS_MEMBRANE_AT;
            rom.insert(Bits::<8>::from(c as u64), AxisWord::from(word));
        }
    }
    ROM::new(rom)
}

impl ConvEngine {
    pub fn new(p: &Params) -> Self {
        let g = p.conv_groups;
        Self {
            clock: Default::default(),
            reset: Default::default(),
            start_event: Default::default(),
            x: Default::default(),
            y: Default::default(),
            channel: Default::default(),
            start_clear: Default::default(),
            busy: Default::default(),
            ignored: Default::default(),
            kernel_address: Default::default(),
            kernel_read: Default::default(),
            kernel_write: Default::default(),
            kernel_wdata: Default::default(),
            kernel_rdata: Default::default(),
            membrane_address: Default::default(),
            membrane_read: Default::default(),
            membrane_rdata: Default::default(),
            spike_counts: Default::default(),
            kernels: Default::default(),
            membranes: Default::default(),
            lanes: std::array::from_fn(|lane| IntegrateFire::new(p, lane)),
            x_rom: axis_rom(p.width, p.out_w, p, g, g),
            y_rom: axis_rom(p.height, p.out_h, p, p.size * g, p.out_w * g),
            state: Default::default(),
            group: Default::default(),
            columns_left: Default::default(),
            columns: Default::default(),
            rows_left: Default::default(),
            kernel_position: Default::default(),
            kernel_row: Default::default(),
            membrane_position: Default::default(),
            membrane_row: Default::default(),
            write_pending: Default::default(),
            write_address: Default::default(),
            packed: Default::default(),
            counts: Default::default(),
            in_field: Default::default(),
            issue_kernel: Default::default(),
            kernel_offset: Default::default(),
            membrane_offset: Default::default(),
            issue_membrane: Default::default(),
            width: Constant::new((p.width as u64).into()),
            height: Constant::new((p.height as u64).into()),
            two_channels: Constant::new(p.channels == 2),
            last_group: Constant::new(((g - 1) as u64).into()),
            channel_offset: Constant::new(((p.size * p.size * g) as u64).into()),
            kernel_column_step: Constant::new(((p.stride * g) as u64).into()),
            kernel_row_step: Constant::new(((p.stride * p.size * g) as u64).into()),
            membrane_column_step: Constant::new((g as u64).into()),
            membrane_row_step: Constant::new(((p.out_w * g) as u64).into()),
            last_membrane_word: Constant::new(((p.membrane_words - 1) as u64).into()),
        }
    }
}

impl Logic for ConvEngine {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(
            self,
            clock,
            state,
            group,
            columns_left,
            columns,
            rows_left,
            kernel_position,
            kernel_row,
            membrane_position,
            membrane_row,
            write_pending,
            write_address
        );
        clock!(self, clock, kernels, membranes);
        self.x_rom.address.next = self.x.val();
        self.y_rom.address.next = self.y.val();
        self.in_field.next = (bit_cast::<9, 8>(self.x.val()) < self.width.val())
            && (bit_cast::<9, 8>(self.y.val()) < self.height.val())
            && (self.two_channels.val() || !self.channel.val());
        self.ignored.next = self.start_event.val()
            && (self.state.q.val() == ConvState::Idle)
            && !self.in_field.val();
        self.busy.next = (self.state.q.val() != ConvState::Idle) || self.write_pending.q.val();
        self.kernel_offset.next = self
            .x_rom
            .data
            .val()
            .get_bits::<KERNEL_ADDR_BITS>(AXIS_KERNEL_AT)
            + self
                .y_rom
                .data
                .val()
                .get_bits::<KERNEL_ADDR_BITS>(AXIS_KERNEL_AT);
        self.membrane_offset.next = self
            .x_rom
            .data
            .val()
            .get_bits::<MEMBRANE_ADDR_BITS>(AXIS_MEMBRANE_AT)
            + self
                .y_rom
                .data
                .val()
                .get_bits::<MEMBRANE_ADDR_BITS>(AXIS_MEMBRANE_AT);
        self.issue_kernel.next =
            self.kernel_position.q.val() + bit_cast::<KERNEL_ADDR_BITS, 8>(self.group.q.val());
        self.issue_membrane.next =
            self.membrane_position.q.val() + bit_cast::<MEMBRANE_ADDR_BITS, 8>(self.group.q.val());
        // Memory ports: the walk, the clear and the write-back own them; else the outside.
        self.kernels.read_address.next = self.kernel_address.val();
        self.kernels.read_enable.next = self.kernel_read.val();
        self.kernels.write_address.next = self.kernel_address.val();
        self.kernels.write_enable.next = self.kernel_write.val() && !self.busy.val();
        self.kernels.write_data.next = self.kernel_wdata.val();
        self.kernel_rdata.next = self.kernels.read_data.val();
        self.membranes.read_address.next = self.membrane_address.val();
        self.membranes.read_enable.next = self.membrane_read.val();
        self.membrane_rdata.next = self.membranes.read_data.val();
        // Lanes: the words read last cycle.
        self.packed[0].next = 0.into();
        self.counts[0].next = 0.into();
        for i in 0..CONV_LANES {
            self.lanes[i].v.next = self
                .membranes
                .read_data
                .val()
                .get_bits::<MEMBRANE_BITS>(i * NEURON_BITS);
            self.lanes[i].c.next = self
                .membranes
                .read_data
                .val()
                .get_bits::<COUNT_BITS>(i * NEURON_BITS + MEMBRANE_BITS);
            self.lanes[i].w.next = self
                .kernels
                .read_data
                .val()
                .get_bits::<KERNEL_BITS>(i * KERNEL_BITS);
            self.packed[i + 1].next = self.packed[i].val() | self.lanes[i].placed.val();
            self.counts[i + 1].next = self.counts[i].val() | self.lanes[i].count_placed.val();
        }
        self.membranes.write_address.next = self.write_address.q.val();
        // A one-pass loop: rust_hdl writes an array index as a number, which a loop index is.
        for i in CONV_LANES..(CONV_LANES + 1) {
            self.membranes.write_data.next = self.packed[i].val();
            self.spike_counts.next = self.counts[i].val();
        }
        self.membranes.write_enable.next = self.write_pending.q.val();
        self.write_pending.d.next = false;
        match self.state.q.val() {
            ConvState::Idle => {
                if self.start_clear.val() {
                    self.state.d.next = ConvState::Clear;
                    self.write_address.d.next = 0.into();
                } else if self.start_event.val()
                    && self.in_field.val()
                    && self.x_rom.data.val().get_bits::<8>(0).any()
                    && self.y_rom.data.val().get_bits::<8>(0).any()
                {
                    self.state.d.next = ConvState::Walk;
                    self.group.d.next = 0.into();
                    self.columns.d.next = self.x_rom.data.val().get_bits::<8>(0);
                    self.columns_left.d.next = self.x_rom.data.val().get_bits::<8>(0);
                    self.rows_left.d.next = self.y_rom.data.val().get_bits::<8>(0);
                    self.kernel_row.d.next = self.kernel_offset.val();
                    if self.channel.val() {
                        self.kernel_row.d.next =
                            self.kernel_offset.val() + self.channel_offset.val();
                    }
                    self.kernel_position.d.next = self.kernel_offset.val();
                    if self.channel.val() {
                        self.kernel_position.d.next =
                            self.kernel_offset.val() + self.channel_offset.val();
                    }
                    self.membrane_row.d.next = self.membrane_offset.val();
                    self.membrane_position.d.next = self.membrane_offset.val();
                }
            }
            ConvState::Walk => {
                self.kernels.read_address.next = self.issue_kernel.val();
                self.kernels.read_enable.next = true;
                self.kernels.write_enable.next = false;
                self.membranes.read_address.next = self.issue_membrane.val();
                self.membranes.read_enable.next = true;
                self.write_pending.d.next = true;
                self.write_address.d.next = self.issue_membrane.val();
                if self.group.q.val() != self.last_group.val() {
                    self.group.d.next = self.group.q.val() + 1;
                } else {
                    self.group.d.next = 0.into();
                    if self.columns_left.q.val() != 1 {
                        self.columns_left.d.next = self.columns_left.q.val() - 1;
                        self.kernel_position.d.next =
                            self.kernel_position.q.val() - self.kernel_column_step.val();
                        self.membrane_position.d.next =
                            self.membrane_position.q.val() + self.membrane_column_step.val();
                    } else if self.rows_left.q.val() != 1 {
                        self.rows_left.d.next = self.rows_left.q.val() - 1;
                        self.columns_left.d.next = self.columns.q.val();
                        self.kernel_row.d.next =
                            self.kernel_row.q.val() - self.kernel_row_step.val();
                        self.kernel_position.d.next =
                            self.kernel_row.q.val() - self.kernel_row_step.val();
                        self.membrane_row.d.next =
                            self.membrane_row.q.val() + self.membrane_row_step.val();
                        self.membrane_position.d.next =
                            self.membrane_row.q.val() + self.membrane_row_step.val();
                    } else {
                        self.state.d.next = ConvState::Idle;
                    }
                }
            }
            ConvState::Clear => {
                self.membranes.write_enable.next = true;
                self.membranes.write_address.next = self.write_address.q.val();
                self.membranes.write_data.next = 0.into();
                self.write_address.d.next = self.write_address.q.val() + 1;
                if self.write_address.q.val() == self.last_membrane_word.val() {
                    self.state.d.next = ConvState::Idle;
                }
            }
        }
        if self.reset.val() {
            self.state.d.next = ConvState::Idle;
            self.write_pending.d.next = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testbench::{pack, sext, Bench};
    use golden::config::Config;
    use golden::conv::integrate_event;
    use golden::event::Event;
    use golden::kernel::KernelMemory;
    use golden::membrane::MembraneMap;

    fn bench(p: &Params) -> Bench<ConvEngine> {
        let mut b = Bench::new(ConvEngine::new(p), |x| &mut x.clock);
        b.uut.reset.next = true;
        b.tick();
        b.uut.reset.next = false;
        b
    }

    /// Writes every kernel word through the memory port.
    fn program_kernels(b: &mut Bench<ConvEngine>, p: &Params, k: &KernelMemory) {
        for ch in 0..p.channels {
            for ky in 0..p.size {
                for kx in 0..p.size {
                    let tap = k.tap(ch, ky, kx);
                    for g in 0..p.conv_groups {
                        let lanes: Vec<u64> = (0..CONV_LANES)
                            .map(|l| {
                                tap.get(g * CONV_LANES + l)
                                    .map_or(0, |&w| twos(w.into(), KERNEL_BITS))
                            })
                            .collect();
                        let address = ((ch * p.size + ky) * p.size + kx) * p.conv_groups + g;
                        b.uut.kernel_address.next = (address as u64).into();
                        b.uut.kernel_wdata.next = pack(&lanes, KERNEL_BITS);
                        b.uut.kernel_write.next = true;
                        b.tick();
                    }
                }
            }
        }
        b.uut.kernel_write.next = false;
    }

    /// Reads the whole membrane map back: (potentials, counts) in golden order.
    fn read_membranes(b: &mut Bench<ConvEngine>, p: &Params) -> (Vec<i16>, Vec<i16>) {
        let (mut v, mut c) = (vec![], vec![]);
        for pos in 0..p.out_w * p.out_h {
            for g in 0..p.conv_groups {
                b.uut.membrane_address.next = ((pos * p.conv_groups + g) as u64).into();
                b.uut.membrane_read.next = true;
                b.tick();
                let word = b.uut.membrane_rdata.val();
                for l in 0..CONV_LANES.min(p.kernels - g * CONV_LANES) {
                    let n = word.get_bits::<NEURON_BITS>(l * NEURON_BITS).index() as u64;
                    v.push(sext(n & ((1 << MEMBRANE_BITS) - 1), MEMBRANE_BITS) as i16);
                    c.push((n >> MEMBRANE_BITS) as i16);
                }
            }
        }
        b.uut.membrane_read.next = false;
        (v, c)
    }

    /// Random kernels, a stream of events (three outside the field), then the membrane map
    /// read back equals golden `integrate_event` neuron for neuron; each event takes
    /// `1 + touched · G` cycles plus one for the last write-back.
    fn events_give_the_golden_membranes(config: &Config, events: &[Event]) {
        let p = Params::new(config).unwrap();
        let kernels = KernelMemory::random(config);
        let mut golden = MembraneMap::new(config);
        let mut b = bench(&p);
        program_kernels(&mut b, &p, &kernels);
        b.uut.start_clear.next = true;
        b.tick();
        b.uut.start_clear.next = false;
        let clear = b.tick_until(1000, |x| !x.busy.val()) + 1;
        assert_eq!(clear as usize, p.membrane_words + 1);
        let mut ignored = 0;
        for &e in events {
            let inside = usize::from(e.x) < p.width && usize::from(e.y) < p.height;
            let updates = if inside && usize::from(e.channel) < p.channels {
                integrate_event(config, &kernels, &mut golden, e)
            } else {
                0
            };
            b.uut.x.next = u64::from(e.x).into();
            b.uut.y.next = u64::from(e.y).into();
            b.uut.channel.next = e.channel == 1;
            b.uut.start_event.next = true;
            b.settle();
            ignored += usize::from(b.uut.ignored.val());
            b.tick();
            b.uut.start_event.next = false;
            let cycles = b.tick_until(100, |x| !x.busy.val()) + 1;
            let touched = updates / p.kernels;
            let want = if touched == 0 {
                1
            } else {
                1 + touched * p.conv_groups + 1
            };
            assert_eq!(cycles as usize, want, "event {e:?}");
        }
        assert_eq!(ignored, 3);
        let (v, c) = read_membranes(&mut b, &p);
        assert_eq!(v, golden.potentials());
        assert_eq!(c, golden.counts());
        assert!(c.iter().any(|&n| n > 0), "some neuron fired");
    }

    fn stream(p: &Params, channels: u8) -> Vec<Event> {
        let mut events = vec![];
        let mut lfsr = golden::lfsr::Lfsr::new(11);
        for _ in 0..40 {
            let d = lfsr.draw();
            events.push(Event::new(
                (d as usize % p.width) as u8,
                ((d >> 8) as usize % p.height) as u8,
                ((d >> 15) as u8) % channels,
            ));
        }
        // Same position twice in a row, then three events outside the field.
        events.push(events[39]);
        events.insert(5, Event::new(p.width as u8, 0, 0));
        events.insert(9, Event::new(0, p.height as u8, 0));
        // The channel field has one bit: with two channels every channel is inside.
        let outside = if channels == 1 {
            Event::new(0, 0, 1)
        } else {
            Event::new(255, 1, 0)
        };
        events.insert(20, outside);
        events
    }

    #[test]
    fn tiny_config_events_give_the_golden_membranes() {
        let mut config = crate::tiny_config();
        config.conv.init_range = 20;
        let p = Params::new(&config).unwrap();
        events_give_the_golden_membranes(&config, &stream(&p, 1));
    }

    #[test]
    fn two_lane_groups_two_channels_give_the_golden_membranes() {
        let mut config = crate::tiny_config();
        config.conv.kernels = 12;
        config.input.channels = 2;
        config.conv.size = 4;
        config.conv.stride = 1;
        config.conv.init_range = 20;
        let p = Params::new(&config).unwrap();
        assert_eq!((p.conv_groups, p.out_w), (2, 3));
        events_give_the_golden_membranes(&config, &stream(&p, 2));
    }
}
