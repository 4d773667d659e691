//! The board top, `spoon_board`: the processor behind a UART (docs/HOST.md).
//!
//! One generic top for every board: a clock, the UART's two lines and 8 LEDs (active high).
//! What is board specific — the PLL that makes the clock, the pin names, the LED polarity —
//! lives in the synthesis flow's board files, which wrap this module. There is no reset pin:
//! FPGA flip-flops power up at 0, and a power-on counter holds the core in reset for its first
//! [`POWER_ON_CYCLES`] cycles.
//!
//! LEDs: bits 3..0 the class of the last sample (low 4 bits), 4 a sample is under way, 5 the
//! link is busy with a command, 6 an error was reported since the last status query, 7 the
//! power-on reset is over (the bitstream runs).

use crate::chip::Spoon;
use crate::host_link::HostLink;
use crate::host_link::LINK_WORD_BITS;
use crate::params::{Params, CFG_DATA_BITS};
use crate::uart::{UartRx, UartTx};
use rust_hdl::prelude::*;

/// Cycles the core is held in reset after power-up.
pub const POWER_ON_CYCLES: usize = 15;

#[derive(LogicBlock)]
pub struct SpoonBoard {
    pub clock: Signal<In, Clock>,
    /// From the host (the USB-UART's TXD), idle high.
    pub uart_rx: Signal<In, Bit>,
    /// To the host (the USB-UART's RXD), idle high.
    pub uart_tx: Signal<Out, Bit>,
    pub leds: Signal<Out, Bits<8>>,
    pub(crate) core: Spoon,
    pub(crate) receiver: UartRx,
    pub(crate) transmitter: UartTx,
    pub(crate) link: HostLink,
    /// Cycles since power-up, up to [`POWER_ON_CYCLES`].
    pub(crate) power_on: DFF<Bits<4>>,
    pub(crate) last_class: DFF<Bits<8>>,
    running: Signal<Local, Bit>,
    power_on_cycles: Constant<Bits<4>>,
}

impl SpoonBoard {
    /// Panics on a bit period out of range: callers check it first
    /// (`uart::check_clocks_per_bit`, as [`crate::emit::emit_board`] does).
    pub fn new(p: &Params, clocks_per_bit: usize) -> Self {
        Self {
            clock: Default::default(),
            uart_rx: Default::default(),
            uart_tx: Default::default(),
            leds: Default::default(),
            core: Spoon::behind_holding_link(p),
            receiver: UartRx::new(clocks_per_bit),
            transmitter: UartTx::new(clocks_per_bit),
            link: HostLink::new(clocks_per_bit),
            power_on: Default::default(),
            last_class: Default::default(),
            running: Default::default(),
            power_on_cycles: Constant::new((POWER_ON_CYCLES as u64).into()),
        }
    }
}

impl Logic for SpoonBoard {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, power_on, last_class);
        clock!(self, clock, core, receiver, transmitter, link);
        self.running.next = self.power_on.q.val() == self.power_on_cycles.val();
        if !self.running.val() {
            self.power_on.d.next = self.power_on.q.val() + 1;
        }
        self.core.reset.next = !self.running.val();
        // UART lines.
        self.receiver.rx.next = self.uart_rx.val();
        self.uart_tx.next = self.transmitter.tx.val();
        // Link ↔ UARTs.
        self.link.rx_valid.next = self.receiver.valid.val();
        self.link.rx_data.next = self.receiver.data.val();
        self.link.rx_error.next = self.receiver.framing_error.val();
        self.transmitter.send.next = self.link.tx_send.val();
        self.transmitter.data.next = self.link.tx_data.val();
        self.link.tx_ready.next = self.transmitter.ready.val();
        // Link ↔ core.
        self.core.in_valid.next = self.link.in_valid.val();
        self.core.in_data.next = self.link.in_data.val();
        self.link.in_ready.next = self.core.in_ready.val();
        self.core.cfg_valid.next = self.link.cfg_valid.val();
        self.core.cfg_write.next = self.link.cfg_write.val();
        self.core.cfg_word.next = self.link.cfg_word.val();
        self.core.cfg_select.next = self.link.cfg_select.val();
        self.core.cfg_address.next = self.link.cfg_address.val();
        self.core.cfg_wdata.next =
            bit_cast::<CFG_DATA_BITS, LINK_WORD_BITS>(self.link.cfg_wdata.val());
        self.link.cfg_ready.next = self.core.cfg_ready.val();
        self.link.cfg_rdata.next =
            bit_cast::<LINK_WORD_BITS, CFG_DATA_BITS>(self.core.cfg_rdata.val());
        self.link.cfg_rvalid.next = self.core.cfg_rvalid.val();
        self.link.out_valid.next = self.core.out_valid.val();
        self.link.out_class.next = self.core.out_class.val();
        self.link.busy.next = self.core.busy.val();
        if self.core.out_valid.val() {
            self.last_class.d.next = self.core.out_class.val();
        }
        self.leds.next = bit_cast::<8, 4>(self.last_class.q.val().get_bits::<4>(0))
            | (bit_cast::<8, 1>(self.core.busy.val().into()) << 4)
            | (bit_cast::<8, 1>(self.link.link_busy.val().into()) << 5)
            | (bit_cast::<8, 1>(self.link.error_seen.val().into()) << 6)
            | (bit_cast::<8, 1>(self.running.val().into()) << 7);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::host_link::{opcode, tag, PROTOCOL_VERSION};
    use crate::testbench::Bench;
    use crate::uart::line_levels;

    const CPB: usize = 4;

    /// A host on the board's UART lines: sends bytes bit by bit, decodes what comes back.
    struct Host {
        b: Bench<SpoonBoard>,
        /// Levels still to drive on `uart_rx`.
        line: std::collections::VecDeque<bool>,
        received: Vec<u8>,
        /// Cycles since the start bit of the byte being received, and its bits so far.
        rx_at: Option<usize>,
        rx_byte: u16,
    }

    impl Host {
        fn new() -> Self {
            let p = Params::new(&crate::tiny_config()).unwrap();
            Self {
                b: Bench::new(SpoonBoard::new(&p, CPB), |x| &mut x.clock),
                line: Default::default(),
                received: vec![],
                rx_at: None,
                rx_byte: 0,
            }
        }

        fn cycle(&mut self) {
            self.b.uut.uart_rx.next = self.line.pop_front().unwrap_or(true);
            self.b.tick();
            let level = self.b.uut.uart_tx.val();
            match self.rx_at {
                None if !level => self.rx_at = Some(0),
                None => {}
                Some(t) => {
                    let t = t + 1;
                    self.rx_at = Some(t);
                    // Middle of bit k: k·CPB + CPB/2 cycles after the start edge.
                    if t % CPB == CPB / 2 {
                        let k = t / CPB;
                        self.rx_byte |= u16::from(level) << k;
                        if k == 9 {
                            assert!(level, "stop bit high");
                            self.received.push((self.rx_byte >> 1) as u8);
                            self.rx_byte = 0;
                            self.rx_at = None;
                        }
                    }
                }
            }
        }

        /// Sends `bytes` and returns the bytes received within `cycles` after them.
        fn exchange(&mut self, bytes: &[u8], cycles: usize) -> Vec<u8> {
            self.line.extend(line_levels(bytes, CPB, 0.0, &[]));
            while !self.line.is_empty() {
                self.cycle();
            }
            for _ in 0..cycles {
                self.cycle();
            }
            std::mem::take(&mut self.received)
        }
    }

    #[test]
    fn a_host_on_the_uart_lines_drives_the_processor() {
        let mut h = Host::new();
        for _ in 0..POWER_ON_CYCLES {
            assert_eq!(h.b.uut.leds.val().index(), 0, "in power-on reset");
            h.cycle();
        }
        assert_eq!(h.b.uut.leds.val().index(), 0x80, "running");
        let byte = 10 * CPB;
        assert_eq!(
            h.exchange(&[opcode::STATUS], 4 * byte),
            [tag::STATUS, PROTOCOL_VERSION, 0]
        );
        // Register 0 (hidden learning-rate shift): write 5, read it back.
        h.exchange(&[opcode::ELEMENT_WRITE, 8, 0, 0, 0, 0, 5], byte);
        assert_eq!(
            h.exchange(&[opcode::ELEMENT_READ, 8, 0, 0, 0, 0, 0], 4 * byte),
            [tag::ELEMENT, 0, 5]
        );
        // An empty sample, learning towards label 3: all scores 0, class 0, and the class
        // register (6) reads 0; LEDs: class 0, running.
        let replies = h.exchange(&[opcode::AER | 3, 0, 3], 2_000);
        assert_eq!(replies, [tag::CLASS, 0]);
        assert_eq!(h.b.uut.leds.val().index(), 0x80);
        // A bad opcode: the error message; LED 6 until the next status query, LED 5 while the
        // link discards (until the line is quiet).
        assert_eq!(h.exchange(&[0x7F], 3 * byte), [tag::ERROR, 2]);
        assert_eq!(h.b.uut.leds.val().index(), 0xE0);
        let quiet = crate::host_link::QUIET_BIT_TIMES * CPB;
        assert!(h.exchange(&[], quiet).is_empty());
        assert_eq!(h.b.uut.leds.val().index(), 0xC0);
        assert_eq!(
            h.exchange(&[opcode::STATUS], 4 * byte),
            [
                tag::STATUS,
                PROTOCOL_VERSION,
                crate::host_link::status::ERROR_SEEN
            ]
        );
        assert_eq!(h.b.uut.leds.val().index(), 0x80);
    }
}
