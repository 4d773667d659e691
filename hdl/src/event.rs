//! AER input with its FIFO (golden `event.rs`; ARCHITECTURE § "AER input and FIFO").
//!
//! A stream of 18-bit words (`{kind, channel|learn, y, x|label}`) into a FIFO of
//! `hardware.fifo_depth` words held in a synchronous RAM. The chip takes a word at its pins in a
//! cycle where `in_valid && in_ready` into its pin register (`chip.rs`), and the FIFO writes it
//! one cycle later, when it arrives on `in_valid`/`in_data` here. `in_ready` is therefore
//! registered high only while at least **two** words are free: one for the word that may be in
//! the pin register now, one for the word the pins may take at this edge. So no word is ever
//! dropped, and the FIFO writes whatever arrives (a write into a full FIFO, which the margin
//! excludes, is not done). The consumer raises `pop` while `!empty` and gets the word on
//! `out_data` in the next cycle (RAM read latency 1). A pop and a push in the same cycle are
//! both done.

use crate::params::{Params, FIFO_ADDR_BITS};
use crate::ram::Ram;
use rust_hdl::prelude::*;

/// Bits of one AER word.
pub const AER_BITS: usize = 18;

#[derive(LogicBlock)]
pub struct EventFifo {
    pub clock: Signal<In, Clock>,
    /// Synchronous reset: the FIFO empties.
    pub reset: Signal<In, Bit>,
    /// A word taken at the pins in the previous cycle is on `in_data`: written at this edge.
    pub in_valid: Signal<In, Bit>,
    /// AER word (18 bits).
    pub in_data: Signal<In, Bits<AER_BITS>>,
    /// At least two words are free (registered): the pins may take a word at this edge.
    pub in_ready: Signal<Out, Bit>,
    /// Take the oldest word (only when `!empty`).
    pub pop: Signal<In, Bit>,
    /// No word is held.
    pub empty: Signal<Out, Bit>,
    /// The word popped in the previous cycle.
    pub out_data: Signal<Out, Bits<AER_BITS>>,
    pub(crate) words: Ram<AER_BITS, FIFO_ADDR_BITS>,
    pub(crate) read_pointer: DFF<Bits<FIFO_ADDR_BITS>>,
    pub(crate) write_pointer: DFF<Bits<FIFO_ADDR_BITS>>,
    /// Words held, `0..=depth`, and its next value.
    pub(crate) held: DFF<Bits<{ FIFO_ADDR_BITS + 1 }>>,
    held_next: Signal<Local, Bits<{ FIFO_ADDR_BITS + 1 }>>,
    /// `empty` and `in_ready` are registered (from `held_next`), so that no output depends
    /// combinationally on `pop` or `in_valid` (Verilator UNOPTFLAT across the top's kernel).
    /// Stored inverted so that the power-up value 0 means empty and ready.
    pub(crate) holds_q: DFF<Bit>,
    /// Fewer than two words free after the last edge.
    pub(crate) tight_q: DFF<Bit>,
    push: Signal<Local, Bit>,
    take: Signal<Local, Bit>,
    depth: Constant<Bits<{ FIFO_ADDR_BITS + 1 }>>,
    /// `depth − 2`: the most words held with `in_ready` high.
    ready_limit: Constant<Bits<{ FIFO_ADDR_BITS + 1 }>>,
    /// Pointers wrap at `depth` (a power of two up to `2^FIFO_ADDR_BITS`).
    pointer_mask: Constant<Bits<FIFO_ADDR_BITS>>,
}

impl EventFifo {
    pub fn new(p: &Params) -> Self {
        Self {
            clock: Default::default(),
            reset: Default::default(),
            in_valid: Default::default(),
            in_data: Default::default(),
            in_ready: Default::default(),
            pop: Default::default(),
            empty: Default::default(),
            out_data: Default::default(),
            words: Default::default(),
            read_pointer: Default::default(),
            write_pointer: Default::default(),
            held: Default::default(),
            held_next: Default::default(),
            holds_q: Default::default(),
            tight_q: Default::default(),
            push: Default::default(),
            take: Default::default(),
            depth: Constant::new((p.fifo_depth as u64).into()),
            ready_limit: Constant::new((p.fifo_depth as u64 - 2).into()),
            pointer_mask: Constant::new(((p.fifo_depth - 1) as u64).into()),
        }
    }
}

impl Logic for EventFifo {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(
            self,
            clock,
            read_pointer,
            write_pointer,
            held,
            holds_q,
            tight_q
        );
        clock!(self, clock, words);
        self.in_ready.next = !self.tight_q.q.val();
        self.empty.next = !self.holds_q.q.val();
        self.push.next = self.in_valid.val() && (self.held.q.val() != self.depth.val());
        self.take.next = self.pop.val() && !self.empty.val();
        self.words.write_address.next = self.write_pointer.q.val();
        self.words.write_data.next = self.in_data.val();
        self.words.write_enable.next = self.push.val();
        self.words.read_address.next = self.read_pointer.q.val();
        self.words.read_enable.next = self.take.val();
        self.out_data.next = self.words.read_data.val();
        if self.push.val() {
            self.write_pointer.d.next = (self.write_pointer.q.val() + 1) & self.pointer_mask.val();
        }
        if self.take.val() {
            self.read_pointer.d.next = (self.read_pointer.q.val() + 1) & self.pointer_mask.val();
        }
        self.held_next.next = self.held.q.val();
        if self.push.val() && !self.take.val() {
            self.held_next.next = self.held.q.val() + 1;
        }
        if self.take.val() && !self.push.val() {
            self.held_next.next = self.held.q.val() - 1;
        }
        if self.reset.val() {
            self.read_pointer.d.next = 0.into();
            self.write_pointer.d.next = 0.into();
            self.held_next.next = 0.into();
        }
        self.held.d.next = self.held_next.val();
        self.holds_q.d.next = self.held_next.val().any();
        self.tight_q.d.next = self.held_next.val() > self.ready_limit.val();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testbench::Bench;

    /// The sender offers 40 words back to back into a pin register (as the chip's top does)
    /// while the consumer pops only every third cycle: `in_ready` drops exactly when fewer than
    /// two of the 4 words are free, and every word comes out once, in order.
    #[test]
    fn backpressure_never_drops_a_word() {
        let p = Params::new(&crate::tiny_config()).unwrap();
        assert_eq!(p.fifo_depth, 4);
        let mut b = Bench::new(EventFifo::new(&p), |x| &mut x.clock);
        b.uut.reset.next = true;
        b.tick();
        b.uut.reset.next = false;
        let words: Vec<u64> = (0..40).map(|i| (i * 0x1_2345) & 0x3FFFF).collect();
        let (mut sent, mut received, mut popped_last) = (0, vec![], false);
        let (mut full_cycles, mut in_flight) = (0, None);
        for cycle in 0..400 {
            // The pin register: the word taken in the previous cycle.
            b.uut.in_valid.next = in_flight.is_some();
            b.uut.in_data.next = in_flight.unwrap_or(0).into();
            b.uut.pop.next = cycle % 3 == 0 && !b.uut.empty.val();
            b.settle();
            let held = b.uut.held.q.val().index();
            assert_eq!(b.uut.in_ready.val(), held <= 2, "cycle {cycle}");
            full_cycles += usize::from(!b.uut.in_ready.val());
            let offered = sent < words.len();
            let accepted = offered && b.uut.in_ready.val();
            let popping = b.uut.pop.val();
            b.tick();
            if popped_last {
                received.push(b.uut.out_data.val().index() as u64);
            }
            popped_last = popping;
            in_flight = accepted.then(|| words[sent]);
            sent += usize::from(accepted);
        }
        assert_eq!(received, words);
        assert!(full_cycles > 20, "the FIFO was full for a while");
    }
}
