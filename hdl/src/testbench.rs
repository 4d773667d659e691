//! A direct cycle driver for rust_hdl blocks: the same kernel as `rust_hdl`'s `Simulation`
//! (update every block until nothing changes) without its testbench threads, so a test reads as
//! straight-line code: set inputs, [`Bench::tick`], read outputs.

use rust_hdl::prelude::*;

/// Where a block's clock input is.
pub type ClockOf<T> = fn(&mut T) -> &mut Signal<In, Clock>;

/// Drives one block. Inputs set before [`Bench::tick`] are sampled at its rising edge; after it
/// returns, registered outputs show that edge.
pub struct Bench<T: Block> {
    pub uut: Box<T>,
    clock: Option<ClockOf<T>>,
    /// Rising edges so far.
    pub cycles: u64,
}

impl<T: Block> Bench<T> {
    /// Connects and checks `uut` (as `generate_verilog` does), then settles it.
    pub fn new(uut: T, clock: ClockOf<T>) -> Self {
        let mut uut = Box::new(uut);
        uut.connect_all();
        check_all(uut.as_ref()).expect("the block checks");
        let mut b = Self {
            uut,
            clock: Some(clock),
            cycles: 0,
        };
        b.settle();
        b
    }

    /// A block without a clock (combinational): set inputs, [`Bench::settle`], read outputs.
    pub fn combinational(uut: T) -> Self {
        let mut uut = Box::new(uut);
        uut.connect_all();
        check_all(uut.as_ref()).expect("the block checks");
        let mut b = Self {
            uut,
            clock: None,
            cycles: 0,
        };
        b.settle();
        b
    }

    /// Propagates combinational logic after inputs changed.
    pub fn settle(&mut self) {
        for _ in 0..1000 {
            self.uut.update_all();
            if !self.uut.has_changed() {
                return;
            }
        }
        panic!("the circuit does not converge (a combinational loop?)");
    }

    /// One clock cycle: inputs settle, a rising edge, then the falling edge. (Without the first
    /// settle a register could sample a value computed from the previous inputs.)
    pub fn tick(&mut self) {
        let clock = self.clock.expect("a clocked block");
        self.settle();
        clock(&mut self.uut).next = Clock { clk: true };
        self.settle();
        clock(&mut self.uut).next = Clock { clk: false };
        self.settle();
        self.cycles += 1;
    }

    /// Ticks until `done` holds (checked after each edge); panics after `limit` cycles.
    pub fn tick_until(&mut self, limit: u64, done: impl Fn(&T) -> bool) -> u64 {
        let start = self.cycles;
        while !done(&self.uut) {
            assert!(
                self.cycles - start < limit,
                "no result within {limit} cycles"
            );
            self.tick();
        }
        self.cycles - start
    }
}

/// Sign-extends the low `bits` of `v` (golden's).
pub use golden::fixed::sext;

/// A `u128` as `Bits<N>`, bits past `N` dropped (rust_hdl converts from `u128` only when the
/// value fits).
pub fn bits_of<const N: usize>(v: u128) -> Bits<N> {
    let fitted = if N >= 128 { v } else { v & ((1 << N) - 1) };
    fitted.to_bits()
}

/// Every bit of `v` as golden's [`golden::cycle::Wide`] (rust_hdl's `to_u128` takes at most 128
/// bits, `get_bits` a field that starts within the word).
pub fn wide<const N: usize>(v: Bits<N>) -> golden::cycle::Wide {
    let mut w = golden::cycle::Wide::default();
    for at in (0..N.min(golden::cycle::Wide::BITS)).step_by(32) {
        w.place(at, 32, v.get_bits::<32>(at).index() as u64);
    }
    w
}

/// A word of `lanes.len()` lanes of `bits` bits each, lane 0 in the low bits.
pub fn pack<const N: usize>(lanes: &[u64], bits: usize) -> Bits<N> {
    let mut word = Bits::<N>::default();
    for (i, &v) in lanes.iter().enumerate() {
        word = word | (Bits::<N>::from(v & ((1u64 << bits) - 1)) << ((i * bits) as u64));
    }
    word
}
