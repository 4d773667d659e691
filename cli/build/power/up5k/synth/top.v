// Board wrapper (spoon-synth fills its fields from the board file): the clock from the
// oscillator (through the PLL when the sign-off clock differs from it), the board top
// `spoon_board` (host link + processor, hdl/src/board.rs), the LEDs with their polarity, and
// the pins a board needs held high.
module board_top (
    input  wire oscillator,
    input  wire uart_rx,
    output wire uart_tx,
    output wire [6:0] led
);
    wire clock;
    pll pll (.clock_in(oscillator), .clock_out(clock), .locked());
    wire [7:0] leds;
    spoon_board core (
        .clock(clock),
        .uart_rx(uart_rx),
        .uart_tx(uart_tx),
        .leds(leds)
    );
    assign led = leds[6:0] ^ 7'b1100000;
endmodule
