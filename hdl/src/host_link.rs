//! The host link: the framing between the UART's bytes and the core's pins (docs/HOST.md).
//!
//! Commands from the host (every multi-byte field most significant byte first):
//!
//! | bytes | command |
//! |---|---|
//! | `0x04 \| kind·2 \| bit16`, `y`, `x` | one AER word (`{kind, bit16, y, x}`), held until `in_ready` |
//! | `0x10`, select, address (3), data (2) | configuration element write |
//! | `0x11`, select, address (3), 0, 0 | element read; reply `0xD0`, data (2) |
//! | `0x12`, select, word address (3), count (2), then `count` words of [`WORD_BYTES`] | burst word write |
//! | `0x13`, select, word address (3), count (2) | burst word read; reply `0xD1`, `count` words of [`WORD_BYTES`] |
//! | `0x20` | status; reply `0xB0`, version, status |
//!
//! Unprompted messages: `0xC0`, class after every sample (`out_valid`); `0xE0`, error flags
//! ([`error`]). A UART without handshake lines cannot hold the host back, so the link takes a
//! byte only while it assembles a command (opcode, header, burst data): a byte that arrives
//! while it issues a request to the core or sends a reply is an overrun. Every error, once
//! reported, makes the link drop bytes until the line has been quiet for [`QUIET_BIT_TIMES`]
//! bit periods, so host and link agree again on where a command starts.

use crate::event::AER_BITS;
use crate::params::{CFG_ADDRESS_BITS, CFG_DATA_BITS};
use rust_hdl::prelude::*;

/// The protocol version the status reply carries.
pub const PROTOCOL_VERSION: u8 = 1;
/// Bit periods of silence on the line that end the discarding after an error.
pub const QUIET_BIT_TIMES: usize = 1000;
/// Bits of the quiet counter: [`QUIET_BIT_TIMES`] times the longest bit period (65,535).
pub const QUIET_COUNT_BITS: usize = 26;

/// Command opcodes (docs/HOST.md).
pub mod opcode {
    /// An AER word: `AER | bits 17..16 of the word`.
    pub const AER: u8 = 0x04;
    pub const ELEMENT_WRITE: u8 = 0x10;
    pub const ELEMENT_READ: u8 = 0x11;
    pub const BURST_WRITE: u8 = 0x12;
    pub const BURST_READ: u8 = 0x13;
    pub const STATUS: u8 = 0x20;
}

/// First bytes of the messages to the host.
pub mod tag {
    pub const ELEMENT: u8 = 0xD0;
    pub const BURST: u8 = 0xD1;
    pub const STATUS: u8 = 0xB0;
    pub const CLASS: u8 = 0xC0;
    pub const ERROR: u8 = 0xE0;
}

/// Bits of the error byte.
pub mod error {
    /// A byte arrived while the link was issuing a request or sending a reply (dropped).
    pub const OVERRUN: u8 = 1;
    /// An unknown opcode.
    pub const BAD_COMMAND: u8 = 2;
    /// A byte with a low stop bit (dropped).
    pub const FRAMING: u8 = 4;
    /// A class arrived before the previous one was sent (the previous one is lost).
    pub const CLASS_LOST: u8 = 8;
}

/// Bits of the status byte.
pub mod status {
    /// A sample is under way in the core.
    pub const BUSY: u8 = 1;
    /// An error was reported since the last status query.
    pub const ERROR_SEEN: u8 = 2;
}

/// Header bytes after the opcode.
pub const AER_HEADER: usize = 2;
pub const CONFIG_HEADER: usize = 6;
/// Bytes of one memory word in a burst.
pub const WORD_BYTES: usize = LINK_WORD_BITS / 8;
/// A word on the link: 8 bytes, or 16 when the core's configuration word is wider than 64 bits
/// (16 lanes of more than 4 bits); the configuration word (`CFG_DATA_BITS`) is in its low
/// bits, zeros above.
pub const LINK_WORD_BITS: usize = link_word_bits(CFG_DATA_BITS);
/// The link word of a core whose configuration data is `cfg_data_bits` wide (golden
/// `cfg_data_bits`), as the host computes it from the config.
pub const fn link_word_bits(cfg_data_bits: usize) -> usize {
    if cfg_data_bits > 64 {
        128
    } else {
        64
    }
}
/// Reply bytes leave from the top of `shift`: the byte at `TOP_BYTE_AT`; a 2-byte reply
/// (element, status) is placed at `REPLY_AT`, the status byte's busy and error bits at
/// `BUSY_AT`, `ERROR_AT` (the version byte above it).
/// (Rust consts in a kernel: `verilog::crate_consts` writes their values.)
pub(crate) const TOP_BYTE_AT: usize = LINK_WORD_BITS - 8;
pub(crate) const REPLY_AT: u64 = LINK_WORD_BITS as u64 - 16;
pub(crate) const BUSY_AT: u64 = REPLY_AT;
pub(crate) const ERROR_AT: u64 = REPLY_AT + 1;
/// Bits of the byte counters `stage` and `reply_bytes`: they count up to [`WORD_BYTES`].
pub const STAGE_BITS: usize = if WORD_BYTES < 16 { 4 } else { 5 };
const _: () = assert!(CFG_DATA_BITS <= LINK_WORD_BITS && WORD_BYTES < 1 << STAGE_BITS);

#[derive(Copy, Clone, Debug, PartialEq, LogicState)]
pub enum LinkPhase {
    /// Waiting for an opcode.
    Opcode,
    /// Receiving the header (`stage` bytes left).
    Header,
    /// The header is in `shift`: take the fields.
    Execute,
    /// Receiving a burst word (`stage` bytes left).
    Data,
    /// Offering the AER word or the configuration request until the core takes it.
    Issue,
    /// Waiting for `cfg_rvalid`.
    ReadWait,
    /// Sending a reply: the tag if pending, then `reply_bytes` bytes from the top of `shift`.
    Reply,
    /// After an error: dropping bytes until the line is quiet.
    Discard,
}

#[derive(LogicBlock)]
pub struct HostLink {
    pub clock: Signal<In, Clock>,
    /// From the UART receiver: one cycle per byte, or per framing error.
    pub rx_valid: Signal<In, Bit>,
    pub rx_data: Signal<In, Bits<8>>,
    pub rx_error: Signal<In, Bit>,
    /// To the UART transmitter: a byte is sent at an edge where `tx_send && tx_ready`.
    pub tx_send: Signal<Out, Bit>,
    pub tx_data: Signal<Out, Bits<8>>,
    pub tx_ready: Signal<In, Bit>,
    /// The core's AER input (chip.rs).
    pub in_valid: Signal<Out, Bit>,
    pub in_data: Signal<Out, Bits<AER_BITS>>,
    pub in_ready: Signal<In, Bit>,
    /// The core's configuration port (chip.rs, docs/RTL.md).
    pub cfg_valid: Signal<Out, Bit>,
    pub cfg_write: Signal<Out, Bit>,
    pub cfg_word: Signal<Out, Bit>,
    pub cfg_select: Signal<Out, Bits<4>>,
    pub cfg_address: Signal<Out, Bits<CFG_ADDRESS_BITS>>,
    pub cfg_wdata: Signal<Out, Bits<LINK_WORD_BITS>>,
    pub cfg_ready: Signal<In, Bit>,
    pub cfg_rdata: Signal<In, Bits<LINK_WORD_BITS>>,
    pub cfg_rvalid: Signal<In, Bit>,
    /// The core's class output and busy flag.
    pub out_valid: Signal<In, Bit>,
    pub out_class: Signal<In, Bits<8>>,
    pub busy: Signal<In, Bit>,
    /// For the board's LEDs: the link is not waiting for an opcode; an error since the last
    /// status query.
    pub link_busy: Signal<Out, Bit>,
    pub error_seen: Signal<Out, Bit>,
    pub(crate) phase: DFF<LinkPhase>,
    pub(crate) opcode: DFF<Bits<8>>,
    /// Bytes left of the header or of the burst word.
    pub(crate) stage: DFF<Bits<STAGE_BITS>>,
    /// Received bytes shift in at the bottom; reply bytes leave from the top.
    pub(crate) shift: DFF<Bits<LINK_WORD_BITS>>,
    pub(crate) select: DFF<Bits<4>>,
    pub(crate) address: DFF<Bits<CFG_ADDRESS_BITS>>,
    /// Words left of a burst.
    pub(crate) count: DFF<Bits<16>>,
    pub(crate) reply_tag: DFF<Bits<8>>,
    pub(crate) tag_pending: DFF<Bit>,
    pub(crate) reply_bytes: DFF<Bits<STAGE_BITS>>,
    pub(crate) class_pending: DFF<Bit>,
    pub(crate) class_q: DFF<Bits<8>>,
    /// Error flags not yet sent, and whether to discard after the current command.
    pub(crate) errors: DFF<Bits<8>>,
    pub(crate) discard: DFF<Bit>,
    pub(crate) error_seen_q: DFF<Bit>,
    /// Unprompted message in flight: 1 the error flags are next, 2 the class is next.
    pub(crate) message: DFF<Bits<2>>,
    pub(crate) quiet: DFF<Bits<QUIET_COUNT_BITS>>,
    /// `quiet`'s next value, and the bits the limit needs (`uart::count_mask`).
    quiet_next: Signal<Local, Bits<QUIET_COUNT_BITS>>,
    quiet_mask: Constant<Bits<QUIET_COUNT_BITS>>,
    /// Errors of this cycle.
    new_errors: Signal<Local, Bits<8>>,
    /// The opcode register, and the received byte, decoded.
    op_aer: Signal<Local, Bit>,
    op_config: Signal<Local, Bit>,
    byte_aer: Signal<Local, Bit>,
    byte_config: Signal<Local, Bit>,
    /// The link takes a received byte in this phase.
    accepting: Signal<Local, Bit>,
    /// The core takes the offered word or request at this edge.
    taken: Signal<Local, Bit>,
    /// The TX sends an unprompted message's second byte at this edge.
    sending_errors: Signal<Local, Bit>,
    sending_class: Signal<Local, Bit>,
    shifted_in: Signal<Local, Bits<LINK_WORD_BITS>>,
    status_reply: Signal<Local, Bits<LINK_WORD_BITS>>,
    quiet_limit: Constant<Bits<QUIET_COUNT_BITS>>,
    /// The version byte at the top of a word (the status reply's first byte).
    version: Constant<Bits<LINK_WORD_BITS>>,
    opcode_status: Constant<Bits<8>>,
    tag_element: Constant<Bits<8>>,
    tag_burst: Constant<Bits<8>>,
    tag_status: Constant<Bits<8>>,
    tag_class: Constant<Bits<8>>,
    tag_error: Constant<Bits<8>>,
    error_overrun: Constant<Bits<8>>,
    error_bad_command: Constant<Bits<8>>,
    error_framing: Constant<Bits<8>>,
    error_class_lost: Constant<Bits<8>>,
    aer_header: Constant<Bits<STAGE_BITS>>,
    config_header: Constant<Bits<STAGE_BITS>>,
    word_bytes: Constant<Bits<STAGE_BITS>>,
    element_bytes: Constant<Bits<STAGE_BITS>>,
}

impl HostLink {
    /// Panics on a bit period out of range: callers check it first
    /// (`uart::check_clocks_per_bit`).
    pub fn new(clocks_per_bit: usize) -> Self {
        crate::uart::check_clocks_per_bit(clocks_per_bit).expect("a checked bit period");
        fn c<const N: usize>(v: u64) -> Constant<Bits<N>> {
            Constant::new(v.into())
        }
        Self {
            clock: Default::default(),
            rx_valid: Default::default(),
            rx_data: Default::default(),
            rx_error: Default::default(),
            tx_send: Default::default(),
            tx_data: Default::default(),
            tx_ready: Default::default(),
            in_valid: Default::default(),
            in_data: Default::default(),
            in_ready: Default::default(),
            cfg_valid: Default::default(),
            cfg_write: Default::default(),
            cfg_word: Default::default(),
            cfg_select: Default::default(),
            cfg_address: Default::default(),
            cfg_wdata: Default::default(),
            cfg_ready: Default::default(),
            cfg_rdata: Default::default(),
            cfg_rvalid: Default::default(),
            out_valid: Default::default(),
            out_class: Default::default(),
            busy: Default::default(),
            link_busy: Default::default(),
            error_seen: Default::default(),
            phase: Default::default(),
            opcode: Default::default(),
            stage: Default::default(),
            shift: Default::default(),
            select: Default::default(),
            address: Default::default(),
            count: Default::default(),
            reply_tag: Default::default(),
            tag_pending: Default::default(),
            reply_bytes: Default::default(),
            class_pending: Default::default(),
            class_q: Default::default(),
            errors: Default::default(),
            discard: Default::default(),
            error_seen_q: Default::default(),
            message: Default::default(),
            quiet: Default::default(),
            quiet_next: Default::default(),
            quiet_mask: crate::uart::count_mask(QUIET_BIT_TIMES * clocks_per_bit),
            new_errors: Default::default(),
            op_aer: Default::default(),
            op_config: Default::default(),
            byte_aer: Default::default(),
            byte_config: Default::default(),
            accepting: Default::default(),
            taken: Default::default(),
            sending_errors: Default::default(),
            sending_class: Default::default(),
            shifted_in: Default::default(),
            status_reply: Default::default(),
            quiet_limit: c((QUIET_BIT_TIMES * clocks_per_bit) as u64),
            version: Constant::new((u128::from(PROTOCOL_VERSION) << TOP_BYTE_AT).to_bits()),
            opcode_status: c(opcode::STATUS.into()),
            tag_element: c(tag::ELEMENT.into()),
            tag_burst: c(tag::BURST.into()),
            tag_status: c(tag::STATUS.into()),
            tag_class: c(tag::CLASS.into()),
            tag_error: c(tag::ERROR.into()),
            error_overrun: c(error::OVERRUN.into()),
            error_bad_command: c(error::BAD_COMMAND.into()),
            error_framing: c(error::FRAMING.into()),
            error_class_lost: c(error::CLASS_LOST.into()),
            aer_header: c(AER_HEADER as u64),
            config_header: c(CONFIG_HEADER as u64),
            word_bytes: c(WORD_BYTES as u64),
            element_bytes: c(2),
        }
    }
}

impl Logic for HostLink {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(
            self,
            clock,
            phase,
            opcode,
            stage,
            shift,
            select,
            address,
            count,
            reply_tag,
            tag_pending,
            reply_bytes,
            class_pending,
            class_q,
            errors,
            discard,
            error_seen_q,
            message,
            quiet
        );
        self.quiet_next.next = self.quiet.q.val();
        // Decoding: opcodes 0x04..=0x07 are AER words, 0x10..=0x13 configuration requests.
        self.op_aer.next = self.opcode.q.val().get_bits::<6>(2) == 1;
        self.op_config.next = self.opcode.q.val().get_bits::<6>(2) == 4;
        self.byte_aer.next = self.rx_data.val().get_bits::<6>(2) == 1;
        self.byte_config.next = self.rx_data.val().get_bits::<6>(2) == 4;
        self.shifted_in.next =
            (self.shift.q.val() << 8) | bit_cast::<LINK_WORD_BITS, 8>(self.rx_data.val());
        self.status_reply.next = self.version.val()
            | (bit_cast::<LINK_WORD_BITS, 1>(self.busy.val().into()) << BUSY_AT)
            | (bit_cast::<LINK_WORD_BITS, 1>(self.error_seen_q.q.val().into()) << ERROR_AT);
        self.accepting.next = (self.phase.q.val() == LinkPhase::Opcode)
            || (self.phase.q.val() == LinkPhase::Header)
            || (self.phase.q.val() == LinkPhase::Data)
            || (self.phase.q.val() == LinkPhase::Discard);
        // The core's pins, from registers.
        self.in_valid.next = (self.phase.q.val() == LinkPhase::Issue) && self.op_aer.val();
        self.in_data.next = bit_cast::<AER_BITS, 16>(self.shift.q.val().get_bits::<16>(0))
            | (bit_cast::<AER_BITS, 2>(self.opcode.q.val().get_bits::<2>(0)) << 16);
        self.cfg_valid.next = (self.phase.q.val() == LinkPhase::Issue) && self.op_config.val();
        self.cfg_write.next = !self.opcode.q.val().get_bit(0);
        self.cfg_word.next = self.opcode.q.val().get_bit(1);
        self.cfg_select.next = self.select.q.val();
        self.cfg_address.next = self.address.q.val();
        self.cfg_wdata.next = self.shift.q.val();
        self.taken.next = (self.in_valid.val() && self.in_ready.val())
            || (self.cfg_valid.val() && self.cfg_ready.val());
        self.link_busy.next = self.phase.q.val() != LinkPhase::Opcode;
        self.error_seen.next = self.error_seen_q.q.val();
        // Errors of this cycle.
        self.new_errors.next = 0.into();
        if self.rx_valid.val() && !self.accepting.val() {
            self.new_errors.next = self.error_overrun.val();
        }
        if self.rx_error.val() {
            self.new_errors.next = self.error_framing.val();
        }
        if (self.phase.q.val() == LinkPhase::Opcode)
            && self.rx_valid.val()
            && !self.discard.q.val()
            && !self.byte_aer.val()
            && !self.byte_config.val()
            && (self.rx_data.val() != self.opcode_status.val())
        {
            self.new_errors.next = self.error_bad_command.val();
        }
        // The class of every sample, sent as soon as the transmitter is free.
        if self.out_valid.val() {
            self.class_q.d.next = self.out_class.val();
            self.class_pending.d.next = true;
        }
        // The transmitter: an unprompted message's second byte, a reply, a new message.
        self.tx_send.next = false;
        self.tx_data.next = self.shift.q.val().get_bits::<8>(TOP_BYTE_AT);
        self.sending_errors.next = false;
        self.sending_class.next = false;
        if self.message.q.val() == 1 {
            self.tx_send.next = true;
            self.tx_data.next = self.errors.q.val();
            self.sending_errors.next = self.tx_ready.val();
        } else if self.message.q.val() == 2 {
            self.tx_send.next = true;
            self.tx_data.next = self.class_q.q.val();
            self.sending_class.next = self.tx_ready.val();
        } else if self.phase.q.val() == LinkPhase::Reply {
            if self.tag_pending.q.val() {
                self.tx_send.next = true;
                self.tx_data.next = self.reply_tag.q.val();
                if self.tx_ready.val() {
                    self.tag_pending.d.next = false;
                }
            } else if self.reply_bytes.q.val().any() {
                self.tx_send.next = true;
                if self.tx_ready.val() {
                    self.shift.d.next = self.shift.q.val() << 8;
                    self.reply_bytes.d.next = self.reply_bytes.q.val() - 1;
                }
            }
        } else if self.errors.q.val().any() {
            self.tx_send.next = true;
            self.tx_data.next = self.tag_error.val();
            if self.tx_ready.val() {
                self.message.d.next = 1.into();
            }
        } else if self.class_pending.q.val() {
            self.tx_send.next = true;
            self.tx_data.next = self.tag_class.val();
            if self.tx_ready.val() {
                self.message.d.next = 2.into();
            }
        }
        if self.sending_errors.val() {
            self.message.d.next = 0.into();
        }
        if self.sending_class.val() {
            self.message.d.next = 0.into();
            self.class_pending.d.next = self.out_valid.val();
        }
        if self.out_valid.val() && self.class_pending.q.val() && !self.sending_class.val() {
            self.new_errors.next = self.new_errors.val() | self.error_class_lost.val();
        }
        if self.new_errors.val().any() {
            self.error_seen_q.d.next = true;
        }
        // A lost class leaves the byte stream intact; the other errors end the command.
        if (self.new_errors.val() & !self.error_class_lost.val()).any() {
            self.discard.d.next = true;
        }
        self.errors.d.next = self.errors.q.val() | self.new_errors.val();
        if self.sending_errors.val() {
            self.errors.d.next = self.new_errors.val();
        }
        // The command sequencer.
        match self.phase.q.val() {
            LinkPhase::Opcode => {
                if self.discard.q.val() {
                    self.phase.d.next = LinkPhase::Discard;
                } else if self.rx_valid.val() {
                    self.opcode.d.next = self.rx_data.val();
                    if self.byte_aer.val() {
                        self.phase.d.next = LinkPhase::Header;
                        self.stage.d.next = self.aer_header.val();
                    }
                    if self.byte_config.val() {
                        self.phase.d.next = LinkPhase::Header;
                        self.stage.d.next = self.config_header.val();
                    }
                    if self.rx_data.val() == self.opcode_status.val() {
                        self.shift.d.next = self.status_reply.val();
                        self.reply_tag.d.next = self.tag_status.val();
                        self.tag_pending.d.next = true;
                        self.reply_bytes.d.next = self.element_bytes.val();
                        self.error_seen_q.d.next = false;
                        self.phase.d.next = LinkPhase::Reply;
                    }
                }
            }
            LinkPhase::Header => {
                if self.discard.q.val() {
                    self.phase.d.next = LinkPhase::Discard;
                } else if self.rx_valid.val() {
                    self.shift.d.next = self.shifted_in.val();
                    self.stage.d.next = self.stage.q.val() - 1;
                    if self.stage.q.val() == 1 {
                        self.phase.d.next = LinkPhase::Execute;
                    }
                }
            }
            LinkPhase::Execute => {
                // Header in `shift`: select at 47..40, address 39..16, data or count 15..0.
                self.select.d.next = self.shift.q.val().get_bits::<4>(40);
                self.address.d.next = self.shift.q.val().get_bits::<CFG_ADDRESS_BITS>(16);
                self.count.d.next = self.shift.q.val().get_bits::<16>(0);
                self.phase.d.next = LinkPhase::Issue;
                if self.op_config.val() && self.opcode.q.val().get_bit(1) {
                    if self.opcode.q.val().get_bit(0) {
                        self.reply_tag.d.next = self.tag_burst.val();
                        self.tag_pending.d.next = true;
                        self.reply_bytes.d.next = 0.into();
                        self.phase.d.next = LinkPhase::Reply;
                    } else {
                        self.stage.d.next = self.word_bytes.val();
                        self.phase.d.next = LinkPhase::Data;
                        if !self.shift.q.val().get_bits::<16>(0).any() {
                            self.phase.d.next = LinkPhase::Opcode;
                        }
                    }
                }
            }
            LinkPhase::Data => {
                if self.discard.q.val() {
                    self.phase.d.next = LinkPhase::Discard;
                } else if self.rx_valid.val() {
                    self.shift.d.next = self.shifted_in.val();
                    self.stage.d.next = self.stage.q.val() - 1;
                    if self.stage.q.val() == 1 {
                        self.phase.d.next = LinkPhase::Issue;
                    }
                }
            }
            LinkPhase::Issue => {
                if self.taken.val() {
                    self.phase.d.next = LinkPhase::Opcode;
                    if self.op_config.val() && self.opcode.q.val().get_bit(0) {
                        self.phase.d.next = LinkPhase::ReadWait;
                    }
                    if self.op_config.val() && self.opcode.q.val().get_bit(1) {
                        self.address.d.next = self.address.q.val() + 1;
                        self.count.d.next = self.count.q.val() - 1;
                        if !self.opcode.q.val().get_bit(0) && (self.count.q.val() != 1) {
                            self.stage.d.next = self.word_bytes.val();
                            self.phase.d.next = LinkPhase::Data;
                        }
                    }
                }
            }
            LinkPhase::ReadWait => {
                if self.cfg_rvalid.val() {
                    self.phase.d.next = LinkPhase::Reply;
                    if self.opcode.q.val().get_bit(1) {
                        self.shift.d.next = self.cfg_rdata.val();
                        self.reply_bytes.d.next = self.word_bytes.val();
                    } else {
                        self.shift.d.next = self.cfg_rdata.val() << REPLY_AT;
                        self.reply_tag.d.next = self.tag_element.val();
                        self.tag_pending.d.next = true;
                        self.reply_bytes.d.next = self.element_bytes.val();
                    }
                }
            }
            LinkPhase::Reply => {
                if !self.tag_pending.q.val() && !self.reply_bytes.q.val().any() {
                    self.phase.d.next = LinkPhase::Opcode;
                    if self.op_config.val()
                        && (self.opcode.q.val().get_bits::<2>(0) == 3)
                        && self.count.q.val().any()
                    {
                        self.phase.d.next = LinkPhase::Issue;
                    }
                }
            }
            LinkPhase::Discard => {
                self.discard.d.next = false;
                self.quiet_next.next = self.quiet.q.val() + 1;
                if self.rx_valid.val() || self.rx_error.val() {
                    self.quiet_next.next = 0.into();
                }
                if self.quiet.q.val() == self.quiet_limit.val() {
                    self.quiet_next.next = 0.into();
                    self.phase.d.next = LinkPhase::Opcode;
                }
            }
        }
        self.quiet.d.next = self.quiet_next.val() & self.quiet_mask.val();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testbench::Bench;
    use std::collections::BTreeMap;

    const CPB: usize = 4;
    /// Cycles of one byte on the line.
    const BYTE: usize = 10 * CPB;
    /// The model core's cycles from a taken request to `cfg_rvalid`: element, word.
    const LATENCY: [usize; 2] = [21, 3];

    /// What the model core was asked: (write, word, select, address, data).
    type Request = (bool, bool, u64, u64, u64);

    /// The link between a byte-level host and a model core: the core answers configuration
    /// requests from a memory after a fixed latency, with `cfg_ready` every other idle cycle
    /// as the real one; the transmitter is busy for a byte time after each byte.
    struct Rig {
        b: Bench<HostLink>,
        memory: BTreeMap<(bool, u64, u64), u64>,
        /// Cycles left of the request in progress, and its read data.
        core_busy: usize,
        read: Option<u64>,
        toggle: bool,
        in_ready: bool,
        out_class: Option<u8>,
        aer: Vec<u64>,
        requests: Vec<Request>,
        tx: Vec<u8>,
        tx_busy: usize,
    }

    impl Rig {
        fn new() -> Self {
            Self {
                b: Bench::new(HostLink::new(CPB), |x| &mut x.clock),
                memory: BTreeMap::new(),
                core_busy: 0,
                read: None,
                toggle: false,
                in_ready: true,
                out_class: None,
                aer: vec![],
                requests: vec![],
                tx: vec![],
                tx_busy: 0,
            }
        }

        /// One cycle, with a received byte (`Some(Ok)`), a framing error (`Some(Err)`) or not.
        fn cycle(&mut self, rx: Option<Result<u8, ()>>) {
            let u = &mut self.b.uut;
            u.rx_valid.next = matches!(rx, Some(Ok(_)));
            u.rx_error.next = matches!(rx, Some(Err(())));
            u.rx_data.next = u64::from(rx.and_then(|r| r.ok()).unwrap_or(0)).into();
            u.tx_ready.next = self.tx_busy == 0;
            u.in_ready.next = self.in_ready;
            let idle = self.core_busy == 0;
            u.cfg_ready.next = idle && self.toggle;
            u.cfg_rvalid.next = idle && self.read.is_some();
            u.cfg_rdata.next = self.read.unwrap_or(0).into();
            u.out_valid.next = self.out_class.is_some();
            u.out_class.next = u64::from(self.out_class.take().unwrap_or(0)).into();
            u.busy.next = false;
            self.b.settle();
            let u = &self.b.uut;
            if u.cfg_rvalid.val() {
                self.read = None;
            }
            if u.in_valid.val() && u.in_ready.val() {
                self.aer.push(u.in_data.val().index() as u64);
            }
            if u.cfg_valid.val() && u.cfg_ready.val() {
                let r: Request = (
                    u.cfg_write.val(),
                    u.cfg_word.val(),
                    u.cfg_select.val().index() as u64,
                    u.cfg_address.val().index() as u64,
                    u.cfg_wdata.val().to_u64(),
                );
                // What the core uses of `cfg_wdata`: a write's word, or its bits 15..0.
                let data = match (r.0, r.1) {
                    (true, true) => r.4,
                    (true, false) => r.4 & 0xFFFF,
                    _ => 0,
                };
                let (r, key) = ((r.0, r.1, r.2, r.3, data), (r.1, r.2, r.3));
                if r.0 {
                    self.memory.insert(key, data);
                } else {
                    self.read = Some(*self.memory.get(&key).unwrap_or(&0));
                }
                self.core_busy = LATENCY[usize::from(r.1)];
                self.requests.push(r);
            }
            if u.tx_send.val() && u.tx_ready.val() {
                self.tx.push(u.tx_data.val().index() as u8);
                self.tx_busy = BYTE;
            }
            self.toggle = idle && !self.toggle;
            self.core_busy = self.core_busy.saturating_sub(1);
            self.tx_busy = self.tx_busy.saturating_sub(1);
            self.b.tick();
        }

        fn idle(&mut self, cycles: usize) {
            for _ in 0..cycles {
                self.cycle(None);
            }
        }

        /// Bytes at the line rate, as the receiver delivers them.
        fn send(&mut self, bytes: &[u8]) {
            for &byte in bytes {
                self.cycle(Some(Ok(byte)));
                self.idle(BYTE - 1);
            }
        }

        /// The bytes sent to the host since the last call, after `cycles` more cycles.
        fn replies(&mut self, cycles: usize) -> Vec<u8> {
            self.idle(cycles);
            std::mem::take(&mut self.tx)
        }
    }

    const W0: u64 = 0x0123_4567_89AB_CDEF;
    const W1: u64 = 0xFEDC_BA98_7654_3210;

    #[test]
    fn every_command_reaches_the_core_and_its_reply_the_host() {
        let mut r = Rig::new();
        r.send(&[0x05, 0x1B, 0x03, 0x06, 0x00, 0x09]);
        assert_eq!(r.aer, [0x1_1B03, 0x2_0009]);
        r.send(&[0x10, 0x01, 0x00, 0x12, 0x34, 0xFF, 0xFE]);
        r.send(&[0x11, 0x01, 0x00, 0x12, 0x34, 0x00, 0x00]);
        assert_eq!(r.replies(3 * BYTE), [tag::ELEMENT, 0xFF, 0xFE]);
        let mut burst = vec![0x12, 0x02, 0x01, 0x00, 0x05, 0x00, 0x02];
        burst.extend(W0.to_be_bytes());
        burst.extend(W1.to_be_bytes());
        r.send(&burst);
        r.send(&[0x13, 0x02, 0x01, 0x00, 0x05, 0x00, 0x02]);
        let mut expected = vec![tag::BURST];
        expected.extend(W0.to_be_bytes());
        expected.extend(W1.to_be_bytes());
        assert_eq!(r.replies(20 * BYTE), expected);
        assert_eq!(
            r.requests,
            [
                (true, false, 1, 0x1234, 0xFFFE),
                (false, false, 1, 0x1234, 0),
                (true, true, 2, 0x1_0005, W0),
                (true, true, 2, 0x1_0006, W1),
                (false, true, 2, 0x1_0005, 0),
                (false, true, 2, 0x1_0006, 0),
            ]
        );
        r.send(&[opcode::STATUS]);
        assert_eq!(r.replies(3 * BYTE), [tag::STATUS, PROTOCOL_VERSION, 0]);
        r.out_class = Some(7);
        assert_eq!(r.replies(3 * BYTE), [tag::CLASS, 7]);
        // A burst of no words does nothing; its read replies the tag alone.
        r.send(&[0x12, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
        r.send(&[0x13, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
        assert_eq!(r.replies(2 * BYTE), [tag::BURST]);
        assert_eq!(r.requests.len(), 6);
        assert!(!r.b.uut.error_seen.val());
    }

    #[test]
    fn a_byte_while_a_word_waits_for_the_core_is_an_overrun_then_the_link_resyncs() {
        let mut r = Rig::new();
        r.in_ready = false;
        r.send(&[0x04, 0x02, 0x01, opcode::STATUS]);
        assert_eq!(r.replies(3 * BYTE), [tag::ERROR, error::OVERRUN]);
        assert!(r.b.uut.error_seen.val() && r.aer.is_empty());
        r.in_ready = true;
        r.idle(2);
        assert_eq!(r.aer, [0x0201], "the word in hand is still delivered");
        // Discarding: a byte before the line has been quiet is dropped and restarts the wait.
        r.idle(QUIET_BIT_TIMES * CPB - 100);
        r.send(&[opcode::STATUS]);
        assert!(r.replies(QUIET_BIT_TIMES * CPB - 100).is_empty());
        r.idle(100);
        r.send(&[opcode::STATUS]);
        assert_eq!(
            r.replies(3 * BYTE),
            [tag::STATUS, PROTOCOL_VERSION, status::ERROR_SEEN]
        );
        r.send(&[opcode::STATUS]);
        assert_eq!(r.replies(3 * BYTE), [tag::STATUS, PROTOCOL_VERSION, 0]);
    }

    #[test]
    fn a_bad_opcode_a_framing_error_and_a_lost_class_are_reported() {
        let mut r = Rig::new();
        r.send(&[0x99]);
        assert_eq!(r.replies(3 * BYTE), [tag::ERROR, error::BAD_COMMAND]);
        r.idle(QUIET_BIT_TIMES * CPB + 2);
        r.send(&[0x10, 0x00]);
        r.cycle(Some(Err(())));
        assert_eq!(r.replies(3 * BYTE), [tag::ERROR, error::FRAMING]);
        assert!(r.requests.is_empty(), "the broken command is dropped");
        r.idle(QUIET_BIT_TIMES * CPB + 2);
        // A second class before the first is sent: the host gets the second, and the error.
        r.out_class = Some(3);
        r.idle(2);
        r.out_class = Some(5);
        assert_eq!(
            r.replies(5 * BYTE),
            [tag::CLASS, 5, tag::ERROR, error::CLASS_LOST]
        );
        // A lost class does not break the byte stream: the next command is served.
        r.send(&[opcode::STATUS]);
        assert_eq!(
            r.replies(3 * BYTE),
            [tag::STATUS, PROTOCOL_VERSION, status::ERROR_SEEN]
        );
    }
}
