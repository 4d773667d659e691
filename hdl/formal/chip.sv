// Formal properties of the top's handshakes, `Spoon` of hdl/src/chip.rs (module `spoon` of the
// emitted Verilog). Proved by hdl/tests/formal.rs with SymbiYosys (chip.sby).
//
// The proof runs on the top with its real control FSM, pin registers, AER FIFO and
// configuration port, but with the convolution engine (`spoon$conv`) and the FC engine
// (`spoon$fc`) cut out (Yosys `cutpoint`): every output of theirs is free in every cycle,
// which covers any behaviour of the real engines, except that the FC engine is assumed to
// finish: its `busy` is high only in the `fc_cycles` cycles after a `start` or `start_clear`
// (`fc_cycles` is any constant: the bound is proved for every value; docs/RTL.md gives `T_fc`
// of the real engine). `reset` is assumed low (power-up is the reset state: every register
// starts at 0, phase `Idle`). `chip_props` is bound into `spoon` (the test splices it in).
//
// bind spoon chip_props #(.READ_LATENCY(`SPOON_CFG_READ_LATENCY),
//     .WORD_READ_LATENCY(`SPOON_CFG_WORD_READ_LATENCY)) props (
//     .clock(clock), .reset(reset), .pin_reset(pin_reset$q), .in_valid(in_valid),
//     .in_ready(in_ready), .fifo_in_valid(fifo$in_valid), .fifo_in_ready(fifo$in_ready),
//     .fifo_out_data(fifo$out_data), .cfg_valid(cfg_valid), .cfg_ready(cfg_ready),
//     .cfg_write(cfg_write), .cfg_word(cfg_word), .cfg_rvalid(cfg_rvalid),
//     .out_valid(out_valid), .phase(phase$q), .fc_start(fc$start),
//     .fc_start_clear(fc$start_clear), .fc_busy(fc$busy));
//
// An invariant of the configuration port (hdl/src/config_port.rs) that the induction needs:
// bind spoon$cfg_port chip_config_port_props #(.DIVIDE_STEPS(divide_steps)) props (
//     .divide(divide), .steps(steps$q));

module chip_config_port_props #(parameter DIVIDE_STEPS = 17) (input divide, input [31:0] steps);
    // divider_steps: while the FSM divides, the divider's step count is one it loaded or
    // counted down to, so a division ends within DIVIDE_STEPS cycles.
    always @(*) if (divide) divider_steps: assert (steps >= 1 && steps <= DIVIDE_STEPS);
endmodule

module chip_props #(parameter READ_LATENCY = 21, parameter WORD_READ_LATENCY = 3) (
    input clock, input reset, input pin_reset, input in_valid, input in_ready,
    input fifo_in_valid, input fifo_in_ready, input [17:0] fifo_out_data, input cfg_valid,
    input cfg_ready, input cfg_write, input cfg_word, input cfg_rvalid, input out_valid,
    input [3:0] phase, input fc_start, input fc_start_clear, input fc_busy
);
    localparam IDLE = 0, FETCH = 3, DECODE = 4, FC_START = 7, FC_WAIT = 8, FINISH = 9;
    localparam CFG_DIVIDE = 10, CFG_ISSUE = 11, CFG_DATA = 12, CFG_WRITE = 13;
    (* anyconst *) reg [7:0] fc_cycles;

    // The FC engine's contract: busy only in the `fc_cycles` cycles after it was started.
    reg fc_active = 0;
    reg [8:0] fc_age = 0;
    always @(posedge clock) begin
        if (fc_start || fc_start_clear) begin
            fc_active <= 1;
            fc_age <= 0;
        end else if (!fc_busy) fc_active <= 0;
        else fc_age <= fc_age + 1;
    end
    always @(*) begin
        assume (!reset);
        if (fc_busy) assume (fc_active && fc_age < fc_cycles);
    end

    // Monitors: the words and requests taken at the pins, the end-of-sample word decoded.
    reg word_taken = 0, prev_fifo_ready = 0;
    reg [READ_LATENCY:0] element_read = 0, element_write = 0;
    reg [WORD_READ_LATENCY:0] word_read = 0;
    reg word_write = 0;
    reg eos_wait = 0;
    reg [9:0] eos_age = 0;
    wire taken = cfg_valid && cfg_ready;
    wire eos_decoded = phase == DECODE && fifo_out_data[17];
    always @(posedge clock) begin
        word_taken <= in_valid && in_ready;
        prev_fifo_ready <= fifo_in_ready;
        element_read <= {element_read[READ_LATENCY-1:0], taken && !cfg_word && !cfg_write};
        element_write <= {element_write[READ_LATENCY-1:0], taken && !cfg_word && cfg_write};
        word_read <= {word_read[WORD_READ_LATENCY-1:0], taken && cfg_word && !cfg_write};
        word_write <= taken && cfg_word && cfg_write;
        if (eos_decoded) begin
            eos_wait <= 1;
            eos_age <= 0;
        end else if (out_valid) eos_wait <= 0;
        else eos_age <= eos_age + 1;
    end
    wire request_pending = |element_read[READ_LATENCY-2:0] || |element_write[READ_LATENCY-1:0]
        || |word_read[WORD_READ_LATENCY-2:0] || word_write;

    always @(*) begin
        // phase_valid: the control FSM is always in one of its 14 phases.
        phase_valid: assert (phase <= CFG_WRITE);
        // aer_word_reaches_fifo: a word taken at the pins is offered to the FIFO in the next
        // cycle (the FIFO proof, event.sv, shows it is then written).
        if (word_taken) aer_word_reaches_fifo: assert (fifo_in_valid);
        // fifo_contract: the FIFO gets a word only in the cycle after it showed `in_ready`
        // (what event.sv assumes).
        if (fifo_in_valid) fifo_contract: assert (prev_fifo_ready);
        // cfg_read_answered: a read taken at the pins is answered by `cfg_rvalid` exactly
        // READ_LATENCY (element) or WORD_READ_LATENCY (word) cycles later, and `cfg_rvalid` is
        // never high otherwise.
        cfg_read_answered: assert (cfg_rvalid == (element_read[READ_LATENCY - 1]
                                                   || word_read[WORD_READ_LATENCY - 1]));
        // cfg_write_answered: a write taken at the pins is done one cycle after a read would be
        // answered (element: the FSM is back in `Idle` after `CfgWrite`; a word write never
        // leaves it).
        if (element_write[READ_LATENCY] || element_read[READ_LATENCY - 1] || word_write)
            cfg_write_answered: assert (phase == IDLE);
        // cfg_one_at_a_time: no request is taken while one is being served, and the port is
        // ready again after a request (element read: its READ_LATENCY cycles, element write:
        // one more, word write: 2).
        if (request_pending) cfg_one_at_a_time: assert (!cfg_ready);
        // out_valid_bounded: after an end-of-sample word is decoded, `out_valid` comes within
        // fc_cycles + 3 cycles (FcStart, the FC engine's cycles, the cycle seeing it idle,
        // Finish), and never without one.
        if (eos_wait) out_valid_bounded: assert (eos_age <= fc_cycles + 2);
        if (out_valid) out_valid_after_eos: assert (eos_wait);
        // Invariants that make the induction close (also proved).
        if (eos_wait) eos_phase: assert (phase == FC_START || phase == FC_WAIT || phase == FINISH);
        if (eos_wait && phase == FC_START) eos_start: assert (eos_age == 0);
        if (eos_wait && phase != FC_START) eos_active: assert (fc_active || !fc_busy);
        if (eos_wait && phase == FC_WAIT && fc_active) eos_fc_age: assert (fc_age + 1 == eos_age);
        if (phase == FC_WAIT || phase == FINISH || phase == FC_START) in_sample: assert (eos_wait);
    end
endmodule
