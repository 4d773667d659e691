// Formal properties of the AER FIFO, `EventFifo` of hdl/src/event.rs (module `spoon$fifo` of
// the emitted Verilog). Proved by hdl/tests/formal.rs with SymbiYosys (event.sby).
//
// `event_props` is bound into `spoon$fifo` (the `// bind` directive below: the test splices the
// instance into the module before `endmodule`, as SystemVerilog's `bind` would), so it sees the
// block's registers. `event_formal` drives the FIFO with any inputs that keep its contract with
// the top (hdl/src/chip.rs): a word arrives on `in_valid` only in the cycle after the FIFO
// showed `in_ready` (the top's `fifo.in_valid = pin_in_valid && in_shown`, `in_shown` =
// `in_ready` of the previous cycle; hdl/formal/chip.sv proves the top keeps it). `pop` and
// `reset` are free: the FIFO must guard against a pop when empty on its own.
//
// bind spoon$fifo event_props #(.DEPTH(depth), .READY_LIMIT(ready_limit)) props (
//     .clock(clock), .reset(reset), .in_valid(in_valid), .in_ready(in_ready), .pop(pop),
//     .empty(empty), .push(push), .take(take), .held(held$q), .read_pointer(read_pointer$q),
//     .write_pointer(write_pointer$q));

module event_props #(parameter DEPTH = 16, parameter READY_LIMIT = 14) (
    input clock, input reset, input in_valid, input in_ready, input pop, input empty,
    input push, input take, input [31:0] held, input [31:0] read_pointer,
    input [31:0] write_pointer
);
    always @(*) begin
        // fifo_never_overflows: never more than DEPTH words held.
        fifo_never_overflows: assert (held <= DEPTH);
        // fifo_never_drops: a word that arrives (not under reset) is written.
        if (in_valid && !reset) fifo_never_drops: assert (push);
        // fifo_never_underflows: a word is only taken while one is held.
        if (take) fifo_never_underflows: assert (held != 0);
        // fifo_empty_flag: `empty` (registered) says exactly whether a word is held.
        fifo_empty_flag: assert (empty == (held == 0));
        // fifo_ready_flag: `in_ready` (registered) is high exactly while two words are free.
        fifo_ready_flag: assert (in_ready == (held <= READY_LIMIT));
        // fifo_pointers: the pointers are `held` apart (mod DEPTH), so a push writes a free slot
        // and a pop reads the oldest word.
        fifo_pointers: assert (((write_pointer - read_pointer) & (DEPTH - 1)) == (held & (DEPTH - 1)));
    end
endmodule

module event_formal (
    input clock, input reset, input in_valid, input [17:0] in_data, input pop
);
    wire in_ready, empty;
    wire [17:0] out_data;
    // The FIFO showed `in_ready` in the previous cycle (power-up: the FIFO is empty and ready).
    reg shown = 1'b1;
    always @(posedge clock) shown <= in_ready;
    always @(*) assume (!in_valid || shown);
    spoon$fifo fifo (
        .clock(clock), .reset(reset), .in_valid(in_valid), .in_data(in_data),
        .in_ready(in_ready), .pop(pop), .empty(empty), .out_data(out_data)
    );
`ifdef EVENT_DATA
    // The data task (bounded): the word that arrives `n`-th after a reset, for any `n`, is the
    // `n`-th word popped, unchanged (a word taken at the pins is neither lost, reordered nor
    // altered: the RAM's contents are not part of the inductive properties above).
    (* anyconst *) reg [7:0] n;
    reg [7:0] pushed = 0, popped = 0;
    reg armed = 0, check = 0;
    reg [17:0] word = 0;
    always @(posedge clock) begin
        check <= 0;
        if (reset) begin
            pushed <= 0;
            popped <= 0;
            armed <= 0;
        end else begin
            if (in_valid) begin
                pushed <= pushed + 1;
                if (pushed == n) begin
                    armed <= 1;
                    word <= in_data;
                end
            end
            if (pop && !empty) begin
                popped <= popped + 1;
                check <= popped == n && armed;
            end
        end
    end
    always @(*) if (check) fifo_data_in_order: assert (out_data == word);
`endif
endmodule
