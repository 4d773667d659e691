//! Block RAM templates: [`Ram`], a simple dual-port RAM with a synchronous read (Yosys maps it to
//! iCE40 `SB_RAM40_4K` and ECP5 `DP16KD`), and [`SinglePortRam`], one address for reads and
//! writes (iCE40 `SB_SPRAM256KA` with `synth_ice40 -spram`, else block RAM).
//!
//! [`Ram`]: `W`-bit words, `2^A` of them. One write port and one read port on the same clock; read
//! data is registered (`read_data` holds `mem[read_address]` sampled at the edge where
//! `read_enable` was high; latency 1 cycle). A read and a write of the same address at the same
//! edge return the old word in simulation; the Verilog leaves that case undefined
//! (`(* no_rw_check *)`, so Yosys adds no collision logic), because the RTL never reads a word in
//! the cycle it writes it (see `docs/RTL.md`, hazards).

use rust_hdl::prelude::*;

#[derive(LogicBlock)]
pub struct Ram<const W: usize, const A: usize> {
    pub clock: Signal<In, Clock>,
    /// Word address of the read port.
    pub read_address: Signal<In, Bits<A>>,
    /// Read `mem[read_address]` at this edge.
    pub read_enable: Signal<In, Bit>,
    /// The word read at the previous enabled edge (`W` bits).
    pub read_data: Signal<Out, Bits<W>>,
    /// Word address of the write port.
    pub write_address: Signal<In, Bits<A>>,
    /// Write `write_data` at this edge.
    pub write_enable: Signal<In, Bit>,
    /// The word written (`W` bits).
    pub write_data: Signal<In, Bits<W>>,
    _mem: Vec<Bits<W>>,
}

impl<const W: usize, const A: usize> Default for Ram<W, A> {
    fn default() -> Self {
        Self {
            clock: Default::default(),
            read_address: Default::default(),
            read_enable: Default::default(),
            read_data: Default::default(),
            write_address: Default::default(),
            write_enable: Default::default(),
            write_data: Default::default(),
            _mem: vec![Bits::default(); 1 << A],
        }
    }
}

impl<const W: usize, const A: usize> Logic for Ram<W, A> {
    fn update(&mut self) {
        if self.clock.pos_edge() {
            if self.read_enable.val() {
                // The Verilog leaves this case undefined (`no_rw_check`): it must not happen.
                assert!(
                    !(self.write_enable.val()
                        && self.read_address.val() == self.write_address.val()),
                    "a read and a write of word {} in one cycle",
                    self.read_address.val().index()
                );
                self.read_data.next = self._mem[self.read_address.val().index()];
            }
            if self.write_enable.val() {
                self._mem[self.write_address.val().index()] = self.write_data.val();
            }
        }
    }

    fn connect(&mut self) {
        self.read_data.connect();
    }

    fn hdl(&self) -> Verilog {
        Verilog::Custom(format!(
            "\
(* no_rw_check *)
reg [{msb}:0] mem [0:{last}];

always @(posedge clock) begin
    if (write_enable) begin
        mem[write_address] <= write_data;
    end
    if (read_enable) begin
        read_data <= mem[read_address];
    end
end",
            msb = W - 1,
            last = (1usize << A) - 1
        ))
    }

    fn timing(&self) -> Vec<TimingInfo> {
        vec![TimingInfo {
            name: "ram".into(),
            clock: "clock".into(),
            inputs: vec![
                "read_address".into(),
                "read_enable".into(),
                "write_address".into(),
                "write_enable".into(),
                "write_data".into(),
            ],
            outputs: vec!["read_data".into()],
        }]
    }
}

impl<const W: usize, const A: usize> Ram<W, A> {
    /// The word at `address` (simulation only: tests look into memories with it).
    pub fn peek(&self, address: usize) -> Bits<W> {
        self._mem[address]
    }
}

/// Single-port RAM: `words` words of `W` bits (`words ≤ 2^A`), one `address` for reads and
/// writes. A cycle writes (`write_enable`) or reads (`read_enable`), not both. Read latency 1
/// cycle; `read_data` holds between reads, and is **undefined after a write** until the next
/// read: Yosys' model of the iCE40 SPRAM (`SB_SPRAM256KA` in `ice40/cells_sim.v`) drives `x`
/// on its output at a write, although Yosys maps the Verilog below (which keeps the data) with
/// `rdwr no_change`. The simulation model mirrors the cell: a write sets `read_data` to the
/// complement of what it held, so that a design which uses the word read before a write after
/// it fails its rust_hdl tests (the mapped-netlist replay, `testbench::mapped`, checks the
/// netlist itself). The Verilog declares exactly `words` words, so that a memory of 13,312
/// words does not cost the block RAM of 16,384.
#[derive(LogicBlock)]
pub struct SinglePortRam<const W: usize, const A: usize> {
    pub clock: Signal<In, Clock>,
    /// Word address of the read or the write.
    pub address: Signal<In, Bits<A>>,
    /// Read `mem[address]` at this edge (ignored while `write_enable`).
    pub read_enable: Signal<In, Bit>,
    /// The word read at the previous read (`W` bits).
    pub read_data: Signal<Out, Bits<W>>,
    /// Write `write_data` at this edge.
    pub write_enable: Signal<In, Bit>,
    pub write_data: Signal<In, Bits<W>>,
    _mem: Vec<Bits<W>>,
}

impl<const W: usize, const A: usize> SinglePortRam<W, A> {
    /// A RAM of `words` words (at least 1, at most `2^A`).
    pub fn new(words: usize) -> Self {
        assert!(
            words >= 1 && words <= 1 << A,
            "{words} words in {A} address bits"
        );
        Self {
            clock: Default::default(),
            address: Default::default(),
            read_enable: Default::default(),
            read_data: Default::default(),
            write_enable: Default::default(),
            write_data: Default::default(),
            _mem: vec![Bits::default(); words],
        }
    }

    /// The word at `address` (simulation only).
    pub fn peek(&self, address: usize) -> Bits<W> {
        self._mem[address]
    }
}

impl<const W: usize, const A: usize> Logic for SinglePortRam<W, A> {
    fn update(&mut self) {
        if self.clock.pos_edge() {
            let a = self.address.val().index();
            if self.write_enable.val() {
                self._mem[a] = self.write_data.val();
                // Undefined on the SPRAM: every bit differs from the word it held.
                self.read_data.next = !self.read_data.val();
            } else if self.read_enable.val() {
                self.read_data.next = self._mem[a];
            }
        }
    }

    fn connect(&mut self) {
        self.read_data.connect();
    }

    fn hdl(&self) -> Verilog {
        Verilog::Custom(format!(
            "\
reg [{msb}:0] mem [0:{last}];

always @(posedge clock) begin
    if (write_enable) begin
        mem[address] <= write_data;
    end else if (read_enable) begin
        read_data <= mem[address];
    end
end",
            msb = W - 1,
            last = self._mem.len() - 1
        ))
    }

    fn timing(&self) -> Vec<TimingInfo> {
        vec![TimingInfo {
            name: "single_port_ram".into(),
            clock: "clock".into(),
            inputs: vec![
                "address".into(),
                "read_enable".into(),
                "write_enable".into(),
                "write_data".into(),
            ],
            outputs: vec!["read_data".into()],
        }]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testbench::Bench;

    #[test]
    fn writes_then_reads_back_with_one_cycle_latency() {
        let mut b = Bench::new(Ram::<12, 3>::default(), |x| &mut x.clock);
        for a in 0..8u64 {
            b.uut.write_address.next = a.into();
            b.uut.write_data.next = (a * 0x101 + 7).into();
            b.uut.write_enable.next = true;
            b.tick();
        }
        b.uut.write_enable.next = false;
        let mut out = vec![];
        for a in [3u64, 0, 7] {
            b.uut.read_address.next = a.into();
            b.uut.read_enable.next = true;
            b.tick();
            out.push(b.uut.read_data.val().index());
        }
        // Read disabled: the output holds its word.
        b.uut.read_enable.next = false;
        b.uut.read_address.next = 1.into();
        b.tick();
        out.push(b.uut.read_data.val().index());
        assert_eq!(out, vec![0x30A, 7, 0x70E, 0x70E]);
    }

    #[test]
    fn single_port_ram_reads_or_writes_one_address() {
        let mut b = Bench::new(SinglePortRam::<20, 3>::new(6), |x| &mut x.clock);
        for a in 0..6u64 {
            b.uut.address.next = a.into();
            b.uut.write_data.next = (a * 0x1_0001 + 3).into();
            b.uut.write_enable.next = true;
            b.tick();
        }
        b.uut.write_enable.next = false;
        b.uut.address.next = 4.into();
        b.uut.read_enable.next = true;
        b.tick();
        assert_eq!(b.uut.read_data.val().index(), 0x4_0007);
        // A write (read enable still high) makes the read data undefined: its complement.
        b.uut.address.next = 2.into();
        b.uut.write_data.next = 0xABCDE.into();
        b.uut.write_enable.next = true;
        b.tick();
        assert_eq!(b.uut.read_data.val().index(), !0x4_0007 & 0xF_FFFF);
        b.uut.write_enable.next = false;
        b.tick();
        assert_eq!(b.uut.read_data.val().index(), 0xABCDE);
        assert_eq!(b.uut.peek(5).index(), 0x5_0008);
    }
}
