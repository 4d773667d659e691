//! UART, 8N1 (docs/HOST.md § "Line"): a receiver and a transmitter of bytes, least significant
//! bit first, one start bit (low) and one stop bit (high). The bit period `clocks_per_bit` is a
//! generation-time constant (≥ [`MIN_CLOCKS_PER_BIT`]), e.g. 8 for 3 Mbaud at 24 MHz.
//!
//! FPGA flip-flops power up at 0 and the line idles high, so both blocks keep the line
//! *inverted* in their registers: at power-up the receiver sees an idle line (no false start
//! bit) and the transmitter drives the line high.

use rust_hdl::prelude::*;

/// Bits of the bit-period counter: up to 65,535 clocks per bit (9,600 baud at 600 MHz).
pub const UART_COUNT_BITS: usize = 16;
/// The smallest bit period: the receiver samples in the middle of a bit, two cycles after the
/// start edge at the earliest, and a ±2 % baud mismatch must stay within the bit.
pub const MIN_CLOCKS_PER_BIT: usize = 4;

/// Why a bit period cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("clocks_per_bit {0} is out of range: the UART needs {MIN_CLOCKS_PER_BIT}..=65535 clocks per bit")]
pub struct BitPeriodError(pub usize);

/// Checks a bit period.
pub fn check_clocks_per_bit(clocks_per_bit: usize) -> Result<(), BitPeriodError> {
    if (MIN_CLOCKS_PER_BIT..1 << UART_COUNT_BITS).contains(&clocks_per_bit) {
        Ok(())
    } else {
        Err(BitPeriodError(clocks_per_bit))
    }
}

fn count<const N: usize>(v: usize) -> Constant<Bits<N>> {
    Constant::new((v as u64).into())
}

/// The bits a count of at most `max` needs, as a mask of the counter: the counter's next value
/// is ANDed with it, so Yosys finds its upper flip-flops constant and removes them (the
/// counter is as wide as the bit period needs, though widths are compile-time).
pub(crate) fn count_mask<const N: usize>(max: usize) -> Constant<Bits<N>> {
    count(((max + 1).next_power_of_two() - 1).min((1 << N) - 1))
}

/// The receiver: a 2-flop synchroniser, then a start edge starts a bit clock that samples the
/// middle of every bit. A start bit that is high again at its middle was a glitch (ignored).
/// A byte whose stop bit is low is not delivered: `framing_error` is high for one cycle instead.
/// After the stop bit's middle the receiver looks for the next start edge at once, so a sender
/// up to a few per cent fast or slow is read correctly.
#[derive(LogicBlock)]
pub struct UartRx {
    pub clock: Signal<In, Clock>,
    /// The line (idle high), asynchronous to `clock`.
    pub rx: Signal<In, Bit>,
    /// One cycle: `data` holds a byte received with a good stop bit.
    pub valid: Signal<Out, Bit>,
    pub data: Signal<Out, Bits<8>>,
    /// One cycle: a byte ended with a low stop bit (dropped).
    pub framing_error: Signal<Out, Bit>,
    /// The synchroniser, holding the inverted line.
    pub(crate) sync_low: DFF<Bit>,
    pub(crate) line_low: DFF<Bit>,
    pub(crate) busy: DFF<Bit>,
    /// Cycles to the next sample point, minus one.
    pub(crate) countdown: DFF<Bits<UART_COUNT_BITS>>,
    /// `countdown`'s next value before [`count_mask`].
    countdown_next: Signal<Local, Bits<UART_COUNT_BITS>>,
    count_mask: Constant<Bits<UART_COUNT_BITS>>,
    /// 0: start bit, 1..=8 data bits, 9: stop bit.
    pub(crate) bit_index: DFF<Bits<4>>,
    pub(crate) shift: DFF<Bits<8>>,
    pub(crate) valid_q: DFF<Bit>,
    pub(crate) error_q: DFF<Bit>,
    /// Cycles from the start edge (as seen after the synchroniser) to the start bit's middle,
    /// and a whole bit, each minus one.
    half_bit: Constant<Bits<UART_COUNT_BITS>>,
    whole_bit: Constant<Bits<UART_COUNT_BITS>>,
    /// The line level as a byte's top bit.
    line_bit: Signal<Local, Bits<8>>,
}

impl UartRx {
    /// Panics on a bit period out of range: callers check it first ([`check_clocks_per_bit`]).
    pub fn new(clocks_per_bit: usize) -> Self {
        check_clocks_per_bit(clocks_per_bit).expect("a checked bit period");
        Self {
            clock: Default::default(),
            rx: Default::default(),
            valid: Default::default(),
            data: Default::default(),
            framing_error: Default::default(),
            sync_low: Default::default(),
            line_low: Default::default(),
            busy: Default::default(),
            countdown: Default::default(),
            bit_index: Default::default(),
            shift: Default::default(),
            valid_q: Default::default(),
            error_q: Default::default(),
            countdown_next: Default::default(),
            count_mask: count_mask(clocks_per_bit - 1),
            half_bit: count(clocks_per_bit / 2 - 1),
            whole_bit: count(clocks_per_bit - 1),
            line_bit: Default::default(),
        }
    }
}

impl Logic for UartRx {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(
            self, clock, sync_low, line_low, busy, countdown, bit_index, shift, valid_q, error_q
        );
        self.countdown_next.next = self.countdown.q.val();
        self.sync_low.d.next = !self.rx.val();
        self.line_low.d.next = self.sync_low.q.val();
        self.valid.next = self.valid_q.q.val();
        self.framing_error.next = self.error_q.q.val();
        self.data.next = self.shift.q.val();
        self.valid_q.d.next = false;
        self.error_q.d.next = false;
        self.line_bit.next = 0.into();
        if !self.line_low.q.val() {
            self.line_bit.next = 1.into();
        }
        if !self.busy.q.val() {
            if self.line_low.q.val() {
                self.busy.d.next = true;
                self.countdown_next.next = self.half_bit.val();
                self.bit_index.d.next = 0.into();
            }
        } else if self.countdown.q.val().any() {
            self.countdown_next.next = self.countdown.q.val() - 1;
        } else {
            self.countdown_next.next = self.whole_bit.val();
            self.bit_index.d.next = self.bit_index.q.val() + 1;
            if self.bit_index.q.val() == 0 {
                // A start bit high at its middle was a glitch.
                self.busy.d.next = self.line_low.q.val();
            } else if self.bit_index.q.val() == 9 {
                self.busy.d.next = false;
                self.valid_q.d.next = !self.line_low.q.val();
                self.error_q.d.next = self.line_low.q.val();
            } else {
                self.shift.d.next = (self.shift.q.val() >> 1) | (self.line_bit.val() << 7);
            }
        }
        self.countdown.d.next = self.countdown_next.val() & self.count_mask.val();
    }
}

/// The transmitter: takes a byte at an edge where `send && ready`, then drives its 10 bits,
/// `clocks_per_bit` cycles each; `ready` is high from the last cycle of the stop bit on, so
/// bytes follow back to back without a gap.
#[derive(LogicBlock)]
pub struct UartTx {
    pub clock: Signal<In, Clock>,
    pub send: Signal<In, Bit>,
    pub data: Signal<In, Bits<8>>,
    /// A byte is taken at this edge if `send` (from registers only).
    pub ready: Signal<Out, Bit>,
    /// The line, idle high.
    pub tx: Signal<Out, Bit>,
    /// The bits still to drive, inverted (0: the line high), the current one in bit 0.
    pub(crate) shift_low: DFF<Bits<10>>,
    /// Bits left of the byte in flight (0: ready).
    pub(crate) bits: DFF<Bits<4>>,
    pub(crate) countdown: DFF<Bits<UART_COUNT_BITS>>,
    /// `countdown`'s next value before [`count_mask`].
    countdown_next: Signal<Local, Bits<UART_COUNT_BITS>>,
    count_mask: Constant<Bits<UART_COUNT_BITS>>,
    data_low: Signal<Local, Bits<8>>,
    whole_bit: Constant<Bits<UART_COUNT_BITS>>,
    one: Constant<Bits<10>>,
}

impl UartTx {
    /// Panics on a bit period out of range: callers check it first ([`check_clocks_per_bit`]).
    pub fn new(clocks_per_bit: usize) -> Self {
        check_clocks_per_bit(clocks_per_bit).expect("a checked bit period");
        Self {
            clock: Default::default(),
            send: Default::default(),
            data: Default::default(),
            ready: Default::default(),
            tx: Default::default(),
            shift_low: Default::default(),
            bits: Default::default(),
            countdown: Default::default(),
            countdown_next: Default::default(),
            count_mask: count_mask(clocks_per_bit - 1),
            data_low: Default::default(),
            whole_bit: count(clocks_per_bit - 1),
            one: count(1),
        }
    }
}

impl Logic for UartTx {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, shift_low, bits, countdown);
        // Inverted in its own 8 bits: Verilog would widen `~data` inside the cast to 10 bits
        // first, and drive the stop bit low.
        self.data_low.next = !self.data.val();
        self.countdown_next.next = self.countdown.q.val();
        self.ready.next =
            !self.bits.q.val().any() || ((self.bits.q.val() == 1) && !self.countdown.q.val().any());
        self.tx.next = !self.shift_low.q.val().get_bit(0);
        if self.bits.q.val().any() {
            if self.countdown.q.val().any() {
                self.countdown_next.next = self.countdown.q.val() - 1;
            } else {
                self.shift_low.d.next = self.shift_low.q.val() >> 1;
                self.bits.d.next = self.bits.q.val() - 1;
                self.countdown_next.next = self.whole_bit.val();
            }
        }
        if self.ready.val() && self.send.val() {
            // Inverted: start bit 1, the data bits inverted, stop bit 0.
            self.shift_low.d.next = (bit_cast::<10, 8>(self.data_low.val()) << 1) | self.one.val();
            self.bits.d.next = 10.into();
            self.countdown_next.next = self.whole_bit.val();
        }
        self.countdown.d.next = self.countdown_next.val() & self.count_mask.val();
    }
}

/// The line levels of `bytes` sent back to back, `clocks_per_bit · (1 + skew)` cycles per bit,
/// each bit's edges at the cycle nearest to its ideal time; `bad_stop` lists bytes whose stop
/// bit is driven low. Test stimulus for the receiver (and the reference of the transmitter).
#[cfg(test)]
pub(crate) fn line_levels(
    bytes: &[u8],
    clocks_per_bit: usize,
    skew: f64,
    bad_stop: &[usize],
) -> Vec<bool> {
    let mut bits = vec![];
    for (i, &b) in bytes.iter().enumerate() {
        bits.push(false);
        bits.extend((0..8).map(|k| b >> k & 1 == 1));
        bits.push(!bad_stop.contains(&i));
    }
    let period = clocks_per_bit as f64 * (1.0 + skew);
    let edge = |k: usize| (k as f64 * period).round() as usize;
    (0..edge(bits.len()))
        .map(|t| bits[(0..bits.len()).rfind(|&k| edge(k) <= t).unwrap()])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testbench::Bench;

    /// What the receiver delivered: (cycle, byte) and the cycles of framing errors.
    fn receive(clocks_per_bit: usize, line: &[bool]) -> (Vec<(usize, u8)>, Vec<usize>) {
        let mut b = Bench::new(UartRx::new(clocks_per_bit), |x| &mut x.clock);
        let (mut bytes, mut errors) = (vec![], vec![]);
        // Idle line before and after the stimulus.
        let idle = 3 * clocks_per_bit;
        let quiet = vec![true; idle];
        let levels = quiet.iter().chain(line).chain(&quiet).copied();
        for (t, level) in levels.enumerate() {
            b.uut.rx.next = level;
            b.tick();
            if b.uut.valid.val() {
                bytes.push((t, b.uut.data.val().index() as u8));
            }
            if b.uut.framing_error.val() {
                errors.push(t);
            }
        }
        (bytes, errors)
    }

    const BYTES: [u8; 6] = [0x55, 0x00, 0xFF, 0xA3, 0x01, 0x80];

    #[test]
    fn bytes_at_exact_bit_timing_back_to_back() {
        for cpb in [4, 5, 8, 13] {
            let (got, errors) = receive(cpb, &line_levels(&BYTES, cpb, 0.0, &[]));
            let values: Vec<u8> = got.iter().map(|&(_, v)| v).collect();
            assert_eq!(values, BYTES, "clocks_per_bit {cpb}");
            assert!(errors.is_empty());
            // Delivered 3 cycles after the stop bit's middle (synchroniser 2, output register
            // 1), counted from the first cycle of the stimulus (after `3·cpb` idle cycles).
            for (i, &(t, _)) in got.iter().enumerate() {
                let stop_middle = (10 * i + 9) * cpb + cpb / 2 - 1;
                assert_eq!(t, 3 * cpb + stop_middle + 3, "cpb {cpb}, byte {i}");
            }
        }
    }

    #[test]
    fn a_two_per_cent_baud_mismatch_either_way_is_read() {
        for cpb in [4, 8, 16] {
            for skew in [-0.02, 0.02] {
                let (got, errors) = receive(cpb, &line_levels(&BYTES, cpb, skew, &[]));
                let values: Vec<u8> = got.iter().map(|&(_, v)| v).collect();
                assert_eq!(values, BYTES, "clocks_per_bit {cpb}, skew {skew}");
                assert!(errors.is_empty());
            }
        }
    }

    #[test]
    fn a_bad_stop_bit_is_a_framing_error_and_the_next_byte_is_read() {
        let cpb = 8;
        let (got, errors) = receive(cpb, &line_levels(&[0x3C, 0xC3, 0x5A], cpb, 0.0, &[1]));
        let values: Vec<u8> = got.iter().map(|&(_, v)| v).collect();
        assert_eq!(values, [0x3C, 0x5A]);
        assert_eq!(errors, [3 * cpb + 19 * cpb + cpb / 2 - 1 + 3]);
    }

    #[test]
    fn a_glitch_shorter_than_half_a_bit_is_no_start_bit() {
        let cpb = 8;
        let mut line = vec![false; 2];
        line.extend(vec![true; 20]);
        line.extend(line_levels(&[0x42], cpb, 0.0, &[]));
        let (got, errors) = receive(cpb, &line);
        assert_eq!(got.iter().map(|&(_, v)| v).collect::<Vec<_>>(), [0x42]);
        assert!(errors.is_empty());
    }

    #[test]
    fn the_transmitter_drives_exact_bits_back_to_back() {
        for cpb in [4, 7] {
            let mut b = Bench::new(UartTx::new(cpb), |x| &mut x.clock);
            assert!(b.uut.tx.val() && b.uut.ready.val(), "idle high at power-up");
            let mut line = vec![];
            let mut next = 0;
            while line.len() < 10 * cpb * BYTES.len() + 2 * cpb {
                let offer = next < BYTES.len() && b.uut.ready.val();
                b.uut.send.next = offer;
                b.uut.data.next = u64::from(BYTES.get(next).copied().unwrap_or(0)).into();
                b.tick();
                next += usize::from(offer);
                line.push(b.uut.tx.val());
            }
            let mut expected = line_levels(&BYTES, cpb, 0.0, &[]);
            expected.resize(line.len(), true);
            assert_eq!(line, expected, "clocks_per_bit {cpb}");
        }
    }

    #[test]
    fn the_count_mask_covers_exactly_the_bits_of_the_largest_count() {
        let mask = |max| count_mask::<UART_COUNT_BITS>(max).val().index();
        assert_eq!(
            [mask(3), mask(7), mask(8), mask(12), mask(65_535)],
            [3, 7, 15, 15, 65_535]
        );
        assert_eq!(
            count_mask::<4>(100).val().index(),
            15,
            "never wider than the counter"
        );
    }

    #[test]
    fn a_bit_period_below_four_is_rejected() {
        assert_eq!(check_clocks_per_bit(3), Err(BitPeriodError(3)));
        assert!(check_clocks_per_bit(4).is_ok());
        assert!(check_clocks_per_bit(65_536).is_err());
    }
}
