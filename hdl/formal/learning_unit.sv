// Formal properties of the DRTP update lane, `UpdateLane` of hdl/src/learning_unit.rs (modules
// `spoon$fc$updates$0` … `$7` of the emitted Verilog, one per FC lane; the lanes differ only in
// their place in the weight word). Proved by hdl/tests/formal.rs with SymbiYosys
// (learning_unit.sby) for the default config (8-bit weights) and a config with 5-bit weights.
//
// `learning_unit_props` is bound into every lane (the test splices the instance into each module
// matching the pattern); `learning_unit_formal` drives the 8 lanes with free inputs. The lane is
// combinational, so the proof is over every input at once. Assumed, as the FC engine
// (hdl/src/fc.rs) guarantees: the old weight lies in the range of `fc.weight_bits` (the host
// writes weights in range, and this proof shows every write-back stays there: by induction over
// the updates, every stored weight does); `d ∈ {−1, 0, +1}`; `0 ≤ q < 2^7` and
// `rounded_negated = −q`; the product `|p| ≤ 2^14`; the shift `s ≤ 16` and `r < 2^s`.
//
// bind spoon$fc$updates$* learning_unit_props #(.LO(lo), .HI(hi), .OFFSET(offset)) props (
//     .weight(weight), .output_layer(output_layer), .modulation(modulation),
//     .rounded(rounded), .rounded_negated(rounded_negated), .product(product), .round(round),
//     .shift(shift), .new_weight(new_weight), .placed(placed));

module learning_unit_props #(parameter [9:0] LO = 0, parameter [9:0] HI = 0,
                             parameter [7:0] OFFSET = 0) (
    input [7:0] weight, input output_layer, input [1:0] modulation, input [7:0] rounded,
    input [9:0] rounded_negated, input [15:0] product, input [15:0] round, input [4:0] shift,
    input [7:0] new_weight, input [63:0] placed
);
    wire signed [31:0] lo = $signed(LO), hi = $signed(HI);
    wire signed [31:0] w = $signed(weight);
    wire signed [31:0] p = $signed(product);
    wire signed [31:0] q = {24'b0, rounded};
    // The exact update (golden learning_unit.rs): hidden `−d·q`, output `⌊(p + r) / 2^s⌋`.
    wire signed [31:0] delta = output_layer ? ((p + $signed({16'b0, round})) >>> shift)
                                : (modulation == 2'b01 ? -q : (modulation == 2'b11 ? q : 0));
    wire signed [31:0] sum = w + delta;
    wire signed [31:0] expected = sum < lo ? lo : (sum > hi ? hi : sum);
    wire signed [31:0] got = $signed(new_weight);
    always @(*) begin
        assume (w >= lo && w <= hi);
        assume (modulation != 2'b10);
        assume (rounded < 8'd128 && $signed(rounded_negated) == -$signed({2'b0, rounded}));
        assume (p >= -16384 && p <= 16384);
        assume (shift <= 5'd16 && {16'b0, round} < (32'd1 << shift));
        // weight_in_range: the written-back weight lies in the range of `fc.weight_bits`.
        weight_in_range: assert (got >= lo && got <= hi);
        // update_exact: it is the saturated exact update, as golden computes it.
        update_exact: assert (got == expected);
        // update_placed: the lane's weight at its place in the word, zeros elsewhere.
        update_placed: assert (placed == ({56'b0, new_weight} << OFFSET));
    end
endmodule

module learning_unit_formal (
    input [7:0] weight, input output_layer, input [1:0] modulation, input [7:0] rounded,
    input [9:0] rounded_negated, input [15:0] product, input [15:0] round, input [4:0] shift
);
    wire [63:0] placed0, placed1, placed2, placed3, placed4, placed5, placed6, placed7;
    spoon$fc$updates$0 lane0 (.weight(weight), .output_layer(output_layer), .modulation(modulation), .rounded(rounded), .rounded_negated(rounded_negated), .product(product), .round(round), .shift(shift), .placed(placed0));
    spoon$fc$updates$1 lane1 (.weight(weight), .output_layer(output_layer), .modulation(modulation), .rounded(rounded), .rounded_negated(rounded_negated), .product(product), .round(round), .shift(shift), .placed(placed1));
    spoon$fc$updates$2 lane2 (.weight(weight), .output_layer(output_layer), .modulation(modulation), .rounded(rounded), .rounded_negated(rounded_negated), .product(product), .round(round), .shift(shift), .placed(placed2));
    spoon$fc$updates$3 lane3 (.weight(weight), .output_layer(output_layer), .modulation(modulation), .rounded(rounded), .rounded_negated(rounded_negated), .product(product), .round(round), .shift(shift), .placed(placed3));
    spoon$fc$updates$4 lane4 (.weight(weight), .output_layer(output_layer), .modulation(modulation), .rounded(rounded), .rounded_negated(rounded_negated), .product(product), .round(round), .shift(shift), .placed(placed4));
    spoon$fc$updates$5 lane5 (.weight(weight), .output_layer(output_layer), .modulation(modulation), .rounded(rounded), .rounded_negated(rounded_negated), .product(product), .round(round), .shift(shift), .placed(placed5));
    spoon$fc$updates$6 lane6 (.weight(weight), .output_layer(output_layer), .modulation(modulation), .rounded(rounded), .rounded_negated(rounded_negated), .product(product), .round(round), .shift(shift), .placed(placed6));
    spoon$fc$updates$7 lane7 (.weight(weight), .output_layer(output_layer), .modulation(modulation), .rounded(rounded), .rounded_negated(rounded_negated), .product(product), .round(round), .shift(shift), .placed(placed7));
endmodule
